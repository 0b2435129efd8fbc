"""WSGI entry point for gunicorn or granian: ``gunicorn jobcenter.config.wsgi:application``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobcenter.config.settings")
application = get_wsgi_application()

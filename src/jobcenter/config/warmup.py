"""What a web server process loads once, at its start, rather than on a citizen's request.

Django loads the URL configuration lazily, on the first request a process serves: importing
every app's views and what they import (pysaml2 among them) cost 1.5–2.5 s of CPU, the template
engines (every tag library) and the message catalogues some 50–100 ms more. Without this, each
freshly started gunicorn worker (at start, after a crash, after ``--max-requests``, after
``systemctl reload``) makes one citizen wait that long and competes with its siblings for the
cores meanwhile. gunicorn's ``post_worker_init`` hook (config/gunicorn.py) calls ``warm_up()``
in every worker after it has loaded the application and before it accepts a connection.

In each worker, not once in gunicorn's master before the fork (``--preload``): nothing made
before a fork is then shared by the workers (database connections, prometheus_client's
multiprocess files, library threads), and a reload still loads new code. Nothing here opens a
database connection: each worker opens its own on its first request.
"""

from __future__ import annotations

from django.conf import settings
from django.template import engines
from django.template.backends.django import DjangoTemplates
from django.template.loader import get_template
from django.urls import get_resolver
from django.utils import formats, translation

# The page frame every citizen page extends, compiled (and kept by the cached template loader).
FRAME_TEMPLATE = "base.html"


def warm_up() -> None:
    load_url_configuration()
    load_translations()
    load_templates()


def load_url_configuration() -> None:
    """Import the URLconf with every view module, and build the reverse lookup (``reverse()``
    and ``{% url %}`` on the first page)."""
    resolver = get_resolver()
    resolver.url_patterns  # noqa: B018  (the property imports the URL modules)
    with translation.override(settings.LANGUAGE_CODE):
        resolver.reverse_dict  # noqa: B018  (built once per language)


def load_translations() -> None:
    """Read the message catalogues of every offered language (each is read on its first use)."""
    for code, _name in settings.LANGUAGES:
        with translation.override(code):  # activating a language reads its catalogues
            formats.get_format_modules(code)


def load_templates() -> None:
    """Build the template engines (every tag library, the context processors, the loaders) and
    compile the page frame."""
    for engine in engines.all():
        if isinstance(engine, DjangoTemplates):
            engine.engine.template_context_processors  # noqa: B018  (imports them)
            engine.engine.template_loaders  # noqa: B018
    get_template(FRAME_TEMPLATE)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    name = "jobcenter.retention"
    verbose_name = _("Aufbewahrung und Löschung")

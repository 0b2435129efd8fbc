from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "jobcenter.intake"
    verbose_name = _("Eingang")

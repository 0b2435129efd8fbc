from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FormsConfig(AppConfig):
    name = "jobcenter.forms"
    label = "formengine"  # "forms" would read like django.forms
    verbose_name = _("Formulare")

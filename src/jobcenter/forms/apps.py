from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FormsConfig(AppConfig):
    name = "jobcenter.forms"
    label = "formengine"  # "forms" would read like django.forms
    verbose_name = _("Formulare")

    def ready(self) -> None:
        # Importing the definitions registers every form version (old ones too: stored answers
        # render with the version they were given to).
        from jobcenter.forms import definitions  # noqa: F401

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from jobcenter.intake.signals import submission_created, submission_numbered


class CaseworkConfig(AppConfig):
    name = "jobcenter.casework"
    verbose_name = _("Sachbearbeitung")

    def ready(self) -> None:
        # Imported here, not at the top: the receivers import models, which exist only once the
        # apps are loaded.
        from jobcenter.casework import receivers

        submission_created.connect(receivers.open_case, dispatch_uid="casework.open_case")
        submission_numbered.connect(
            receivers.take_reference, dispatch_uid="casework.take_reference"
        )

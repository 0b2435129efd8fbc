from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "jobcenter.casework"
    verbose_name = _("Sachbearbeitung")

    def ready(self) -> None:
        # Every submission opens a case in the same transaction.
        from jobcenter.casework.services import case_open_for_submission
        from jobcenter.intake.services import register_submission_hook

        register_submission_hook(case_open_for_submission)

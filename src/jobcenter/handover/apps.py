from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from jobcenter.casework import signals as casework
from jobcenter.documents.signals import upload_ready
from jobcenter.intake.signals import submission_handover_due
from jobcenter.mailbox.signals import case_mailbox_changed


class HandoverConfig(AppConfig):
    name = "jobcenter.handover"
    verbose_name = _("Übergabe")

    def ready(self) -> None:
        # Imported here, not at the top: these modules import models, which exist only once the
        # apps are loaded.
        from jobcenter.handover import (
            jobs,  # noqa: F401  (its tasks register with the runner)
            receivers,
        )

        casework.case_panels_wanted.connect(receivers.case_panel, dispatch_uid="handover.panel")
        casework.case_transitioned.connect(
            receivers.case_transitioned, dispatch_uid="handover.transition"
        )
        upload_ready.connect(receivers.upload_ready, dispatch_uid="handover.upload_ready")
        submission_handover_due.connect(
            receivers.submission_handover_due, dispatch_uid="handover.on_arrival"
        )
        case_mailbox_changed.connect(
            receivers.case_mailbox_changed, dispatch_uid="handover.mailbox_changed"
        )

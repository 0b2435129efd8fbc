from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from jobcenter.casework import signals as casework
from jobcenter.core.citizen_services import CitizenService, register
from jobcenter.intake.signals import submission_created
from jobcenter.receipts.signals import documents_wanted


class DocumentsConfig(AppConfig):
    name = "jobcenter.documents"
    verbose_name = _("Unterlagen")

    def ready(self) -> None:
        # Imported here, not at the top: these modules import models, which exist only once the
        # apps are loaded.
        from jobcenter.documents import (
            jobs,  # noqa: F401  (its task registers with the runner)
            receivers,
        )

        # Documents uploaded while filling in a form go with the submission.
        submission_created.connect(receivers.take_draft_uploads, dispatch_uid="documents.uploads")
        # The back office: the documents on the case page, uploads against a document request,
        # documents follow a forwarded application.
        casework.case_panels_wanted.connect(receivers.case_panel, dispatch_uid="documents.panel")
        casework.upload_url_wanted.connect(receivers.upload_url, dispatch_uid="documents.upload")
        casework.case_forwarded.connect(receivers.follow_forwarding, dispatch_uid="documents.fwd")
        # The receipt's checklist: what arrived, what is still missing.
        documents_wanted.connect(receivers.receipt_checklist, dispatch_uid="documents.receipt")
        casework.case_documents_wanted.connect(
            receivers.case_documents, dispatch_uid="documents.case_documents"
        )

        register(
            CitizenService(
                key="unterlagen",
                title=_("Unterlagen nachreichen"),
                description=_(
                    "Nachweise zu einem gesendeten Antrag hochladen – auch als Foto "
                    "mit dem Smartphone."
                ),
                url_name="documents:start",
                position=30,
            )
        )

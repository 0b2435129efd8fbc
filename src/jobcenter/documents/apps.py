from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "jobcenter.documents"
    verbose_name = _("Unterlagen")

    def ready(self) -> None:
        from jobcenter.documents import signals  # noqa: F401  (storage clean-up on delete)
        from jobcenter.documents.services import move_draft_uploads
        from jobcenter.intake.services import register_submission_hook

        # Documents uploaded while filling in a form go with the submission.
        register_submission_hook(move_draft_uploads)

        # The back office: the documents on the case page, uploads against a document request.
        from jobcenter.casework.service import (
            register_case_panel,
            register_forward_hook,
            register_request_upload,
        )
        from jobcenter.documents.casework import (
            case_panel,
            follow_forwarding,
            request_upload_url,
        )

        register_case_panel(case_panel)
        register_request_upload(request_upload_url)
        register_forward_hook(follow_forwarding)

        from jobcenter.portal.registry import CitizenService, register

        register(CitizenService(
            key="unterlagen", title=_("Unterlagen nachreichen"),
            description=_("Nachweise zu einem gesendeten Antrag hochladen – auch als Foto "
                          "mit dem Smartphone."),
            url_name="documents:start", position=30,
        ))

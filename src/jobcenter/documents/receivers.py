"""What the documents app does when others announce something (connected in ``ready()``).

Deleting an upload (a discarded or expired draft) deletes its stored files too.
"""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from jobcenter.documents import casework
from jobcenter.documents.models import Upload, UploadFile
from jobcenter.documents.selectors import (
    checklist_for_submission,
    documents_for_case,
    staff_download_url,
)
from jobcenter.documents.services import move_draft_uploads


def take_draft_uploads(sender, *, submission, draft, **kwargs) -> None:
    move_draft_uploads(submission, draft)


def case_panel(sender, *, request, case, **kwargs) -> str:
    return casework.case_panel(request, case)


def upload_url(sender, *, item, **kwargs) -> str | None:
    return casework.request_upload_url(item)


def case_documents(sender, *, case, **kwargs) -> list:
    uploads = list(documents_for_case(case).order_by("received_at", "pk"))
    for upload in uploads:
        upload.staff_url = staff_download_url(upload) if upload.is_ready else ""
    return uploads


def receipt_checklist(sender, *, submission, **kwargs) -> list:
    return checklist_for_submission(submission)


def follow_forwarding(sender, *, submission, from_jobcenter, to_jobcenter, **kwargs) -> None:
    casework.follow_forwarding(submission, from_jobcenter, to_jobcenter)


@receiver(post_delete, sender=UploadFile)
@receiver(post_delete, sender=Upload)
def delete_stored_file(sender, instance, **kwargs):
    if instance.file:
        instance.file.storage.delete(instance.file.name)

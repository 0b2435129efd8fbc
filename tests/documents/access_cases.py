"""Access-matrix entries for documents: the upload page and the downloads.

Only the owner (account) reaches an application's upload page and its documents; staff of the
competent Jobcenter download through the staff view. Reference number + birth date gives a
session access to one application (tests/documents/test_uploads.py).
"""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from jobcenter.documents.models import Upload
from tests.documents.helpers import submission_with_documents
from tests.security.access_matrix import register


def _ready_upload(world):
    submission = submission_with_documents(world.jobcenter, user=world.owner)
    name = default_storage.save("documents/test/x.pdf", ContentFile(b"%PDF-1.7 test"))
    upload = Upload.objects.create(
        jobcenter=world.jobcenter, submission=submission, user=world.owner, doc_type="sonstiges",
        doc_title="Sonstiges", received_at=timezone.now(), status=Upload.Status.READY,
        file=name, size=13)
    return submission, upload


@register("documents:upload", allowed={"owner"})
def upload_page(world, actor):
    submission = submission_with_documents(world.jobcenter, user=world.owner)
    return {"jobcenter": world.jobcenter.slug, "public_id": submission.public_id}


@register("documents:download", allowed={"owner"})
def citizen_download(world, actor):
    submission, upload = _ready_upload(world)
    return {"jobcenter": world.jobcenter.slug, "public_id": submission.public_id,
            "upload_id": upload.public_id}


@register("documents:staff_download", allowed={"staff_same"})
def staff_download(world, actor):
    _submission, upload = _ready_upload(world)
    return {"upload_id": upload.public_id}


# A draft's upload is found from the session or account (like the wizard's draft), never from
# the URL alone: only the draft owner can remove it, anyone else gets 404.
@register("documents:draft_remove", allowed={"owner"}, method="POST")
def draft_remove(world, actor):
    from tests.intake.factories import make_draft

    draft = make_draft(world.jobcenter, user=world.owner)
    upload = Upload.objects.create(
        jobcenter=world.jobcenter, draft=draft, doc_type="sonstiges", doc_title="Sonstiges",
        received_at=timezone.now())
    return {"jobcenter": world.jobcenter.slug, "form": "weiterbewilligung",
            "upload_id": upload.public_id}

"""Access-matrix entries for documents: the upload page and the downloads.

Only the owner (account) reaches an application's upload page and its documents; staff of the
competent Jobcenter download through the staff view. Reference number + birth date gives a
session access to one application (tests/documents/test_uploads.py).
"""

import datetime as dt

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
        jobcenter=world.jobcenter,
        submission=submission,
        user=world.owner,
        doc_type="sonstiges",
        doc_title="Sonstiges",
        received_at=timezone.now(),
        status=Upload.Status.READY,
        file=name,
        size=13,
    )
    return submission, upload


@register("documents:upload", allowed={"owner"})
def upload_page(world, actor):
    submission = submission_with_documents(world.jobcenter, user=world.owner)
    return {"jobcenter": world.jobcenter.slug, "public_id": submission.public_id}


@register("documents:download", allowed={"owner"})
def citizen_download(world, actor):
    submission, upload = _ready_upload(world)
    return {
        "jobcenter": world.jobcenter.slug,
        "public_id": submission.public_id,
        "upload_id": upload.public_id,
    }


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
        jobcenter=world.jobcenter,
        draft=draft,
        doc_type="sonstiges",
        doc_title="Sonstiges",
        received_at=timezone.now(),
    )
    return {
        "jobcenter": world.jobcenter.slug,
        "form": "weiterbewilligung",
        "upload_id": upload.public_id,
    }


# --- forwarded (§ 16 SGB I): world.jobcenter forwards to world.other_jobcenter --------------
# staff_same: the old Jobcenter; staff_other: the new one. A document received before the
# forwarding reached both; one received afterwards only the new Jobcenter.


def _document(world, submission, *, received_at):
    name = default_storage.save("documents/test/x.pdf", ContentFile(b"%PDF-1.7 test"))
    return Upload.objects.create(
        jobcenter=world.jobcenter,
        submission=submission,
        user=world.owner,
        doc_type="sonstiges",
        doc_title="Sonstiges",
        received_at=received_at,
        status=Upload.Status.READY,
        file=name,
        size=13,
    )


def _forwarded_with_documents(world, actor):
    from tests.casework.access_cases import forwarded

    old, new = forwarded(world, actor)
    before = _document(
        world, old.submission, received_at=old.state_changed_at - dt.timedelta(minutes=1)
    )
    after = _document(world, old.submission, received_at=timezone.now())
    return old, new, before, after


@register(
    "documents:staff_download",
    variant="vor Weiterleitung eingegangen",
    allowed={"staff_same", "staff_other"},
)
def staff_download_before_forwarding(world, actor):
    return {"upload_id": _forwarded_with_documents(world, actor)[2].public_id}


@register(
    "documents:staff_download", variant="nach Weiterleitung eingegangen", allowed={"staff_other"}
)
def staff_download_after_forwarding(world, actor):
    return {"upload_id": _forwarded_with_documents(world, actor)[3].public_id}


@register("documents:upload", variant="nach Weiterleitung, neues Jobcenter", allowed={"owner"})
def upload_page_after_forwarding(world, actor):
    old = _forwarded_with_documents(world, actor)[0]
    return {"jobcenter": world.other_jobcenter.slug, "public_id": old.submission.public_id}


@register("documents:download", variant="nach Weiterleitung, neues Jobcenter", allowed={"owner"})
def citizen_download_after_forwarding(world, actor):
    old, _new, _before, after = _forwarded_with_documents(world, actor)
    return {
        "jobcenter": world.other_jobcenter.slug,
        "public_id": old.submission.public_id,
        "upload_id": after.public_id,
    }

"""Reads of the documents app, and the API for the back office.

- ``documents_for_submission(submission)``: every upload of a submission (with the form or
  later), oldest first, with its files.
- ``documents_for_case(case)``: the same as far as they reached the case's Jobcenter (after a
  forwarding, the old case only what came before it) — for everything staff see of a case.
- ``checklist(needed, uploads)``: the personal document checklist: each document the answers
  call for, with what has been uploaded for it and whether it is still missing;
  ``checklist_for_submission(submission)`` the same for a sent application (the receipt).
- ``staff_download_url(upload)``: the access-checked staff download of its PDF.
- ``upload_for_staff(request, public_id)``: one ready upload and the case through which the
  staff member may see it, else 404 (``casework.selectors.visible_cases``: TOTP-verified staff
  of the case's Jobcenter; protected cases only for the protected team; ``documents_for_case``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Min, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from jobcenter.casework.selectors import current_or_forwarded_after, forwarded_at, visible_cases
from jobcenter.documents.models import Upload, UploadFile
from jobcenter.forms import selectors as forms

OTHER = "sonstiges"


def documents_for_submission(submission) -> QuerySet[Upload]:
    return (
        Upload.objects.filter(submission=submission)
        .exclude(status=Upload.Status.FAILED)
        .prefetch_related("files")
    )


def documents_for_case(case) -> QuerySet[Upload]:
    """What reached the case's Jobcenter: every document of its application — for a case that
    was forwarded (§ 16 SGB I), only those received before the forwarding. What arrives later
    belongs to the competent Jobcenter alone (its case sees everything of the application)."""
    documents = documents_for_submission(case.submission)
    until = forwarded_at(case)
    return documents if until is None else documents.filter(received_at__lte=until)


def ready_documents_for_case(case) -> QuerySet[Upload]:
    """The case's documents that can be handed over or printed, oldest first."""
    return documents_for_case(case).filter(status=Upload.Status.READY).order_by("received_at", "pk")


def uploads_for_submission(submission) -> QuerySet[Upload]:
    """Including refused ones (the citizen sees why)."""
    return Upload.objects.filter(submission=submission).prefetch_related("files")


def uploads_for_draft(draft) -> QuerySet[Upload]:
    return Upload.objects.filter(draft=draft).prefetch_related("files")


def staff_download_url(upload: Upload) -> str:
    """Where staff download the upload's PDF (the view checks their Jobcenter)."""
    from django.urls import reverse

    return reverse("documents:staff_download", kwargs={"upload_id": upload.public_id})


def upload_for_staff(request, public_id) -> tuple[Upload, Any]:
    """The upload and the case through which the staff member may see it, else 404: a case of
    the upload's submission they may see (their Jobcenter, protected cases only for the
    protected team) that holds the upload (``documents_for_case``: after a forwarding, the old
    Jobcenter only what it received before, the new one everything)."""
    upload = (
        Upload.objects.select_related("jobcenter", "submission")
        .filter(public_id=public_id, status=Upload.Status.READY, submission__isnull=False)
        .first()
    )
    if upload is None or not upload.file:
        raise Http404
    case = (
        visible_cases(request)
        .filter(submission_id=upload.submission_id)
        .filter(current_or_forwarded_after(upload.received_at))
        .select_related("jobcenter")
        .order_by("-id")
        .first()
    )
    if case is None:
        raise Http404
    return upload, case


@dataclass
class ChecklistItem:
    key: str
    title: str
    reasons: list[str] = field(default_factory=list)
    uploads: list[Upload] = field(default_factory=list)
    hint: str = ""
    needed: bool = True  # False: uploaded, but not one the answers call for

    @property
    def arrived(self) -> bool:
        """Handed in (also while it is still being checked)."""
        return bool(self.uploads)

    @property
    def status(self) -> str:
        states = {u.status for u in self.uploads}
        if Upload.Status.READY in states:
            return "uploaded"
        if Upload.Status.CHECKING in states:
            return "checking"
        return "missing"

    @property
    def status_label(self) -> str:
        return {
            "uploaded": _("hochgeladen"),
            "checking": _("wird geprüft"),
            "missing": _("fehlt noch"),
        }[self.status]


def checklist(needed: Sequence, uploads: Sequence[Upload]) -> list[ChecklistItem]:
    """``needed`` from ``forms.documents_needed``; uploads of other types come last."""
    items = {
        n.document.key: ChecklistItem(
            n.document.key, n.title, list(n.reasons), hint=str(n.document.hint or "")
        )
        for n in needed
    }
    for upload in uploads:
        if upload.status == Upload.Status.FAILED:
            continue
        if upload.doc_type not in items:
            items[upload.doc_type] = ChecklistItem(upload.doc_type, upload.doc_title, needed=False)
        items[upload.doc_type].uploads.append(upload)
    return list(items.values())


def checklist_for_submission(submission) -> list[ChecklistItem]:
    """The checklist of a sent application: what its answers call for, against everything
    handed in for it (with the form or later) — the check page's list, after "Absenden".
    The receipt (page, PDF, e-mail) shows this."""
    definition = forms.get(submission.form_ident)
    needed = forms.documents_needed(definition, submission.answers) if definition else []
    return checklist(needed, list(uploads_for_submission(submission)))


def document_choices(needed: Sequence) -> list[tuple[str, str]]:
    return [(n.document.key, n.title) for n in needed] + [(OTHER, _("Sonstiges Dokument"))]


def persons_of(draft_or_submission) -> list[str]:
    """The people named in the answers: the applicant first, then the household's persons."""
    return forms.people_named(draft_or_submission.form_ident, draft_or_submission.answers)


def files_waiting_for_scan():
    """(how many files wait for the virus scan, when the oldest of their uploads arrived or
    None) — for monitoring."""
    waiting = UploadFile.objects.filter(scan=UploadFile.Scan.PENDING)
    oldest = waiting.aggregate(oldest=Min("upload__received_at"))["oldest"]
    return waiting.count(), oldest

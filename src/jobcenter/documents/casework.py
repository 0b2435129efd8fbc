"""The documents app's side of the casework seams (``casework.signals``), connected in ready().

- ``case_panel``: the section "Unterlagen" of the case page: every document of the case
  (``selectors.documents_for_case``: with the form or later, each with its own receipt time;
  after a forwarding the old case only what came before it), its status and virus
  scan, the staff download and — for the finished PDF — a view in the browser.
- ``request_upload_url``: the mailbox's link from an open request item to the upload page of
  the submission, with the requested document type preselected.
- ``requested_documents``: what open requests ask for, for the upload page's list of types.
- ``follow_forwarding``: on forwarding (§ 16 SGB I) the submission's uploads go to the new
  Jobcenter (``Upload.jobcenter`` is the owner: documents admin, audit log of downloads).
- ``answer_requests``: called by ``services.upload_process`` in the transaction that marks the
  upload ready (scanned and stored — not while it waits in quarantine for clamd): an upload for
  a submission whose current case has an open request for this document type answers that item
  (the case goes back to "in Bearbeitung").
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.template.loader import render_to_string
from django.urls import reverse

from jobcenter.casework import selectors as casework_selectors
from jobcenter.casework import services as casework
from jobcenter.documents import selectors
from jobcenter.documents.models import Upload
from jobcenter.forms import selectors as forms
from jobcenter.forms.fields import Document


def case_panel(request, case) -> str:
    uploads = list(selectors.documents_for_case(case))
    rows = []
    for upload in uploads:
        url = selectors.staff_download_url(upload) if upload.is_ready else ""
        scans = sorted({f.get_scan_display() for f in upload.files.all()})
        rows.append(
            {
                "upload": upload,
                "download_url": url,
                "view_url": f"{url}?{urlencode({'ansicht': '1'})}" if url else "",
                "scans": scans,
                "unscanned": upload.unscanned,
            }
        )
    return render_to_string("documents/case_panel.html", {"rows": rows}, request=request)


def request_upload_url(item) -> str | None:
    # Under the Jobcenter that asked (after a forwarding not the one that received it).
    case = item.request.case
    url = reverse(
        "documents:upload",
        kwargs={"jobcenter": case.jobcenter.slug, "public_id": case.submission.public_id},
    )
    return f"{url}?{urlencode({'art': item.document_key})}" if item.document_key else url


def answer_requests(upload) -> None:
    """Mark the open request items of this document type received (inside the transaction)."""
    if upload.submission_id is None:
        return
    # Only the requests of the current case: a forwarded case's Jobcenter is no longer told.
    items = casework_selectors.open_request_items(
        upload.submission_id, document_key=upload.doc_type, current_case_only=True
    )
    for item in items:
        casework.document_request_item_received(
            item=item, document_ref=str(upload.public_id), at=upload.received_at
        )


def requested_documents(submission) -> list:
    """The documents the Jobcenter asked for in an open request and has not received yet, as
    ``forms.NeededDocument`` — so the upload page offers them even when the answers did not
    call for them (a caseworker may ask for anything, e.g. the last bank statements)."""
    items = casework_selectors.open_request_items(submission.pk).exclude(
        document_key=selectors.OTHER
    )
    found: dict[str, object] = {}
    for item in items:
        found.setdefault(
            item.document_key,
            forms.NeededDocument(
                document=Document(item.document_key, item.title),
                reasons=[item.reasons] if item.reasons else [],
            ),
        )
    return list(found.values())


def follow_forwarding(submission, from_jobcenter, to_jobcenter) -> None:
    """The submission was forwarded (§ 16 SGB I): its documents go to the competent Jobcenter
    (its administrators and audit log; their receipt times stay)."""
    Upload.objects.filter(submission=submission).update(jobcenter=to_jobcenter)

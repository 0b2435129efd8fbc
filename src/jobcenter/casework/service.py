"""The public face of the casework app for other apps (documents, portal, handover).

The documents app connects the citizen's upload to a document request here:

- ``upload_url_for(request_item)``: the mailbox asks this for the upload link of an open item;
  the documents app registers ``fn(item) -> str | None`` with ``register_request_upload``.
- ``document_request_item_received(item=..., document_ref=...)``: call it (in the upload's
  transaction) when a stored, scanned upload answers the item; the case moves back to
  "in Bearbeitung" and the caseworker sees what arrived in the history and the request.
- ``competent_jobcenter(submission)`` / ``submissions_of_jobcenter(jobcenter)``: after a
  forwarding (§ 16 SGB I) the Jobcenter of the current case is competent; ``Submission.jobcenter``
  stays where it was received. ``register_forward_hook(fn)``: ``fn(submission, from, to)`` runs
  in the forwarding transaction.
- ``citizen_statuses(user)``: submission id → the plain-language status the citizen sees (the
  mailbox and "Meine Anträge" say the same).
- ``register_case_panel(fn)``: ``fn(request, case) -> str`` returns rendered HTML (e.g. the list
  of the submission's documents with inline PDF view and download) shown on the case page in the
  section "Unterlagen"; return "" to show nothing. The function must check nothing about access:
  the case page is only rendered for staff who may see the case.
- ``register_transition_hook(fn)``: ``fn(case=, from_state=, to_state=)`` runs inside the
  transaction of every state change (the handover app builds its bundle on "vollständig");
  ``case_record_handover(case=, how=, first=)`` records a delivered handover (and moves a
  "vollständig" case to "übergeben").
"""

from __future__ import annotations

from collections.abc import Callable

from jobcenter.casework.models import Case, DocumentRequest, DocumentRequestItem
from jobcenter.casework.selectors import (
    citizen_statuses,
    competent_jobcenter,
    submissions_of_jobcenter,
)
from jobcenter.casework.services import (
    _transition_hooks,
    case_record_handover,
    document_request_item_received,
)

__all__ = ["Case", "DocumentRequest", "DocumentRequestItem", "case_panels",
           "case_record_handover", "citizen_statuses", "competent_jobcenter",
           "document_request_item_received",
           "forwarded", "register_case_panel", "register_forward_hook", "register_request_upload",
           "register_transition_hook", "submissions_of_jobcenter", "upload_url_for"]

_forward_hooks: list[Callable] = []


def register_forward_hook(fn: Callable):
    """``fn(submission, from_jobcenter, to_jobcenter)`` runs inside the forwarding transaction
    (e.g. the documents app hands the submission's documents to the new Jobcenter)."""
    if fn not in _forward_hooks:
        _forward_hooks.append(fn)
    return fn


def forwarded(submission, from_jobcenter, to_jobcenter) -> None:
    for fn in _forward_hooks:
        fn(submission, from_jobcenter, to_jobcenter)


_upload_url_hooks: list[Callable[[DocumentRequestItem], str | None]] = []


def register_request_upload(fn: Callable[[DocumentRequestItem], str | None]):
    if fn not in _upload_url_hooks:
        _upload_url_hooks.append(fn)
    return fn


def upload_url_for(item: DocumentRequestItem) -> str | None:
    for hook in _upload_url_hooks:
        url = hook(item)
        if url:
            return url
    return None


_case_panels: list[Callable] = []


def register_case_panel(fn: Callable):
    if fn not in _case_panels:
        _case_panels.append(fn)
    return fn


def case_panels(request, case: Case) -> list[str]:
    from django.utils.safestring import mark_safe

    return [mark_safe(html) for fn in _case_panels if (html := fn(request, case))]  # noqa: S308


def register_transition_hook(fn: Callable):
    if fn not in _transition_hooks:
        _transition_hooks.append(fn)
    return fn

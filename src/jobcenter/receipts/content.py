"""What every form of the receipt (page, PDF, e-mail) says beyond the answers."""

from __future__ import annotations


def documents_of(submission) -> dict:
    """What arrived and what is still missing: the check page's checklist, after "Absenden"
    (``documents.selectors.checklist_for_submission``): ``received`` and ``missing`` items."""
    from jobcenter.documents.selectors import checklist_for_submission

    items = checklist_for_submission(submission)
    return {
        "received": [i for i in items if i.arrived],
        "missing": [i for i in items if i.needed and not i.arrived],
    }

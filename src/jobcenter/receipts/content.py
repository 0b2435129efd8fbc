"""What every form of the receipt (page, PDF, e-mail) says beyond the answers."""

from __future__ import annotations

from jobcenter.receipts import signals


def documents_of(submission) -> dict:
    """What arrived and what is still missing: the check page's checklist, after "Absenden"
    (``signals.documents_wanted``): ``received`` and ``missing`` items."""
    items = []
    for _receiver, found in signals.documents_wanted.send(
        sender=type(submission), submission=submission
    ):
        items.extend(found or ())
    return {
        "received": [i for i in items if i.arrived],
        "missing": [i for i in items if i.needed and not i.arrived],
    }

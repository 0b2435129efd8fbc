"""Writes to drafts: create, save a page, discard, expire, and hand over to an account.

``draft_save_page`` is the only way answers change. It runs in one transaction with the draft's
row locked (``select_for_update``; on SQLite the IMMEDIATE transaction mode serialises writers),
so two requests for the same draft — two tabs, a double click — are applied one after the other,
and the revision check in between decides whether the second one may overwrite the first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from jobcenter.intake.models import Draft


class DraftConflict(Exception):
    """The page was saved meanwhile (another tab) with different answers."""

    def __init__(self, draft: Draft):
        super().__init__("draft page changed since it was loaded")
        self.draft = draft


def expiry_days() -> int:
    return settings.DRAFT_EXPIRY_DAYS


def _expires(now: dt.datetime) -> dt.datetime:
    return now + dt.timedelta(days=expiry_days())


def draft_create(*, jobcenter, form_key: str, form_version: str, session_key: str | None,
                 user=None) -> Draft:
    now = timezone.now()
    draft = Draft(
        jobcenter=jobcenter, form_key=form_key, form_version=form_version,
        session_key=session_key, user=user if user is not None and user.is_authenticated else None,
        expires_at=_expires(now),
    )
    draft.full_clean()
    draft.save()
    return draft


def draft_save_page(*, draft: Draft, page_key: str, values: Mapping[str, Any],
                    seen_revision: int, pending: Mapping[str, Any] | None = None,
                    current_page: str | None = None) -> Draft:
    """Merge one page's answers into the draft.

    ``seen_revision`` is the draft revision the page was rendered with. If this page was written
    after that and the stored answers differ from ``values``, raise ``DraftConflict`` instead of
    overwriting. ``pending`` is raw input to keep for the page (None clears it).
    """
    with transaction.atomic():
        locked = Draft.objects.select_for_update().get(pk=draft.pk)
        written_at = int(locked.page_revisions.get(page_key, 0))
        if written_at > seen_revision and any(
            locked.answers.get(k) != v for k, v in values.items()
        ):
            raise DraftConflict(locked)
        locked.answers = {**locked.answers, **values}
        locked.revision += 1
        locked.page_revisions = {**locked.page_revisions, page_key: locked.revision}
        pending_input = dict(locked.pending_input)
        if pending:
            pending_input[page_key] = dict(pending)
        else:
            pending_input.pop(page_key, None)
        locked.pending_input = pending_input
        if current_page is not None:
            locked.current_page = current_page
        locked.expires_at = _expires(timezone.now())
        locked.save(update_fields=["answers", "revision", "page_revisions", "pending_input",
                                   "current_page", "expires_at", "updated_at"])
    return locked


def draft_discard(*, draft: Draft) -> None:
    draft.delete()


def drafts_delete_expired(*, now: dt.datetime | None = None) -> int:
    """Delete drafts past their expiry (retention: unfinished applications are not kept)."""
    deleted, _ = Draft.objects.filter(expires_at__lte=now or timezone.now()).delete()
    return deleted


def drafts_claim_for_user(*, session_key: str, user) -> int:
    """Attach the session's drafts to an account after login."""
    return Draft.objects.filter(session_key=session_key, user__isnull=True).update(user=user)


# The key the wizard keeps in the session data to tie drafts to a browser (portal.wizard).
DRAFT_OWNER_SESSION_KEY = "intake_draft_owner"


def drafts_claim_on_login(request, user) -> int:
    """Login hook: a citizen who signs in takes over the drafts this browser started."""
    session_key = request.session.get(DRAFT_OWNER_SESSION_KEY)
    if getattr(user, "kind", "") != "citizen" or not session_key:
        return 0
    return drafts_claim_for_user(session_key=session_key, user=user)

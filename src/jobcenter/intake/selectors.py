"""Reads about drafts. Every query names the Jobcenter: a draft is never found across tenants."""

from django.utils import timezone

from jobcenter.intake.models import Draft


def draft_for_session(*, jobcenter, form_key: str, session_key: str | None) -> Draft | None:
    """The newest unexpired draft of ``form_key`` that this browser session started here."""
    if not session_key:
        return None
    # Every wizard request runs this, so it is kept to one cheap indexed query; expiry is checked
    # in Python (the newest draft also expires last: each save renews it).
    newest = list(
        Draft.objects.filter(jobcenter_id=jobcenter.pk, form_key=form_key,
                             session_key=session_key).order_by("-updated_at")[:1]
    )
    if newest and newest[0].expires_at > timezone.now():
        return newest[0]
    return None


def draft_for_user(*, jobcenter, form_key: str, user) -> Draft | None:
    """The same for a signed-in citizen (accounts arrive in their own issue)."""
    if user is None or not user.is_authenticated:
        return None
    return (
        Draft.objects.filter(
            jobcenter=jobcenter, form_key=form_key, user=user, expires_at__gt=timezone.now(),
        )
        .order_by("-updated_at")
        .first()
    )

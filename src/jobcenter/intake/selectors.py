"""Reads about drafts and submissions.

Every draft query names the Jobcenter: a draft is never found across tenants. Submissions are
found by their owner (account), by the draft they came from (same browser or account) or by
the secret receipt link.
"""

import hmac
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac

from jobcenter.accounts.session import citizen_of, get_object_for_request_or_404
from jobcenter.intake.models import Draft, Receipt, Submission, SubmissionJob

# The Erstantrag's two forms: "Antrag gesichert" secures the date, the full form follows
# (intake/erstantrag.py).
SECURED_FORM = "antrag_gesichert"
FULL_FORM = "erstantrag"

# The key in the session *data* that ties drafts to a browser. Not Django's session key itself:
# that one is replaced at login (``cycle_key``), while the session data — and so this key —
# survives it, so the drafts can be handed over to the account (``services.drafts_claim_on_login``).
DRAFT_OWNER_SESSION_KEY = "intake_draft_owner"


def draft_for_session(*, jobcenter, form_key: str, session_key: str | None) -> Draft | None:
    """The newest unexpired draft of ``form_key`` that this browser session started here."""
    if not session_key:
        return None
    # Every wizard request runs this, so it is kept to one cheap indexed query; expiry is checked
    # in Python (the newest draft also expires last: each save renews it).
    newest = list(
        Draft.objects.filter(
            jobcenter_id=jobcenter.pk,
            form_key=form_key,
            session_key=session_key,
            submitted_at__isnull=True,
        ).order_by("-updated_at")[:1]
    )
    if newest and newest[0].expires_at > timezone.now():
        return _with_jobcenter(newest[0], jobcenter)
    return None


def _with_jobcenter(draft: Draft, jobcenter) -> Draft:
    """The caller's Jobcenter (the request's) on the draft: saving a page reads the draft's
    Jobcenter (its expiry rule), which would otherwise cost a query on every step save."""
    draft.jobcenter = jobcenter
    return draft


def draft_owner_key(request) -> str | None:
    """The key that ties drafts to this browser (random, ``services.draft_owner_key_ensure``)."""
    return request.session.get(DRAFT_OWNER_SESSION_KEY)


def draft_of(request, form_key: str) -> Draft | None:
    """The open draft of ``form_key`` for this request: a signed-in citizen's follows the account
    to any browser; otherwise the browser's."""
    citizen = citizen_of(request)
    if citizen is not None:
        draft = draft_for_user(jobcenter=request.jobcenter, form_key=form_key, user=citizen)
        if draft is not None:
            return draft
    return draft_for_session(
        jobcenter=request.jobcenter, form_key=form_key, session_key=draft_owner_key(request)
    )


def draft_for_user(*, jobcenter, form_key: str, user) -> Draft | None:
    """The same for a signed-in citizen (accounts arrive in their own issue)."""
    if user is None or not user.is_authenticated:
        return None
    draft = (
        Draft.objects.filter(
            jobcenter=jobcenter,
            form_key=form_key,
            user=user,
            expires_at__gt=timezone.now(),
            submitted_at__isnull=True,
        )
        .order_by("-updated_at")
        .first()
    )
    return None if draft is None else _with_jobcenter(draft, jobcenter)


def draft_for_submit(*, jobcenter, public_id, session_key: str | None, user) -> Draft | None:
    """The draft "Absenden" refers to — also when it was already submitted (idempotency).

    Only the browser session or the account that owns the draft finds it.
    """
    owners = []
    if session_key:
        owners.append({"session_key": session_key})
    if user is not None and user.is_authenticated and getattr(user, "kind", "") == "citizen":
        owners.append({"user": user})
    for owner in owners:
        draft = Draft.objects.filter(jobcenter=jobcenter, public_id=public_id, **owner).first()
        if draft is not None:
            return _with_jobcenter(draft, jobcenter)
    return None


def submission_for_draft(*, draft: Draft) -> Submission | None:
    return Submission.objects.filter(draft_public_id=draft.public_id).first()


# --- The secret receipt link ------------------------------------------------------------------
# Anonymous citizens reach their receipt through /eingang/<public_id>/<token>/. The token is an
# HMAC of the submission's public id under SECRET_KEY (256 bits): nothing secret is stored in
# the database, so a leaked dump opens no receipt, and the same link can be shown again after a
# retried POST. Rotating SECRET_KEY (with SECRET_KEY_FALLBACKS) keeps old links working.
_TOKEN_SALT = "jobcenter.intake.receipt-link"  # noqa: S105  # nosec B105  # a salt, not a secret


def receipt_token(submission: Submission, *, secret: str | None = None) -> str:
    return salted_hmac(
        _TOKEN_SALT, str(submission.public_id), secret=secret, algorithm="sha256"
    ).hexdigest()


def receipt_link_valid_until(submission: Submission):
    """The secret link works for ``RECEIPT_LINK_DAYS`` after receipt (docs/SECURITY.md): long
    enough to download the receipt, short enough that a link sent to a mistyped address or found
    in an old mailbox stops revealing the answers. Signed-in owners keep "Meine Anträge"."""
    return submission.received_at + timedelta(days=settings.RECEIPT_LINK_DAYS)


def submission_for_token(*, public_id, token: str) -> Submission | None:
    # The receipt (if the worker has made it) comes along: the receipt page and the download
    # need it, and every citizen is sent to that page after "Absenden".
    submission = (
        Submission.objects.select_related("jobcenter", "receipt")
        .filter(public_id=public_id)
        .first()
    )
    if submission is None or receipt_link_valid_until(submission) < timezone.now():
        return None
    for secret in [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]:
        if hmac.compare_digest(receipt_token(submission, secret=secret), token):
            return submission
    return None


def submissions_of_user(*, user) -> list[Submission]:
    """ "Meine Anträge": newest first, with the receipt (if already made) and the Jobcenter."""
    if user is None or not user.is_authenticated:
        return []
    return list(
        Submission.objects.filter(user=user)
        .select_related("jobcenter", "receipt")
        .order_by("-received_at")
    )


def own_submission_or_404(request, public_id) -> Submission:
    """The signed-in citizen's own submission to this Jobcenter; 404 for everyone else."""
    return get_object_for_request_or_404(
        request,
        Submission.objects.select_related("jobcenter", "receipt"),
        owner_field="user",
        jobcenter_field=None,
        public_id=public_id,
        jobcenter=request.jobcenter,
    )


def last_submission_of_user(*, user, jobcenter) -> Submission | None:
    """The newest application this account sent online to ``jobcenter`` (for suggestions)."""
    if user is None or not user.is_authenticated:
        return None
    return (
        Submission.objects.filter(user=user, jobcenter=jobcenter, channel=Submission.CHANNEL_ONLINE)
        .order_by("-received_at")
        .first()
    )


def recent_submissions_of_user(*, user, jobcenter, limit: int = 10) -> list[Submission]:
    """This account's newest online applications to ``jobcenter``, newest first (for showing
    what the Jobcenter last learned, e.g. the bank account)."""
    if user is None or not user.is_authenticated:
        return []
    return list(
        Submission.objects.filter(
            user=user, jobcenter=jobcenter, channel=Submission.CHANNEL_ONLINE
        ).order_by("-received_at")[:limit]
    )


def receipt_of(submission: Submission) -> Receipt | None:
    if Submission.receipt.is_cached(submission):  # read with it (select_related("receipt"))
        return getattr(submission, "receipt", None)
    return Receipt.objects.filter(submission=submission).first()


def jobs_of(submission: Submission) -> list[SubmissionJob]:
    return list(SubmissionJob.objects.filter(submission=submission).order_by("kind"))


def last_submission_for_owner(
    *, jobcenter, form_key: str, session_key: str | None, user
) -> Submission | None:
    """The newest submission this browser or account made from a draft of ``form_key`` here
    (while its draft row is kept): the check page sends the back button there."""
    drafts = Draft.objects.filter(
        jobcenter=jobcenter, form_key=form_key, submitted_at__isnull=False
    )
    if user is not None and user.is_authenticated and getattr(user, "kind", "") == "citizen":
        drafts = drafts.filter(user=user) | drafts.filter(session_key=session_key or "-")
    elif session_key:
        drafts = drafts.filter(session_key=session_key)
    else:
        return None
    draft = drafts.order_by("-submitted_at").first()
    return submission_for_draft(draft=draft) if draft else None


@dataclass(frozen=True)
class ApplicationDate:
    """From when an Erstantrag counts (§ 37 SGB II).

    ``secured`` is the "Antrag gesichert" submission that fixed the date (the submission itself,
    or the one a full Erstantrag continues; None for an Erstantrag that secured nothing first,
    e.g. on paper); ``applied_on`` the day the application was made — its receipt, not that of
    the later full form; ``applies_from`` the first of that month, to which the application
    acts back (§ 37 (2) SGB II)."""

    secured: Submission | None
    applied_on: date
    applies_from: date


def application_date(submission: Submission) -> ApplicationDate | None:
    """The application date of an Erstantrag or a secured one; None for other forms."""
    if submission.form_key == SECURED_FORM:
        secured = submission
    elif submission.form_key == FULL_FORM:
        secured = submission.secured_submission
    else:
        return None
    applied_on = timezone.localtime((secured or submission).received_at).date()
    return ApplicationDate(
        secured=secured, applied_on=applied_on, applies_from=applied_on.replace(day=1)
    )

"""Writes to drafts and submissions: create, save a page, discard, expire, hand over to an
account — and submit (``submission_create``).

``draft_save_page`` is the only way answers change. It writes only over the revision it read
(an UPDATE that matches that revision, or else again with the draft's row locked —
``select_for_update``; on SQLite the IMMEDIATE transaction mode serialises writers), so two
requests for the same draft — two tabs, a double click — are applied one after the other, and
the revision check in between decides whether the second one may overwrite the first.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import secrets
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from jobcenter.forms import selectors as forms
from jobcenter.intake import jobs, signals
from jobcenter.intake.models import Draft, Receipt, Submission, SubmissionJob
from jobcenter.intake.references import format_reference
from jobcenter.intake.selectors import DRAFT_OWNER_SESSION_KEY
from jobcenter.tenants.selectors import jobcenter_for_postcode


class DraftConflict(Exception):
    """The page was saved meanwhile (another tab) with different answers."""

    def __init__(self, draft: Draft):
        super().__init__("draft page changed since it was loaded")
        self.draft = draft


def expiry_days(jobcenter=None, *, secured: bool = False) -> int:
    """Days a draft is kept after its last save: the Jobcenter's retention rule for drafts
    (the retention app's shredder deletes them then), by default ``DRAFT_EXPIRY_DAYS``."""
    if jobcenter is not None:
        answers = signals.draft_days_wanted.send(sender=Draft, jobcenter=jobcenter, secured=secured)
        for _receiver, days in answers:
            if days is not None:
                return days
    return settings.DRAFT_EXPIRY_DAYS


def _expires(now: dt.datetime, jobcenter=None, *, secured: bool = False) -> dt.datetime:
    return now + dt.timedelta(days=expiry_days(jobcenter, secured=secured))


def draft_create(
    *, jobcenter, form_key: str, form_version: str, session_key: str | None, user=None
) -> Draft:
    now = timezone.now()
    draft = Draft(
        jobcenter=jobcenter,
        form_key=form_key,
        form_version=form_version,
        session_key=session_key,
        user=user if user is not None and user.is_authenticated else None,
        expires_at=_expires(now, jobcenter),
    )
    draft.full_clean()
    draft.save()
    return draft


def draft_save_page(
    *,
    draft: Draft,
    page_key: str,
    values: Mapping[str, Any],
    seen_revision: int,
    pending: Mapping[str, Any] | None = None,
    current_page: str | None = None,
) -> Draft:
    """Merge one page's answers into the draft.

    ``seen_revision`` is the draft revision the page was rendered with. If this page was written
    after that and the stored answers differ from ``values``, raise ``DraftConflict`` instead of
    overwriting. ``pending`` is raw input to keep for the page (None clears it).

    Usually nobody else wrote since ``draft`` was read (the wizard reads it at the start of the
    request): then one UPDATE that only matches that same revision saves it. If it matches no
    row, another request came in between, and the page is saved again from the locked row —
    where the revision check decides.
    """
    if not _conflicts(draft, page_key, values, seen_revision):
        fields = _merged(draft, page_key, values, pending, current_page)
        if Draft.objects.filter(pk=draft.pk, revision=draft.revision).update(**fields):
            saved = copy.copy(draft)
            for name, value in fields.items():
                setattr(saved, name, value)
            return saved
    with transaction.atomic():
        locked = Draft.objects.select_for_update().get(pk=draft.pk)
        if _conflicts(locked, page_key, values, seen_revision):
            raise DraftConflict(locked)
        for name, value in _merged(locked, page_key, values, pending, current_page).items():
            setattr(locked, name, value)
        locked.save(
            update_fields=[
                "answers",
                "revision",
                "page_revisions",
                "pending_input",
                "current_page",
                "expires_at",
                "updated_at",
            ]
        )
    return locked


def _conflicts(draft: Draft, page_key: str, values: Mapping[str, Any], seen_revision: int) -> bool:
    written_at = int(draft.page_revisions.get(page_key, 0))
    return written_at > seen_revision and any(draft.answers.get(k) != v for k, v in values.items())


def _merged(
    draft: Draft,
    page_key: str,
    values: Mapping[str, Any],
    pending: Mapping[str, Any] | None,
    current_page: str | None,
) -> dict[str, Any]:
    """The draft's new field values after saving the page (the draft itself is not changed)."""
    revision = draft.revision + 1
    pending_input = dict(draft.pending_input)
    if pending:
        # What was typed is kept for the page to show again with its messages; a NUL character
        # (which the field's validation refuses anyway) cannot be stored in PostgreSQL's jsonb.
        pending_input[page_key] = _without_nul(dict(pending))
    else:
        pending_input.pop(page_key, None)
    now = timezone.now()
    return {
        "answers": {**draft.answers, **values},
        "revision": revision,
        "page_revisions": {**draft.page_revisions, page_key: revision},
        "pending_input": pending_input,
        "current_page": draft.current_page if current_page is None else current_page,
        "expires_at": _expires(
            now, draft.jobcenter, secured=draft.secured_submission_id is not None
        ),
        "updated_at": now,
    }


def draft_discard(*, draft: Draft) -> None:
    draft.delete()


def drafts_delete_expired(*, now: dt.datetime | None = None) -> int:
    """Delete drafts past their expiry (retention: unfinished applications are not kept)."""
    deleted, _ = Draft.objects.filter(expires_at__lte=now or timezone.now()).delete()
    return deleted


def drafts_claim_for_user(*, session_key: str, user) -> int:
    """Attach the session's drafts to an account after login."""
    return Draft.objects.filter(session_key=session_key, user__isnull=True).update(user=user)


def draft_owner_key_ensure(request) -> str:
    """This browser's draft owner key (``selectors.draft_owner_key``), made on first need."""
    key = request.session.get(DRAFT_OWNER_SESSION_KEY)
    if key is None:
        key = request.session[DRAFT_OWNER_SESSION_KEY] = secrets.token_urlsafe(24)
    return key


def drafts_claim_on_login(request, user) -> int:
    """Login hook: a citizen who signs in takes over the drafts this browser started."""
    session_key = request.session.get(DRAFT_OWNER_SESSION_KEY)
    if getattr(user, "kind", "") != "citizen" or not session_key:
        return 0
    return drafts_claim_for_user(session_key=session_key, user=user)


# --- "Link zum Weitermachen" (save and return without an account) ------------------------------
# The e-mailed link carries a signed token over the draft's public id (django.core.signing under
# SECRET_KEY, with a salt of its own): unguessable, nothing secret stored in the database, and
# SECRET_KEY_FALLBACKS keep old links working across a key rotation. The token itself carries no
# lifetime: the link lives exactly as long as the draft (``expires_at``, renewed on each save).
_RESUME_SALT = "jobcenter.intake.resume-link"


class ResumeLinkInvalid(Exception):
    """Tampered, truncated or foreign token: answered like an unknown address (404)."""


class ResumeLinkGone(Exception):
    """The token is ours, but its draft is gone: expired, deleted, or already submitted."""

    def __init__(self, *, submitted: bool = False):
        super().__init__("draft is gone")
        self.submitted = submitted


def draft_resume_token(draft: Draft) -> str:
    return signing.dumps(str(draft.public_id), salt=_RESUME_SALT)


def draft_from_resume_token(*, token: str, jobcenter, form_key: str) -> Draft:
    """The draft a resume link names — only in its own Jobcenter and form, still open."""
    try:
        public_id = uuid.UUID(signing.loads(token, salt=_RESUME_SALT))
    except (signing.BadSignature, ValueError, TypeError, AttributeError) as error:
        raise ResumeLinkInvalid from error
    draft = Draft.objects.filter(public_id=public_id).first()
    if draft is None:
        raise ResumeLinkGone
    if draft.jobcenter_id != jobcenter.pk or draft.form_key != form_key:
        raise ResumeLinkInvalid
    if draft.submitted_at is not None:
        raise ResumeLinkGone(submitted=True)
    if draft.expires_at <= timezone.now():
        raise ResumeLinkGone
    return draft


def draft_bind_to_session(request, draft: Draft) -> Draft:
    """Opening a resume link: this browser becomes (one of) the draft's owner(s).

    The browser takes over the draft's owner key (so both browsers now find the draft); a draft
    that only belonged to an account gets an owner key first.
    """
    if not draft.session_key:
        with transaction.atomic():
            locked = Draft.objects.select_for_update().get(pk=draft.pk)
            if not locked.session_key:
                locked.session_key = secrets.token_urlsafe(24)
                locked.save(update_fields=["session_key", "updated_at"])
        draft = locked
    request.session[DRAFT_OWNER_SESSION_KEY] = draft.session_key
    return draft


# --- Submit ------------------------------------------------------------------------


class SubmissionStale(Exception):
    """The check page the citizen sent from showed an older revision of the draft (another tab
    changed an answer since): nothing was submitted, the citizen checks the answers again."""

    def __init__(self, draft: Draft):
        super().__init__("draft changed since the check page was shown")
        self.draft = draft


class SubmissionIncomplete(Exception):
    """Some applicable page does not pass validation (any more): nothing was submitted."""

    def __init__(self, pages):
        super().__init__("draft is incomplete")
        self.pages = pages


def submitted_answers(definition, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers of the pages and fields that apply — what the citizen saw on the check page.

    Answers kept in the draft for a page the citizen later skipped are not part of the
    application (forms/rendering.py says the same for every output).
    """
    out: dict[str, Any] = {}
    for page in definition.applicable_pages(answers):
        if isinstance(page, forms.RepeatPage):
            keys = {f.key for f in page.visible_fields(answers)}
            items = answers.get(page.group)
            out[page.group] = [
                {k: v for k, v in item.items() if k in keys}
                for item in (items if isinstance(items, list) else [])
                if isinstance(item, Mapping)
            ]
        else:
            own = page.stored(answers)
            # A per-person page (an Anlage of person 2: "ek-2") keeps its answers in one dict.
            target = out if own is answers else out.setdefault(page.key, {})
            for f in page.visible_fields(answers):
                if f.widget != "file" and f.key in own:
                    target[f.key] = own[f.key]
    if definition.context and isinstance(answers.get(forms.CONTEXT_KEY), Mapping):
        out[forms.CONTEXT_KEY] = {
            k: v for k, v in answers[forms.CONTEXT_KEY].items() if k in definition.context
        }
    return out


def _route(jobcenter, definition, answers: Mapping[str, Any]):
    """The competent Jobcenter (§ 36 SGB II) by the applicant's own postcode (``Role.POSTCODE``).
    A new address in a change notice (``Role.NEW_POSTCODE``) does not route: the Jobcenter that
    holds the file has to learn of the move."""
    postcode = forms.applicant_facts(definition, answers).postcode
    found = jobcenter_for_postcode(postcode=postcode) if postcode else None
    return found if found is not None else jobcenter


def _next_reference(jobcenter, received_at: dt.datetime) -> str:
    """Count on the (jobcenter, year) row, locked until the submitting transaction ends.

    One statement (an upsert that returns the new number; PostgreSQL and SQLite ≥ 3.35 both
    speak it): the row lock serialises concurrent submits of one Jobcenter until commit, so the
    fewer round trips between taking it and committing, the more submits per second."""
    year = timezone.localtime(received_at).year
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO intake_referencecounter (jobcenter_id, year, last) VALUES (%s, %s, 1) "
            "ON CONFLICT (jobcenter_id, year) "
            "DO UPDATE SET last = intake_referencecounter.last + 1 RETURNING last",
            [jobcenter.pk, year],
        )
        (last,) = cursor.fetchone()
    return format_reference(jobcenter.reference_prefix, year, last)


def _provisional_reference(draft: Draft) -> str:
    """A unique placeholder for the reference until it is counted at the end of the submitting
    transaction; it never leaves the transaction (``~`` cannot start a real reference)."""
    return "~" + draft.public_id.hex[:23]


@dataclass(frozen=True)
class _Checked:
    """What validating a draft's answers gave: the answers that apply and where they go."""

    answers: Mapping[str, Any]
    revision: int
    submitted: dict[str, Any]
    jobcenter: Any


def _check(definition, draft: Draft, jobcenter) -> _Checked:
    """Validate every page of ``draft`` and pick the answers that are sent (raises
    ``SubmissionIncomplete``)."""
    incomplete = forms.incomplete_pages(definition, draft.answers)
    if incomplete:
        raise SubmissionIncomplete(incomplete)
    answers = submitted_answers(definition, draft.answers)
    return _Checked(draft.answers, draft.revision, answers, _route(jobcenter, definition, answers))


def _still_valid(checked: _Checked | None, locked: Draft) -> bool:
    return (
        checked is not None
        and checked.revision == locked.revision
        and checked.answers == locked.answers
    )


def submission_create(
    *,
    draft: Draft,
    language: str,
    user=None,
    identity: dict | None = None,
    seen_revision: int | None = None,
) -> Submission:
    """Submit a draft: validate every page once more, then freeze it — exactly once.

    One transaction: lock the draft, create the Submission (receipt time from the server clock,
    reference counted), mark the draft as submitted and write the follow-up jobs into the job
    table. Calling it again for the same draft (double click, retried POST, second tab) returns
    the submission made the first time.

    ``seen_revision`` is the draft revision the check page showed: if the draft was saved since
    (an answer changed in another tab), raise ``SubmissionStale`` — the citizen sends only what
    they saw. An already submitted draft returns its submission first (idempotency wins).

    The validation of every page runs before the transaction, on the draft as the caller read
    it, so that the write lock (SQLite) and the reference counter's row lock (PostgreSQL) are
    not held while it runs; under the draft's row lock it is used only if the draft still has
    that revision and those answers, and is done again otherwise.
    """
    definition = forms.get(draft.form_ident)
    if definition is None:
        raise SubmissionIncomplete([])
    checked = None
    if draft.submitted_at is None and seen_revision in (None, draft.revision):
        # An incomplete draft is refused under the lock below (another tab may have completed it).
        with contextlib.suppress(SubmissionIncomplete):
            checked = _check(definition, draft, draft.jobcenter)
    try:
        with transaction.atomic():
            locked = Draft.objects.select_for_update().get(pk=draft.pk)
            if locked.submitted_at is not None:
                return Submission.objects.get(draft_public_id=locked.public_id)
            if seen_revision is not None and seen_revision != locked.revision:
                raise SubmissionStale(locked)
            if locked.jobcenter_id == draft.jobcenter_id:
                locked.jobcenter = draft.jobcenter  # already read; saves a query under the lock
            if not _still_valid(checked, locked):
                checked = _check(definition, locked, locked.jobcenter)
            jobcenter = checked.jobcenter
            received_at = timezone.now()
            account = user if user is not None and user.is_authenticated else locked.user
            locked.submitted_at = received_at
            locked.answers, locked.pending_input, locked.page_revisions = {}, {}, {}
            locked.save(
                update_fields=[
                    "submitted_at",
                    "answers",
                    "pending_input",
                    "page_revisions",
                    "updated_at",
                ]
            )
            submission = Submission(
                reference=_provisional_reference(locked),
                jobcenter=jobcenter,
                form_key=definition.key,
                form_version=definition.version,
                answers=checked.submitted,
                language=language,
                received_at=received_at,
                user=account,
                draft_public_id=locked.public_id,
                identity=identity or {},
                secured_submission_id=locked.secured_submission_id,
            )
            submission.save()
            jobs.jobs_create_for(submission)
            # Receivers act inside this transaction: all of it commits, or nothing does.
            signals.submission_created.send(sender=Submission, submission=submission, draft=locked)
            # Counted last: the counter's row lock serialises every submit of the Jobcenter
            # until the commit (PostgreSQL), so only the reference's own writes run under it.
            # (The plain QuerySet: a stored submission is immutable, but this completes its
            # creation inside the same transaction.)
            submission.reference = _next_reference(jobcenter, received_at)
            QuerySet(model=Submission).filter(pk=submission.pk).update(
                reference=submission.reference
            )
            signals.submission_numbered.send(sender=Submission, submission=submission)
    except IntegrityError:
        # Belt and braces: the draft lock makes this unreachable, the unique constraint on
        # draft_public_id makes it harmless.
        return Submission.objects.get(draft_public_id=draft.public_id)
    return submission


def submission_create_paper(
    *,
    jobcenter,
    form_key: str,
    form_version: str,
    answers: dict[str, Any],
    received_at: dt.datetime,
) -> Submission:
    """A paper application registered by staff (back office): channel "paper", same table.

    ``received_at`` is the day of the Eingangsstempel, given by the caller; ``answers`` hold what
    staff typed from the paper. The submission hooks do not run (there is no draft): the caller
    (casework) opens the case in the same transaction. The follow-up jobs are the same as online.
    """
    return submission_create_direct(
        jobcenter=jobcenter,
        form_key=form_key,
        form_version=form_version,
        answers=answers,
        received_at=received_at,
        channel=Submission.CHANNEL_PAPER,
    )


def submission_create_direct(
    *,
    jobcenter,
    form_key: str,
    form_version: str,
    answers: dict[str, Any],
    received_at: dt.datetime,
    channel: str,
    language: str = "de",
    user=None,
    create_jobs: bool = True,
    job_kinds: list[str] | None = None,
) -> Submission:
    """A submission that does not come from a draft (paper intake; synthetic demo data).

    No validation against the form and no hooks: the caller is responsible for both.
    ``create_jobs=False`` skips receipt, e-mail and handover (demo data only); ``job_kinds``
    creates only the jobs named (e.g. only the receipt).
    """
    with transaction.atomic():
        submission = Submission(
            reference=_next_reference(jobcenter, received_at),
            jobcenter=jobcenter,
            form_key=form_key,
            form_version=form_version,
            answers=answers,
            language=language,
            channel=channel,
            received_at=received_at,
            draft_public_id=uuid.uuid4(),
            user=user,
        )
        submission.save()
        if create_jobs:
            jobs.jobs_create_for(submission, kinds=job_kinds)
    return submission


# --- retention (called by the retention app's shredder only) ---------------------------------


def submission_erase(*, submission: Submission) -> list[str] | None:
    """Delete a submission at the end of its retention period, with its receipt and job rows.

    The one way past the model's immutability: the caller has removed the submission's cases,
    documents and continuing drafts first, and deletes the returned stored files (the receipt)
    in the same transaction. A submission that a full application still continues (its
    completion) stays until that one goes: returns ``None`` then."""
    from django.db.models import QuerySet

    if Submission.objects.filter(secured_submission=submission).exists():
        return None
    names = [r.file.name for r in Receipt.objects.filter(submission=submission) if r.file]
    Receipt.objects.filter(submission=submission).delete()
    SubmissionJob.objects.filter(submission=submission).delete()
    QuerySet(model=Submission).filter(pk=submission.pk).delete()
    return names


def submission_anonymise(*, submission: Submission) -> None:
    """Empty the answers and the login details of a handed-over submission (the case software
    keeps the file); reference, form and receipt time stay as the record that it arrived."""
    QuerySet(model=Submission).filter(pk=submission.pk).update(answers={}, identity={})


def drafts_erase(*, drafts) -> int:
    """Delete drafts (their uploads' rows cascade; the caller deletes those files first)."""
    deleted, _ = Draft.objects.filter(pk__in=[d.pk for d in drafts]).delete()
    return deleted


def _without_nul(value):
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, dict):
        return {key: _without_nul(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_without_nul(item) for item in value]
    return value

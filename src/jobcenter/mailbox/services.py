"""Writes of the mailbox: consent, messages both ways, decisions and their retrieval.

Every e-mail goes through the durable outbox (core/mail.py, the one job runner) in the
transaction of the change and says only that something new is in the mailbox: no name, no case,
no content (e-mail is not a confidential channel). Staff writes are audited in their transaction.
Nothing sent is ever changed: a message gets only ``read_at``, a decision only its retrieval,
the post flag and the posting (of a letter or a flagged decision); corrections are new rows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jobcenter.audit import services as audit
from jobcenter.casework import services as casework
from jobcenter.core.mail import email_queue
from jobcenter.documents import checks
from jobcenter.documents import services as documents
from jobcenter.documents.scanners import ScannerUnavailable, get_scanner
from jobcenter.intake import services as intake
from jobcenter.mailbox import letters, rules, selectors
from jobcenter.mailbox.mail import notice_email
from jobcenter.mailbox.models import Attachment, Decision, DeliveryConsent, Post, Thread, Topic
from jobcenter.mailbox.signals import case_mailbox_changed

NEW_CASE_FORM_PREFIX = "postfach_"  # + topic: the routing rules' form key of a new case
MAX_BODY = 5000


class MailboxError(Exception):
    """A refusal with a message for the person (citizen or caseworker)."""


def _changed(case) -> None:
    """Inside the change's transaction: other apps (the handover) take the new item."""
    case_mailbox_changed.send(sender=type(case), case=case)


# --- consent (§ 37 Abs. 2a SGB X, § 36a SGB I) ---------------------------------------------------


def consent_set(*, user, given: bool, login_level: str, login_method: str = "") -> DeliveryConsent:
    """Record an opt-in or opt-out (for the future) with the time and the login level."""
    return DeliveryConsent.objects.create(
        user=user,
        given=given,
        at=timezone.now(),
        login_level=(login_level or "")[:20],
        login_method=(login_method or "")[:20],
    )


# --- messages ------------------------------------------------------------------------------------


def _clean_body(body: str) -> str:
    body = (body or "").replace("\x00", "").strip()
    if not body:
        raise MailboxError(_("Bitte schreiben Sie eine Nachricht."))
    return body[:MAX_BODY]


def _new_case(*, user, jobcenter, topic: str, subject: str):
    """A message about no application opens a case of its own, routed by topic."""
    submission = intake.submission_create_direct(
        jobcenter=jobcenter,
        form_key=f"{NEW_CASE_FORM_PREFIX}{topic}",
        form_version="1",
        answers={"thema": topic, "betreff": subject},
        received_at=timezone.now(),
        channel="online",
        user=user,
        create_jobs=False,
    )
    return casework.case_open_for_submission(submission)


def _attach(post: Post, *, case, user, files, problems=None) -> None:
    if not files and not (problems and (problems.too_many or problems.oversize)):
        return
    upload = documents.upload_receive(
        jobcenter=case.jobcenter,
        files=files,
        doc_type="nachricht",
        doc_title=str(_("Anlage zur Nachricht")),
        submission=case.submission,
        user=user,
        problems=problems,
    )
    Attachment.objects.create(post=post, upload=upload)


def thread_start(
    *, user, jobcenter, topic: str, subject: str, body: str, case=None, files=(), problems=None
) -> Thread:
    """A citizen writes to the Jobcenter; raises ``MailboxError`` or ``UploadRejected``."""
    if topic not in Topic.values:
        raise MailboxError(_("Bitte wählen Sie ein Thema."))
    subject = (subject or "").replace("\x00", "").strip()[:200] or str(Topic(topic).label)
    body = _clean_body(body)
    with transaction.atomic():
        if case is None:
            case = _new_case(user=user, jobcenter=jobcenter, topic=topic, subject=subject)
        thread = Thread.objects.create(case=case, citizen=user, topic=topic, subject=subject)
        post = Post.objects.create(
            thread=thread, direction=Post.Direction.FROM_CITIZEN, author=user, body=body
        )
        _attach(post, case=case, user=user, files=files, problems=problems)
        _changed(case)
    return thread


def citizen_reply(*, thread: Thread, user, body: str, files=(), problems=None) -> Post:
    """A citizen answers in a thread. Not in a thread whose case was forwarded to another
    Jobcenter: that one is competent now and reads nothing of this Jobcenter's mailbox."""
    body = _clean_body(body)
    if selectors.case_forwarded(thread.case):
        raise MailboxError(
            _(
                "Ihr Antrag wurde an ein anderes Jobcenter weitergeleitet. Bitte schreiben Sie "
                "dem Jobcenter, das jetzt zuständig ist."
            )
        )
    with transaction.atomic():
        post = Post.objects.create(
            thread=thread, direction=Post.Direction.FROM_CITIZEN, author=user, body=body
        )
        _attach(post, case=thread.case, user=user, files=files, problems=problems)
        _changed(thread.case)
    return post


def staff_reply(*, thread: Thread, by, body: str) -> Post:
    """The caseworker answers from the case; the citizen gets the notice e-mail."""
    body = _clean_body(body)
    case = thread.case
    with transaction.atomic():
        post = Post.objects.create(
            thread=thread, direction=Post.Direction.TO_CITIZEN, author=by, body=body
        )
        audit.record(
            actor=by,
            jobcenter=case.jobcenter,
            action=audit.Action.CREATE,
            object_type="case",
            object_id=case.public_id,
            summary="Antwort im Postfach verschickt",
        )
        _notify(thread.citizen, case.jobcenter, kind="message")
        _changed(case)
    return post


def posts_mark_read(*, user, posts) -> None:
    Post.objects.filter(
        pk__in=[p.pk for p in posts],
        thread__citizen=user,
        direction=Post.Direction.TO_CITIZEN,
        read_at__isnull=True,
    ).update(read_at=timezone.now())


def _notify(user, jobcenter, *, kind: str) -> None:
    if user is not None and user.email:
        email_queue(notice_email(user, jobcenter, kind=kind), purpose=f"mailbox:{kind}")


# --- decisions -----------------------------------------------------------------------------------


def _check_pdf(uploaded) -> None:
    """The decision is a PDF that passes the documents app's checks and the virus scan."""
    try:
        found = checks.check_file(uploaded)
    except checks.Rejected as refusal:
        raise MailboxError(refusal.message) from refusal
    if found.content_type != checks.PDF:
        raise MailboxError(_("Bitte laden Sie den Bescheid als PDF hoch."))
    uploaded.seek(0)
    try:
        verdict = get_scanner().scan(uploaded)
    except ScannerUnavailable as exc:
        raise MailboxError(
            _("Die Virenprüfung ist gerade nicht erreichbar. Bitte versuchen Sie es später.")
        ) from exc
    finally:
        uploaded.seek(0)
    if not verdict.clean:
        raise MailboxError(
            _("In der Datei wurde Schadsoftware gefunden. Sie wurde nicht versandt.")
        )


def _store(case, data: bytes) -> str:
    year = timezone.localdate().year
    name = f"decisions/{case.jobcenter.slug}/{year}/{uuid.uuid4().hex}.pdf"
    return default_storage.save(name, ContentFile(data))


def decision_send(
    *, case, by, title: str, data: bytes, choice: str = "", corrects: Decision | None = None
) -> Decision:
    """Send a finished PDF (``data``, already checked) to the citizen of ``case``: to the mailbox
    with consent (notice e-mail now; § 37 Abs. 2a SGB X), else as a letter for the post."""
    title = (title or "").replace("\x00", "").strip()[:200]
    if not title:
        raise MailboxError(_("Bitte geben Sie eine Bezeichnung an."))
    citizen = case.submission.user
    electronic = citizen is not None and selectors.has_consent(citizen)
    now = timezone.now()
    name = _store(case, data)
    try:
        with transaction.atomic():
            decision = Decision.objects.create(
                case=case,
                title=title,
                file=name,
                sha256=hashlib.sha256(data).hexdigest(),
                choice=choice[:50],
                corrects=corrects,
                sent_by=by,
                sent_at=now,
                channel=Decision.Channel.MAILBOX if electronic else Decision.Channel.POST,
                notice_sent_at=now if electronic else None,
            )
            audit.record(
                actor=by,
                jobcenter=case.jobcenter,
                action=audit.Action.CREATE,
                object_type="decision",
                object_id=decision.public_id,
                summary=f"Bescheid „{title}“ versandt ({decision.get_channel_display()})",
            )
            if electronic:
                _notify(citizen, case.jobcenter, kind="decision")
            # A letter is not settled yet: the e-file takes it once it is marked as posted,
            # with the posting time and the day it counts as notified.
    except Exception:
        default_storage.delete(name)
        raise
    return decision


def decision_upload(*, case, by, title: str, uploaded, corrects=None) -> Decision:
    _check_pdf(uploaded)
    uploaded.seek(0)
    return decision_send(case=case, by=by, title=title, data=uploaded.read(), corrects=corrects)


def decision_quick(*, case, by, choice: str) -> Decision:
    """A decision of the form's ``decision_choices``: the letter is made and sent."""
    choices = dict(selectors.decision_choices(case))
    if choice not in choices:
        raise MailboxError(_("Diese Entscheidung gibt es für diesen Antrag nicht."))
    data = letters.render_decision_letter(case, choice=choice, label=choices[choice])
    title = _("Bescheid: %(label)s") % {"label": choices[choice]}
    return decision_send(case=case, by=by, title=title, data=data, choice=choice)


def decision_retrieved(*, decision: Decision, login_level: str) -> Decision:
    """The first retrieval after login counts (time, login level); later ones change nothing."""
    with transaction.atomic():
        first = Decision.objects.filter(pk=decision.pk, retrieved_at__isnull=True).update(
            retrieved_at=timezone.now(), retrieved_level=(login_level or "")[:20]
        )
        if first and decision.post_flagged_at is None:
            _changed(decision.case)  # the proof of delivery is complete
    decision.refresh_from_db(fields=["retrieved_at", "retrieved_level"])
    return decision


def decisions_flag_unretrieved(*, today: dt.date | None = None) -> int:
    """Decisions in the mailbox not retrieved within the period are flagged for the post."""
    today = today or timezone.localdate()
    count = 0
    waiting = Decision.objects.filter(
        channel=Decision.Channel.MAILBOX, retrieved_at__isnull=True, post_flagged_at__isnull=True
    ).select_related("case__jobcenter")
    for decision in waiting:
        if rules.retrieval_period_ends(decision.notice_sent_at) < today:
            with transaction.atomic():
                # Not settled yet: the e-file gets it once the letter is posted.
                flagged = Decision.objects.filter(
                    pk=decision.pk, retrieved_at__isnull=True, post_flagged_at__isnull=True
                ).update(post_flagged_at=timezone.now())
            count += flagged
    return count


def decision_mark_posted(*, decision: Decision, by) -> Decision:
    """A caseworker sent a letter (no consent) or a flagged decision by post. The first marking
    counts (time, person); a second one changes nothing. Audited; the delivery is settled now,
    so the e-file gets the decision with the posting time and the day it counts as notified
    (§ 37 Abs. 2 SGB X)."""
    if not decision.goes_by_post:
        raise MailboxError(_("Dieser Bescheid ist nicht für den Postversand vorgesehen."))
    with transaction.atomic():
        first = Decision.objects.filter(pk=decision.pk, posted_at__isnull=True).update(
            posted_at=timezone.now(), posted_by=by
        )
        if first:
            audit.record(
                actor=by,
                jobcenter=decision.case.jobcenter,
                action=audit.Action.CHANGE,
                object_type="decision",
                object_id=decision.public_id,
                summary=f"Bescheid „{decision.title}“ als per Post versandt markiert",
            )
            _changed(decision.case)  # the delivery is settled: the e-file takes it
    decision.refresh_from_db(fields=["posted_at", "posted_by"])
    return decision


# --- retention (called by the retention app's shredder only) ---------------------------------


def cases_mailbox_erase(*, cases) -> list[str]:
    """Delete the threads (messages, attachment links) and decisions of these cases; returns the
    decisions' stored files for the caller to delete (after the row deletes, before the commit;
    not at all in a dry run). The attachments' documents are the documents app's."""
    ids = [c.pk for c in cases]
    names = threads_erase(threads=Thread.objects.filter(case__in=ids))
    decisions = Decision.objects.filter(case__in=ids).order_by("-pk")
    names += [d.file.name for d in decisions if d.file]
    # A correction names the decision it corrects (SET_NULL): one delete takes all.
    decisions.delete()
    return names


def threads_erase(*, threads) -> list[str]:
    """Delete threads with their messages; no files of their own (attachments are documents)."""
    Thread.objects.filter(pk__in=[t.pk for t in threads]).delete()
    return []

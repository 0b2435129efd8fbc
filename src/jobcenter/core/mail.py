"""Every e-mail of the service goes out through one durable, retried job (``OutgoingEmail``).

``email_queue(message, purpose=…)`` stores the message and queues a django-tasks-db task in the
caller's transaction. The worker sends it (``email_run``): lock the row, skip it if it is done or
leased by another worker, mark it running with a lease, send; on failure record the error class
and queue a retry with exponential backoff (``EMAIL_JOB_BACKOFF_SECONDS`` · 2^(n−1), at most
``EMAIL_JOB_BACKOFF_MAX_SECONDS``) until ``EMAIL_JOB_MAX_ATTEMPTS``, then "failed" — visible in
the admin (Ausgehende E-Mails) with a retry action. ``emails_sweep`` (``manage.py sweep_emails``)
re-queues rows whose worker died. A crash between sending and recording may send a message twice,
never zero times.

Why not send in the request: a mail server that is down lost the message (only a log line), and
the time a send takes told an observer whether an address has an account.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from jobcenter.core.jobs import sweep_stuck
from jobcenter.core.models import OutgoingEmail

logger = logging.getLogger(__name__)
Status = OutgoingEmail.Status


@task()
def run_email(email_id: int) -> str:
    return email_run(email_id=email_id)


def _enqueue(row: OutgoingEmail, *, run_after: dt.datetime | None = None) -> None:
    result = run_email.using(run_after=run_after).enqueue(row.pk)
    row.task_id = str(result.id)
    row.next_attempt_at = run_after or timezone.now()
    row.save(
        update_fields=[
            "task_id",
            "next_attempt_at",
            "status",
            "lease_until",
            "last_error",
            "attempts",
            "updated_at",
        ]
    )


def email_queue(message: EmailMessage, *, purpose: str) -> OutgoingEmail:
    """Store ``message`` (plain text, no attachments) and queue its sending; commits with the
    caller's transaction."""
    if message.attachments or getattr(message, "alternatives", None):
        raise ValueError("the outbox sends plain-text messages without attachments")
    with transaction.atomic():
        row = OutgoingEmail.objects.create(
            purpose=purpose[:64],
            from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
            to=list(message.to),
            subject=message.subject,
            body=message.body,
            headers=dict(message.extra_headers),
        )
        _enqueue(row)
    return row


def backoff(attempt: int) -> dt.timedelta:
    seconds = settings.EMAIL_JOB_BACKOFF_SECONDS * 2 ** max(attempt - 1, 0)
    return dt.timedelta(seconds=min(seconds, settings.EMAIL_JOB_BACKOFF_MAX_SECONDS))


def email_run(*, email_id: int) -> str:
    with transaction.atomic():
        row = OutgoingEmail.objects.select_for_update().filter(pk=email_id).first()
        if row is None or row.status in (Status.DONE, Status.FAILED):
            return "skipped"
        now = timezone.now()
        if row.status == Status.RUNNING and row.lease_until and row.lease_until > now:
            return "running elsewhere"
        row.status = Status.RUNNING
        row.attempts += 1
        row.lease_until = now + dt.timedelta(seconds=settings.EMAIL_JOB_LEASE_SECONDS)
        row.save(update_fields=["status", "attempts", "lease_until", "updated_at"])
    message = EmailMessage(
        subject=row.subject,
        body=row.body,
        from_email=row.from_email,
        to=row.to,
        headers=row.headers,
    )
    try:
        message.send(fail_silently=False)
    except Exception as exc:
        # Only the class in the log: SMTP errors carry addresses.
        logger.warning(
            "e-mail %s (%s) attempt %d failed: %s",
            row.pk,
            row.purpose,
            row.attempts,
            type(exc).__name__,
        )
        with transaction.atomic():
            row = OutgoingEmail.objects.select_for_update().get(pk=email_id)
            row.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            row.lease_until = None
            if row.attempts >= settings.EMAIL_JOB_MAX_ATTEMPTS:
                row.status, row.next_attempt_at = Status.FAILED, None
                row.save(
                    update_fields=[
                        "status",
                        "last_error",
                        "lease_until",
                        "next_attempt_at",
                        "updated_at",
                    ]
                )
                logger.error(
                    "e-mail %s (%s) gave up after %d attempts", row.pk, row.purpose, row.attempts
                )
                return "failed"
            row.status = Status.PENDING
            _enqueue(row, run_after=timezone.now() + backoff(row.attempts))
        return "retry"
    now = timezone.now()
    OutgoingEmail.objects.filter(pk=email_id).update(
        status=Status.DONE,
        done_at=now,
        lease_until=None,
        next_attempt_at=None,
        last_error="",
        body="",
        updated_at=now,
    )
    return "done"


def email_retry(*, row: OutgoingEmail) -> bool:
    """Administrators: send a failed (or stuck) e-mail again now, with a fresh set of attempts."""
    with transaction.atomic():
        row = OutgoingEmail.objects.select_for_update().get(pk=row.pk)
        if row.status == Status.DONE:
            return False
        if row.status == Status.RUNNING and row.lease_until and row.lease_until > timezone.now():
            return False  # a worker is sending it
        row.status, row.attempts, row.lease_until = Status.PENDING, 0, None
        _enqueue(row)
    return True


def emails_sweep(*, now: dt.datetime | None = None, grace: dt.timedelta | None = None) -> int:
    """Re-queue e-mails whose task will never run (worker died, task row gone)."""
    grace = grace if grace is not None else dt.timedelta(minutes=5)
    return sweep_stuck(
        OutgoingEmail.objects.all(), enqueue=_enqueue, now=now or timezone.now(), grace=grace
    )


def emails_erase_finished(*, before: dt.datetime) -> int:
    """Retention: forget e-mails that were sent or gave up before ``before`` (recipient and
    subject are personal data; once finished, the row only serves troubleshooting)."""
    finished = OutgoingEmail.objects.filter(
        status__in=[Status.DONE, Status.FAILED], updated_at__lt=before
    )
    return finished.delete()[0]

"""Every e-mail of the service goes out through one durable, retried job (``OutgoingEmail``).

``email_queue(message, purpose=…)`` stores the message and queues a django-tasks-db task in the
caller's transaction. The worker sends it (``email_run``) under the project's one job runner
(``core.jobs.JobRunner``, settings ``EMAIL_JOB_*``): a lease, retries with exponential backoff,
then "failed" — visible in the admin (Ausgehende E-Mails) with a retry action.
``emails_sweep`` (``manage.py sweep_emails``) re-queues rows whose worker died. A crash between
sending and recording may send a message twice, never zero times.

Why not send in the request: a mail server that is down lost the message (only a log line), and
the time a send takes told an observer whether an address has an account.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django_tasks import task

from jobcenter.core.jobs import JobRunner
from jobcenter.core.models import OutgoingEmail

logger = logging.getLogger(__name__)
Status = OutgoingEmail.Status


RUNNER = JobRunner(prefix="EMAIL_JOB", label="e-mail")


@task()
def run_email(email_id: int) -> str:
    return email_run(email_id=email_id)


RUNNER.tasks[OutgoingEmail] = run_email
backoff = RUNNER.backoff


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
        RUNNER.enqueue(row)
    return row


def _send(row: OutgoingEmail) -> None:
    EmailMessage(
        subject=row.subject,
        body=row.body,
        from_email=row.from_email,
        to=row.to,
        headers=row.headers,
    ).send(fail_silently=False)


def email_run(*, email_id: int) -> str:
    # A sent body is blanked: it may hold a link that works like a password.
    return RUNNER.run(OutgoingEmail, email_id, _send, done_fields={"body": ""})


def email_retry(*, row: OutgoingEmail) -> bool:
    """Administrators: send a failed (or stuck) e-mail again now, with a fresh set of attempts;
    not one a worker is sending right now."""
    return RUNNER.retry(row)


def emails_sweep(*, now: dt.datetime | None = None, grace: dt.timedelta | None = None) -> int:
    """Re-queue e-mails whose task will never run (worker died, task row gone)."""
    grace = grace if grace is not None else dt.timedelta(minutes=5)
    return RUNNER.sweep(OutgoingEmail.objects.all(), now=now, grace=grace)


def emails_erase_finished(*, before: dt.datetime) -> int:
    """Retention: forget e-mails that were sent or gave up before ``before`` (recipient and
    subject are personal data; once finished, the row only serves troubleshooting)."""
    finished = OutgoingEmail.objects.filter(
        status__in=[Status.DONE, Status.FAILED], updated_at__lt=before
    )
    return finished.delete()[0]

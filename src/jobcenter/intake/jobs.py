"""What happens after "Absenden": durable, retried, idempotent jobs (the outbox).

Each submission gets one ``SubmissionJob`` row per step — the receipt PDF, the confirmation
e-mail (only when there is an address to write to) and the handover hook — created **in the
submitting transaction**, together with a django-tasks-db task row for each. Either the
submission and all its jobs are committed, or nothing is; a process dying right after the commit
loses nothing (unlike ``transaction.on_commit``).

Running a job (``job_run``, called by the task ``run_submission_job`` in ``manage.py db_worker``):

1. lock the job row; if it is done (or failed for good), stop — a duplicate task is harmless;
2. mark it running with a lease (``INTAKE_JOB_LEASE_SECONDS``) and count the attempt; commit;
3. run the handler; handlers are safe to run twice (the receipt is stored once, see
   ``receipt_store``; an e-mail may in the worst case — a crash between sending and recording —
   go out twice, never zero times);
4. success → done. Failure → the error is recorded and, while attempts remain
   (``INTAKE_JOB_MAX_ATTEMPTS``), a new task is queued with exponential backoff
   (``INTAKE_JOB_BACKOFF_SECONDS`` · 2^(n−1), at most ``INTAKE_JOB_BACKOFF_MAX_SECONDS``), in the
   same transaction as the record; afterwards the job stays "failed" and shows up in the admin
   (Folgeaufgaben) with its error and a "retry" action.

The sweeper (``manage.py sweep_submission_jobs``, every few minutes) re-queues jobs whose task
will never run: a worker killed mid-job (status running, lease expired) or a task row that is
gone or finished while the job is still pending.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from jobcenter.core.jobs import lease_held, sweep_stuck
from jobcenter.intake.models import Receipt, Submission, SubmissionJob

logger = logging.getLogger(__name__)
Kind, Status = SubmissionJob.Kind, SubmissionJob.Status


@task()
def run_submission_job(job_id: int) -> str:
    return job_run(job_id=job_id)


# --- handlers ------------------------------------------------------------------------------------


def receipt_path(submission: Submission) -> str:
    year = timezone.localtime(submission.received_at).year
    return f"receipts/{submission.jobcenter.slug}/{year}/{submission.reference}.pdf"


def receipt_store(submission: Submission) -> Receipt:
    """Render and store the receipt once. A run killed before the database row was written may
    have left a file under the same name: it is replaced, so exactly one file remains."""
    existing = Receipt.objects.filter(submission=submission).first()
    if existing is not None:
        return existing
    from jobcenter.receipts import service as receipts

    pdf = receipts.render_receipt_pdf(submission)
    name = receipt_path(submission)
    if default_storage.exists(name):
        default_storage.delete(name)
    try:
        stored = default_storage.save(name, ContentFile(pdf))
    except Exception:
        # A full disk leaves a truncated file under the name: remove it, so that no broken PDF
        # stays behind if the job never succeeds (a retry would replace it).
        with contextlib.suppress(Exception):
            if default_storage.exists(name):
                default_storage.delete(name)
        raise
    try:
        with transaction.atomic():  # a savepoint, so the lookup below works inside a transaction
            return Receipt.objects.create(submission=submission, file=stored, size=len(pdf),
                                          sha256=hashlib.sha256(pdf).hexdigest())
    except IntegrityError:
        # Another run stored the receipt first: keep its file (never delete what its row
        # points to) and drop only a file of our own under another name.
        winner = Receipt.objects.filter(submission=submission).first()
        if winner is None:
            default_storage.delete(stored)
            raise
        if winner.file.name != stored:
            default_storage.delete(stored)
        return winner
    except Exception:
        default_storage.delete(stored)
        raise


def recipient_of(submission: Submission) -> str:
    """Where the confirmation goes: the address given in the form, else the account's."""
    given = submission.answers.get("email")
    if isinstance(given, str) and given:
        return given
    return submission.user.email if submission.user_id and submission.user.email else ""


def receipt_link(submission: Submission) -> str:
    from jobcenter.intake.selectors import receipt_token

    path = reverse("portal:submission_link", kwargs={
        "jobcenter": submission.jobcenter.slug, "public_id": submission.public_id,
        "token": receipt_token(submission)})
    return settings.PUBLIC_BASE_URL.rstrip("/") + path


def email_send(submission: Submission) -> None:
    from jobcenter.receipts import service as receipts

    recipient = recipient_of(submission)
    if not recipient:
        return
    receipts.confirmation_email(submission, recipient=recipient,
                                receipt_url=receipt_link(submission)).send(fail_silently=False)


def handover(submission: Submission) -> None:
    """The handover on arrival (jobcenter.handover): builds and delivers the export bundle now
    if the Jobcenter hands over on arrival; otherwise the bundle waits until the caseworker marks
    the case "vollständig", and this job has nothing to do."""
    from jobcenter.handover import service as handover_service

    handover_service.submission_arrived(submission)


HANDLERS = {Kind.RECEIPT: receipt_store, Kind.EMAIL: email_send, Kind.HANDOVER: handover}


# --- state ---------------------------------------------------------------------------------------


def _enqueue(job: SubmissionJob, *, run_after: dt.datetime | None = None) -> None:
    """Queue a task for the job; must run inside the transaction that records the job state."""
    result = run_submission_job.using(run_after=run_after).enqueue(job.pk)
    job.task_id = str(result.id)
    job.next_attempt_at = run_after or timezone.now()
    job.save(update_fields=["task_id", "next_attempt_at", "status", "lease_until",
                            "last_error", "attempts", "updated_at"])


def jobs_create_for(submission: Submission, *,
                    kinds: list[str] | None = None) -> list[SubmissionJob]:
    """The follow-up jobs of a submission; ``kinds`` picks some of them (demo data: only the
    receipt, without e-mail and handover)."""
    if kinds is None:
        kinds = [Kind.RECEIPT]
        if recipient_of(submission):
            kinds.append(Kind.EMAIL)
        kinds.append(Kind.HANDOVER)
    created = []
    for kind in kinds:
        job = SubmissionJob.objects.create(submission=submission, kind=kind)
        _enqueue(job)
        created.append(job)
    return created


def backoff(attempt: int) -> dt.timedelta:
    seconds = settings.INTAKE_JOB_BACKOFF_SECONDS * 2 ** max(attempt - 1, 0)
    return dt.timedelta(seconds=min(seconds, settings.INTAKE_JOB_BACKOFF_MAX_SECONDS))


def job_run(*, job_id: int) -> str:
    with transaction.atomic():
        job = (SubmissionJob.objects.select_for_update().select_related("submission")
               .filter(pk=job_id).first())
        if job is None or job.status in (Status.DONE, Status.FAILED):
            return "skipped"
        now = timezone.now()
        if job.status == Status.RUNNING and job.lease_until and job.lease_until > now:
            return "running elsewhere"  # a duplicate task; the lease holder finishes the job
        job.status = Status.RUNNING
        job.attempts += 1
        job.lease_until = now + dt.timedelta(seconds=settings.INTAKE_JOB_LEASE_SECONDS)
        job.save(update_fields=["status", "attempts", "lease_until", "updated_at"])
    submission = Submission.objects.select_related("jobcenter", "user").get(
        pk=job.submission_id)
    try:
        HANDLERS[job.kind](submission)
    except Exception as exc:
        # Only the exception class: SMTP errors and the like carry e-mail addresses.
        logger.warning("job %s (%s) attempt %d failed: %s", job.pk, job.kind, job.attempts,
                       type(exc).__name__)
        with transaction.atomic():
            job = SubmissionJob.objects.select_for_update().get(pk=job_id)
            job.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            job.lease_until = None
            if job.attempts >= settings.INTAKE_JOB_MAX_ATTEMPTS:
                job.status = Status.FAILED
                job.next_attempt_at = None
                job.save(update_fields=["status", "last_error", "lease_until",
                                        "next_attempt_at", "updated_at"])
                logger.error("job %s (%s) gave up after %d attempts", job.pk, job.kind,
                             job.attempts)
                return "failed"
            job.status = Status.PENDING
            _enqueue(job, run_after=timezone.now() + backoff(job.attempts))
        return "retry"
    with transaction.atomic():
        SubmissionJob.objects.filter(pk=job_id).update(
            status=Status.DONE, done_at=timezone.now(), lease_until=None, next_attempt_at=None,
            last_error="", updated_at=timezone.now())
    return "done"


def job_retry(*, job: SubmissionJob) -> bool:
    """Administrators: try a failed (or stuck) job again now, with a fresh set of attempts.
    Not a done job, nor one a worker is running under a valid lease. Returns whether it was."""
    with transaction.atomic():
        job = SubmissionJob.objects.select_for_update().get(pk=job.pk)
        if job.status == Status.DONE or lease_held(job, timezone.now()):
            return False
        job.status, job.attempts, job.lease_until = Status.PENDING, 0, None
        _enqueue(job)
    return True


def jobs_sweep(*, now: dt.datetime | None = None, grace: dt.timedelta | None = None) -> int:
    """Re-queue jobs whose task will never run. Returns how many were re-queued."""
    grace = grace if grace is not None else dt.timedelta(
        seconds=settings.INTAKE_JOB_SWEEP_GRACE_SECONDS)
    return sweep_stuck(SubmissionJob.objects.all(), enqueue=_enqueue,
                       now=now or timezone.now(), grace=grace)

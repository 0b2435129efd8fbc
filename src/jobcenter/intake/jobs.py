"""What happens after "Absenden": durable, retried, idempotent jobs (the outbox).

Each submission gets one ``SubmissionJob`` row per step — the receipt PDF, the confirmation
e-mail (only when there is an address to write to) and the handover hook — created **in the
submitting transaction**, together with a django-tasks-db task row for each. Either the
submission and all its jobs are committed, or nothing is; a process dying right after the commit
loses nothing (unlike ``transaction.on_commit``).

Running a job (``job_run``, called by the task ``run_submission_job`` in ``manage.py db_worker``)
is the project's one job runner (``core.jobs.JobRunner``, settings ``INTAKE_JOB_*``): a lease, a
counted attempt, exponential backoff, "failed" after ``INTAKE_JOB_MAX_ATTEMPTS`` with a retry
action in the admin (Folgeaufgaben). Handlers are safe to run twice (the receipt is stored once,
see ``receipt_store``; an e-mail may in the worst case — a crash between sending and recording —
go out twice, never zero times).

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

from jobcenter.core.jobs import WORKER_WARM_UPS, JobRunner
from jobcenter.forms import selectors as form_selectors
from jobcenter.intake import signals
from jobcenter.intake.models import Receipt, Submission, SubmissionJob
from jobcenter.intake.selectors import receipt_token
from jobcenter.receipts import selectors as receipts

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
            return Receipt.objects.create(
                submission=submission,
                file=stored,
                size=len(pdf),
                sha256=hashlib.sha256(pdf).hexdigest(),
            )
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
    given = form_selectors.applicant_facts(submission.form_ident, submission.answers).email
    if given:
        return given
    return submission.user.email if submission.user_id and submission.user.email else ""


def receipt_link(submission: Submission) -> str:
    path = reverse(
        "portal:submission_link",
        kwargs={
            "jobcenter": submission.jobcenter.slug,
            "public_id": submission.public_id,
            "token": receipt_token(submission),
        },
    )
    return settings.PUBLIC_BASE_URL.rstrip("/") + path


def email_send(submission: Submission) -> None:
    recipient = recipient_of(submission)
    if not recipient:
        return
    receipts.confirmation_email(
        submission, recipient=recipient, receipt_url=receipt_link(submission)
    ).send(fail_silently=False)


def handover(submission: Submission) -> None:
    """The handover on arrival (the handover app's receiver of ``submission_handover_due``):
    builds and delivers the export bundle now if the Jobcenter hands over on arrival; otherwise
    the bundle waits until the caseworker marks the case "vollständig", and this job has nothing
    to do. A receiver's exception fails the job, which is then retried."""
    signals.submission_handover_due.send(sender=Submission, submission=submission)


HANDLERS = {Kind.RECEIPT: receipt_store, Kind.EMAIL: email_send, Kind.HANDOVER: handover}


# --- state ---------------------------------------------------------------------------------------

RUNNER = JobRunner(prefix="INTAKE_JOB", label="job")
RUNNER.tasks[SubmissionJob] = run_submission_job


def receipt_warm_up() -> None:
    """A worker's set-up for the receipt job: WeasyPrint's imports, the fonts, the stylesheets
    (about a second of CPU that the first receipt of every worker process paid otherwise)."""
    receipts.warm_up()


if receipt_warm_up not in WORKER_WARM_UPS:
    WORKER_WARM_UPS.append(receipt_warm_up)
backoff = RUNNER.backoff


def jobs_create_for(
    submission: Submission, *, kinds: list[str] | None = None
) -> list[SubmissionJob]:
    """The follow-up jobs of a submission; ``kinds`` picks some of them (demo data: only the
    receipt, without e-mail and handover)."""
    if kinds is None:
        kinds = [Kind.RECEIPT]
        if recipient_of(submission):
            kinds.append(Kind.EMAIL)
        kinds.append(Kind.HANDOVER)
    created = SubmissionJob.objects.bulk_create(
        [SubmissionJob(submission=submission, kind=kind) for kind in kinds]
    )
    RUNNER.enqueue_many(created)
    return created


def _run_handler(job: SubmissionJob) -> None:
    submission = Submission.objects.select_related("jobcenter", "user").get(pk=job.submission_id)
    HANDLERS[job.kind](submission)


def job_run(*, job_id: int) -> str:
    return RUNNER.run(SubmissionJob, job_id, _run_handler)


def job_retry(*, job: SubmissionJob) -> bool:
    """Administrators: try a failed (or stuck) job again now, with a fresh set of attempts.
    Not a done job, nor one a worker is running under a valid lease. Returns whether it was."""
    return RUNNER.retry(job)


def jobs_sweep(*, now: dt.datetime | None = None, grace: dt.timedelta | None = None) -> int:
    """Re-queue jobs whose task will never run. Returns how many were re-queued."""
    grace = (
        grace
        if grace is not None
        else dt.timedelta(seconds=settings.INTAKE_JOB_SWEEP_GRACE_SECONDS)
    )
    return RUNNER.sweep(SubmissionJob.objects.all(), now=now, grace=grace)

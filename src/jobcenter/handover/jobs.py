"""The durable jobs of the handover: build a bundle, deliver it by folder or HTTP push.

The same pattern as the intake's outbox (intake/jobs.py): the job's state lives in its own row
(``Bundle`` and ``Delivery`` carry ``JobFields``), created in the transaction that makes the work
necessary, with a django-tasks-db task queued in that same transaction. Running a job:

1. lock the row; stop if it is done or failed for good, or leased by another worker;
2. mark it running with a lease (``HANDOVER_JOB_LEASE_SECONDS``), count the attempt; commit;
3. run the handler (safe to run twice: a stored bundle is not rebuilt, a folder already in
   place counts as written, a push carries an idempotency key);
4. success → the handler marks the job done in its last transaction. Failure → the error is
   recorded and a new task is queued with exponential
   backoff (``HANDOVER_JOB_BACKOFF_SECONDS`` · 2^(n−1), at most ``…_MAX_SECONDS``); after
   ``HANDOVER_JOB_MAX_ATTEMPTS`` it stays "failed", visible in the admin with a retry action.

``jobs_sweep`` (``manage.py sweep_handover``, every few minutes) re-queues jobs whose task will
never run (a worker killed mid-job leaves an expired lease).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from jobcenter.core.jobs import lease_held, sweep_stuck
from jobcenter.handover.models import Bundle, Delivery, JobState

logger = logging.getLogger(__name__)


@task()
def run_bundle_build(bundle_id: int) -> str:
    from jobcenter.handover import services

    return job_run(Bundle, bundle_id, services.bundle_build)


@task()
def run_delivery(delivery_id: int) -> str:
    from jobcenter.handover import services

    return job_run(Delivery, delivery_id, services.delivery_push)


TASKS = {Bundle: run_bundle_build, Delivery: run_delivery}


def enqueue(job, *, run_after: dt.datetime | None = None) -> None:
    """Queue a task for ``job``; call inside the transaction that records the job's state."""
    result = TASKS[type(job)].using(run_after=run_after).enqueue(job.pk)
    job.task_id = str(result.id)
    job.next_attempt_at = run_after or timezone.now()
    job.save(update_fields=["task_id", "next_attempt_at", "status", "lease_until", "last_error",
                            "attempts", "updated_at"])


def backoff(attempt: int) -> dt.timedelta:
    seconds = settings.HANDOVER_JOB_BACKOFF_SECONDS * 2 ** max(attempt - 1, 0)
    return dt.timedelta(seconds=min(seconds, settings.HANDOVER_JOB_BACKOFF_MAX_SECONDS))


def job_run(model, pk: int, handler) -> str:
    with transaction.atomic():
        job = model.objects.select_for_update().filter(pk=pk).first()
        if job is None or job.status in (JobState.DONE, JobState.FAILED):
            return "skipped"
        now = timezone.now()
        if job.status == JobState.RUNNING and job.lease_until and job.lease_until > now:
            return "running elsewhere"
        job.status = JobState.RUNNING
        job.attempts += 1
        job.lease_until = now + dt.timedelta(seconds=settings.HANDOVER_JOB_LEASE_SECONDS)
        job.save(update_fields=["status", "attempts", "lease_until", "updated_at"])
    try:
        handler(pk)
    except Exception as exc:
        logger.warning("%s %s attempt %d failed: %s", model.__name__, pk, job.attempts,
                       type(exc).__name__)
        with transaction.atomic():
            job = model.objects.select_for_update().get(pk=pk)
            job.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            job.lease_until = None
            if job.attempts >= settings.HANDOVER_JOB_MAX_ATTEMPTS:
                job.status, job.next_attempt_at = JobState.FAILED, None
                job.save(update_fields=["status", "last_error", "lease_until",
                                        "next_attempt_at", "updated_at"])
                logger.error("%s %s gave up after %d attempts", model.__name__, pk,
                             job.attempts)
                return "failed"
            job.status = JobState.PENDING
            enqueue(job, run_after=timezone.now() + backoff(job.attempts))
        return "retry"
    return "done"


def job_done(job) -> None:
    """Mark ``job`` done (inside the handler's final transaction)."""
    now = timezone.now()
    type(job).objects.filter(pk=job.pk).update(status=JobState.DONE, done_at=now,
                                               lease_until=None, next_attempt_at=None,
                                               last_error="", updated_at=now)


def job_retry(job) -> bool:
    """Administrators: try a failed (or stuck) job again now, with a fresh set of attempts.
    Not a job running under a valid lease (its worker is still at it)."""
    with transaction.atomic():
        job = type(job).objects.select_for_update().get(pk=job.pk)
        if job.status == JobState.DONE:
            return False
        if lease_held(job, timezone.now()):
            return False
        if isinstance(job, Delivery) and not job.transport.enabled:
            return False
        if isinstance(job, Delivery) and job.transport.kind == "api":
            return False  # offered until the client acknowledges; nothing to run
        job.status, job.attempts, job.lease_until = JobState.PENDING, 0, None
        enqueue(job)
    return True


def jobs_sweep(*, now: dt.datetime | None = None, grace: dt.timedelta | None = None) -> int:
    """Re-queue bundle builds and pushing deliveries whose task will never run."""
    now = now or timezone.now()
    grace = grace if grace is not None else dt.timedelta(minutes=5)
    return sum(sweep_stuck(candidates, enqueue=enqueue, now=now, grace=grace) for candidates in (
        Bundle.objects.all(), Delivery.objects.exclude(transport__kind="api")))

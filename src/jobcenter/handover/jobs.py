"""The durable jobs of the handover: build a bundle, deliver it by folder or HTTP push.

The job's state lives in its own row (``Bundle`` and ``Delivery`` carry ``core.models.JobFields``),
created in the transaction that makes the work necessary, with a django-tasks-db task queued in
that same transaction. They run under the project's one job runner (``core.jobs.JobRunner``,
settings ``HANDOVER_JOB_*``: lease, attempts, backoff, "failed" with a retry action in the admin).
The handlers are safe to run twice (a stored bundle is not rebuilt, a folder already in place
counts as written, a push carries an idempotency key) and mark the job done in their last
transaction, together with what they did.

``jobs_sweep`` (``manage.py sweep_handover``, every few minutes) re-queues jobs whose task will
never run (a worker killed mid-job leaves an expired lease).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from jobcenter.handover import services
from jobcenter.handover.models import Bundle, Delivery
from jobcenter.handover.services import RUNNER


@task()
def run_bundle_build(bundle_id: int) -> str:
    return job_run(Bundle, bundle_id, lambda job: services.bundle_build(job.pk))


@task()
def run_delivery(delivery_id: int) -> str:
    return job_run(Delivery, delivery_id, lambda job: services.delivery_push(job.pk))


RUNNER.tasks.update({Bundle: run_bundle_build, Delivery: run_delivery})
backoff = RUNNER.backoff


def job_run(model, pk: int, handler) -> str:
    return RUNNER.run(model, pk, handler, mark_done=False)


def _retry_allowed(job) -> bool:
    if isinstance(job, Delivery):
        # A disabled transport sends nothing; the pull API offers until the client
        # acknowledges, so there is nothing to run.
        return job.transport.enabled and job.transport.kind != "api"
    return True


def job_retry(job) -> bool:
    """Administrators: try a failed (or stuck) job again now, with a fresh set of attempts.
    Not a job running under a valid lease (its worker is still at it)."""
    return RUNNER.retry(job, allowed=_retry_allowed)


def jobs_sweep(*, now: dt.datetime | None = None, grace: dt.timedelta | None = None) -> int:
    """Re-queue bundle builds and pushing deliveries whose task will never run."""
    now = now or timezone.now()
    grace = grace if grace is not None else dt.timedelta(minutes=5)
    return sum(
        RUNNER.sweep(candidates, now=now, grace=grace)
        for candidates in (Bundle.objects.all(), Delivery.objects.exclude(transport__kind="api"))
    )

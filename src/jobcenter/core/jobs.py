"""The one job runner of the project: durable, leased, retried jobs on top of django-tasks-db.

A job row (intake's ``SubmissionJob``, handover's ``Bundle`` and ``Delivery``, the e-mail outbox's
``OutgoingEmail``; all carry ``core.models.JobFields``) records its own state next to the queue:
``status`` (pending/running/done/failed), ``attempts``, ``lease_until``, ``next_attempt_at``,
``last_error`` and the ``task_id`` of the queued task. The row and its first task are written in
the transaction that makes the work necessary, so a crash after the commit loses nothing.

``JobRunner.run`` is what every task calls:

1. lock the row; stop if it is done or failed for good (a duplicate task is harmless), or if
   another worker holds a valid lease on it;
2. mark it running with a lease (``<PREFIX>_LEASE_SECONDS``) and count the attempt; commit;
3. run the handler (handlers are safe to run twice);
4. success → done. Failure → the error is recorded and, while attempts remain
   (``<PREFIX>_MAX_ATTEMPTS``), a new task is queued with exponential backoff
   (``<PREFIX>_BACKOFF_SECONDS`` · 2^(n−1), at most ``<PREFIX>_BACKOFF_MAX_SECONDS``), in the
   same transaction as the record; afterwards the job stays "failed" for an administrator's retry.

``JobRunner.retry`` (administrators) refuses a job that is done or that a worker runs right now
under a valid lease — a second run would overlap the first (a second e-mail). ``sweep_stuck``
(each app's sweeper command, every few minutes) re-queues jobs whose task will never run.

Settings are read on every call, so tests can change them with ``override_settings``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from jobcenter.core.models import JobState

logger = logging.getLogger(__name__)
PENDING, RUNNING, DONE, FAILED = JobState.PENDING, JobState.RUNNING, JobState.DONE, JobState.FAILED

# What ``enqueue`` writes back to the row besides the task it queued.
STATE_FIELDS = ["task_id", "next_attempt_at", "status", "lease_until", "last_error", "attempts"]


# What a worker process does once before it takes its first job (``manage.py db_worker``): an
# app's ``jobs`` module adds the set-up its handlers would otherwise pay for on their first run
# (intake: the receipt renderer's imports and fonts), so that the first job costs what every
# later one does and no job's lease runs while a process loads its libraries.
WORKER_WARM_UPS: list[Callable[[], None]] = []


def worker_warm_up() -> None:
    """Run every registered warm-up; one that fails is logged and skipped (the job that needs
    it then fails and is retried as any other would; the worker still serves the others)."""
    for warm_up in WORKER_WARM_UPS:
        try:
            warm_up()
        except Exception:
            logger.exception("worker warm-up %s failed", getattr(warm_up, "__name__", warm_up))


def backoff(attempt: int, *, prefix: str) -> dt.timedelta:
    """The wait before attempt ``attempt + 1``: ``<prefix>_BACKOFF_SECONDS`` doubled per failed
    attempt, at most ``<prefix>_BACKOFF_MAX_SECONDS``."""
    seconds = getattr(settings, f"{prefix}_BACKOFF_SECONDS") * 2 ** max(attempt - 1, 0)
    return dt.timedelta(seconds=min(seconds, getattr(settings, f"{prefix}_BACKOFF_MAX_SECONDS")))


def lease_held(job, now: dt.datetime) -> bool:
    """A worker is running ``job`` right now (its lease has not run out): an administrator's
    retry must not reset it, or a second run would overlap the first (a second e-mail)."""
    return job.status == RUNNING and job.lease_until is not None and job.lease_until > now


def task_waiting(task_id: str) -> bool:
    """A queued task for this job still waits in django-tasks-db."""
    return DBTaskResult.objects.filter(pk=task_id or None, status="READY").exists()


def sweep_stuck(
    candidates: models.QuerySet,
    *,
    enqueue: Callable,
    now: dt.datetime,
    grace: dt.timedelta,
    pending: Iterable[str] = (PENDING,),
    running: Iterable[str] = (RUNNING,),
    requeue_status: str | None = PENDING,
) -> int:
    """Re-queue the jobs among ``candidates`` that are stuck; returns how many.

    Running: its lease ran out (the worker died). Pending: its attempt is overdue by ``grace``
    and no queued task waits for it. Each job is re-checked under a row lock, so a sweeper and a
    worker never both take it. ``pending``/``running`` name the statuses of a model whose status
    says more than the job state (an upload "being checked" is a pending job);
    ``requeue_status=None`` keeps the status as it is.
    """
    pending, running = list(pending), list(running)
    model = candidates.model
    count = 0
    for pk in candidates.filter(status__in=pending + running).values_list("pk", flat=True):
        with transaction.atomic():
            job = model.objects.select_for_update().filter(pk=pk, status__in=pending + running)
            job = job.first()
            if job is None:
                continue
            if job.status in running:
                stuck = job.lease_until is None or job.lease_until < now
            else:
                overdue = job.next_attempt_at is None or job.next_attempt_at < now - grace
                stuck = overdue and not task_waiting(job.task_id)
            if stuck:
                if requeue_status is not None:
                    job.status, job.lease_until = requeue_status, None
                enqueue(job)
                count += 1
    return count


class JobRunner:
    """Runs the jobs of one app; ``prefix`` names its settings (``INTAKE_JOB`` →
    ``INTAKE_JOB_LEASE_SECONDS``, ``…_MAX_ATTEMPTS``, ``…_BACKOFF_SECONDS``,
    ``…_BACKOFF_MAX_SECONDS``).

    ``tasks`` maps a job model to the django-tasks task that runs its rows. The app's ``jobs``
    module fills it (``runner.tasks[Bundle] = run_bundle_build``) when it is imported, from the
    app's ``ready()``: the tasks call the app's services, and the services queue tasks through
    the runner — registering keeps that an import in one direction only."""

    def __init__(self, *, prefix: str, label: str = "job"):
        self.prefix, self.label = prefix, label
        self.tasks: dict[type[models.Model], Any] = {}

    def task_for(self, job):
        return self.tasks[type(job)]

    def backoff(self, attempt: int) -> dt.timedelta:
        return backoff(attempt, prefix=self.prefix)

    def enqueue(self, job, *, run_after: dt.datetime | None = None, only_task=False) -> None:
        """Queue a task for ``job``; call inside the transaction that records the job's state
        (it is saved with the task). ``only_task``: write only the task and its time, for a
        row whose other columns the caller keeps up to date itself."""
        result = self.task_for(job).using(run_after=run_after).enqueue(job.pk)
        job.task_id = str(result.id)
        job.next_attempt_at = run_after or timezone.now()
        if only_task:
            type(job).objects.filter(pk=job.pk).update(
                task_id=job.task_id, next_attempt_at=job.next_attempt_at
            )
        else:
            job.save(update_fields=[*STATE_FIELDS, "updated_at"])

    def enqueue_many(self, jobs: list) -> None:
        """``enqueue`` for new rows of one model (just inserted, still in their initial state),
        their tasks written back in one UPDATE: the submit writes its jobs under the reference
        counter's lock, so fewer round trips and less work there are more submits per second.

        Only the task id differs from row to row (one ``CASE``); the time is the same for all.
        (``bulk_update`` over every state field built a ``CASE`` per field and row: about a
        quarter of the submit's CPU time, docs/PERFORMANCE.md.)"""
        if not jobs:
            return
        now = timezone.now()
        for job in jobs:
            job.task_id = str(self.task_for(job).enqueue(job.pk).id)
            job.next_attempt_at = now
            job.updated_at = now
        type(jobs[0]).objects.filter(pk__in=[job.pk for job in jobs]).update(
            task_id=models.Case(
                *(models.When(pk=job.pk, then=models.Value(job.task_id)) for job in jobs),
                output_field=models.CharField(),
            ),
            next_attempt_at=now,
            updated_at=now,
        )

    def run(
        self,
        model: type[models.Model],
        pk: int,
        handler: Callable[[Any], Any],
        *,
        mark_done: bool = True,
        done_fields: dict | None = None,
    ) -> str:
        """Run ``handler(job)`` for the row ``pk`` of ``model`` under a lease; returns what
        happened: "done", "retry", "failed", "skipped" or "running elsewhere".

        ``mark_done=False``: the handler marks the job done itself, in its last transaction
        (``job_done``), so that its result and the job state commit together.
        ``done_fields``: more columns to set when done (the outbox blanks a sent body)."""
        with transaction.atomic():
            job = model.objects.select_for_update().filter(pk=pk).first()
            if job is None or job.status in (DONE, FAILED):
                return "skipped"
            now = timezone.now()
            if lease_held(job, now):
                return "running elsewhere"  # a duplicate task; the lease holder finishes the job
            job.status = RUNNING
            job.attempts += 1
            job.lease_until = now + dt.timedelta(seconds=self._setting("LEASE_SECONDS"))
            job.save(update_fields=["status", "attempts", "lease_until", "updated_at"])
        try:
            handler(job)
        except Exception as exc:
            return self._failed(model, pk, job, exc)
        if mark_done:
            job_done(job, **(done_fields or {}))
        return "done"

    def _failed(self, model, pk: int, job, exc: Exception) -> str:
        # Only the exception class in the log: SMTP errors and the like carry e-mail addresses.
        logger.warning(
            "%s %s (%s) attempt %d failed: %s",
            self.label,
            pk,
            model.__name__,
            job.attempts,
            type(exc).__name__,
        )
        with transaction.atomic():
            job = model.objects.select_for_update().get(pk=pk)
            job.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            job.lease_until = None
            if job.attempts >= self._setting("MAX_ATTEMPTS"):
                job.status, job.next_attempt_at = FAILED, None
                job.save(
                    update_fields=[
                        "status",
                        "last_error",
                        "lease_until",
                        "next_attempt_at",
                        "updated_at",
                    ]
                )
                logger.error("%s %s gave up after %d attempts", self.label, pk, job.attempts)
                return "failed"
            job.status = PENDING
            self.enqueue(job, run_after=timezone.now() + self.backoff(job.attempts))
        return "retry"

    def retry(self, job, *, allowed: Callable[[Any], bool] | None = None) -> bool:
        """Administrators: run a failed (or stuck) job again now, with a fresh set of attempts.
        Not a done job, nor one a worker is running under a valid lease, nor one ``allowed``
        refuses. Returns whether it was queued."""
        with transaction.atomic():
            job = type(job).objects.select_for_update().get(pk=job.pk)
            if job.status == DONE or lease_held(job, timezone.now()):
                return False
            if allowed is not None and not allowed(job):
                return False
            job.status, job.attempts, job.lease_until = PENDING, 0, None
            self.enqueue(job)
        return True

    def sweep(self, candidates: models.QuerySet, *, now=None, grace: dt.timedelta) -> int:
        return sweep_stuck(candidates, enqueue=self.enqueue, now=now or timezone.now(), grace=grace)

    def _setting(self, name: str) -> int:
        return getattr(settings, f"{self.prefix}_{name}")


def job_done(job, **fields) -> None:
    """Mark ``job`` done (a handler calls this inside its final transaction)."""
    now = timezone.now()
    type(job).objects.filter(pk=job.pk).update(
        status=DONE,
        done_at=now,
        lease_until=None,
        next_attempt_at=None,
        last_error="",
        updated_at=now,
        **fields,
    )

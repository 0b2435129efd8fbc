"""What every durable job of the project shares: finding jobs whose task will never run.

A job row (intake's ``SubmissionJob``, handover's ``Bundle`` and ``Delivery``) records its own
state (``pending``/``running``, ``lease_until``, ``next_attempt_at``, ``task_id``) next to the
django-tasks-db queue. If a worker dies while running it, or the queued task row is lost, the
row stays pending or running for ever; each app's sweeper (a management command run every few
minutes) re-queues those with ``sweep_stuck``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db import models, transaction

PENDING, RUNNING = "pending", "running"


def sweep_stuck(candidates: models.QuerySet, *, enqueue: Callable, now: dt.datetime,
                grace: dt.timedelta) -> int:
    """Re-queue the jobs among ``candidates`` that are stuck; returns how many.

    Running: its lease ran out (the worker died). Pending: its attempt is overdue by ``grace``
    and no queued task waits for it. Each job is re-checked under a row lock, so a sweeper and a
    worker never both take it.
    """
    from django_tasks_db.models import DBTaskResult

    model = candidates.model
    count = 0
    for pk in candidates.filter(status__in=[PENDING, RUNNING]).values_list("pk", flat=True):
        with transaction.atomic():
            job = model.objects.select_for_update().filter(
                pk=pk, status__in=[PENDING, RUNNING]).first()
            if job is None:
                continue
            if job.status == RUNNING:
                stuck = job.lease_until is None or job.lease_until < now
            else:
                waiting = DBTaskResult.objects.filter(pk=job.task_id or None,
                                                      status="READY").exists()
                overdue = job.next_attempt_at is None or job.next_attempt_at < now - grace
                stuck = overdue and not waiting
            if stuck:
                job.status, job.lease_until = PENDING, None
                enqueue(job)
                count += 1
    return count

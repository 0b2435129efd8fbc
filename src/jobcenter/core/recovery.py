"""Recovering the jobs of a worker that lost its database connection (``manage.py db_worker``).

Every durable job of the project keeps its state in a row (``status``, ``lease_until``,
``task_id``; see core/jobs.py) next to its django-tasks-db task. A worker whose connection drops
while it runs a task cannot record the outcome: the task row stays "running" and the job row
keeps its lease, so without help the job would wait for the sweeper until the lease runs out.
"""

from __future__ import annotations

from django.db import models, transaction

from jobcenter.core.jobs import PENDING, RUNNING


def job_models() -> list[type[models.Model]]:
    """Every model that keeps the state of a durable job next to its queued task."""
    from django.apps import apps

    needed = {"status", "lease_until", "task_id"}
    return [
        model
        for model in apps.get_models()
        if needed <= {field.name for field in model._meta.get_fields()}
    ]


def task_requeue_interrupted(task_id: str) -> int:
    """Queue a task again that a worker was running when it lost its database connection.

    The task row goes back to "ready", so a worker picks it up at once; the job rows it was
    working on give up their lease (otherwise they would wait ``…_LEASE_SECONDS`` for the
    sweeper, taking the task for a duplicate). Their handlers are safe to run twice. Returns how
    many job rows were released.
    """
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    released = 0
    with transaction.atomic():
        task = DBTaskResult.objects.select_for_update().filter(pk=task_id).first()
        if task is None or task.status != TaskResultStatus.RUNNING:
            return 0  # finished after all, or already handled
        for model in job_models():
            released += model.objects.filter(task_id=str(task_id), status=RUNNING).update(
                status=PENDING, lease_until=None
            )
        task.status, task.started_at = TaskResultStatus.READY, None
        task.save(update_fields=["status", "started_at"])
    return released

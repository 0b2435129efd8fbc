"""``manage.py db_worker``: django-tasks-db's worker, made to outlive a database outage.

The upstream worker ends with a traceback on the first database error other than "locked" (a
restarted PostgreSQL, a failover, a full disk), and every job then waits until someone starts it
again. This one logs the outage once, waits with exponential backoff
(``WORKER_DB_RETRY_SECONDS`` doubling up to ``WORKER_DB_RETRY_MAX_SECONDS``) until the database
answers, queues again the task it was running when the connection dropped
(``core.recovery.task_requeue_interrupted``: at once, not after the job's lease) and carries on.
Before its first job it runs the apps' warm-ups (``core.jobs.WORKER_WARM_UPS``: the receipt
renderer's imports and fonts). It runs at a lower CPU priority (``WORKER_NICE``,
``core.priority``): citizens' requests on the same cores come first, the receipts follow. Options
and signals are upstream's; this command takes precedence because ``jobcenter.core`` comes before
``django_tasks_db`` in ``INSTALLED_APPS``.
"""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django_tasks_db.management.commands import db_worker as upstream

from jobcenter.core.heap import freeze_loaded_objects
from jobcenter.core.jobs import worker_warm_up
from jobcenter.core.priority import lower_cpu_priority
from jobcenter.core.recovery import task_requeue_interrupted

logger = logging.getLogger("jobcenter.worker")

# What a lost or refused connection raises; other database errors are bugs of a task and are
# recorded on the task by upstream's run_task, as before.
CONNECTION_ERRORS = (OperationalError, InterfaceError)


def database_answers() -> bool:
    try:
        connections.close_all()
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except DatabaseError:
        return False


class ResilientWorker(upstream.Worker):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.current_task_id: str | None = None

    def run_task(self, db_task_result) -> None:
        # Remembered until the task's outcome is recorded: if recording it fails because the
        # connection dropped, run() knows which task to queue again.
        self.current_task_id = str(db_task_result.pk)
        super().run_task(db_task_result)
        self.current_task_id = None

    def run(self) -> None:
        # Before the first claim: the apps' set-up (imports, fonts) is not paid by a job
        # under its lease, and a drain's first job costs what every later one does.
        worker_warm_up()
        freeze_loaded_objects()
        while self.running:
            try:
                return super().run()
            except CONNECTION_ERRORS as error:
                interrupted = self.current_task_id
                self.current_task_id = None
                self.running_task = False  # a signal during the wait below ends the worker
                self.wait_for_database(error)
                if interrupted:
                    released = task_requeue_interrupted(interrupted)
                    logger.warning(
                        "worker %s: task %s queued again after the outage (%d job(s) released)",
                        self.worker_id,
                        interrupted,
                        released,
                    )
                self.startup_delay = False

    def wait_for_database(self, error: Exception) -> None:
        delay = settings.WORKER_DB_RETRY_SECONDS
        since = time.monotonic()
        logger.warning(
            "worker %s: database unavailable (%s), waiting for it",
            self.worker_id,
            type(error).__name__,
        )
        while True:
            time.sleep(delay)
            if database_answers():
                logger.warning(
                    "worker %s: database back after %.0f s",
                    self.worker_id,
                    time.monotonic() - since,
                )
                return
            delay = min(delay * 2, settings.WORKER_DB_RETRY_MAX_SECONDS)


class Command(upstream.Command):
    help = "Run the background worker; it survives database outages (waits and reconnects)."

    def handle(self, *args, **options):
        # First, before the worker starts a thread or a child process: they inherit it.
        lower_cpu_priority(settings.WORKER_NICE)
        # Upstream's handle() builds its Worker by the module-level name: swap in ours for the
        # life of this command rather than copying the option handling.
        real = upstream.Worker
        upstream.Worker = ResilientWorker
        try:
            return super().handle(*args, **options)
        finally:
            upstream.Worker = real

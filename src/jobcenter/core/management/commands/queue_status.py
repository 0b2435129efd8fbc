"""``manage.py queue_status``: how far behind the background jobs are, for monitoring.

Prints the age of the oldest task that is due and still waiting for a worker, how many wait,
how many run, and how many job rows failed for good (admin: Folgeaufgaben, Übergaben, Ausgehende
E-Mails). With ``--max-age SECONDS`` it exits with status 2 when the oldest waiting task is older
— an alert for cron, systemd or a monitoring agent (docs/OPERATIONS.md).
"""

import json

from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from jobcenter.core.recovery import job_models


def queue_status(now=None) -> dict:
    now = now or timezone.now()
    due = DBTaskResult.objects.filter(status=TaskResultStatus.READY).filter(
        Q(run_after=get_date_max()) | Q(run_after__lte=now)
    )
    oldest = None
    # Due since the later of enqueued_at and run_after (a retry waits for its backoff first).
    for enqueued_at, run_after in due.order_by("enqueued_at").values_list(
        "enqueued_at", "run_after"
    )[:200]:
        since = enqueued_at if run_after == get_date_max() else max(enqueued_at, run_after)
        oldest = since if oldest is None else min(oldest, since)
    return {
        "oldest_waiting_seconds": round((now - oldest).total_seconds()) if oldest else 0,
        "waiting": due.count(),
        "running": DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).count(),
        "failed_jobs": sum(model.objects.filter(status="failed").count() for model in job_models()),
    }


class Command(BaseCommand):
    help = "Report the age of the oldest waiting background task (exit 2 above --max-age)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--max-age",
            type=int,
            default=None,
            help="seconds; exit with status 2 if the oldest waiting task is older",
        )
        parser.add_argument("--json", action="store_true", help="one JSON object")

    def handle(self, *args, max_age=None, **options):
        status = queue_status()
        if options["json"]:
            self.stdout.write(json.dumps(status))
        else:
            for key, value in status.items():
                self.stdout.write(f"{key}={value}")
        if max_age is not None and status["oldest_waiting_seconds"] > max_age:
            self.stderr.write(
                f"oldest waiting task is {status['oldest_waiting_seconds']} s old "
                f"(limit {max_age} s)"
            )
            raise SystemExit(2)

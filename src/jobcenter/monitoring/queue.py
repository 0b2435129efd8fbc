"""The state of the background work as monitoring sees it, read from the database per scrape.

The one place that knows where the queue, the job rows and the uploads waiting for the virus
scan live: every process answers the same from the database, so any number of web processes
(and boxes) report the same figures. Counts and ages only, nothing about a person.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from jobcenter.core.management.commands.queue_status import queue_status
from jobcenter.core.recovery import job_models
from jobcenter.documents import selectors as documents


@dataclass(frozen=True)
class QueueState:
    waiting: int
    running: int
    oldest_waiting_seconds: int
    failed_jobs: dict[str, int]  # model label ("intake.submissionjob") -> rows that gave up
    uploads_waiting_for_scan: int
    oldest_upload_waiting_seconds: int


def queue_state(now=None) -> QueueState:
    now = now or timezone.now()
    tasks = queue_status(now)
    waiting_files, oldest_upload = documents.files_waiting_for_scan()
    return QueueState(
        waiting=tasks["waiting"],
        running=tasks["running"],
        oldest_waiting_seconds=tasks["oldest_waiting_seconds"],
        failed_jobs={
            model._meta.label_lower: model.objects.filter(status="failed").count()
            for model in job_models()
        },
        uploads_waiting_for_scan=waiting_files,
        oldest_upload_waiting_seconds=(
            max(0, round((now - oldest_upload).total_seconds())) if oldest_upload else 0
        ),
    )

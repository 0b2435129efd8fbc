"""Helpers for documents tests: an application to upload to, and posting files to it."""

from __future__ import annotations

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.forms.answers import WBA_JOB_AND_PERSON
from tests.intake.factories import make_submission


def submission_with_documents(jobcenter, *, user=None):
    """A WBA whose answers call for documents (new person: birth certificate; new job)."""
    return make_submission(jobcenter, answers=WBA_JOB_AND_PERSON, user=user)


def upload_url(submission) -> str:
    return reverse(
        "documents:upload",
        kwargs={"jobcenter": submission.jobcenter.slug, "public_id": submission.public_id},
    )


def post_files(client, url, files, *, art="sonstiges", person="Kim Musterfrau"):
    data = {
        "art": art,
        "person": person,
        "dateien": [
            SimpleUploadedFile(name, content, content_type=claimed)
            for name, content, claimed in files
        ],
    }
    return client.post(url, data)


def stored_files(root: Path) -> list[str]:
    if not root.exists():
        return []
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def drain_documents() -> int:
    """Run the ready upload tasks (not the submission's receipt jobs, which are slow)."""
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    )
    count = 0
    path = "jobcenter.documents.jobs.run_upload_job"
    while (task := DBTaskResult.objects.ready().filter(task_path=path).first()) is not None:
        task.claim(worker.worker_id)
        worker.run_task(task)
        count += 1
    return count

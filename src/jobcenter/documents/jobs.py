"""The background task of an upload: scan what is pending, normalise, store (see services)."""

from django_tasks import task

from jobcenter.documents.models import Upload
from jobcenter.documents.services import RUNNER, upload_process


@task()
def run_upload_job(upload_id: int) -> str:
    return upload_process(upload_id=upload_id)


RUNNER.tasks[Upload] = run_upload_job

"""The background task of an upload: scan what is pending, normalise, store (see services)."""

from django_tasks import task


@task()
def run_upload_job(upload_id: int) -> str:
    from jobcenter.documents.services import upload_process

    return upload_process(upload_id=upload_id)

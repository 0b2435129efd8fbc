"""The shredder's durable task: ``manage.py db_worker`` runs it (see services.run_schedule)."""

from django_tasks import task


@task()
def run_shred_task(run_id: int) -> str:
    from jobcenter.retention.services import run_execute

    run = run_execute(run_id=run_id)
    return "done" if run is not None else "skipped"

"""The shredder's durable task: ``manage.py db_worker`` runs it (see services.run_schedule)."""

from django_tasks import task

# A module import: the services queue this task, and both modules load each other.
from jobcenter.retention import services


@task()
def run_shred_task(run_id: int) -> str:
    run = services.run_execute(run_id=run_id)
    return "done" if run is not None else "skipped"

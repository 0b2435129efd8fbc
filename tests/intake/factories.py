"""Factories for drafts and submissions (import what you need)."""

import secrets

from django.core.files.base import ContentFile

from jobcenter.intake import services
from jobcenter.intake.models import Draft, Receipt, Submission
from tests.forms.answers import WBA_NOTHING_CHANGED


def make_draft(
    jobcenter, *, answers=None, user=None, session_key=None, form_key="wba", form_version="2026-1"
) -> Draft:
    draft = services.draft_create(
        jobcenter=jobcenter,
        form_key=form_key,
        form_version=form_version,
        session_key=session_key or (None if user else secrets.token_urlsafe(12)),
        user=user,
    )
    Draft.objects.filter(pk=draft.pk).update(
        answers=WBA_NOTHING_CHANGED if answers is None else answers
    )
    draft.refresh_from_db()
    return draft


def make_submission(
    jobcenter, *, answers=None, user=None, language="de", form_version="2026-1"
) -> Submission:
    draft = make_draft(jobcenter, answers=answers, user=user, form_version=form_version)
    return services.submission_create(draft=draft, language=language, user=user)


def fake_receipt(submission: Submission) -> Receipt:
    """A stored receipt without rendering (for access tests)."""
    from django.core.files.storage import default_storage

    name = default_storage.save(
        f"receipts/test/{submission.reference}.pdf", ContentFile(b"%PDF-1.7 test")
    )
    return Receipt.objects.create(submission=submission, file=name, sha256="0" * 64, size=13)


def drain() -> int:
    """Run every ready task like ``db_worker --batch`` does, in this process and transaction.

    (The real command closes the database connection between tasks, which would end a test's
    transaction on PostgreSQL; the real worker process is exercised in test_faults.py.)
    """
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
    while (task := DBTaskResult.objects.ready().first()) is not None:
        task.claim(worker.worker_id)
        worker.run_task(task)
        count += 1
    return count

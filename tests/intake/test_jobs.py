"""Post-submit jobs: worker, retries with backoff, failure visibility, retry action, sweeper."""

import datetime as dt
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from jobcenter.intake import jobs
from jobcenter.intake.models import Receipt, SubmissionJob
from tests.forms.answers import WBA_NOTHING_CHANGED
from tests.intake.factories import drain, make_submission

pytestmark = pytest.mark.django_db
Status = SubmissionJob.Status


def test_the_worker_runs_every_job_once(jobcenter, media_in_tmp):
    submission = make_submission(
        jobcenter, answers={**WBA_NOTHING_CHANGED, "email": "kim@example.invalid"}
    )
    drain()
    assert set(submission.jobs.values_list("status", flat=True)) == {Status.DONE}
    assert Receipt.objects.filter(submission=submission).count() == 1
    assert len(mail.outbox) == 1
    # A duplicate task (e.g. queued again by an over-eager sweeper) does nothing.
    for job in submission.jobs.all():
        jobs.run_submission_job.enqueue(job.pk)
    drain()
    assert len(mail.outbox) == 1
    assert len(list(media_in_tmp.rglob("*.pdf"))) == 1


def test_each_new_job_records_its_own_queued_task_due_now(jobcenter):
    before = timezone.now()
    submission = make_submission(
        jobcenter, answers={**WBA_NOTHING_CHANGED, "email": "kim@example.invalid"}
    )
    rows = list(submission.jobs.order_by("pk"))
    assert len(rows) == 3 and len({job.task_id for job in rows}) == 3
    for job in rows:
        task = DBTaskResult.objects.get(pk=job.task_id)
        assert task.status == "READY" and task.args_kwargs["args"] == [job.pk]
        assert job.status == Status.PENDING and job.attempts == 0 and job.lease_until is None
        assert before <= job.next_attempt_at <= timezone.now()


def test_backoff_grows_and_is_capped(settings):
    settings.INTAKE_JOB_BACKOFF_SECONDS, settings.INTAKE_JOB_BACKOFF_MAX_SECONDS = 30, 600
    assert [jobs.backoff(n).total_seconds() for n in (1, 2, 3, 4, 5, 6)] == [
        30,
        60,
        120,
        240,
        480,
        600,
    ]


def test_a_job_that_keeps_failing_is_marked_failed_and_can_be_retried(jobcenter, settings):
    settings.INTAKE_JOB_MAX_ATTEMPTS = 3
    submission = make_submission(jobcenter)
    job = submission.jobs.get(kind="handover")
    with mock.patch.dict(jobs.HANDLERS, {"handover": mock.Mock(side_effect=OSError("disk"))}):
        assert jobs.job_run(job_id=job.pk) == "retry"
        assert jobs.job_run(job_id=job.pk) == "retry"
        assert jobs.job_run(job_id=job.pk) == "failed"
        assert jobs.job_run(job_id=job.pk) == "skipped"
    job.refresh_from_db()
    assert job.status == Status.FAILED and job.attempts == 3
    assert job.last_error == "OSError: disk"

    jobs.job_retry(job=job)
    job.refresh_from_db()
    assert job.status == Status.PENDING and job.attempts == 0
    assert DBTaskResult.objects.get(pk=job.task_id).status == "READY"
    drain()
    job.refresh_from_db()
    assert job.status == Status.DONE


def test_failed_jobs_are_visible_in_the_admin_with_a_retry_action(jobcenter, client):
    from tests.accounts.fixtures import login_as, make_staff

    submission = make_submission(jobcenter)
    job = submission.jobs.get(kind="handover")
    SubmissionJob.objects.filter(pk=job.pk).update(
        status=Status.FAILED, attempts=8, last_error="SMTPException: down"
    )
    admin_user = make_staff(jobcenter)
    admin_user.is_superuser = admin_user.is_staff = True
    admin_user.save()
    login_as(client, admin_user)
    page = client.get("/admin/intake/submissionjob/?status__exact=failed")
    assert page.status_code == 200
    html = page.content.decode()
    assert submission.reference in html and "SMTPException: down" in html
    response = client.post(
        "/admin/intake/submissionjob/", {"action": "retry", "_selected_action": [job.pk]}
    )
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == Status.PENDING


def test_sweeper_requeues_a_job_whose_worker_died(jobcenter):
    submission = make_submission(jobcenter)
    job = submission.jobs.get(kind="receipt")
    # What a SIGKILL leaves behind: the job "running", its task claimed, nobody working on it.
    DBTaskResult.objects.filter(pk=job.task_id).update(status="RUNNING")
    SubmissionJob.objects.filter(pk=job.pk).update(
        status=Status.RUNNING, attempts=1, lease_until=timezone.now() + dt.timedelta(minutes=5)
    )

    assert jobs.jobs_sweep() == 0  # lease still valid: maybe the worker is just slow
    later = timezone.now() + dt.timedelta(minutes=6)
    assert jobs.jobs_sweep(now=later) == 1
    job.refresh_from_db()
    assert job.status == Status.PENDING
    drain()
    job.refresh_from_db()
    assert job.status == Status.DONE and job.attempts == 2


def test_sweeper_leaves_waiting_jobs_alone_and_requeues_lost_ones(jobcenter):
    submission = make_submission(jobcenter)
    receipt, handover = submission.jobs.get(kind="receipt"), submission.jobs.get(kind="handover")
    later = timezone.now() + dt.timedelta(hours=1)
    assert jobs.jobs_sweep(now=later) == 0  # both tasks are still queued
    DBTaskResult.objects.filter(pk=handover.task_id).delete()  # e.g. pruned by mistake
    assert jobs.jobs_sweep(now=later) == 1
    assert jobs.jobs_sweep(now=later) == 0
    receipt.refresh_from_db()
    assert receipt.status == Status.PENDING


def test_sweeper_command(jobcenter):
    submission = make_submission(jobcenter)
    job = submission.jobs.get(kind="handover")
    SubmissionJob.objects.filter(pk=job.pk).update(status=Status.RUNNING, lease_until=None)
    call_command("sweep_submission_jobs", verbosity=0)
    job.refresh_from_db()
    assert job.status == Status.PENDING


def test_a_duplicate_task_does_not_run_a_job_whose_lease_is_live(jobcenter):
    submission = make_submission(jobcenter)
    job = submission.jobs.get(kind="receipt")
    SubmissionJob.objects.filter(pk=job.pk).update(
        status=Status.RUNNING, attempts=1, lease_until=timezone.now() + dt.timedelta(minutes=5)
    )
    assert jobs.job_run(job_id=job.pk) == "running elsewhere"
    job.refresh_from_db()
    assert job.attempts == 1 and not Receipt.objects.exists()


def test_a_run_that_loses_the_race_keeps_the_winners_file(jobcenter, media_in_tmp):
    """Two overlapping runs of the receipt job: the loser must not delete the file the
    winner's row points to (the download would answer 500 for ever)."""
    submission = make_submission(jobcenter)
    winner = jobs.receipt_store(submission)
    # The loser checked for a receipt before the winner had written its row.
    with mock.patch.object(
        jobs.Receipt.objects,
        "filter",
        side_effect=[
            Receipt.objects.none(),
            Receipt.objects.filter(submission=submission),
        ],
    ):
        assert jobs.receipt_store(submission) == winner
    winner.refresh_from_db()
    with winner.file.open("rb") as f:
        assert f.read(5) == b"%PDF-"
    assert Receipt.objects.count() == 1


def test_jobcenter_administrators_see_and_retry_their_own_failed_jobs(
    jobcenter, other_jobcenter, client
):
    from jobcenter.accounts.models import Role
    from tests.accounts.fixtures import login_as, make_staff

    own = make_submission(jobcenter)
    foreign = make_submission(other_jobcenter)
    for submission in (own, foreign):
        SubmissionJob.objects.filter(submission=submission, kind="handover").update(
            status=Status.FAILED, attempts=8, last_error="ConnectionRefusedError: down"
        )
    administrator = make_staff(jobcenter, roles=[Role.ADMINISTRATION])
    login_as(client, administrator)
    html = client.get("/admin/intake/submissionjob/?status__exact=failed").content.decode()
    assert own.reference in html and foreign.reference not in html
    job = own.jobs.get(kind="handover")
    client.post("/admin/intake/submissionjob/", {"action": "retry", "_selected_action": [job.pk]})
    job.refresh_from_db()
    assert job.status == Status.PENDING
    foreign_job = foreign.jobs.get(kind="handover")
    client.post(
        "/admin/intake/submissionjob/", {"action": "retry", "_selected_action": [foreign_job.pk]}
    )
    foreign_job.refresh_from_db()
    assert foreign_job.status == Status.FAILED


def test_caseworkers_do_not_reach_the_job_admin(jobcenter, client):
    from tests.accounts.fixtures import login_as, make_staff

    login_as(client, make_staff(jobcenter))
    assert client.get("/admin/intake/submissionjob/").status_code in (302, 403)


def test_retry_leaves_a_job_that_another_worker_is_running_alone(jobcenter, client):
    """An administrator's "erneut versuchen" on the e-mail job while a worker is sending it
    (valid lease) must not start a second run: no second e-mail."""
    from tests.accounts.fixtures import login_as, make_staff

    submission = make_submission(
        jobcenter, answers={**WBA_NOTHING_CHANGED, "email": "kim@example.invalid"}
    )
    job = submission.jobs.get(kind="email")
    # Another worker took it a moment ago and is sending the e-mail right now.
    DBTaskResult.objects.filter(pk=job.task_id).update(status="RUNNING")
    SubmissionJob.objects.filter(pk=job.pk).update(
        status=Status.RUNNING, attempts=1, lease_until=timezone.now() + dt.timedelta(minutes=5)
    )
    admin_user = make_staff(jobcenter)
    admin_user.is_superuser = admin_user.is_staff = True
    admin_user.save()
    login_as(client, admin_user)
    response = client.post(
        "/admin/intake/submissionjob/",
        {"action": "retry", "_selected_action": [job.pk]},
        follow=True,
    )
    assert "läuft gerade und wird nicht ein zweites Mal gestartet" in response.content.decode()
    job.refresh_from_db()
    assert job.status == Status.RUNNING and job.attempts == 1
    drain()
    assert len(mail.outbox) == 0  # only the worker that holds the job sends it
    assert jobs.job_retry(job=job) is False

    # Once its lease has run out (the worker died), the retry runs it.
    SubmissionJob.objects.filter(pk=job.pk).update(
        lease_until=timezone.now() - dt.timedelta(seconds=1)
    )
    assert jobs.job_retry(job=job) is True
    drain()
    assert len(mail.outbox) == 1

"""The confirmation e-mail through a real SMTP server: content, no social data, retries."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from jobcenter.intake import jobs
from jobcenter.intake.models import SubmissionJob
from tests.forms.answers import WBA_JOB_AND_PERSON
from tests.intake.factories import drain, make_submission
from tests.receipts.smtp import SMTPServer, free_port, use_smtp

pytestmark = pytest.mark.django_db
ANSWERS = {**WBA_JOB_AND_PERSON, "email": "kim@example.invalid", "telefon": "0170 1234567"}


def _email_job(submission):
    return submission.jobs.get(kind=SubmissionJob.Kind.EMAIL)


def test_the_email_arrives_with_reference_time_and_link_and_no_social_data(
    jobcenter, smtp_server, settings
):
    settings.PUBLIC_BASE_URL = "https://jobcenter.example"
    submission = make_submission(jobcenter, answers=ANSWERS)
    drain()

    assert len(smtp_server.messages) == 1
    message = smtp_server.messages[0]
    assert message["To"] == "kim@example.invalid"
    assert submission.reference in message["Subject"]
    body = message.get_content()
    received = timezone.localtime(submission.received_at)
    assert submission.reference in body
    assert received.strftime("%d.%m.%Y") in body and received.strftime("%H:%M:%S") in body
    link = jobs.receipt_link(submission)
    assert link.startswith("https://jobcenter.example/") and link in body
    # The link carries a random 64-hex token that may contain any digit run (e.g. "185"):
    # look for the answers in the text around it.
    text = body.replace(link, "")
    for secret in ("Kim", "Musterfrau", "1980", "12345BG0012345", "Lea", "Bäckerei", "0170", "185"):
        assert secret not in text and secret not in message["Subject"], secret
    assert not message.is_multipart()  # no attachment: the PDF holds social data

    # The link opens the receipt without a login.
    response = Client().get(link.removeprefix("https://jobcenter.example"))
    assert response.status_code == 200
    assert submission.reference in response.content.decode()
    assert _email_job(submission).status == "done"


def test_mail_server_down_then_up_the_job_retries_and_succeeds(jobcenter, settings):
    port = free_port()
    use_smtp(settings, port)  # nobody listens there yet
    settings.INTAKE_JOB_BACKOFF_SECONDS = 30
    submission = make_submission(jobcenter, answers=ANSWERS)
    job = _email_job(submission)

    assert jobs.job_run(job_id=job.pk) == "retry"
    job.refresh_from_db()
    assert job.status == "pending" and job.attempts == 1
    assert "ConnectionRefused" in job.last_error
    retry_task = DBTaskResult.objects.get(pk=job.task_id)
    assert retry_task.status == "READY"
    assert retry_task.run_after >= timezone.now() + dt.timedelta(seconds=25)  # backoff

    server = SMTPServer(port).start()
    try:
        assert jobs.job_run(job_id=job.pk) == "done"
    finally:
        server.stop()
    assert len(server.messages) == 1
    job.refresh_from_db()
    assert job.status == "done" and job.last_error == ""

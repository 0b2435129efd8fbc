"""Fault table: the mail server is down, then up again (a real SMTP server, aiosmtpd).

Every e-mail — password reset, account confirmation, staff notices, mailbox notices, the
submission confirmation (tests/receipts/test_confirmation_email.py) — goes out through a durable,
retried job: while the server is down nothing is lost and the page the person sees does not
change; once it is up, the retry delivers it.
"""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from jobcenter.core import mail
from jobcenter.core.models import OutgoingEmail
from tests.accounts.fixtures import PASSWORD, make_citizen
from tests.intake.factories import drain
from tests.receipts.smtp import SMTPServer, free_port, use_smtp

pytestmark = pytest.mark.django_db


def _password_reset(client):
    make_citizen("erika@example.invalid")
    return client.post(reverse("accounts:password_reset"), {"email": "erika@example.invalid"})


def _register(client):
    return client.post(
        reverse("accounts:register"),
        {"email": "neu@example.invalid", "password": PASSWORD, "password_repeat": PASSWORD},
    )


@pytest.mark.parametrize(
    ("action", "subject_part", "link_part"),
    [
        (_password_reset, "Passwort", "/passwort-neu/"),
        (_register, "E-Mail-Adresse", "/"),
    ],
)
def test_account_email_while_smtp_is_down_is_kept_and_sent_when_it_is_up(
    client, settings, action, subject_part, link_part
):
    port = free_port()
    use_smtp(settings, port)  # nobody listens there yet
    settings.EMAIL_JOB_BACKOFF_SECONDS = 30

    response = action(client)
    assert response.status_code == 302  # the person sees the usual "sent" page
    drain()  # the worker tries: connection refused
    (row,) = OutgoingEmail.objects.all()
    assert row.status == "pending" and row.attempts == 1
    assert "ConnectionRefused" in row.last_error
    retry = DBTaskResult.objects.get(pk=row.task_id)
    assert retry.status == "READY"
    assert retry.run_after >= timezone.now() + dt.timedelta(seconds=25)  # backoff

    server = SMTPServer(port).start()
    try:
        assert mail.email_run(email_id=row.pk) == "done"
    finally:
        server.stop()
    (message,) = server.messages
    assert subject_part in message["Subject"]
    assert re.search(r"https?://\S+", message.get_content()).group(0).count(link_part)
    row.refresh_from_db()
    assert row.status == "done" and row.last_error == ""
    assert row.body == ""  # the link works like a password: not kept once sent


def test_an_email_that_keeps_failing_ends_failed_and_can_be_sent_again(client, settings):
    use_smtp(settings, free_port())
    settings.EMAIL_JOB_MAX_ATTEMPTS = 2
    _password_reset(client)
    (row,) = OutgoingEmail.objects.all()
    assert mail.email_run(email_id=row.pk) == "retry"
    assert mail.email_run(email_id=row.pk) == "failed"
    row.refresh_from_db()
    assert row.status == "failed" and row.body  # kept for the retry

    server = SMTPServer().start()
    try:
        use_smtp(settings, server.port)
        assert mail.email_retry(row=row)
        drain()
    finally:
        server.stop()
    assert len(server.messages) == 1
    row.refresh_from_db()
    assert row.status == "done"


def test_a_worker_that_died_while_sending_is_swept(client, settings):
    _password_reset(client)
    (row,) = OutgoingEmail.objects.all()
    OutgoingEmail.objects.filter(pk=row.pk).update(
        status="running", lease_until=timezone.now() - dt.timedelta(seconds=1)
    )
    DBTaskResult.objects.filter(pk=row.task_id).update(status="RUNNING")
    assert mail.emails_sweep() == 1
    assert drain() == 1
    row.refresh_from_db()
    assert row.status == "done"

"""Requests for missing documents (§§ 60, 66 SGB I): deadline, notice, answer, reminder."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone

from jobcenter.casework import selectors, services, signals
from jobcenter.casework.models import Case, CaseEvent, DocumentRequest, Message
from tests.accounts.fixtures import make_citizen
from tests.casework.factories import make_case
from tests.intake.factories import drain

ITEMS = [
    ("kontoauszuege", "Kontoauszüge der letzten drei Monate", ""),
    ("mietvertrag", "Mietvertrag", ""),
]


def _request(jobcenter, staff, *, user=None, days=14):
    case = make_case(jobcenter, user=user)
    return services.document_request_create(
        case=case,
        by=staff,
        items=ITEMS,
        message="Bitte bis zur Frist schicken.",
        deadline=timezone.localdate() + dt.timedelta(days=days),
    )


def test_default_deadline_is_two_weeks_and_configurable(jobcenter):
    today = dt.date(2026, 11, 2)
    assert services.default_deadline(jobcenter, today=today) == dt.date(2026, 11, 16)
    settings = services.settings_for(jobcenter)
    settings.document_deadline_days = 21
    settings.save()
    assert services.default_deadline(jobcenter, today=today) == dt.date(2026, 11, 23)


def test_request_moves_the_case_and_reaches_the_mailbox(jobcenter, staff):
    citizen = make_citizen("mitwirkung@example.invalid")
    request = _request(jobcenter, staff, user=citizen)
    case = request.case
    case.refresh_from_db()
    assert case.state == Case.State.UNTERLAGEN_ANGEFORDERT
    assert [i.title for i in request.items.all()] == [t for _k, t, _r in ITEMS]
    assert "§ 66" in request.legal_notice
    assert Message.objects.get(document_request=request).case == case
    assert case.events.filter(kind=CaseEvent.Kind.REQUEST, actor=staff).exists()
    mail.outbox.clear()
    drain()
    [email] = [m for m in mail.outbox if "Postfach" in m.subject]
    assert email.to == [citizen.email]
    # No social data in the e-mail: neither the name nor the documents nor the reference.
    for secret in ("Musterfrau", "Kim", "Kontoauszüge", "Mietvertrag", case.reference):
        assert secret not in email.body and secret not in email.subject
    assert "/musterkreis/postfach/" in email.body


def test_without_an_account_no_email_is_queued(jobcenter, staff):
    _request(jobcenter, staff)
    mail.outbox.clear()
    drain()
    assert [m for m in mail.outbox if "Postfach" in m.subject] == []


def test_deadline_must_be_in_the_future_and_items_chosen(jobcenter, staff):
    case = make_case(jobcenter)
    with pytest.raises(services.CaseworkError):
        services.document_request_create(
            case=case, by=staff, items=ITEMS, deadline=timezone.localdate()
        )
    with pytest.raises(services.CaseworkError):
        services.document_request_create(
            case=case, by=staff, items=[], deadline=timezone.localdate() + dt.timedelta(days=3)
        )


def test_a_finished_case_gets_no_request(jobcenter, staff):
    case = make_case(jobcenter)
    services.case_transition(case=case, to_state=Case.State.ZURUECKGEZOGEN, by=staff)
    with pytest.raises(services.TransitionRefused):
        services.document_request_create(
            case=case, by=staff, items=ITEMS, deadline=timezone.localdate() + dt.timedelta(days=3)
        )


def test_an_upload_answers_the_item_and_moves_the_case_back(jobcenter, staff):
    request = _request(jobcenter, staff)
    first, second = request.items.all()
    services.document_request_item_received(item=first, document_ref="doc-1")
    case = Case.objects.get(pk=request.case_id)
    assert case.state == Case.State.IN_BEARBEITUNG
    request.refresh_from_db()
    assert request.status == DocumentRequest.Status.OPEN
    services.document_request_item_received(item=second, document_ref="doc-2")
    services.document_request_item_received(item=second, document_ref="doc-3")  # twice: once
    request.refresh_from_db()
    assert request.status == DocumentRequest.Status.ANSWERED
    assert case.events.filter(kind=CaseEvent.Kind.DOCUMENT).count() == 2
    first.refresh_from_db()
    assert first.document_ref == "doc-1" and first.received_at


def _age(*requests, days=2):
    DocumentRequest.objects.filter(pk__in=[r.pk for r in requests]).update(
        created_at=timezone.now() - dt.timedelta(days=days)
    )


def test_reminder_runs_once_shortly_before_the_deadline(jobcenter, staff):
    citizen = make_citizen("erinnerung@example.invalid")
    soon = _request(jobcenter, staff, user=citizen, days=2)
    later = _request(jobcenter, staff, user=citizen, days=10)
    _age(soon, later)
    assert services.document_requests_remind() == 1
    assert services.document_requests_remind() == 0
    soon.refresh_from_db()
    assert soon.reminded_at
    mail.outbox.clear()
    drain()
    assert any("Erinnerung" in m.subject for m in mail.outbox)


def test_no_reminder_for_a_request_made_today_nor_for_closed_ones(jobcenter, staff):
    fresh = _request(jobcenter, staff, days=2)
    cancelled = _request(jobcenter, staff, days=2)
    services.document_request_cancel(request=cancelled, by=staff)
    _age(cancelled)
    assert services.document_requests_remind() == 0
    _age(fresh)
    assert services.document_requests_remind() == 1
    assert not DocumentRequest.objects.get(pk=cancelled.pk).reminded_at


def test_reminder_command_repeats_and_reminds_each_request_once(jobcenter, staff):
    from io import StringIO

    from django.core.management import call_command

    citizen = make_citizen("erinnerung2@example.invalid")
    request = _request(jobcenter, staff, user=citizen, days=1)
    _age(request)
    out = StringIO()
    # As `make run` starts it (--every), here three runs in a row: one reminder, one e-mail.
    call_command("remind_document_requests", every=0.01, runs=3, stdout=out)
    assert out.getvalue().splitlines() == [
        "1 reminder(s) queued.",
        "0 reminder(s) queued.",
        "0 reminder(s) queued.",
    ]
    assert request.case.events.filter(kind=CaseEvent.Kind.REMINDER).count() == 1
    mail.outbox.clear()
    drain()
    assert [m.subject for m in mail.outbox if "Erinnerung" in m.subject] != []
    assert len([m for m in mail.outbox if "Erinnerung" in m.subject]) == 1


def test_make_run_starts_the_reminder_beside_the_worker():
    from pathlib import Path

    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    run = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "manage.py db_worker" in run
    # started and restarted by make run's supervisor, hourly
    assert re.search(r'--every remind 3600 "\{python\} manage.py remind_document_requests"', run)


def test_overdue_flag(jobcenter, staff):
    request = _request(jobcenter, staff, days=3)
    assert not request.is_overdue
    DocumentRequest.objects.filter(pk=request.pk).update(
        deadline=timezone.localdate() - dt.timedelta(days=1)
    )
    request.refresh_from_db()
    assert request.is_overdue


def test_upload_url_seam(jobcenter, staff):
    request = _request(jobcenter, staff)
    item = request.items.first()
    # The documents app is connected: the upload page of the submission, type preselected.
    submission = request.case.submission
    assert selectors.upload_url_for(item) == (
        f"/{jobcenter.slug}/unterlagen/{submission.public_id}/?art={item.document_key}"
    )

    def hook(sender, *, item, **kwargs):
        return f"/upload/{item.pk}/"

    # Only this receiver: the documents app's answer would come first.
    saved = signals.upload_url_wanted.receivers
    signals.upload_url_wanted.receivers = []
    signals.upload_url_wanted.sender_receivers_cache.clear()
    signals.upload_url_wanted.connect(hook, weak=False)
    try:
        assert selectors.upload_url_for(item) == f"/upload/{item.pk}/"
    finally:
        signals.upload_url_wanted.receivers = saved
        signals.upload_url_wanted.sender_receivers_cache.clear()


def test_a_request_can_be_taken_back(jobcenter, staff):
    request = _request(jobcenter, staff)
    services.document_request_cancel(request=request, by=staff)
    request.refresh_from_db()
    assert request.status == DocumentRequest.Status.CANCELLED
    assert Case.objects.get(pk=request.case_id).state == Case.State.IN_BEARBEITUNG
    with pytest.raises(services.CaseworkError):
        services.document_request_cancel(request=request, by=staff)

"""Idle timeout (citizens 15 min, staff 60 min), absolute lifetime, deactivation, other sessions."""

import datetime as dt
import time
from zoneinfo import ZoneInfo

import pytest
from django.contrib.sessions.models import Session
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from jobcenter.accounts import services
from jobcenter.accounts import session as login_state
from jobcenter.accounts.models import UserSession
from jobcenter.accounts.signals import logged_in
from tests.accounts.fixtures import login_as, make_citizen, make_staff

pytestmark = pytest.mark.django_db


def _age(client, *, idle=0, since_login=0):
    session = client.session
    now = time.time()
    session[login_state.SESSION_SEEN] = now - idle
    session[login_state.SESSION_AUTH] = {
        **session[login_state.SESSION_AUTH],
        "login_at": now - since_login,
    }
    session.save()


@pytest.mark.parametrize(("minutes", "logged_in"), [(14, True), (16, False)])
def test_citizens_are_logged_out_after_15_idle_minutes(client, minutes, logged_in):
    login_as(client, make_citizen())
    _age(client, idle=minutes * 60, since_login=minutes * 60)
    response = client.get(reverse("accounts:overview"))
    assert (response.status_code == 200) is logged_in
    if not logged_in:
        assert response["Location"] == (reverse("accounts:login") + "?next=%2Fkonto%2F")
        page = client.get(response["Location"]).content.decode()
        assert "nicht verloren" in page


@pytest.mark.parametrize(("minutes", "logged_in"), [(59, True), (61, False)])
def test_staff_are_logged_out_after_60_idle_minutes(client, jobcenter, minutes, logged_in):
    login_as(client, make_staff(jobcenter))
    _age(client, idle=minutes * 60, since_login=minutes * 60)
    response = client.get(reverse("backoffice:overview"))
    assert (response.status_code == 200) is logged_in


def test_absolute_lifetime_ends_even_an_active_session(client, settings):
    login_as(client, make_citizen())
    _age(client, idle=10, since_login=settings.SESSION_ABSOLUTE_HOURS * 3600 + 1)
    assert client.get(reverse("accounts:overview")).status_code == 302


def test_expired_session_is_deleted_on_the_server(client):
    login_as(client, make_citizen())
    key = client.session.session_key
    _age(client, idle=3600, since_login=3600)
    client.get(reverse("accounts:overview"))
    assert not Session.objects.filter(session_key=key).exists()


def test_activity_extends_the_idle_timeout_but_the_status_check_does_not(client):
    login_as(client, make_citizen())
    _age(client, idle=10 * 60, since_login=10 * 60)
    status = client.get(reverse("accounts:session_status")).json()
    assert status["expires_at"] - status["now"] < 6 * 60
    client.post(reverse("accounts:session_extend"), {"next": "/konto/"})
    status = client.get(reverse("accounts:session_status")).json()
    assert status["expires_at"] - status["now"] > 14 * 60


def _berlin(epoch: int) -> str:
    return dt.datetime.fromtimestamp(epoch, ZoneInfo("Europe/Berlin")).strftime("%H:%M")


@pytest.mark.parametrize("language", ["de", "ar"])
def test_status_and_extend_answer_the_time_the_header_shows(client, settings, language):
    """The session script puts the server's "HH:MM" into the header as it is: Europe/Berlin
    (the Jobcenter's), not UTC, and the same clock the page was rendered with."""
    assert settings.TIME_ZONE == "Europe/Berlin"
    login_as(client, make_citizen())
    client.post(reverse("set_language"), {"language": language, "next": "/konto/"})
    _age(client, idle=10 * 60, since_login=10 * 60)
    status = client.get(reverse("accounts:session_status")).json()
    assert status["expires_time"] == _berlin(status["expires_at"])
    utc = dt.datetime.fromtimestamp(status["expires_at"], dt.UTC).strftime("%H:%M")
    assert status["expires_time"] != utc  # Berlin is UTC+1 or +2

    extended = client.post(
        reverse("accounts:session_extend"), {"next": "/konto/"}, HTTP_ACCEPT="application/json"
    ).json()
    assert extended["expires_time"] == _berlin(extended["expires_at"])
    assert extended["expires_at"] > status["expires_at"]
    page = client.get(reverse("accounts:overview")).content.decode()
    assert f'<time id="session-timeout-time">{extended["expires_time"]}</time>' in page


def test_the_status_of_an_ended_session_has_no_time(client):
    login_as(client, make_citizen())
    _age(client, idle=3600, since_login=3600)
    status = client.get(reverse("accounts:session_status")).json()
    assert status["authenticated"] is False
    assert status["expires_time"] is None


def test_pages_show_when_the_session_ends_and_offer_to_extend_it(client):
    login_as(client, make_citizen())
    page = client.get(reverse("accounts:overview")).content.decode()
    assert "Ohne Aktivität werden Sie um" in page
    assert "Sitzung verlängern" in page
    assert "session-timeout.js" in page


def test_deactivating_an_account_ends_its_sessions(client, jobcenter):
    user = make_staff(jobcenter)
    login_as(client, user)
    assert client.get(reverse("backoffice:overview")).status_code == 200
    services.user_deactivate(user=user)
    assert not UserSession.objects.filter(user=user).exists()
    assert client.get(reverse("backoffice:overview")).status_code == 302


def test_deactivation_in_the_admin_also_ends_sessions(client, jobcenter):
    user = make_staff(jobcenter)
    login_as(client, user)
    user.is_active = False
    user.save()
    assert not UserSession.objects.filter(user=user).exists()


def test_end_other_sessions_keeps_the_current_one(client):
    user = make_citizen()
    other = type(client)()
    login_as(other, user)
    login_as(client, user)
    client.post(reverse("accounts:sessions_end_others"))
    assert client.get(reverse("accounts:overview")).status_code == 200
    assert other.get(reverse("accounts:overview")).status_code == 302


def test_login_hooks_run_after_login():
    seen = []

    def hook(sender, *, request, user, **kwargs):
        seen.append(user.pk)

    logged_in.connect(hook, dispatch_uid="test.hook")

    try:
        user = make_citizen()
        request = RequestFactory().get("/")
        from django.contrib.sessions.backends.db import SessionStore

        request.session = SessionStore()
        request.user = user
        services.login_user(request, user)
        assert seen == [user.pk]
        logged_in.connect(hook, dispatch_uid="test.hook")  # idempotent
        assert sum(1 for r in logged_in.receivers if r[0][0] == "test.hook") == 1
    finally:
        logged_in.disconnect(dispatch_uid="test.hook")
    assert HttpResponse  # keep import used

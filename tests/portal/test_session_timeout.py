"""A page sent after the login timed out (no JavaScript): what was typed is kept in the draft and
comes back after the next login, on the same page."""

import time
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse

from jobcenter.accounts import session as login_state
from jobcenter.intake.models import Draft
from tests.accounts.fixtures import login_as, make_citizen
from tests.portal.wizard_helpers import BASE, PERSON, revision_of, submit

pytestmark = pytest.mark.django_db
PAGE = f"{BASE}/person/"


def _idle(client, minutes=16):
    session = client.session
    session[login_state.SESSION_SEEN] = time.time() - minutes * 60
    session.save()


def test_a_page_sent_after_the_timeout_comes_back_after_login(client, jobcenter):
    citizen = make_citizen()
    login_as(client, citizen)
    shown = client.get(PAGE)
    _idle(client)
    typed = {**PERSON, "telefon": "0170 5555555", "email": "kim@example.invalid"}
    response = client.post(PAGE, {"revision": revision_of(shown), "aktion": "weiter", **typed})
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={quote(PAGE, safe='')}"
    login_page = client.get(response["Location"]).content.decode()
    assert "Was Sie zuletzt eingegeben haben, ist gesichert" in login_page
    assert client.get(reverse("accounts:overview")).status_code != 200  # logged out
    draft = Draft.objects.get(user=citizen)
    assert draft.answers["telefon"] == "0170 5555555"

    login_as(client, citizen)
    page = client.get(PAGE).content.decode()
    assert 'value="0170 5555555"' in page and 'value="kim@example.invalid"' in page


def test_input_with_mistakes_is_kept_as_typed(client, jobcenter):
    citizen = make_citizen()
    login_as(client, citizen)
    submit(client, PAGE, PERSON)  # the draft exists
    shown = client.get(PAGE)
    _idle(client)
    client.post(
        PAGE,
        {
            "revision": revision_of(shown),
            "aktion": "weiter",
            **PERSON,
            "vorname": "",
            "telefon": "0170 666",
        },
    )
    login_as(client, citizen)
    page = client.get(PAGE).content.decode()
    assert 'value="0170 666"' in page


def test_a_forged_post_after_the_timeout_keeps_nothing(jobcenter):
    browser = Client(enforce_csrf_checks=True)
    citizen = make_citizen()
    login_as(browser, citizen)
    _idle(browser)
    response = browser.post(PAGE, {**PERSON, "telefon": "0170 1111111"})
    assert response.status_code == 302  # logged out all the same
    assert not Draft.objects.filter(user=citizen).exists()


def test_asking_whether_the_session_ended_does_not_end_it(client, jobcenter):
    """The dialog asks the server before it says "abgemeldet"; the page it then sends must still
    arrive with its citizen, or the input would land in an anonymous draft and the login would
    not bring the page back."""
    citizen = make_citizen()
    login_as(client, citizen)
    shown = client.get(PAGE)
    _idle(client)
    status = client.get(reverse("accounts:session_status")).json()
    assert status["authenticated"] is False and status["expires_at"] is None
    typed = {**PERSON, "telefon": "0170 7777777"}
    response = client.post(PAGE, {"revision": revision_of(shown), "aktion": "weiter", **typed})
    assert response["Location"] == f"{reverse('accounts:login')}?next={quote(PAGE, safe='')}"
    assert Draft.objects.get(user=citizen).answers["telefon"] == "0170 7777777"
    assert client.get(reverse("accounts:session_status")).json()["authenticated"] is False

"""Drafts and accounts: a draft started anonymously belongs to the citizen after login and is
there again after logging out and in on another browser."""

import pytest
from django.test import Client
from django.urls import reverse

from jobcenter.intake.models import Draft
from tests.accounts.fixtures import PASSWORD, make_citizen, make_staff
from tests.portal.wizard_helpers import BASE, PERSON, submit

pytestmark = pytest.mark.django_db


def _login(client, email):
    response = client.post(reverse("accounts:login"), {"email": email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]


def test_anonymous_draft_is_claimed_at_login_and_found_in_a_new_browser(client, jobcenter):
    citizen = make_citizen("kim@example.invalid")
    submit(client, f"{BASE}/person/", PERSON)
    draft = Draft.objects.get()
    assert draft.user is None

    _login(client, "kim@example.invalid")
    draft.refresh_from_db()
    assert draft.user == citizen

    client.post(reverse("accounts:logout"))
    assert "Kim" not in client.get(f"{BASE}/person/").content.decode()  # logged out: not shown

    other_browser = Client()
    _login(other_browser, "kim@example.invalid")
    page = other_browser.get(f"{BASE}/person/").content.decode()
    assert 'value="Kim"' in page and 'value="Musterfrau"' in page


def test_signed_in_citizen_starts_a_draft_owned_by_the_account(client, jobcenter):
    citizen = make_citizen("lou@example.invalid")
    _login(client, "lou@example.invalid")
    submit(client, f"{BASE}/person/", PERSON)
    assert Draft.objects.get().user == citizen


def test_another_citizen_never_sees_the_draft(client, jobcenter):
    make_citizen("a@example.invalid")
    make_citizen("b@example.invalid")
    _login(client, "a@example.invalid")
    submit(client, f"{BASE}/person/", PERSON)

    other = Client()
    _login(other, "b@example.invalid")
    assert 'value="Kim"' not in other.get(f"{BASE}/person/").content.decode()


def test_staff_login_claims_no_citizen_drafts(client, jobcenter):
    submit(client, f"{BASE}/person/", PERSON)
    staff = make_staff(jobcenter)
    from jobcenter.intake.services import drafts_claim_on_login

    class FakeRequest:
        session = client.session

    assert drafts_claim_on_login(FakeRequest(), staff) == 0
    assert Draft.objects.get().user is None

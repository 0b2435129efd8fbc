"""Citizens: register, verify, log in and out, reset and change the password, change the e-mail
address, delete the account — with the e-mails that go with each step."""

import re
import time

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from jobcenter.accounts.models import UserSession
from tests.accounts.fixtures import PASSWORD, login_as, make_citizen
from tests.intake.factories import drain

pytestmark = pytest.mark.django_db


def _outbox() -> list:
    """What was sent: e-mails go out through the worker's queue (core/mail.py)."""
    drain()
    return mail.outbox


def _link(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0).split("testserver", 1)[1]


def _register(client, email="neu@example.invalid", password=PASSWORD):
    return client.post(
        reverse("accounts:register"),
        {
            "email": email,
            "password": password,
            "password_repeat": password,
        },
    )


def test_register_sends_a_verification_link_and_login_works_only_after_it(client):
    response = _register(client)
    assert response.status_code == 302
    assert len(_outbox()) == 1
    user = get_user_model().objects.get(email="neu@example.invalid")
    assert user.kind == "citizen" and user.email_verified_at is None
    assert user.password.startswith("argon2")

    response = client.post(
        reverse("accounts:login"), {"email": "neu@example.invalid", "password": PASSWORD}
    )
    assert response.status_code == 400
    assert "noch nicht bestätigt" in response.content.decode()

    response = client.get(_link(_outbox()[0]))
    assert response.status_code == 200
    response = client.post(
        reverse("accounts:login"), {"email": "NEU@example.invalid", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("accounts:overview")).status_code == 200


def test_register_does_not_reveal_an_existing_address(client):
    make_citizen("schon@example.invalid")
    response = _register(client, "schon@example.invalid")
    assert response.status_code == 302
    assert get_user_model().objects.filter(email__iexact="schon@example.invalid").count() == 1
    assert "schon ein Konto" in _outbox()[0].subject


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("kurz", "zu kurz"),
        ("password1234", "zu üblich"),
        ("123456789012345", "komplett numerisch"),
    ],
)
def test_register_refuses_weak_passwords(client, password, message):
    response = _register(client, password=password)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_a_tampered_verification_link_is_refused(client):
    _register(client)
    link = _link(_outbox()[0])
    response = client.get(link[:-3] + "xyz/")
    assert response.status_code == 400
    assert "Link ungültig" in response.content.decode()


def test_wrong_password_explains_what_to_do(client):
    make_citizen("erika@example.invalid")
    response = client.post(
        reverse("accounts:login"), {"email": "erika@example.invalid", "password": "falsch-falsch-1"}
    )
    assert response.status_code == 400
    assert "Passwort vergessen" in response.content.decode()


def test_login_gives_a_new_session_id_and_logout_ends_it_on_the_server(client):
    make_citizen("erika@example.invalid")
    client.get(reverse("accounts:login"))
    before = client.cookies.get("sessionid")
    client.post(reverse("accounts:login"), {"email": "erika@example.invalid", "password": PASSWORD})
    after = client.cookies["sessionid"].value
    assert before is None or before.value != after
    assert UserSession.objects.filter(session_key=after).exists()

    assert client.get(reverse("accounts:logout")).status_code == 405  # logout only by POST
    client.post(reverse("accounts:logout"))
    assert not UserSession.objects.filter(session_key=after).exists()
    from django.contrib.sessions.models import Session

    assert not Session.objects.filter(session_key=after).exists()


def test_login_redirects_only_to_local_next_urls(client):
    make_citizen("erika@example.invalid")
    response = client.post(
        reverse("accounts:login") + "?next=https://evil.example/",
        {"email": "erika@example.invalid", "password": PASSWORD},
    )
    assert response["Location"] == reverse("accounts:overview")


def test_password_reset_sets_a_new_password_ends_sessions_and_notifies(client):
    user = make_citizen("erika@example.invalid")
    other = type(client)()
    login_as(other, user)
    client.post(reverse("accounts:password_reset"), {"email": "erika@example.invalid"})
    assert len(_outbox()) == 1
    response = client.get(_link(_outbox()[0]), follow=True)
    assert response.status_code == 200
    response = client.post(
        response.redirect_chain[-1][0],
        {
            "new_password1": "Ganz-neue-Passphrase-2026",
            "new_password2": "Ganz-neue-Passphrase-2026",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Ganz-neue-Passphrase-2026")
    assert other.get(reverse("accounts:overview")).status_code == 302  # logged out
    assert "Passwort wurde geändert" in _outbox()[-1].subject


def test_password_reset_for_unknown_address_sends_nothing_and_looks_the_same(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "wer@example.invalid"})
    assert response.status_code == 302
    assert _outbox() == []


def test_changing_the_email_needs_reauthentication_and_confirmation(client):
    user = make_citizen("alt@example.invalid")
    login_as(client, user)
    session = client.session
    ten_minutes_ago = time.time() - 600
    session["accounts.auth"] = {
        **session["accounts.auth"],
        "login_at": ten_minutes_ago,
        "reauth_at": ten_minutes_ago,
    }
    session.save()
    response = client.get(reverse("accounts:email_change"))
    assert response.status_code == 302
    assert reverse("accounts:reauthenticate") in response["Location"]
    response = client.post(response["Location"], {"password": PASSWORD})
    assert response.status_code == 302
    response = client.post(reverse("accounts:email_change"), {"new_email": "neu@example.invalid"})
    assert response.status_code == 200
    assert {m.to[0] for m in _outbox()} == {"neu@example.invalid", "alt@example.invalid"}
    link = _link(next(m for m in _outbox() if m.to == ["neu@example.invalid"]))
    assert client.get(link).status_code == 200
    user.refresh_from_db()
    assert user.email == "neu@example.invalid"
    assert client.get(link).status_code == 400  # single use: the old address no longer matches


def test_delete_account_removes_it_and_its_sessions(client):
    user = make_citizen("weg@example.invalid")
    login_as(client, user)
    response = client.post(reverse("accounts:delete"), {})
    assert response.status_code == 200  # confirmation missing
    response = client.post(reverse("accounts:delete"), {"confirm": "on"})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=user.pk).exists()
    assert not UserSession.objects.exists()


def test_account_pages_need_a_citizen_login(client, staff):
    assert client.get(reverse("accounts:overview")).status_code == 302
    login_as(client, staff)
    assert client.get(reverse("accounts:overview")).status_code == 404


def test_staff_cannot_log_in_on_the_citizen_login(client, jobcenter):
    from tests.accounts.fixtures import make_staff

    make_staff(jobcenter, username="sb1")
    staff_user = get_user_model().objects.get(username="sb1")
    staff_user.email = "sb1@example.invalid"
    staff_user.save()
    response = client.post(
        reverse("accounts:login"), {"email": "sb1@example.invalid", "password": PASSWORD}
    )
    assert response.status_code == 400

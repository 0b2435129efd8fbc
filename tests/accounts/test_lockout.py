"""Brute-force protection (django-axes) for both audiences, and unlocking by an administrator."""

import pytest
from django.test import override_settings
from django.urls import reverse

from jobcenter.accounts.models import Role
from tests.accounts.fixtures import PASSWORD, login_as, make_citizen, make_staff

pytestmark = pytest.mark.django_db


def _fail(client, url, data, times):
    for _ in range(times):
        response = client.post(url, data)
    return response


@override_settings(AXES_FAILURE_LIMIT=3)
def test_citizen_is_locked_after_repeated_wrong_passwords_even_with_the_right_one(client):
    make_citizen("opfer@example.invalid")
    url = reverse("accounts:login")
    response = _fail(client, url, {"email": "opfer@example.invalid", "password": "falsch"}, 3)
    assert response.status_code == 429
    assert "Zu viele falsche Versuche" in response.content.decode()
    response = client.post(url, {"email": "opfer@example.invalid", "password": PASSWORD})
    assert response.status_code == 429


@override_settings(AXES_FAILURE_LIMIT=3)
def test_lockout_does_not_affect_another_ip_address(client):
    # Locking the pair (username, IP) keeps an attacker from locking the victim out everywhere.
    make_citizen("opfer@example.invalid")
    url = reverse("accounts:login")
    _fail(client, url, {"email": "opfer@example.invalid", "password": "falsch"}, 3)
    response = client.post(
        url, {"email": "opfer@example.invalid", "password": PASSWORD}, REMOTE_ADDR="10.9.9.9"
    )
    assert response.status_code == 302


@override_settings(AXES_FAILURE_LIMIT=3)
def test_wrong_totp_codes_count_as_failures_and_admin_unlocks_staff(client, jobcenter):
    make_staff(jobcenter, username="sb")
    client.post(reverse("backoffice:login"), {"username": "sb", "password": PASSWORD})
    response = _fail(client, reverse("backoffice:login_code"), {"otp_token": "000000"}, 3)
    assert response.status_code == 429
    assert "Administration Ihres Jobcenters" in response.content.decode()
    response = client.post(reverse("backoffice:login"), {"username": "sb", "password": PASSWORD})
    assert response.status_code == 429

    from django.contrib.auth import get_user_model

    admin_client = type(client)()
    login_as(admin_client, make_staff(jobcenter, roles=[Role.ADMINISTRATION]))
    locked = get_user_model().objects.get(username="sb")
    response = admin_client.post(
        reverse("admin:accounts_user_changelist"),
        {
            "action": "unlock",
            "_selected_action": [locked.pk],
        },
    )
    assert response.status_code == 302
    response = client.post(reverse("backoffice:login"), {"username": "sb", "password": PASSWORD})
    assert response.status_code == 302


@override_settings(AXES_FAILURE_LIMIT=3, LOCKOUT_ACCOUNT_FAILURE_LIMIT=6)
def test_guessing_spread_over_many_addresses_locks_the_account_everywhere(client, jobcenter):
    make_staff(jobcenter, username="opfer")
    url = reverse("backoffice:login")
    wrong = {"username": "opfer", "password": "falsch"}
    for address in ("10.0.0.1", "10.0.0.2"):  # 2 failures each: no pair reaches 3
        for _ in range(2):
            assert client.post(url, wrong, REMOTE_ADDR=address).status_code == 400
    assert client.post(url, wrong, REMOTE_ADDR="10.0.0.3").status_code == 400
    response = client.post(url, wrong, REMOTE_ADDR="10.0.0.4")  # the 6th failure overall
    assert response.status_code == 429
    right = {"username": "opfer", "password": PASSWORD}
    response = client.post(url, right, REMOTE_ADDR="10.0.0.99")  # a fresh address, too
    assert response.status_code == 429
    assert "Administration Ihres Jobcenters" in response.content.decode()
    # another account is not affected
    make_staff(jobcenter, username="andere")
    response = client.post(
        url, {"username": "andere", "password": PASSWORD}, REMOTE_ADDR="10.0.0.4"
    )
    assert response.status_code == 302

    from django.contrib.auth import get_user_model

    admin_client = type(client)()
    login_as(admin_client, make_staff(jobcenter, roles=[Role.ADMINISTRATION]))
    locked = get_user_model().objects.get(username="opfer")
    admin_client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "unlock", "_selected_action": [locked.pk]},
    )
    response = type(client)().post(url, right, REMOTE_ADDR="10.0.0.99")
    assert response.status_code == 302


@override_settings(AXES_FAILURE_LIMIT=3, LOCKOUT_ACCOUNT_FAILURE_LIMIT=0)
def test_the_account_limit_can_be_switched_off(client):
    make_citizen("opfer@example.invalid")
    url = reverse("accounts:login")
    for number in range(8):
        client.post(
            url,
            {"email": "opfer@example.invalid", "password": "falsch"},
            REMOTE_ADDR=f"10.0.1.{number}",
        )
    response = client.post(
        url, {"email": "opfer@example.invalid", "password": PASSWORD}, REMOTE_ADDR="10.0.1.200"
    )
    assert response.status_code == 302


@override_settings(AXES_FAILURE_LIMIT=3, LOCKOUT_BY_USERNAME_AND_IP=False)
def test_locking_by_account_only(client):
    make_citizen("opfer@example.invalid")
    url = reverse("accounts:login")
    for number in range(3):
        client.post(
            url,
            {"email": "opfer@example.invalid", "password": "falsch"},
            REMOTE_ADDR=f"10.0.2.{number}",
        )
    response = client.post(
        url, {"email": "opfer@example.invalid", "password": PASSWORD}, REMOTE_ADDR="10.0.2.200"
    )
    assert response.status_code == 429

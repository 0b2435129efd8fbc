"""Re-authentication before changing login data, for citizens and staff alike: fresh logins
pass, stale ones go to the confirmation page and come back, wrong answers count for the
lockout, and every view that changes login data carries the same decorator."""

import time

import pytest
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from jobcenter.accounts import session as login_state
from jobcenter.accounts.models import UserSession
from tests.accounts.fixtures import PASSWORD, login_as, make_citizen, make_staff, totp_now

pytestmark = pytest.mark.django_db

CITIZEN_VIEWS = [
    "accounts:password_change",
    "accounts:email_change",
    "accounts:delete",
    "accounts:second_factor_setup",
]
STAFF_VIEWS = [
    "staff_account:password_change",
    "staff_account:authenticator_replace",
    "staff_account:recovery_codes_renew",
]
# Every view that changes how someone logs in, or removes the account: exactly these carry
# ``require_recent_login`` (a new one must be added here, and so cannot be forgotten).
GUARDED = {
    *CITIZEN_VIEWS,
    *STAFF_VIEWS,
    "accounts:second_factor_remove",
    "accounts:recovery_codes_renew",
    # Passkeys: the list (with the form to add one), its challenge, register, rename, remove.
    *(
        f"{namespace}:{name}"
        for namespace in ("accounts", "staff_account")
        for name in (
            "passkeys",
            "passkey_options",
            "passkey_register",
            "passkey_rename",
            "passkey_remove",
        )
    ),
}


def make_stale(client, minutes=10):
    session = client.session
    then = time.time() - minutes * 60
    session[login_state.SESSION_AUTH] = {
        **session[login_state.SESSION_AUTH],
        "login_at": then,
        "reauth_at": then,
    }
    session.save()


def _walk(resolver, namespace=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry.callback


def test_exactly_the_views_that_change_login_data_need_a_recent_login():
    guarded = {
        name
        for name, view in _walk(get_resolver())
        if getattr(view, "requires_recent_login", False)
    }
    assert guarded == GUARDED


@pytest.mark.parametrize("name", CITIZEN_VIEWS)
def test_citizen_views_pass_when_fresh_and_ask_again_when_stale(client, name):
    login_as(client, make_citizen())
    assert client.get(reverse(name)).status_code == 200
    make_stale(client)
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"] == (
        f"{reverse('accounts:reauthenticate')}?next={reverse(name).replace('/', '%2F')}"
    )
    response = client.post(response["Location"], {"password": PASSWORD, "next": reverse(name)})
    assert response["Location"] == reverse(name)
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", STAFF_VIEWS)
def test_staff_views_need_password_and_code_when_stale(client, jobcenter, name):
    user = make_staff(jobcenter)
    login_as(client, user)
    assert client.get(reverse(name)).status_code == 200
    make_stale(client)
    response = client.get(reverse(name))
    assert response.status_code == 302
    reauth = response["Location"]
    assert reauth.startswith(reverse("accounts:reauthenticate"))
    page = client.get(reauth)
    assert 'name="otp_token"' in page.content.decode()  # staff always confirm with the code
    response = client.post(reauth, {"password": PASSWORD, "next": reverse(name)})
    assert response.status_code == 200  # the code is missing
    assert client.get(reverse(name)).status_code == 302  # still stale
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    response = client.post(
        reauth, {"password": PASSWORD, "otp_token": totp_now(device), "next": reverse(name)}
    )
    assert response["Location"] == reverse(name)
    assert client.get(reverse(name)).status_code == 200


def test_staff_cannot_skip_the_code_with_a_stale_login_even_with_a_wrong_one(client, jobcenter):
    user = make_staff(jobcenter)
    login_as(client, user)
    make_stale(client)
    response = client.post(
        reverse("accounts:reauthenticate"), {"password": PASSWORD, "otp_token": "000000"}
    )
    assert response.status_code == 200
    assert "stimmt nicht" in response.content.decode()
    assert client.get(reverse("staff_account:password_change")).status_code == 302


def test_a_wrong_password_is_refused_with_an_explanation(client):
    login_as(client, make_citizen())
    make_stale(client)
    response = client.post(reverse("accounts:reauthenticate"), {"password": "falsch"})
    assert response.status_code == 200
    assert "Das Passwort oder der Code stimmt nicht" in response.content.decode()
    assert client.get(reverse("accounts:password_change")).status_code == 302


def test_reauthentication_gives_a_new_session_id_and_keeps_the_session_record(client):
    user = make_citizen()
    login_as(client, user)
    make_stale(client)
    old_key = client.session.session_key
    client.post(reverse("accounts:reauthenticate"), {"password": PASSWORD})
    new_key = client.session.session_key
    assert new_key != old_key
    assert list(UserSession.objects.filter(user=user).values_list("session_key", flat=True)) == [
        new_key
    ]


def test_the_timeout_is_configurable(client, settings):
    login_as(client, make_citizen())
    make_stale(client, minutes=10)
    settings.REAUTH_MAX_AGE_MINUTES = 15
    assert client.get(reverse("accounts:password_change")).status_code == 200
    settings.REAUTH_MAX_AGE_MINUTES = 5
    assert client.get(reverse("accounts:password_change")).status_code == 302


def test_a_stale_post_returns_to_the_page_the_form_was_on(client):
    # A POST cannot be repeated by a redirect: after confirming, the person is back on the page
    # with the button and presses it again (instead of landing on a "method not allowed").
    login_as(client, make_citizen())
    make_stale(client)
    response = client.post(
        reverse("accounts:second_factor_remove"),
        HTTP_REFERER=f"http://testserver{reverse('accounts:overview')}",
    )
    assert response["Location"].endswith("?next=%2Fkonto%2F")
    response = client.post(
        reverse("accounts:second_factor_remove"), HTTP_REFERER="https://elsewhere.invalid/phish/"
    )
    assert response["Location"].endswith("?next=%2Fkonto%2F")


def test_reauthentication_only_redirects_to_this_site(client):
    login_as(client, make_citizen())
    response = client.post(
        reverse("accounts:reauthenticate"),
        {"password": PASSWORD, "next": "https://elsewhere.invalid/"},
    )
    assert response["Location"] == reverse("accounts:overview")


@override_settings(AXES_FAILURE_LIMIT=3)
def test_wrong_reauthentication_counts_for_the_lockout(client):
    login_as(client, make_citizen("erika@example.invalid"))
    make_stale(client)
    for _ in range(3):
        client.post(reverse("accounts:reauthenticate"), {"password": "falsch"})
    response = client.post(reverse("accounts:reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 429
    assert "Zu viele falsche Versuche" in response.content.decode()
    assert client.get(reverse("accounts:password_change")).status_code == 302
    # the lock is on the account: the login page refuses the right password too
    other = type(client)()
    response = other.post(
        reverse("accounts:login"), {"email": "erika@example.invalid", "password": PASSWORD}
    )
    assert response.status_code == 429


@override_settings(AXES_FAILURE_LIMIT=3)
def test_staff_lockout_during_reauthentication_names_the_administration(client, jobcenter):
    login_as(client, make_staff(jobcenter))
    make_stale(client)
    for _ in range(4):
        response = client.post(
            reverse("accounts:reauthenticate"), {"password": "falsch", "otp_token": "123456"}
        )
    assert response.status_code == 429
    assert "Administration Ihres Jobcenters" in response.content.decode()


def test_anonymous_visitors_go_to_their_login(client):
    response = client.get(reverse("staff_account:password_change"))
    assert response["Location"].startswith(reverse("backoffice:login"))
    response = client.get(reverse("accounts:password_change"))
    assert response["Location"].startswith(reverse("accounts:login"))


def test_state_account_logins_confirm_at_the_state_account(client, settings):
    settings.OIDC_ENABLED = True
    user = make_citizen()
    user.set_unusable_password()
    user.save()
    login_as(client, user, method="oidc", level=login_state.SUBSTANTIAL)
    make_stale(client)
    response = client.get(reverse("accounts:email_change") + "?x=1")
    response = client.get(response["Location"])
    assert response["Location"] == (
        f"{reverse('accounts:oidc_login')}?next=%2Fkonto%2Femail%2F%3Fx%3D1"
    )

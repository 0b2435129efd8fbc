"""Staff change their own password, replace their authenticator app and renew their recovery
codes — each behind re-authentication, each ending the other sessions where it matters."""

import re
from base64 import b32decode

import pytest
from django.contrib.auth import authenticate
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from jobcenter.accounts import services
from jobcenter.accounts.models import UserSession
from tests.accounts.fixtures import PASSWORD, login_as, make_citizen, make_staff, totp_now
from tests.intake.factories import drain

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Ganz-neue-Passphrase-2027"


def _two_sessions(jobcenter):
    user = make_staff(jobcenter, username="sb")
    from django.test import Client

    here, there = Client(), Client()
    login_as(here, user)
    login_as(there, user)
    assert there.get(reverse("backoffice:overview")).status_code == 200
    return user, here, there


def test_overview_lists_the_changes_and_is_linked_in_the_header(client, jobcenter):
    login_as(client, make_staff(jobcenter))
    page = client.get(reverse("staff_account:overview")).content.decode()
    for name in ("password_change", "authenticator_replace", "recovery_codes_renew"):
        assert reverse(f"staff_account:{name}") in page
    overview = client.get(reverse("backoffice:overview")).content.decode()
    assert reverse("staff_account:overview") in overview


def test_password_change_ends_the_other_sessions_and_rotates_this_one(jobcenter):
    user, here, there = _two_sessions(jobcenter)
    old_key = here.session.session_key
    response = here.post(
        reverse("staff_account:password_change"),
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response["Location"] == reverse("staff_account:overview")
    assert (
        "Alle anderen Anmeldungen (1) wurden beendet"
        in here.get(response["Location"]).content.decode()
    )
    new_key = here.session.session_key
    assert new_key != old_key
    # this session goes on, with its server-side record under the new id; the other one is over
    assert here.get(reverse("backoffice:overview")).status_code == 200
    assert there.get(reverse("backoffice:overview")).status_code == 302
    assert list(UserSession.objects.filter(user=user).values_list("session_key", flat=True)) == [
        new_key
    ]
    request = RequestFactory().post("/backoffice/anmelden/")
    assert authenticate(request, username="sb", password=PASSWORD, audience="staff") is None
    assert authenticate(request, username="sb", password=NEW_PASSWORD, audience="staff") is not None


def test_password_change_refuses_weak_or_mismatched_passwords(client, jobcenter):
    login_as(client, make_staff(jobcenter))
    response = client.post(
        reverse("staff_account:password_change"), {"new_password1": "kurz", "new_password2": "kurz"}
    )
    assert response.status_code == 400
    assert (
        "kern-error-summary" in response.content.decode() or "Fehler" in response.content.decode()
    )
    response = client.post(
        reverse("staff_account:password_change"),
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD + "x"},
    )
    assert response.status_code == 400
    assert "stimmen nicht überein" in response.content.decode()


def test_citizen_password_change_keeps_its_session_record_too(client):
    user = make_citizen()
    login_as(client, user)
    client.post(
        reverse("accounts:password_change"),
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert list(UserSession.objects.filter(user=user).values_list("session_key", flat=True)) == [
        client.session.session_key
    ]
    # so "deactivate" still ends it on the server
    services.user_deactivate(user=user)
    assert client.get(reverse("accounts:overview")).status_code == 302


def _code_for(device) -> str:
    return f"{TOTP(device.bin_key).token():06d}"


def test_replacing_the_authenticator(jobcenter):
    user, here, there = _two_sessions(jobcenter)
    old_device = TOTPDevice.objects.get(user=user, confirmed=True)
    old_codes = services.recovery_codes_generate(user=user)
    page = here.get(reverse("staff_account:authenticator_replace"))
    assert page.status_code == 200 and "<svg" in page.content.decode()
    new_device = TOTPDevice.objects.get(user=user, confirmed=False)
    # the key on the page is the new device's
    secret = page.content.decode().split('data-testid="totp-secret">')[1].split("<")[0]
    key = secret.replace(" ", "")
    assert b32decode(key + "=" * (-len(key) % 8)) == new_device.bin_key

    response = here.post(
        reverse("staff_account:authenticator_replace"), {"otp_token": _code_for(new_device)}
    )
    assert response["Location"] == reverse("staff_account:recovery_codes")
    codes_page = here.get(response["Location"]).content.decode()
    assert codes_page.count('data-testid="recovery-code"') == 10
    assert "Die neue Authenticator-App ist eingerichtet" in codes_page
    assert here.get(reverse("staff_account:recovery_codes")).status_code == 302  # only once

    assert not TOTPDevice.objects.filter(pk=old_device.pk).exists()
    assert list(TOTPDevice.objects.filter(user=user).values_list("pk", "confirmed")) == [
        (new_device.pk, True)
    ]
    assert services.second_factor_verify(user=user, token=old_codes[0]) is None
    assert services.recovery_codes_left(user) == 10
    # this session is confirmed with the new app; the other one had the old app and is over
    assert here.get(reverse("backoffice:overview")).status_code == 200
    assert there.get(reverse("backoffice:overview")).status_code == 302


def test_replacing_the_authenticator_with_a_wrong_code_keeps_the_old_one(client, jobcenter):
    user = make_staff(jobcenter)
    login_as(client, user)
    old_device = TOTPDevice.objects.get(user=user, confirmed=True)
    client.get(reverse("staff_account:authenticator_replace"))
    response = client.post(reverse("staff_account:authenticator_replace"), {"otp_token": "000000"})
    assert response.status_code == 400
    assert "aus der neuen App" in response.content.decode()
    response = client.post(reverse("staff_account:authenticator_replace"), {"otp_token": ""})
    assert response.status_code == 400
    assert TOTPDevice.objects.filter(pk=old_device.pk, confirmed=True).exists()
    assert client.get(reverse("backoffice:overview")).status_code == 200


def test_the_old_app_cannot_confirm_the_new_one(client, jobcenter):
    user = make_staff(jobcenter)
    login_as(client, user)
    old_device = TOTPDevice.objects.get(user=user, confirmed=True)
    client.get(reverse("staff_account:authenticator_replace"))
    response = client.post(
        reverse("staff_account:authenticator_replace"), {"otp_token": totp_now(old_device)}
    )
    assert response.status_code == 400


def test_renewing_recovery_codes(client, jobcenter):
    user = make_staff(jobcenter)
    login_as(client, user)
    old = services.recovery_codes_generate(user=user)
    StaticToken.objects.filter(token=old[0]).delete()  # one used
    page = client.get(reverse("staff_account:recovery_codes_renew")).content.decode()
    assert "noch 9 unbenutzte Codes" in page
    assert services.recovery_codes_left(user) == 9  # a GET changes nothing
    response = client.post(reverse("staff_account:recovery_codes_renew"))
    assert response["Location"] == reverse("staff_account:recovery_codes")
    page = client.get(response["Location"]).content.decode()
    new = re.findall(r'data-testid="recovery-code">([^<]+)<', page)
    assert len(new) == 10 and not set(new) & set(old)
    assert services.second_factor_verify(user=user, token=new[0]) is not None
    assert services.second_factor_verify(user=user, token=old[1]) is None


@pytest.mark.parametrize(
    "name",
    [
        "overview",
        "password_change",
        "authenticator_replace",
        "recovery_codes_renew",
        "recovery_codes",
    ],
)
def test_staff_pages_are_404_for_citizens_and_need_a_confirmed_staff_login(client, jobcenter, name):
    login_as(client, make_citizen())
    assert client.get(reverse(f"staff_account:{name}")).status_code == 404
    client.logout()
    login_as(client, make_staff(jobcenter), second_factor=False)
    response = client.get(reverse(f"staff_account:{name}"))
    assert response["Location"].startswith(reverse("backoffice:login"))


def test_staff_pages_are_private(client, jobcenter):
    login_as(client, make_staff(jobcenter))
    response = client.get(reverse("staff_account:overview"))
    assert "no-store" in response["Cache-Control"]


def test_staff_are_told_by_mail_without_a_citizen_reset_link(client, jobcenter):
    user = make_staff(jobcenter)
    user.email = "sb@jobcenter.invalid"
    user.save()
    login_as(client, user)
    client.post(
        reverse("staff_account:password_change"),
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    drain()  # e-mails go out through the worker's queue
    (message,) = mail.outbox
    assert message.to == ["sb@jobcenter.invalid"]
    assert "Administration Ihres Jobcenters" in message.body
    assert reverse("accounts:password_reset") not in message.body

"""Staff: password plus TOTP always, enrolment on the first login, recovery codes, separate from
citizens, the Django admin only for administrators with a confirmed second factor."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from jobcenter.accounts.models import Role
from tests.accounts.fixtures import PASSWORD, login_as, make_citizen, make_staff, totp_now

pytestmark = pytest.mark.django_db


def _password_step(client, username):
    return client.post(reverse("backoffice:login"), {"username": username, "password": PASSWORD})


def test_first_login_enrols_the_authenticator_and_shows_recovery_codes(client, jobcenter):
    make_staff(jobcenter, username="neu", totp=False)
    response = _password_step(client, "neu")
    assert response["Location"] == reverse("backoffice:enrol")
    assert client.get(reverse("backoffice:overview")).status_code == 302  # not logged in yet
    page = client.get(reverse("backoffice:enrol"))
    assert page.status_code == 200 and "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user__username="neu", confirmed=False)
    response = client.post(reverse("backoffice:enrol"), {"otp_token": "000000"})
    assert response.status_code == 200 and "stimmt nicht" in response.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # django-otp makes a retry wait 1 s after a wrong code
    response = client.post(reverse("backoffice:enrol"), {"otp_token": totp_now(device)})
    assert response["Location"] == reverse("backoffice:recovery_codes")
    codes_page = client.get(reverse("backoffice:recovery_codes")).content.decode()
    assert codes_page.count('data-testid="recovery-code"') == 10
    # shown only once
    assert client.get(reverse("backoffice:recovery_codes")).status_code == 302
    assert client.get(reverse("backoffice:overview")).status_code == 200


def test_login_needs_the_code_and_accepts_a_recovery_code_once(client, jobcenter):
    user = make_staff(jobcenter, username="sb", totp=False)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    from jobcenter.accounts.services import recovery_codes_generate

    code = recovery_codes_generate(user=user)[0]
    assert _password_step(client, "sb")["Location"] == reverse("backoffice:login_code")
    response = client.post(reverse("backoffice:login_code"), {"otp_token": code})
    assert response.status_code == 302
    assert client.get(reverse("backoffice:overview")).status_code == 200
    client.post(reverse("backoffice:logout"))
    _password_step(client, "sb")
    response = client.post(reverse("backoffice:login_code"), {"otp_token": code})
    assert response.status_code == 200  # used up
    response = client.post(reverse("backoffice:login_code"), {"otp_token": totp_now(device)})
    assert response.status_code == 302


def test_citizens_cannot_use_the_staff_login_and_staff_not_the_citizen_pages(client, jobcenter):
    citizen = make_citizen("c@example.invalid")
    citizen.username = "c-login"
    citizen.save()
    response = client.post(
        reverse("backoffice:login"), {"username": "c-login", "password": PASSWORD}
    )
    assert response.status_code == 400
    login_as(client, citizen)
    assert client.get(reverse("backoffice:overview")).status_code == 404


def test_staff_without_jobcenter_cannot_log_in(client, jobcenter):
    from django.contrib.auth import get_user_model

    user = get_user_model()(username="lose", kind="staff")
    user.set_password(PASSWORD)
    user.save()
    response = _password_step(client, "lose")
    assert response.status_code == 400
    assert "keinem Jobcenter zugeordnet" in response.content.decode()


def test_overview_shows_own_jobcenter_roles_and_teams(client, jobcenter):
    from tests.accounts.fixtures import make_team

    team = make_team(jobcenter, "Leistung 1")
    user = make_staff(jobcenter, roles=[Role.TEAMLEITUNG], teams=[team])
    login_as(client, user)
    page = client.get(reverse("backoffice:overview")).content.decode()
    assert "Jobcenter Musterkreis" in page and "Teamleitung" in page and "Leistung 1" in page
    assert reverse("admin:index") not in page


def test_staff_pages_need_the_second_factor(client, jobcenter):
    user = make_staff(jobcenter)
    login_as(client, user, second_factor=False)
    response = client.get(reverse("backoffice:overview"))
    assert response.status_code == 302 and reverse("backoffice:login") in response["Location"]


@pytest.mark.parametrize(
    ("roles", "verified", "allowed"),
    [
        ([Role.ADMINISTRATION], True, True),
        ([Role.ADMINISTRATION], False, False),
        ([Role.SACHBEARBEITUNG, Role.TEAMLEITUNG, Role.STATISTIK], True, False),
    ],
)
def test_django_admin_is_for_verified_administrators_only(
    client, jobcenter, roles, verified, allowed
):
    user = make_staff(jobcenter, roles=roles)
    login_as(client, user, second_factor=verified)
    response = client.get(reverse("admin:index"))
    assert (response.status_code == 200) is allowed
    if not allowed:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_citizen_never_reaches_the_admin(client):
    user = make_citizen()
    user.is_superuser = user.is_staff = True
    user.save()
    login_as(client, user, second_factor=True)
    assert client.get(reverse("admin:index")).status_code == 302


def test_admin_of_one_jobcenter_sees_only_its_staff(client, jobcenter, other_jobcenter):
    admin_user = make_staff(jobcenter, roles=[Role.ADMINISTRATION], username="adm")
    make_staff(jobcenter, username="kollegin")
    make_staff(other_jobcenter, username="fremd")
    make_citizen("buerger@example.invalid")
    login_as(client, admin_user)
    page = client.get(reverse("admin:accounts_user_changelist")).content.decode()
    assert "kollegin" in page
    assert "fremd" not in page and "buerger@example.invalid" not in page
    other = make_staff(other_jobcenter, username="fremd2")
    assert client.get(reverse("admin:accounts_user_change", args=[other.pk])).status_code == 302


def test_the_admin_login_form_is_replaced_by_the_staff_login(client):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("backoffice:login"))


def test_jobcenter_admin_cannot_reach_a_platform_superuser(client, jobcenter):
    """A superuser who also has a staff profile in the Jobcenter must not be taken over by
    that Jobcenter's administrators (e.g. through a password change)."""
    admin_user = make_staff(jobcenter, roles=[Role.ADMINISTRATION], username="adm2")
    root = make_staff(jobcenter, username="root")
    root.is_superuser = True
    root.save()
    login_as(client, admin_user)
    assert "root" not in client.get(reverse("admin:accounts_user_changelist")).content.decode()
    password_url = f"/admin/accounts/user/{root.pk}/password/"
    response = client.post(
        password_url, {"password1": "Neu-Sehr-Geheim-2026", "password2": "Neu-Sehr-Geheim-2026"}
    )
    assert response.status_code in (302, 403, 404)
    root.refresh_from_db()
    assert root.check_password(PASSWORD)

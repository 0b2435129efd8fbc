"""Browser journeys for staff: first login with TOTP enrolment and recovery codes; lockout after
repeated wrong passwords and unlocking by an administrator in the Django admin."""

import re
from base64 import b32decode

import pytest
from django.test import override_settings
from django_otp.oath import TOTP
from playwright.sync_api import expect

from jobcenter.accounts.models import Role
from tests.accounts.fixtures import PASSWORD, make_staff, make_team, totp_now

pytestmark = pytest.mark.django_db(transaction=True)


def _code_from_secret(secret: str) -> str:
    key = b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))
    return f"{TOTP(key).token():06d}"


def _password_step(page, base, username, password=PASSWORD):
    page.goto(f"{base}/backoffice/anmelden/")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort", exact=True).fill(password)
    with page.expect_navigation():  # let the POST finish before the next page.goto
        page.get_by_role("button", name="Weiter").click()
    page.wait_for_load_state("networkidle")  # and its favicon, or the next goto cancels it


def test_first_staff_login_enrols_totp(page, live_server, jobcenter, axe):
    make_staff(jobcenter, username="neu.sb", totp=False, teams=[make_team(jobcenter, "Leistung 1")])
    _password_step(page, live_server.url, "neu.sb")
    expect(page.get_by_role("heading", level=1)).to_have_text("Authenticator-App einrichten")
    axe(page)
    page.get_by_label("Sechsstelliger Code aus der App").fill("000000")
    page.get_by_role("button", name="Einrichten und anmelden").click()
    expect(page.get_by_role("alert")).to_contain_text("stimmt nicht")
    axe(page)
    page.wait_for_timeout(1100)  # django-otp throttles the next try for a second
    secret = page.get_by_test_id("totp-secret").inner_text()
    page.get_by_label("Sechsstelliger Code aus der App").fill(_code_from_secret(secret))
    page.get_by_role("button", name="Einrichten und anmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ihre Wiederherstellungscodes")
    expect(page.get_by_test_id("recovery-code")).to_have_count(10)
    axe(page)
    page.get_by_role("link", name=re.compile("Ich habe die Codes notiert")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Übersicht")
    expect(page.get_by_text("Leistung 1")).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Abmelden").click()
    expect(page).to_have_url(re.compile(r"/backoffice/anmelden/$"))


@override_settings(AXES_FAILURE_LIMIT=3)
def test_lockout_and_unlock_by_an_administrator(page, browser, live_server, jobcenter, axe):
    make_staff(jobcenter, username="vergesslich")
    admin = make_staff(jobcenter, username="admin.mk", roles=[Role.ADMINISTRATION])
    for _ in range(3):
        _password_step(page, live_server.url, "vergesslich", "falsches-passwort")
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmeldung vorübergehend gesperrt")
    axe(page)
    _password_step(page, live_server.url, "vergesslich")  # right password, still locked
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmeldung vorübergehend gesperrt")

    context = browser.new_context(locale="de-DE")
    admin_page = context.new_page()
    _password_step(admin_page, live_server.url, "admin.mk")
    admin_page.get_by_label("Sicherheitscode").fill(totp_now(admin.totpdevice_set.get()))
    admin_page.get_by_role("button", name="Anmelden", exact=True).click()
    admin_page.get_by_role("link", name=re.compile("Verwaltung")).click()
    admin_page.goto(f"{live_server.url}/admin/accounts/user/?q=vergesslich")
    admin_page.locator("input[name=_selected_action]").first.check()
    admin_page.locator("select[name=action]").select_option("unlock")
    admin_page.locator("button[name=index]").click()
    expect(admin_page.get_by_text("Die Sperren sind aufgehoben.")).to_be_visible()
    context.close()

    _password_step(page, live_server.url, "vergesslich")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sicherheitscode eingeben")

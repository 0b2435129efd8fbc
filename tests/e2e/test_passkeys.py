"""Passkeys with Chromium's virtual authenticator (DevTools ``WebAuthn`` domain): a citizen
registers one and logs in with it; a staff member registers one and confirms the login with it
instead of the app's code."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from jobcenter.accounts.models import Passkey
from tests.accounts.fixtures import PASSWORD, make_citizen, make_staff, totp_now
from tests.e2e.logins import citizen_session

pytestmark = pytest.mark.django_db(transaction=True)


def _authenticator(page):
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return cdp


def test_citizen_registers_a_passkey_and_logs_in_with_it(page, live_server, jobcenter, axe):
    citizen = make_citizen("passkey@example.invalid")
    _authenticator(page)
    base = live_server.url
    page.goto(f"{base}/konto/anmelden/")
    axe(page)
    page.get_by_role("textbox", name="E-Mail-Adresse").fill(citizen.email)
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Anmelden", exact=True).last.click()
    page.goto(f"{base}/konto/passkeys/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Passkeys")
    axe(page)
    page.get_by_label("Name des Passkeys").fill("Mein Laptop")
    page.get_by_role("button", name="Passkey einrichten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ihre Wiederherstellungscodes")
    expect(page.get_by_test_id("recovery-code")).to_have_count(10)
    axe(page)
    page.get_by_role("link", name="Ich habe die Codes notiert").click()
    expect(page.get_by_test_id("passkey")).to_contain_text("Mein Laptop")
    assert Passkey.objects.filter(user=citizen).count() == 1

    page.get_by_role("link", name="„Mein Laptop“ umbenennen").click()
    axe(page)
    page.get_by_label("Name des Passkeys").fill("Telefon")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_test_id("passkey")).to_contain_text("Telefon")

    page.get_by_role("button", name="Abmelden").first.click()
    page.goto(f"{base}/konto/anmelden/")
    page.get_by_role("button", name="Mit Passkey anmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Konto"))
    expect(page.get_by_text("Passkey", exact=False).first).to_be_visible()


def test_without_javascript_the_login_page_says_passkeys_need_it(
    browser, live_server, jobcenter, axe
):
    context = browser.new_context(java_script_enabled=False, locale="de-DE")
    page = context.new_page()
    page.goto(f"{live_server.url}/konto/anmelden/")
    expect(page.get_by_text("Passkeys funktionieren nur mit JavaScript.")).to_be_visible()
    expect(page.get_by_role("button", name="Mit Passkey anmelden")).to_be_hidden()
    expect(page.get_by_role("button", name="Anmelden", exact=True)).to_be_visible()
    context.close()


def test_staff_registers_a_passkey_and_confirms_the_login_with_it(
    page, live_server, jobcenter, axe
):
    staff = make_staff(jobcenter, username="pk.sb")
    _authenticator(page)
    base = live_server.url

    def password_step():
        page.goto(f"{base}/backoffice/anmelden/")
        page.get_by_label("Benutzername").fill("pk.sb")
        page.get_by_label("Passwort", exact=True).fill(PASSWORD)
        with page.expect_navigation():
            page.get_by_role("button", name="Weiter").click()

    password_step()
    page.get_by_label("Sicherheitscode").fill(totp_now(staff.totpdevice_set.get()))
    page.get_by_role("button", name="Anmelden", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Übersicht")
    page.goto(f"{base}/backoffice/mein-konto/passkeys/")
    axe(page)
    page.get_by_label("Name des Passkeys").fill("Sicherheitsschlüssel")
    page.get_by_role("button", name="Passkey einrichten").click()
    expect(page.get_by_test_id("passkey")).to_contain_text("Sicherheitsschlüssel")
    axe(page)
    page.get_by_role("button", name="Abmelden").first.click()

    password_step()
    axe(page)
    page.get_by_role("button", name="Mit Passkey bestätigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Übersicht")
    assert Passkey.objects.get(user=staff).last_used_at is not None


def test_a_bank_account_change_is_refused_without_step_up_and_accepted_after_it(
    page, live_server, jobcenter, axe
):
    citizen_session(page, live_server, second_factor=False)  # password only: level "normal"
    _authenticator(page)
    base = f"{live_server.url}/musterkreis/veraenderung"
    page.goto(f"{base}/person/")
    page.get_by_label("Vorname").fill("Kim")
    page.get_by_label("Nachname").fill("Musterfrau")
    page.locator("#f-geburtsdatum-tag").fill("27")
    page.locator("#f-geburtsdatum-monat").fill("3")
    page.locator("#f-geburtsdatum-jahr").fill("1980")
    page.locator("#f-bg_nummer").fill("12345BG0012345")
    page.get_by_role("button", name="Weiter").click()
    page.get_by_role("group", name="Was möchten Sie mitteilen?").get_by_label(
        "Neue Bankverbindung"
    ).check()
    page.get_by_role("button", name="Weiter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Neue Bankverbindung"))
    page.get_by_label("Kontoinhaber/in").fill("Kim Musterfrau")
    page.get_by_label("IBAN").fill("DE89 3704 0044 0532 0130 00")
    page.locator("#f-konto_ab-tag").fill(str(timezone.localdate().day))
    page.locator("#f-konto_ab-monat").fill(str(timezone.localdate().month))
    page.locator("#f-konto_ab-jahr").fill(str(timezone.localdate().year))
    page.get_by_role("button", name="Weiter").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Sicherere Anmeldung nötig")
    axe(page)
    page.get_by_role("link", name="Einen Passkey einrichten und damit bestätigen").click()
    page.get_by_label("Name des Passkeys").fill("Telefon")
    page.get_by_role("button", name="Passkey einrichten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ihre Wiederherstellungscodes")
    page.get_by_role("link", name="Ich habe die Codes notiert").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Neue Bankverbindung"))
    expect(page.get_by_label("IBAN")).to_have_value("DE89 3704 0044 0532 0130 00")
    axe(page)
    page.get_by_role("button", name="Weiter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Prüfen Sie Ihre Angaben")
    expect(page.get_by_text("DE89 3704 0044 0532 0130 00")).to_be_visible()

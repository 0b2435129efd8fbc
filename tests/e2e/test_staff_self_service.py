"""Browser journey for staff self-service under "Mein Konto": re-authentication when the login
is older than REAUTH_MAX_AGE_MINUTES, changing the password, replacing the authenticator app
(new recovery codes shown once), renewing the recovery codes, and logging in again with the new
password and a new code. Every page is checked with axe; no JavaScript is needed."""

import re
import time
from base64 import b32decode
from importlib import import_module

import pytest
from django.conf import settings
from django_otp.oath import TOTP
from playwright.sync_api import expect

from jobcenter.accounts import services
from jobcenter.accounts import session as login_state
from tests.accounts.fixtures import PASSWORD, make_staff, totp_now

pytestmark = pytest.mark.django_db(transaction=True)

NEW_PASSWORD = "Ganz-neue-Passphrase-2027"


def _login(page, base, username, password, code):
    page.goto(f"{base}/backoffice/anmelden/")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort", exact=True).fill(password)
    page.get_by_role("button", name="Weiter").click()
    page.get_by_label("Sicherheitscode").fill(code)
    page.get_by_role("button", name="Anmelden", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Übersicht")


def _make_login_stale(page):
    key = next(
        c["value"] for c in page.context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME
    )
    session = import_module(settings.SESSION_ENGINE).SessionStore(session_key=key)
    then = time.time() - 60 * (settings.REAUTH_MAX_AGE_MINUTES + 1)
    session[login_state.SESSION_AUTH] = {
        **session[login_state.SESSION_AUTH],
        "login_at": then,
        "reauth_at": then,
    }
    session.save()


def _codes(page) -> list[str]:
    return [c.strip() for c in page.get_by_test_id("recovery-code").all_inner_texts()]


def test_staff_change_password_replace_app_and_renew_codes(page, live_server, jobcenter, axe):
    user = make_staff(jobcenter, username="sb.wechsel")
    spare = services.recovery_codes_generate(user=user)
    _login(page, live_server.url, "sb.wechsel", PASSWORD, totp_now(user.totpdevice_set.get()))
    page.get_by_role("link", name="Mein Konto").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mein Konto")
    expect(page.get_by_test_id("codes-left")).to_contain_text("10")
    axe(page)

    # The login is older than allowed: first confirm with password and code.
    _make_login_stale(page)
    page.get_by_role("link", name="Passwort ändern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Bitte bestätigen Sie, dass Sie es sind"
    )
    axe(page)
    page.get_by_label("Ihr Passwort").fill("falsches-passwort")
    page.get_by_label("Sicherheitscode").fill(spare[0])
    page.get_by_role("button", name="Bestätigen").click()
    expect(page.get_by_role("alert")).to_contain_text("stimmt nicht")
    axe(page)
    page.get_by_label("Ihr Passwort").fill(PASSWORD)
    page.get_by_label("Sicherheitscode").fill(spare[0])
    page.get_by_role("button", name="Bestätigen").click()

    # Back on the page asked for: change the password.
    expect(page.get_by_role("heading", level=1)).to_have_text("Passwort ändern")
    axe(page)
    page.get_by_label("Neues Passwort", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Neues Passwort wiederholen").fill(NEW_PASSWORD + "x")
    page.get_by_role("button", name="Passwort speichern").click()
    expect(page.get_by_role("alert")).to_contain_text("stimmen nicht überein")
    axe(page)
    page.get_by_label("Neues Passwort", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Neues Passwort wiederholen").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Passwort speichern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mein Konto")
    expect(page.get_by_role("status").first).to_contain_text("Ihr Passwort ist geändert")
    axe(page)

    # A new authenticator app (the re-authentication is still fresh).
    page.get_by_role("link", name=re.compile("Neue Authenticator-App einrichten")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Neue Authenticator-App einrichten")
    axe(page)
    secret = page.get_by_test_id("totp-secret").inner_text().replace(" ", "")
    key = b32decode(secret + "=" * (-len(secret) % 8))
    page.get_by_label("Sechsstelliger Code aus der App").fill(f"{TOTP(key).token():06d}")
    page.get_by_role("button", name="Neue App bestätigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ihre Wiederherstellungscodes")
    expect(page.get_by_test_id("recovery-code")).to_have_count(10)
    assert not set(_codes(page)) & set(spare)
    axe(page)
    page.get_by_role("link", name=re.compile("Ich habe die Codes notiert")).click()

    # Renew the recovery codes: a confirmation first, then the new codes once.
    page.get_by_role("link", name="Neue Wiederherstellungscodes erzeugen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Neue Wiederherstellungscodes erzeugen"
    )
    axe(page)
    page.get_by_role("button", name="Neue Codes erzeugen").click()
    expect(page.get_by_test_id("recovery-code")).to_have_count(10)
    latest = _codes(page)
    axe(page)
    page.get_by_role("link", name=re.compile("Ich habe die Codes notiert")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mein Konto")

    # Log out; the new password and one of the newest codes open the back office again.
    page.get_by_role("button", name="Abmelden").click()
    expect(page).to_have_url(re.compile(r"/backoffice/anmelden/$"))
    _login(page, live_server.url, "sb.wechsel", NEW_PASSWORD, latest[0])

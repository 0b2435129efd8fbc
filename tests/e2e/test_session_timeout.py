"""The login times out while a citizen types a wizard page: nothing typed is lost, with and
without JavaScript, on a phone. With JavaScript the dialog says what happened and offers to keep
the input and log in again (no "Sitzung verlängern" after the logout); without it the page sent
after the timeout is kept. Either way the page comes back with the input after the login."""

import datetime as dt
import re
import time
from importlib import import_module
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from playwright.sync_api import expect

from jobcenter.accounts import session as login_state
from tests.accounts.fixtures import PASSWORD, make_citizen
from tests.e2e.conftest import PHONE

pytestmark = pytest.mark.django_db(transaction=True)
EMAIL = "zeit@example.invalid"


def _login(page, email=EMAIL):
    page.get_by_role("textbox", name="E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Anmelden", exact=True).last.click()


def _idle_on_the_server(context, minutes=16):
    """What 16 minutes without a request do to the session (the server's clock is real)."""
    key = next(c["value"] for c in context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME)
    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key=key)
    store[login_state.SESSION_SEEN] = time.time() - minutes * 60
    store.save()


def _status_answer(response):
    return response.url.endswith("/konto/sitzung/status/")


def _answered(page):
    """The dialog's script has its answer from the server (it marks the region busy meanwhile)."""
    expect(page.locator("#session-timeout")).not_to_have_attribute("aria-busy", "true")


def _start(page, live_server, jobcenter):
    page.goto(f"{live_server.url}/konto/anmelden/")
    _login(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mein Konto")
    page.goto(f"{live_server.url}/{jobcenter.slug}/weiterbewilligung/person/")
    page.get_by_label("Vorname").fill("Kim")
    page.get_by_label("Telefonnummer").fill("0170 4444444")


@pytest.mark.parametrize("viewport", [PHONE], indirect=True)
def test_with_javascript_the_dialog_keeps_the_input(page, live_server, jobcenter, axe):
    make_citizen(EMAIL)
    page.clock.install()
    _start(page, live_server, jobcenter)
    _idle_on_the_server(page.context)
    page.clock.fast_forward(20 * 60 * 1000)

    dialog = page.locator("#session-timeout-dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Sie wurden abgemeldet")
    # The title says what happened too, not "läuft bald ab".
    expect(dialog.get_by_role("heading")).to_have_text("Sie wurden abgemeldet")
    expect(dialog.get_by_role("button", name="Sitzung verlängern")).to_be_hidden()
    keep = dialog.get_by_role("button", name="Eingaben sichern und wieder anmelden")
    expect(keep).to_be_visible()
    axe(page)
    keep.click()

    expect(page).to_have_url(re.compile(r"/konto/anmelden/\?next="))
    expect(page.get_by_text("Was Sie zuletzt eingegeben haben, ist gesichert")).to_be_visible()
    axe(page)
    _login(page)
    expect(page).to_have_url(re.compile(r"/weiterbewilligung/person/"))
    expect(page.get_by_label("Vorname")).to_have_value("Kim")
    expect(page.get_by_label("Telefonnummer")).to_have_value("0170 4444444")
    axe(page)


@pytest.mark.parametrize("viewport", [PHONE], indirect=True)
def test_without_javascript_the_page_sent_late_is_kept(
    browser, live_server, jobcenter, axe, viewport
):
    make_citizen(EMAIL)
    context = browser.new_context(
        java_script_enabled=False, locale="de-DE", viewport=viewport, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    _start(page, live_server, jobcenter)
    _idle_on_the_server(context)
    page.get_by_role("button", name="Weiter").click()

    expect(page).to_have_url(re.compile(r"/konto/anmelden/\?next="))
    expect(page.get_by_text("Was Sie zuletzt eingegeben haben, ist gesichert")).to_be_visible()
    _login(page)
    expect(page).to_have_url(re.compile(r"/weiterbewilligung/person/"))
    expect(page.get_by_label("Vorname")).to_have_value("Kim")
    expect(page.get_by_label("Telefonnummer")).to_have_value("0170 4444444")
    context.close()


def test_the_dialog_asks_the_server_before_it_warns(page, live_server, jobcenter, axe):
    """The page's own clock is not the session's (another tab may have kept it alive): the
    dialog neither warns nor says "abgemeldet" while the server still has the login."""
    make_citizen(EMAIL)
    page.clock.install()
    _start(page, live_server, jobcenter)
    dialog = page.locator("#session-timeout-dialog")
    _answered(page)
    # 14 minutes on this page's clock, seconds on the server's: the login runs for 15 more.
    with page.expect_response(_status_answer):
        page.clock.fast_forward(14 * 60 * 1000)
    # The clock moves in no time, the server answers in real time: the page must have taken the
    # answer (and set its next timer) before the server's session is moved on.
    _answered(page)
    page.clock.run_for(6000)
    expect(dialog).to_be_hidden()
    expect(page.get_by_label("Telefonnummer")).to_have_value("0170 4444444")

    # One minute left on the server: the warning, and "Sitzung verlängern" extends the login.
    _idle_on_the_server(page.context, minutes=14)
    page.clock.fast_forward(13 * 60 * 1000)
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("heading")).to_have_text("Ihre Sitzung läuft bald ab")
    axe(page)
    dialog.get_by_role("button", name="Sitzung verlängern").click()
    expect(dialog).to_be_hidden()
    status = page.request.get(f"{live_server.url}/konto/sitzung/status/").json()
    assert status["expires_at"] - status["now"] > 14 * 60

    _idle_on_the_server(page.context)
    page.clock.fast_forward(20 * 60 * 1000)
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("heading")).to_have_text("Sie wurden abgemeldet")
    expect(
        dialog.get_by_role("button", name="Eingaben sichern und wieder anmelden")
    ).to_be_visible()
    axe(page)


def _clock_of_the_server(page, live_server) -> str:
    """The "HH:MM" the login ends at, as the server has it (asking does not extend it), in the
    Jobcenter's time zone."""
    status = page.request.get(f"{live_server.url}/konto/sitzung/status/").json()
    moment = dt.datetime.fromtimestamp(status["expires_at"], ZoneInfo("Europe/Berlin"))
    return moment.strftime("%H:%M")


@pytest.mark.parametrize("viewport", [PHONE], indirect=True)
def test_the_header_shows_the_time_of_the_servers_answer(page, live_server, jobcenter, axe):
    """The header's "Ohne Aktivität werden Sie um HH:MM Uhr abgemeldet." follows the server:
    when the dialog asked, when another tab kept the login alive, and after "Sitzung
    verlängern" — not the time the page was rendered with."""
    make_citizen(EMAIL)
    page.clock.install()
    _start(page, live_server, jobcenter)
    _answered(page)
    text = page.locator("#session-timeout-text")
    rendered = _clock_of_the_server(page, live_server)
    expect(text).to_have_text(f"Ohne Aktivität werden Sie um {rendered} Uhr abgemeldet.")

    # Idle elsewhere for 14 minutes: the dialog's question brings the earlier end into the header.
    _idle_on_the_server(page.context, minutes=14)
    page.clock.fast_forward(13 * 60 * 1000)
    dialog = page.locator("#session-timeout-dialog")
    expect(dialog).to_be_visible()
    _answered(page)
    soon = _clock_of_the_server(page, live_server)
    assert soon != rendered
    expect(text).to_have_text(f"Ohne Aktivität werden Sie um {soon} Uhr abgemeldet.")

    # Another tab keeps the login alive; back in this one, the dialog is gone and the time new.
    other = page.context.new_page()
    other.goto(f"{live_server.url}/konto/")
    other.close()
    later = _clock_of_the_server(page, live_server)
    assert later != soon
    page.bring_to_front()
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    _answered(page)
    expect(dialog).to_be_hidden()
    expect(text).to_have_text(f"Ohne Aktivität werden Sie um {later} Uhr abgemeldet.")

    # Near the end again, "Sitzung verlängern" in the dialog: the header says the new end.
    _idle_on_the_server(page.context, minutes=14)
    page.clock.fast_forward(13 * 60 * 1000)
    expect(dialog).to_be_visible()
    _answered(page)
    expect(text).to_have_text(
        f"Ohne Aktivität werden Sie um {_clock_of_the_server(page, live_server)} Uhr abgemeldet."
    )
    dialog.get_by_role("button", name="Sitzung verlängern").click()
    expect(dialog).to_be_hidden()
    _answered(page)
    extended = _clock_of_the_server(page, live_server)
    expect(text).to_have_text(f"Ohne Aktivität werden Sie um {extended} Uhr abgemeldet.")
    expect(page.locator("#session-timeout-time")).to_have_text(extended)
    axe(page)

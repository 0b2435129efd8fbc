"""The start page, the legal pages and a 404, on desktop and phone, with 0 axe violations."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE

VIEWPORTS = pytest.mark.parametrize(
    "viewport", [DESKTOP, PHONE], indirect=True, ids=["desktop", "phone"]
)

PAGES = [
    ("/", "Bürgergeld online beantragen"),
    ("/musterkreis/", "Was möchten Sie tun?"),
    ("/musterkreis/impressum/", "Impressum"),
    ("/musterkreis/datenschutz/", "Datenschutzerklärung"),
    ("/musterkreis/barrierefreiheit/", "Erklärung zur Barrierefreiheit"),
    ("/impressum/", "Impressum"),
    ("/datenschutz/", "Datenschutzerklärung"),
    ("/barrierefreiheit/", "Erklärung zur Barrierefreiheit"),
    ("/gibt-es-nicht/sicher-nicht/", "Seite nicht gefunden"),
]


@VIEWPORTS
@pytest.mark.parametrize(("path", "heading"), PAGES, ids=[p for p, _ in PAGES])
def test_page_is_accessible(page, live_server, demo_jobcenters, axe, path, heading):
    page.goto(live_server.url + path)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.locator("link[href*='kern.min']")).to_have_count(1)
    axe(page)


@VIEWPORTS
def test_start_page_lists_contact_and_paper_option(page, live_server, jobcenter, axe):
    page.goto(f"{live_server.url}/musterkreis/")
    expect(page.get_by_role("banner")).to_contain_text("Jobcenter Musterkreis")
    expect(page.get_by_text("Online ist freiwillig")).to_be_visible()
    expect(page.get_by_text("Am Musterplatz 1")).to_be_visible()


def test_skip_link_moves_focus_to_main_content(page, live_server, jobcenter):
    page.goto(f"{live_server.url}/musterkreis/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Zum Inhalt springen")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_postcode_finder_with_keyboard_only(page, live_server, demo_jobcenters, axe):
    page.goto(live_server.url + "/")
    page.get_by_label("Ihre Postleitzahl").focus()
    page.keyboard.type("12")
    page.keyboard.press("Enter")
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("fünfstellige Postleitzahl")
    expect(page.get_by_label("Ihre Postleitzahl")).to_have_value("12")
    axe(page)  # the error state is accessible too
    page.get_by_label("Ihre Postleitzahl").fill("00250")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/beispielstadt/$"))


def test_language_switch_to_english_and_back(page, live_server, jobcenter, axe):
    page.goto(f"{live_server.url}/musterkreis/")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What would you like to do?")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    axe(page)
    page.get_by_role("button", name="Deutsch").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Was möchten Sie tun?")


@pytest.mark.parametrize("javascript_enabled", [False])
def test_pages_work_without_javascript(browser, live_server, jobcenter, javascript_enabled):
    context = browser.new_context(java_script_enabled=javascript_enabled, locale="de-DE")
    page = context.new_page()
    page.goto(live_server.url + "/?plz=00150")
    expect(page.get_by_role("heading", level=1)).to_have_text("Was möchten Sie tun?")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What would you like to do?")
    context.close()


def test_browser_language_english_is_honoured(browser, live_server, jobcenter):
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.goto(f"{live_server.url}/musterkreis/")
    expect(page.get_by_role("heading", level=1)).to_have_text("What would you like to do?")
    context.close()

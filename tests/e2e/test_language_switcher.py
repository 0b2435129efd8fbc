"""The language switcher in the header: compact on a phone (one button naming the current language
opens the list), the whole list on a wide screen; a plain form with buttons either way, so it
works without JavaScript and by keyboard; each language named in its own language (``lang``).

``TEST_ARTIFACTS`` keeps screenshots (closed and open, German and Arabic) to look at.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP
from tests.e2e.logins import citizen_session

pytestmark = pytest.mark.django_db(transaction=True)

SMALL_PHONE = {"width": 360, "height": 740}
# The switcher's share of a 360 px header row: the brand needs the rest.
PHONE_MAX_WIDTH = 170
PHONE_MAX_HEIGHT = 48
NAMES = dict(settings.LANGUAGES)


def _open(page, live_server, path, language):
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    page.goto(f"{live_server.url}{path}")
    expect(page.locator("html")).to_have_attribute("lang", language)


def _start_page(page, live_server, jobcenter, language, signed_in, shot=""):
    """The start page in ``language``, as a signed-in citizen (whose header is fuller) or not;
    a screenshot named by both, with ``shot`` appended."""
    if signed_in:
        citizen_session(page, live_server, second_factor=False)
    _open(page, live_server, f"/{jobcenter.slug}/", language)
    _shot(page, f"{language}-{'signed-in' if signed_in else 'anonymous'}{shot}")
    _no_sideways_scrolling(page)


def _shot(page, name):
    if os.environ.get("TEST_ARTIFACTS"):
        folder = Path(os.environ["TEST_ARTIFACTS"]) / "language-switcher"
        folder.mkdir(parents=True, exist_ok=True)
        width = page.viewport_size["width"]
        page.screenshot(path=folder / f"{name}-{width}.png")


def _box(page, selector):
    return page.locator(selector).bounding_box()


def _no_sideways_scrolling(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"page is {width} px wide"


@pytest.mark.parametrize("viewport", [SMALL_PHONE], indirect=True, ids=["phone360"])
@pytest.mark.parametrize("language", ["de", "ar"])
@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
def test_on_a_phone_the_switcher_is_one_small_button(
    page, live_server, jobcenter, axe, language, signed_in
):
    _start_page(page, live_server, jobcenter, language, signed_in, "-closed")
    box = _box(page, ".site-language")
    assert box["width"] <= PHONE_MAX_WIDTH, f"switcher {box['width']:.0f} px wide"
    assert box["height"] <= PHONE_MAX_HEIGHT, f"switcher {box['height']:.0f} px high"
    # Closed, it names the current language in that language, beside a globe for the others.
    toggle = page.locator(".site-language summary")
    expect(toggle).to_be_visible()
    expect(toggle.locator(f'[lang="{language}"]')).to_have_text(NAMES[language])
    for name in NAMES.values():
        expect(page.get_by_role("button", name=name, exact=True)).to_be_hidden()
    axe(page)

    toggle.click()
    _shot(page, f"{language}-{'signed-in' if signed_in else 'anonymous'}-open")
    for code, name in NAMES.items():
        button = page.get_by_role("button", name=name, exact=True)
        expect(button).to_be_visible()
        expect(button).to_have_attribute("lang", code)
        inside = button.bounding_box()
        assert inside["x"] >= 0 and inside["x"] + inside["width"] <= SMALL_PHONE["width"]
        assert inside["height"] >= 44, f"{name}: touch target {inside['height']:.0f} px high"
    expect(page.get_by_role("button", name=NAMES[language], exact=True)).to_have_attribute(
        "aria-current", "true"
    )
    _no_sideways_scrolling(page)
    axe(page)

    other = "ar" if language == "de" else "de"
    page.get_by_role("button", name=NAMES[other], exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", other)
    expect(page).to_have_url(f"{live_server.url}/{jobcenter.slug}/")


@pytest.mark.parametrize("viewport", [SMALL_PHONE], indirect=True, ids=["phone360"])
def test_on_a_phone_the_switcher_works_by_keyboard(page, live_server, jobcenter):
    _open(page, live_server, f"/{jobcenter.slug}/", "de")
    page.locator(".site-language summary").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="English", exact=True)).to_be_visible()
    # The next stops are the languages, in order.
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Deutsch", exact=True)).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="English", exact=True)).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "en")


@pytest.mark.parametrize("viewport", [SMALL_PHONE], indirect=True, ids=["phone360"])
def test_on_a_phone_the_switcher_works_without_javascript(browser, live_server, jobcenter):
    context = browser.new_context(viewport=SMALL_PHONE, java_script_enabled=False, locale="de-DE")
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/{jobcenter.slug}/")
        page.locator(".site-language summary").click()
        page.get_by_role("button", name="العربية", exact=True).click()
        expect(page.locator("html")).to_have_attribute("lang", "ar")
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [DESKTOP], indirect=True, ids=["desktop"])
@pytest.mark.parametrize("language", ["de", "ar"])
@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
def test_on_a_wide_screen_every_language_shows(
    page, live_server, jobcenter, axe, language, signed_in
):
    _start_page(page, live_server, jobcenter, language, signed_in)
    for code, name in NAMES.items():
        button = page.get_by_role("button", name=name, exact=True)
        expect(button).to_be_visible()
        expect(button).to_have_attribute("lang", code)
    expect(page.locator(".site-language summary")).to_be_hidden()
    axe(page)
    page.get_by_role("button", name="Türkçe", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "tr")

""" "Link zum Weitermachen per E-Mail schicken" in a real browser: request the link (with an error
first), read the mail, open the link in a fresh browser context; axe on every new screen."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.test_wizard_journeys import Journey

pytestmark = pytest.mark.django_db(transaction=True)


def test_request_link_and_continue_in_another_browser(
    page, browser, live_server, jobcenter, axe, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    page.goto(f"{live_server.url}/musterkreis/weiterbewilligung/")
    journey = Journey(page)
    journey.person()
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Persönliche Angaben")
    left_at = page.url

    page.get_by_role("link", name="Link zum Weitermachen per E-Mail schicken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Link zum Weitermachen per E-Mail schicken"
    )
    axe(page)
    email = page.get_by_label("E-Mail-Adresse")
    email.fill("kim@")
    page.get_by_role("button", name="Link schicken").click()
    expect(page.get_by_role("alert")).to_contain_text("im Format name@beispiel.de")
    axe(page)
    page.get_by_label("E-Mail-Adresse").fill("kim@example.invalid")
    page.get_by_role("button", name="Link schicken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wir haben Ihnen den Link geschickt")
    expect(page.get_by_text("kim@example.invalid")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Jetzt weiter ausfüllen").click()
    expect(page).to_have_url(left_at)

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    assert "Kim" not in mail.outbox[0].body
    other = browser.new_context(locale="de-DE")
    try:
        fresh = other.new_page()
        fresh.goto(link)
        expect(fresh).to_have_url(re.compile(r"/haushalt_wohnung/\?fortsetzen=1$"))
        expect(fresh.get_by_role("heading", name="Willkommen zurück")).to_be_visible()
        fresh.get_by_role("button", name="Zurück", exact=True).click()
        expect(fresh.get_by_label("Vorname", exact=True)).to_have_value("Kim")
    finally:
        other.close()

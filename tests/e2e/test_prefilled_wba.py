"""On a phone, signed in: the WBA's first page comes prefilled from the last application (name,
birth date, address, BG-Nummer), says so, and is only saved when confirmed; the bank-account
question shows the account the Jobcenter knows; nothing changed, sent. axe on every screen,
screenshots with TEST_ARTIFACTS."""

import datetime as dt
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from jobcenter.intake.models import Submission
from tests.accounts.fixtures import PASSWORD, make_citizen
from tests.e2e.conftest import PHONE
from tests.e2e.test_wizard_journeys import Journey
from tests.forms.answers import WBA_2026_2_NOTHING_CHANGED, WBA_NOTHING_CHANGED
from tests.intake.factories import make_submission

pytestmark = pytest.mark.django_db(transaction=True)
EMAIL = "wieder@example.invalid"


def shot(page, name: str) -> None:
    if os.environ.get("TEST_ARTIFACTS"):  # to look at the phone layout
        folder = Path(os.environ["TEST_ARTIFACTS"]) / "prefilled-wba"
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=folder / f"{name}.png", full_page=True)


def no_sideways_scrolling(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width


@pytest.mark.parametrize("viewport", [PHONE], indirect=True, ids=["phone"])
def test_signed_in_wba_prefilled_confirmed_and_sent(page, live_server, jobcenter, axe):
    citizen = make_citizen(EMAIL)
    with_account = make_submission(
        jobcenter,
        user=citizen,
        answers={
            **WBA_NOTHING_CHANGED,
            "konto_geaendert": True,
            "kontoinhaber": "Kim Musterfrau",
            "iban": "DE89370400440532013000",
            "konto_ab": "2026-01-01",
        },
    )
    last = make_submission(
        jobcenter, user=citizen, answers=WBA_2026_2_NOTHING_CHANGED, form_version="2026-2"
    )
    page.goto(f"{live_server.url}/konto/anmelden/")
    page.get_by_role("textbox", name="E-Mail-Adresse").fill(EMAIL)
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Anmelden", exact=True).last.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mein Konto")

    page.goto(f"{live_server.url}/{jobcenter.slug}/weiterbewilligung/")
    j = Journey(page, axe)
    j.arrived("Angaben zu Ihrer Person")
    shot(page, "1-person")
    no_sideways_scrolling(page)
    notice = page.locator("#uebernommen")
    expect(notice).to_contain_text("Aus Ihrem letzten Antrag übernommen")
    expect(notice).to_contain_text(last.reference)
    expect(page.get_by_label("Vorname", exact=True)).to_have_value("Kim")
    expect(page.locator("#f-geburtsdatum-jahr")).to_have_value("1980")
    expect(page.get_by_label("Straße und Hausnummer")).to_have_value("Musterweg 1")
    expect(page.get_by_label("Postleitzahl")).to_have_value("00155")
    expect(page.get_by_label("Nummer der Bedarfsgemeinschaft (BG-Nummer)")).to_have_value(
        "12345BG0012345"
    )
    # Not saved by looking: only "Weiter" confirms.
    assert not Submission.objects.filter(user=citizen).exclude(pk__in=[with_account.pk, last.pk])
    j.next()  # confirmed as shown
    j.arrived("Haushalt und Wohnung")
    j.answer("Ist jemand in Ihre Wohnung eingezogen oder ausgezogen?", "Nein")
    j.answer("Haben sich Ihre Wohnkosten geändert?", "Nein")
    j.next()
    j.arrived("Einkommen, Vermögen und andere Leistungen")
    for q in (
        "Hat sich Einkommen geändert oder ist neues hinzugekommen?",
        "Hat sich Ihr Vermögen geändert?",
        "Haben Sie andere Leistungen beantragt oder bekommen?",
    ):
        j.answer(q, "Nein")
    j.next()
    j.arrived("Krankenversicherung, Konto und Sonstiges")
    known = page.locator("#bekannt")
    expect(known).to_contain_text("Ihre Bankverbindung bisher")
    expect(known).to_contain_text("DE89 3704 0044 0532 0130 00")
    expect(known).to_contain_text(with_account.reference)
    shot(page, "2-konto")
    no_sideways_scrolling(page)
    for q in (
        "Hat sich Ihre Krankenversicherung geändert?",
        "Hat sich Ihre Bankverbindung geändert?",
        "Hat sich sonst etwas geändert, das Sie uns noch nicht mitgeteilt haben?",
    ):
        j.answer(q, "Nein")
    j.next()
    j.arrived("Prüfen Sie Ihre Angaben")
    shot(page, "3-pruefen")
    no_sideways_scrolling(page)
    page.get_by_role("button", name="Antrag absenden").click()
    j.arrived("Ihr Antrag ist eingegangen")
    shot(page, "4-eingang")
    sent = Submission.objects.exclude(pk__in=[with_account.pk, last.pk]).get()
    assert sent.form_ident == "wba@2026-2"
    assert sent.user == citizen and sent.answers["bg_nummer"] == "12345BG0012345"
    assert sent.answers["vorname"] == "Kim" and sent.answers["geburtsdatum"] == "1980-03-27"
    assert (sent.answers["strasse"], sent.answers["plz"]) == ("Musterweg 1", "00155")
    assert "iban" not in sent.answers  # shown, never copied


@pytest.mark.parametrize("viewport", [PHONE], indirect=True, ids=["phone"])
def test_anonymous_wba_nothing_prefilled_and_the_bg_nummer_unknown(
    page, live_server, jobcenter, axe
):
    make_submission(jobcenter, user=make_citizen(EMAIL), answers=WBA_2026_2_NOTHING_CHANGED)
    page.goto(f"{live_server.url}/{jobcenter.slug}/weiterbewilligung/")
    j = Journey(page, axe)
    j.arrived("Angaben zu Ihrer Person")
    expect(page.locator("#uebernommen")).to_have_count(0)
    expect(page.get_by_label("Vorname", exact=True)).to_have_value("")
    j.fill("Vorname", "Kim")
    j.fill("Nachname", "Musterfrau")
    j.date("geburtsdatum", dt.date(1980, 3, 27))
    j.fill("Straße und Hausnummer", "Musterweg 1")
    j.fill("Postleitzahl", "00155")
    j.fill("Wohnort", "Musterstadt")
    j.next()  # neither the number nor "weiß ich nicht": asked again
    expect(page.locator("#error-summary")).to_contain_text("BG-Nummer")
    axe(page)
    page.get_by_label("Ich kenne meine BG-Nummer nicht").check()
    j.next()
    j.arrived("Haushalt und Wohnung")
    expect(page.locator("#bekannt")).to_have_count(0)

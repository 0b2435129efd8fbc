"""The further services in a real browser: from the start page to the receipt, axe-core on every
screen; the guide leads to the right service without JavaScript; on a phone the frequent
services come first."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from jobcenter.casework.models import Case
from jobcenter.forms import selectors as forms
from tests.e2e.conftest import PHONE
from tests.e2e.test_wizard_journeys import Journey, start


def ahead(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


def person(j: Journey) -> None:
    """Who writes; by field id, since the BG-Nummer is optional (labelled so) in a message."""
    j.page.locator("#f-vorname").fill("Kim")
    j.page.locator("#f-nachname").fill("Musterfrau")
    j.date("geburtsdatum", dt.date(1980, 3, 27))
    j.page.locator("#f-bg_nummer").fill("12345BG0012345")
    j.next()


def absence(j: Journey) -> None:
    j.arrived("Wann und wohin?")
    j.date("abwesend_von", ahead(20))
    j.date("abwesend_bis", ahead(30))
    j.answer("Wohin fahren Sie?", "Ins Ausland")
    j.fill("Ort (und Land)", "Graz, Österreich")
    j.next()
    j.arrived("Grund der Abwesenheit")
    expect(j.page.get_by_text("bis zu 3 Wochen im Kalenderjahr")).to_be_visible()
    j.answer("Aus welchem Grund sind Sie nicht da?", "Ohne wichtigen Grund, zum Beispiel Urlaub")
    j.next()
    j.arrived("Erreichbarkeit und Mitreisende")
    j.answer("Fahren Personen aus Ihrer Bedarfsgemeinschaft mit?", "Nein")
    j.next()


def sick_note(j: Journey) -> None:
    j.arrived("Ihre Arbeitsunfähigkeit")
    j.date("au_von", ahead(-1))
    j.date("au_bis", ahead(6))
    j.answer("Welche Bescheinigung ist es?", "Erstbescheinigung")
    j.answer("Hatten Sie in dieser Zeit einen Termin beim Jobcenter?", "Ja")
    j.next()
    j.arrived("Ihr Termin")
    j.date("termin_datum", ahead(2))
    j.next()
    j.arrived("Ihre Bescheinigung")
    j.next()


def one_off(j: Journey) -> None:
    j.arrived("Was brauchen Sie?")
    j.answer("Wofür beantragen Sie Geld?", "Erstausstattung für die Wohnung")
    j.next()
    j.arrived("Erstausstattung für die Wohnung")
    j.answer("Warum brauchen Sie eine Erstausstattung?", "Erste eigene Wohnung")
    j.fill("Welche Möbel und Haushaltsgeräte brauchen Sie?", "Bett, Kühlschrank")
    j.fill("Für wie viele Personen?", "1")
    j.next()


def arrears(j: Journey) -> None:
    j.arrived("Ihre Schulden")
    j.answer("Wofür haben Sie Schulden?", "Strom")
    j.page.locator("#f-schulden_betrag").fill("842,50")
    j.fill("Vermieter oder Versorger", "Stadtwerke Musterstadt")
    j.answer("Was droht?", "Sperre von Strom, Gas, Heizung oder Wasser")
    j.next()
    j.arrived("Bis wann?")
    j.date("schulden_droht_am", ahead(5))
    j.next()
    j.arrived("Wie kam es zu den Schulden?")
    j.fill("Bitte erklären Sie kurz, wie die Schulden entstanden sind.", "Nachzahlung")
    j.next()


def move(j: Journey) -> None:
    j.arrived("Warum möchten Sie umziehen?")
    j.answer("Grund für den Umzug", "Die Wohnung ist zu klein")
    j.fill("Bitte erklären Sie den Grund kurz.", "Zweites Kind")
    j.next()
    j.arrived("Die neue Wohnung")
    for key, value in (
        ("strasse", "Neue Straße 5"),
        ("plz", "00123"),
        ("ort", "Musterstadt"),
        ("groesse", "65"),
        ("personen", "3"),
        ("grundmiete", "520"),
        ("nebenkosten", "120"),
        ("heizkosten", "80"),
    ):
        j.page.locator(f"#f-umzug_{key}").fill(value)
    j.next()
    j.arrived("Einzug und Mietvertrag")
    j.date("umzug_einzug", ahead(45))
    j.answer("Haben Sie den Mietvertrag schon unterschrieben?", "Nein")
    j.next()


def message(j: Journey) -> None:
    j.arrived("Ihre Nachricht")
    j.answer("Worum geht es?", "Miete und Wohnung")
    j.fill("Betreff", "Frage zur Abrechnung")
    j.fill("Ihre Nachricht", "Bitte rufen Sie mich an.")
    j.next()


# form key: (its pages after "Angaben zu Ihrer Person", something the "what you need" list names)
SERVICES = {
    "ortsabwesenheit": (absence, "Nummer der Bedarfsgemeinschaft (BG-Nummer)"),
    "arbeitsunfaehigkeit": (sick_note, "Arbeitsunfähigkeitsbescheinigung"),
    "einmalige_bedarfe": (one_off, "Mutterpass oder ärztliche Bescheinigung"),
    "darlehen_schulden": (arrears, "Schreiben des Vermieters oder Versorgers"),
    "umzug_zusicherung": (move, "Mietangebot der neuen Wohnung"),
    "nachricht": (message, "Anlage zu Ihrer Nachricht"),
}


@pytest.mark.parametrize("key", sorted(SERVICES))
def test_from_the_start_page_to_the_receipt(page, live_server, axe, demo_jobcenters, key):
    pages, prepared = SERVICES[key]
    definition = forms.latest(key)
    j = start(page, live_server, str(definition.title), "Angaben zu Ihrer Person", axe)
    expect(page.get_by_test_id("prepare")).to_contain_text(prepared)
    person(j)
    pages(j)
    j.arrived("Prüfen Sie Ihre Angaben")
    page.get_by_role("button", name="Antrag absenden").click()
    j.arrived(
        "Ihre Mitteilung ist eingegangen" if definition.is_notice else "Ihr Antrag ist eingegangen"
    )
    case = Case.objects.get()
    assert case.form_key == key
    expect(page.locator("#eingangsnummer")).to_have_text(case.reference)


def test_the_guide_leads_to_the_service_without_javascript(browser, live_server, demo_jobcenters):
    context = browser.new_context(java_script_enabled=False, locale="de-DE")
    page = context.new_page()
    page.goto(f"{live_server.url}/musterkreis/")
    page.get_by_role("link", name="Nicht sicher, was Sie brauchen?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Was möchten Sie tun?")
    page.get_by_role("button", name="Weiter").click()
    expect(page.get_by_text("Bitte wählen Sie eine Antwort aus.")).to_be_visible()
    page.get_by_label("Ja, ich bekomme schon Bürgergeld").check()
    page.get_by_role("button", name="Weiter").click()
    page.get_by_label("Ich bin krank").check()
    page.get_by_role("button", name="Weiter").click()
    expect(page.get_by_test_id("guide-result")).to_contain_text("Arbeitsunfähigkeit")
    page.get_by_role("link", name="Arbeitsunfähigkeit melden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Angaben zu Ihrer Person")
    context.close()


@pytest.mark.parametrize("viewport", [PHONE], indirect=True, ids=["phone"])
def test_the_guide_and_the_grouped_start_page_on_a_phone(page, live_server, axe, demo_jobcenters):
    page.goto(f"{live_server.url}/musterkreis/")
    axe(page)
    cards = page.locator("article.kern-card a")
    expect(cards.nth(0)).to_have_text("Weiterbewilligungsantrag stellen")
    expect(cards.nth(1)).to_have_text("Änderung mitteilen")
    page.get_by_role("link", name="Nicht sicher, was Sie brauchen?").click()
    axe(page)
    page.get_by_label("Nein, ich beantrage zum ersten Mal oder nach einer Pause").check()
    page.get_by_role("button", name="Weiter").click()
    expect(page.get_by_role("heading", level=2)).to_have_text("Dieser Dienst passt zu Ihnen")
    axe(page)
    expect(page.get_by_role("link", name="Bürgergeld beantragen")).to_be_visible()

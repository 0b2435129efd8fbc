"""Citizen journeys through the wizard in a real browser: screens counted, summaries compared
exactly, axe-core on every screen (including an error state), and one run without JavaScript."""

import datetime as dt
import re

import jsonschema
import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from jobcenter.forms import selectors as forms
from jobcenter.intake.models import Draft
from tests.e2e.conftest import PHONE
from tests.e2e.logins import citizen_session


def ago(days: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=days)


def de(date: dt.date) -> str:
    return date.strftime("%d.%m.%Y")


class Journey:
    """Drives one form; counts every screen it sees and runs axe on each."""

    def __init__(self, page: Page, axe=None):
        self.page, self.axe, self.screens = page, axe, []

    def arrived(self, heading: str) -> None:
        expect(self.page.get_by_role("heading", level=1)).to_have_text(heading)
        self.screens.append(heading)
        if self.axe:
            self.axe(self.page)

    def date(self, name: str, date: dt.date) -> None:
        self.page.locator(f"#f-{name}-tag").fill(str(date.day))
        self.page.locator(f"#f-{name}-monat").fill(str(date.month))
        self.page.locator(f"#f-{name}-jahr").fill(str(date.year))

    def answer(self, question: str, option: str) -> None:
        self.page.get_by_role("group", name=question).get_by_label(option, exact=True).check()

    def fill(self, label: str, value: str, *, within=None) -> None:
        (within or self.page).get_by_label(label, exact=True).fill(value)

    def next(self) -> None:
        self.page.get_by_role("button", name="Weiter", exact=True).click()

    def person(self) -> None:
        self.fill("Vorname", "Kim")
        self.fill("Nachname", "Musterfrau")
        self.date("geburtsdatum", dt.date(1980, 3, 27))
        if self.page.locator("#f-strasse").count():  # the WBA asks where the applicant lives
            self.fill("Straße und Hausnummer", "Musterweg 1")
            self.fill("Postleitzahl", "00155")
            self.fill("Wohnort", "Musterstadt")
        self.fill("Nummer der Bedarfsgemeinschaft (BG-Nummer)", "12345BG0012345")
        self.next()

    def summary(self) -> dict[str, list[tuple[str, str]]]:
        """The check page as {section title: [(label, value), …]} — item legends included.
        A long form's sections are collapsed: opened first, as the citizen would."""
        closed = self.page.locator("details.wizard-section:not([open]) > summary")
        while closed.count():
            closed.first.click()
        out = {}
        for section in self.page.locator("section.kern-summary").all():
            title = section.locator("h2").inner_text().split("\n", 1)[-1].strip()
            rows = []
            for el in section.locator("h3, .kern-description-list-item").all():
                if el.evaluate("e => e.tagName") == "H3":
                    rows.append(("#", el.inner_text().strip()))
                else:
                    rows.append(
                        (
                            el.locator("dt").inner_text().strip(),
                            el.locator("dd").inner_text().strip(),
                        )
                    )
            out[title] = rows
        return out


PERSON_ROWS = [
    ("Vorname", "Kim"),
    ("Nachname", "Musterfrau"),
    ("Geburtsdatum", "27.03.1980"),
    ("Nummer der Bedarfsgemeinschaft (BG-Nummer)", "12345BG0012345"),
    ("Telefonnummer für Rückfragen", "Keine Angabe"),
    ("E-Mail-Adresse für Rückfragen", "Keine Angabe"),
]


def start(page, live_server, service: str, heading: str, axe=None) -> Journey:
    page.goto(f"{live_server.url}/musterkreis/")
    page.get_by_role("link", name=service).click()
    journey = Journey(page, axe)
    journey.arrived(heading)
    return journey


def nothing_changed(j: Journey) -> None:
    j.person()
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
    for q in (
        "Hat sich Ihre Krankenversicherung geändert?",
        "Hat sich Ihre Bankverbindung geändert?",
        "Hat sich sonst etwas geändert, das Sie uns noch nicht mitgeteilt haben?",
    ):
        j.answer(q, "Nein")
    j.next()
    j.arrived("Prüfen Sie Ihre Angaben")


NOTHING_SUMMARY = {
    "Angaben zu Ihrer Person": [
        *PERSON_ROWS[:3],
        ("Straße und Hausnummer", "Musterweg 1"),
        ("Postleitzahl", "00155"),
        ("Wohnort", "Musterstadt"),
        PERSON_ROWS[3],
        ("Sie finden die BG-Nummer nicht?", "Keine Angabe"),
        *PERSON_ROWS[4:],
    ],
    "Haushalt und Wohnung": [
        ("Ist jemand in Ihre Wohnung eingezogen oder ausgezogen?", "Nein"),
        ("Haben sich Ihre Wohnkosten geändert?", "Nein"),
    ],
    "Einkommen, Vermögen und andere Leistungen": [
        ("Hat sich Einkommen geändert oder ist neues hinzugekommen?", "Nein"),
        ("Hat sich Ihr Vermögen geändert?", "Nein"),
        ("Haben Sie andere Leistungen beantragt oder bekommen?", "Nein"),
    ],
    "Krankenversicherung, Konto und Sonstiges": [
        ("Hat sich Ihre Krankenversicherung geändert?", "Nein"),
        ("Hat sich Ihre Bankverbindung geändert?", "Nein"),
        ("Hat sich sonst etwas geändert, das Sie uns noch nicht mitgeteilt haben?", "Nein"),
    ],
}


@pytest.mark.parametrize("viewport", [PHONE], indirect=True, ids=["phone"])
def test_wba_nothing_changed_in_at_most_six_screens(page, live_server, jobcenter, axe):
    j = start(page, live_server, "Weiterbewilligungsantrag stellen", "Angaben zu Ihrer Person", axe)
    expect(page.get_by_role("progressbar", name="Schritt 1 von 5")).to_be_visible()
    nothing_changed(j)
    assert len(j.screens) <= 6, j.screens
    assert len(j.screens) == 5
    assert j.summary() == NOTHING_SUMMARY
    expect(page.get_by_text("keine weiteren Nachweise")).to_be_visible()


def test_wba_with_a_new_job_and_a_new_household_member(page, live_server, jobcenter, axe):
    j = start(page, live_server, "Weiterbewilligungsantrag stellen", "Angaben zu Ihrer Person", axe)
    j.person()
    j.arrived("Haushalt und Wohnung")
    j.answer("Ist jemand in Ihre Wohnung eingezogen oder ausgezogen?", "Ja")
    j.answer("Haben sich Ihre Wohnkosten geändert?", "Nein")
    j.next()
    j.arrived("Einkommen, Vermögen und andere Leistungen")
    j.answer("Hat sich Einkommen geändert oder ist neues hinzugekommen?", "Ja")
    j.answer("Hat sich Ihr Vermögen geändert?", "Nein")
    j.answer("Haben Sie andere Leistungen beantragt oder bekommen?", "Nein")
    j.next()
    j.arrived("Krankenversicherung, Konto und Sonstiges")
    for q in (
        "Hat sich Ihre Krankenversicherung geändert?",
        "Hat sich Ihre Bankverbindung geändert?",
        "Hat sich sonst etwas geändert, das Sie uns noch nicht mitgeteilt haben?",
    ):
        j.answer(q, "Nein")
    j.next()
    j.arrived("Änderungen im Haushalt")
    j.answer("Ist jemand eingezogen oder wurde ein Kind geboren?", "Ja")
    j.answer("Ist jemand ausgezogen?", "Nein")
    j.fill("Wie viele Personen leben jetzt in Ihrer Wohnung?", "2")
    j.next()
    j.arrived("Neue Personen im Haushalt")
    person = page.get_by_role("group", name="Neue Person 1")
    j.fill("Vorname", "Lea", within=person)
    j.fill("Nachname", "Musterfrau", within=person)
    j.date("neue_personen-0-geburtsdatum", ago(40))
    j.answer("Wer ist die Person für Sie?", "Kind (auch neugeboren)")
    j.date("neue_personen-0-eingezogen_am", ago(40))
    j.next()
    j.arrived("Neues oder geändertes Einkommen")
    # First try without an amount: the error is shown at the field and in the summary.
    income = page.get_by_role("group", name="Einkommen 1")
    j.fill("Wer bekommt das Einkommen?", "Kim Musterfrau", within=income)
    j.answer("Art des Einkommens", "Arbeit, auch Minijob oder Ausbildung")
    income.get_by_label("Arbeitgeber oder zahlende Stelle").fill("Bäckerei Korn")
    j.date("einkommen-0-seit", ago(10))
    j.next()
    expect(page.get_by_role("alert")).to_contain_text("Betrag im Monat (brutto)")
    expect(page).to_have_title(re.compile("^Fehler: "))
    expect(page.get_by_label("Wer bekommt das Einkommen?")).to_have_value("Kim Musterfrau")
    axe(page)
    page.get_by_role("alert").get_by_role("link").first.click()
    expect(page.locator("#f-einkommen-0-brutto")).to_be_focused()
    page.locator("#f-einkommen-0-brutto").fill("1.850")
    page.locator("#f-einkommen-0-brutto").press("Enter")  # Enter means "Weiter", not "add"
    j.arrived("Prüfen Sie Ihre Angaben")
    summary = j.summary()
    assert list(summary) == [
        "Angaben zu Ihrer Person",
        "Haushalt und Wohnung",
        "Einkommen, Vermögen und andere Leistungen",
        "Krankenversicherung, Konto und Sonstiges",
        "Änderungen im Haushalt",
        "Neue Personen im Haushalt",
        "Neues oder geändertes Einkommen",
    ]
    assert summary["Haushalt und Wohnung"][0] == (
        "Ist jemand in Ihre Wohnung eingezogen oder ausgezogen?",
        "Ja",
    )
    assert summary["Änderungen im Haushalt"] == [
        ("Ist jemand eingezogen oder wurde ein Kind geboren?", "Ja"),
        ("Ist jemand ausgezogen?", "Nein"),
        ("Wie viele Personen leben jetzt in Ihrer Wohnung?", "2"),
    ]
    assert summary["Neue Personen im Haushalt"] == [
        ("#", "Neue Person 1"),
        ("Vorname", "Lea"),
        ("Nachname", "Musterfrau"),
        ("Geburtsdatum", de(ago(40))),
        ("Wer ist die Person für Sie?", "Kind (auch neugeboren)"),
        ("Eingezogen am", de(ago(40))),
        ("Rentenversicherungsnummer", "Keine Angabe"),
    ]
    assert summary["Neues oder geändertes Einkommen"] == [
        ("#", "Einkommen 1"),
        ("Wer bekommt das Einkommen?", "Kim Musterfrau"),
        ("Art des Einkommens", "Arbeit, auch Minijob oder Ausbildung"),
        ("Arbeitgeber oder zahlende Stelle", "Bäckerei Korn"),
        ("Betrag im Monat (brutto)", "1.850,00 €"),
        ("Seit wann?", de(ago(10))),
    ]
    documents = page.get_by_role("region", name="Diese Nachweise braucht das Jobcenter")
    for doc in (
        "Geburtsurkunde des Kindes – Lea Musterfrau",
        "Meldebescheinigung",
        "Arbeitsvertrag – Einkommen 1",
        "Kontoauszüge der letzten 3 Monate",
    ):
        expect(documents).to_contain_text(doc)

    # What the browser journey stored is exactly what the exported JSON Schema describes.
    (draft,) = Draft.objects.all()
    jsonschema.validate(draft.answers, forms.form_json_schema(forms.get(draft.form_ident)))
    assert draft.answers["neue_personen"][0]["beziehung"] == "kind"
    assert draft.answers["einkommen"][0]["brutto"] == 185000

    # The task list of this (now long) form, then a change link back into the summary.
    page.goto(page.url.replace("/pruefen/", "/uebersicht/"))
    j.arrived("Alle Schritte")
    expect(page.locator(".kern-task-list__item")).to_have_count(8)
    expect(page.get_by_text("Erledigt")).to_have_count(7)
    page.get_by_role("link", name="Angaben prüfen").click()
    j.arrived("Prüfen Sie Ihre Angaben")
    # A change link goes to the page and back to the summary.
    page.get_by_role("link", name="Ändern – Neues oder geändertes Einkommen").click()
    j.arrived("Neues oder geändertes Einkommen")
    page.locator("#f-einkommen-0-brutto").fill("1.900")
    page.get_by_role("button", name="Speichern und zur Übersicht").click()
    j.arrived("Prüfen Sie Ihre Angaben")
    expect(page.get_by_text("1.900,00 €")).to_be_visible()


def test_vaem_with_two_changes(page, live_server, jobcenter, axe):
    # A new bank account needs a second factor (tests/e2e/test_passkeys.py: the step-up).
    citizen_session(page, live_server, second_factor=True)
    j = start(page, live_server, "Änderung mitteilen", "Angaben zu Ihrer Person", axe)
    j.person()
    j.arrived("Was hat sich geändert?")
    group = page.get_by_role("group", name="Was möchten Sie mitteilen?")
    group.get_by_label("Neue Arbeit oder Ausbildung").check()
    group.get_by_label("Neue Bankverbindung").check()
    j.next()
    j.arrived("Neue Arbeit oder Ausbildung")
    j.fill("Wer hat die Arbeit aufgenommen?", "Kim Musterfrau")
    j.fill("Arbeitgeber oder Ausbildungsbetrieb", "Bäckerei Korn")
    j.date("ab_beginn", ago(3))
    j.fill("Arbeitsstunden pro Woche", "20")
    page.locator("#f-ab_brutto").fill("1200")
    j.next()
    j.arrived("Neue Bankverbindung")
    j.fill("Kontoinhaber/in", "Kim Musterfrau")
    j.fill("IBAN", "DE89 3704 0044 0532 0130 00")
    j.date("konto_ab", ago(0))
    j.next()
    j.arrived("Prüfen Sie Ihre Angaben")
    assert j.summary() == {
        "Angaben zu Ihrer Person": [
            *PERSON_ROWS[:4],
            # since VÄM 2026-2
            ("Sie finden die BG-Nummer nicht?", "Keine Angabe"),
            ("Ihre Kundennummer", "Keine Angabe"),
            *PERSON_ROWS[4:],
        ],
        "Was hat sich geändert?": [
            ("Was möchten Sie mitteilen?", "Neue Arbeit oder Ausbildung, Neue Bankverbindung"),
        ],
        "Neue Arbeit oder Ausbildung": [
            ("Wer hat die Arbeit aufgenommen?", "Kim Musterfrau"),
            ("Arbeitgeber oder Ausbildungsbetrieb", "Bäckerei Korn"),
            ("Erster Arbeitstag", de(ago(3))),
            ("Arbeitsstunden pro Woche", "20 Stunden"),
            ("Lohn im Monat (brutto)", "1.200,00 €"),
            ("Erste Lohnzahlung (voraussichtlich)", "Keine Angabe"),
        ],
        "Neue Bankverbindung": [
            ("Kontoinhaber/in", "Kim Musterfrau"),
            ("IBAN", "DE89 3704 0044 0532 0130 00"),
            ("Zahlungen bitte ab", de(ago(0))),
        ],
    }
    assert len(j.screens) == 5


def test_wba_without_javascript(browser, live_server, jobcenter):
    context = browser.new_context(java_script_enabled=False, locale="de-DE")
    page = context.new_page()
    j = start(page, live_server, "Weiterbewilligungsantrag stellen", "Angaben zu Ihrer Person")
    # Errors, Back and repeatable groups are plain form posts too.
    j.next()
    expect(page.get_by_role("alert")).to_contain_text("Bitte geben Sie „Vorname“ an.")
    nothing_changed(j)
    assert j.summary() == NOTHING_SUMMARY
    page.get_by_role("link", name="Zurück").click()
    j.arrived("Krankenversicherung, Konto und Sonstiges")
    context.close()


def test_error_state_on_every_widget_is_accessible(page, live_server, jobcenter, axe):
    """One page with text, date, radios and checkboxes in their error state."""
    j = start(page, live_server, "Änderung mitteilen", "Angaben zu Ihrer Person")
    j.fill("Vorname", "Kim")
    page.locator("#f-geburtsdatum-tag").fill("31")
    page.locator("#f-geburtsdatum-monat").fill("2")
    page.locator("#f-geburtsdatum-jahr").fill("1980")
    j.fill("Nummer der Bedarfsgemeinschaft (BG-Nummer)", "kaputt")
    j.next()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Dieses Datum gibt es nicht")
    expect(page.get_by_label("Vorname", exact=True)).to_have_value("Kim")
    expect(page.locator("#f-geburtsdatum-tag")).to_have_value("31")
    expect(page.get_by_label("Nummer der Bedarfsgemeinschaft (BG-Nummer)")).to_have_value("kaputt")
    axe(page)
    j.person()
    j.arrived("Was hat sich geändert?")
    j.next()
    expect(page.get_by_role("alert")).to_contain_text("mindestens eine Antwort")
    axe(page)


def test_two_tabs_conflict_is_explained_and_accessible(page, live_server, jobcenter, axe):
    j = start(page, live_server, "Änderung mitteilen", "Angaben zu Ihrer Person")
    j.person()
    j.arrived("Was hat sich geändert?")
    url = live_server.url + "/musterkreis/veraenderung/person/"
    other = page.context.new_page()
    other.goto(url)
    page.goto(url)
    page.get_by_label("Vorname", exact=True).fill("Anna")
    j.next()
    other.get_by_label("Vorname", exact=True).fill("Berta")
    other.get_by_role("button", name="Weiter", exact=True).click()
    alert = other.get_by_role("alert")
    expect(alert).to_contain_text("in einem anderen Fenster geändert")
    expect(alert).to_contain_text("Anna")
    expect(other.get_by_label("Vorname", exact=True)).to_have_value("Berta")
    axe(other)
    other.get_by_role("button", name="Weiter", exact=True).click()
    expect(other.get_by_role("heading", level=1)).to_have_text("Was hat sich geändert?")
    other.close()

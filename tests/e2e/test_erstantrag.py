"""The Erstantrag in a real browser: the date secured first, then three situations to the
check-answers page (summary and document list compared), axe-core on every screen; and a state
account at level "substantial" that makes the ID-card step disappear."""

import datetime as dt
import re

import jsonschema
import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from jobcenter.forms import selectors as forms
from jobcenter.intake.models import Draft, Submission
from tests.e2e.test_accounts import state_account  # noqa: F401 (fixture)
from tests.e2e.test_wizard_journeys import Journey

pytestmark = pytest.mark.django_db(transaction=True)

CHECK = "Prüfen Sie Ihre Angaben"


def years_ago(years: int) -> dt.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years, day=min(today.day, 28))


class Antrag(Journey):
    """Fills Erstantrag pages by field name (ids come from the engine: ``f-<name>``)."""

    def __init__(self, page: Page, axe=None):
        super().__init__(page, axe)

    def text(self, name: str, value: str) -> None:
        self.page.locator(f"#f-{name}").fill(value)

    def choose(self, name: str, *values: str) -> None:
        for value in values:
            self.page.locator(f"input[name='{name}'][value='{value}']").check()

    def step(self, heading: str, *, texts=None, choices=None, dates=None) -> None:
        self.arrived(heading)
        for name, value in (texts or {}).items():
            self.text(name, value)
        for name, value in (choices or {}).items():
            self.choose(name, *(value if isinstance(value, tuple) else (value,)))
        for name, value in (dates or {}).items():
            self.date(name, value)
        self.next()

    def documents(self) -> list[str]:
        """The documents listed, without their upload status (nothing is uploaded here)."""
        region = self.page.get_by_role("region", name="Diese Nachweise braucht das Jobcenter")
        closed = region.locator("details:not([open]) > summary")  # a long form's list
        if closed.count():
            closed.click()
            if self.axe:
                self.axe(self.page)  # the opened state
        items = region.locator("li")
        out = []
        for i in range(items.count()):
            item = items.nth(i)
            text = item.inner_text()
            status = item.locator("[data-status]")
            if status.count():
                assert status.get_attribute("data-status") == "missing"
                text = text.replace(status.inner_text(), "")
            out.append(text.strip())
        return out


def secure_date(page, live_server, axe) -> Antrag:
    page.goto(f"{live_server.url}/musterkreis/")
    page.get_by_role("link", name="Bürgergeld beantragen").click()
    a = Antrag(page, axe)
    a.arrived("Möchten Sie Bürgergeld beantragen?")
    page.get_by_role("button", name="Antrag absenden und Datum sichern").click()  # empty
    expect(page.get_by_role("alert")).to_contain_text("Ich beantrage Bürgergeld")
    axe(page)  # the error state
    a.text("vorname", "Kim")
    a.text("nachname", "Musterfrau")
    a.date("geburtsdatum", dt.date(1980, 3, 27))
    a.text("strasse", "Lindenweg 3")
    a.text("plz", "00110")
    a.text("ort", "Musterhausen")
    a.choose("beantragt", "buergergeld")
    page.get_by_role("button", name="Antrag absenden und Datum sichern").click()
    a.arrived("Ihr Antragsdatum ist gesichert")
    expect(page.get_by_role("status")).to_contain_text("Das Datum ist gesichert")
    page.get_by_role("link", name="Weiter zum vollständigen Antrag").click()
    return a


def person(a: Antrag, *, ausweis: bool = True) -> None:
    a.arrived("Wer sind Sie?")
    expect(a.page.locator("#f-vorname")).to_have_value("Kim")  # carried over
    a.text("geburtsort", "Köln")
    a.choose("geschlecht", "weiblich")
    a.choose("deutsch", "ja")
    a.next()
    if ausweis:
        a.step("Können Sie uns Ihren Ausweis zeigen?")
    a.step("Wo wohnen Sie und wie erreichen wir Sie?")  # carried over from the first page


def money_and_more(a: Antrag, *, familienstand="ledig") -> None:
    a.step("Wie ist Ihr Familienstand?", choices={"familienstand": familienstand})
    a.step(
        "Auf welches Konto sollen wir das Bürgergeld überweisen?",
        texts={"kontoinhaber": "Kim Musterfrau", "iban": "DE02120300000000202051"},
    )
    a.step(
        "Wie ist Ihre Lebenssituation?",
        choices={
            "erwerbsfaehig": "ja",
            "ausbildung": "nein",
            "einrichtung": "nein",
            "rente": "nein",
            "vertretung": "nein",
        },
    )


def kdu(a: Antrag) -> None:
    a.step(
        "Was kostet Ihre Wohnung im Monat?",
        texts={
            "wohnflaeche": "60",
            "zimmer": "3",
            "grundmiete": "450",
            "nebenkosten": "100",
            "heizkosten": "70",
        },
        choices={"heizung": "zentral"},
    )


def end(a: Antrag, *, assets: dict | None = None) -> None:
    if assets is None:
        assets = {"karenzzeit_vorbei": "nein", "vermoegen_erheblich": "nein", "fahrzeug": "nein"}
        a.step("Wie viel Vermögen haben Sie?", texts={"vermoegen_summe": "0"}, choices=assets)
    a.step(
        "Wie sind Sie krankenversichert?",
        choices={"kv_art": "gesetzlich", "rv_befreit": "nein"},
        texts={"krankenkasse": "AOK"},
    )
    a.step(
        "Können Sie Geld von anderen bekommen?",
        choices={
            "unterhalt": "keiner",
            "unterhalt_gruende": "nein",
            "unfall": "nein",
            "andere_leistungen": "keine",
        },
    )
    a.step(
        "Bestätigen Sie Ihre Angaben",
        choices={"erklaerung_wahr": "ja", "erklaerung_aenderungen": "ja"},
    )
    a.arrived(CHECK)
    expect(a.page.get_by_role("alert")).to_have_count(0)  # nothing missing


def stored_answers_fit_the_schema() -> dict:
    draft = Draft.objects.get(form_key="erstantrag")
    jsonschema.validate(draft.answers, forms.form_json_schema(forms.get(draft.form_ident)))
    return draft.answers


def test_single_adult_renting_no_income_no_assets(page, live_server, jobcenter, axe):
    a = secure_date(page, live_server, axe)
    person(a)
    money_and_more(a)
    a.step("Wie wohnen Sie?", choices={"wohnform": "miete", "mitbewohner": "nein"})
    a.step(
        "Haben Sie oder jemand in Ihrer Bedarfsgemeinschaft einen besonderen Bedarf?",
        choices={"mehrbedarf": "keiner"},
    )
    kdu(a)
    a.step("Welches Einkommen haben Sie?", choices={"arten": "keins"})
    end(a)
    assert len(a.screens) <= 20, a.screens
    summary = a.summary()
    assert list(summary) == [
        "Wer sind Sie?",
        "Können Sie uns Ihren Ausweis zeigen?",
        "Wo wohnen Sie und wie erreichen wir Sie?",
        "Wie ist Ihr Familienstand?",
        "Auf welches Konto sollen wir das Bürgergeld überweisen?",
        "Wie ist Ihre Lebenssituation?",
        "Wie wohnen Sie?",
        "Haben Sie oder jemand in Ihrer Bedarfsgemeinschaft einen besonderen Bedarf?",
        "Was kostet Ihre Wohnung im Monat?",
        "Welches Einkommen haben Sie?",
        "Wie viel Vermögen haben Sie?",
        "Wie sind Sie krankenversichert?",
        "Können Sie Geld von anderen bekommen?",
        "Bestätigen Sie Ihre Angaben",
    ]
    assert summary["Welches Einkommen haben Sie?"] == [
        ("Welche Einkommen gibt es?", "Kein Einkommen"),
        ("Wie viel ist das zusammen im Monat (brutto)?", "Keine Angabe"),
        ("Arbeitgeber (falls vorhanden)", "Keine Angabe"),
    ]
    assert ("Grundmiete (kalt)", "450,00 €") in summary["Was kostet Ihre Wohnung im Monat?"]
    assert ("Postleitzahl", "00110") in summary["Wo wohnen Sie und wie erreichen wir Sie?"]
    assert a.documents() == [
        "Personalausweis oder Reisepass (Vorder- und Rückseite) – Sie selbst",
        "Kontoauszüge der letzten 3 Monate aller Konten aller Personen der Bedarfsgemeinschaft",
        "Mietvertrag oder Schreiben über die Mietänderung",
        "Neueste Neben- oder Heizkostenabrechnung",
        "Mitgliedsbescheinigung der Krankenkasse",
    ]
    stored_answers_fit_the_schema()

    # Sent: the receipt shows the date it counts from and the same list of documents.
    page.get_by_role("button", name="Antrag absenden").click()
    a.arrived("Ihr Antrag ist eingegangen")
    secured = Submission.objects.get(form_key="antrag_gesichert")
    expect(page.locator("#gilt-ab")).to_contain_text(
        timezone.localtime(secured.received_at).date().replace(day=1).strftime("%d.%m.%Y")
    )
    expect(page.get_by_text("Mietvertrag oder Schreiben über die Mietänderung")).to_be_visible()


def add_person(
    a: Antrag, n: int, first: str, born: dt.date, beziehung: str, bg: str = "ja"
) -> None:
    if n > 0:
        a.page.get_by_role("button", name="Weitere Person hinzufügen").click()
        # The new person (the applicant is person 1, the list starts at 2) opens below the
        # ones entered, which are one line each now.
        expect(a.page.get_by_role("group", name=f"Person {n + 2}")).to_be_visible()
        expect(a.page.locator(f"#eintrag-{n - 1} > summary")).to_be_visible()
    a.text(f"personen-{n}-vorname", first)
    a.text(f"personen-{n}-nachname", "Musterfrau")
    a.date(f"personen-{n}-geburtsdatum", born)
    a.choose(f"personen-{n}-beziehung", beziehung)
    a.choose(f"personen-{n}-bg", bg)


def test_couple_with_two_children_one_employed_renting_kindergeld(
    page, live_server, jobcenter, axe
):
    a = secure_date(page, live_server, axe)
    person(a)
    money_and_more(a, familienstand="verheiratet")
    a.step("Wie wohnen Sie?", choices={"wohnform": "miete", "mitbewohner": "ja"})
    a.arrived("Wer wohnt mit Ihnen zusammen?")
    add_person(a, 0, "Sam", dt.date(1982, 5, 1), "partner_ehe")
    add_person(a, 1, "Alex", years_ago(10), "kind")
    add_person(a, 2, "Jo", years_ago(16), "kind")
    axe(page)
    a.next()
    a.step(
        "Was müssen wir über Sam Musterfrau wissen?",
        choices={
            "deutsch": "ja",
            "familienstand": "verheiratet",
            "erwerbsfaehig": "ja",
            "ausbildung": "nein",
            "kv_art": "gesetzlich",
        },
    )
    a.step(
        "Was müssen wir über Jo Musterfrau wissen?",
        choices={
            "deutsch": "ja",
            "familienstand": "ledig",
            "erwerbsfaehig": "ja",
            "ausbildung": "schule",
            "kv_art": "familie",
        },
    )
    a.step(
        "Was müssen wir über Alex Musterfrau wissen?",
        choices={"kindergeld": "antragsteller", "unterhalt": "nein", "betreuung": "schule"},
    )
    a.step(
        "Haben Sie oder jemand in Ihrer Bedarfsgemeinschaft einen besonderen Bedarf?",
        choices={"mehrbedarf": "keiner"},
    )
    kdu(a)
    a.step(
        "Welches Einkommen haben Sie?",
        choices={"arten": "kindergeld"},
        texts={"brutto": "510"},
    )
    a.step(
        "Welches Einkommen hat Sam Musterfrau?",
        choices={"arten": "erwerbstaetigkeit"},
        texts={"brutto": "2400", "arbeitgeber": "Bäckerei Korn"},
    )
    a.step("Welches Einkommen hat Jo Musterfrau?", choices={"arten": "keins"})
    end(a)
    summary = a.summary()
    assert summary["Wer wohnt mit Ihnen zusammen?"][:6] == [
        ("#", "Person 2"),  # the applicant is person 1, as on the Anlagen
        ("Vorname", "Sam"),
        ("Nachname", "Musterfrau"),
        ("Geburtsdatum", "01.05.1982"),
        ("Wer ist die Person für Sie?", "Ehe- oder eingetragene/r Lebenspartner/in"),
        ("Gehört die Person zu Ihrer Bedarfsgemeinschaft?", "Ja"),
    ]
    assert summary["Welches Einkommen hat Sam Musterfrau?"] == [
        ("Welche Einkommen gibt es?", "Lohn oder Gehalt, auch Minijob oder Ausbildung"),
        ("Wie viel ist das zusammen im Monat (brutto)?", "2.400,00 €"),
        ("Arbeitgeber (falls vorhanden)", "Bäckerei Korn"),
    ]
    assert summary["Was müssen wir über Alex Musterfrau wissen?"][0] == (
        "Wer bekommt das Kindergeld für das Kind?",
        "Ich",
    )
    documents = a.documents()
    for expected in (
        "Personalausweis oder Reisepass (Vorder- und Rückseite) – Sie selbst, Sam Musterfrau, "
        "Jo Musterfrau",
        "Heirats-, Scheidungs- oder Sterbeurkunde",
        "Geburtsurkunde des Kindes – Alex Musterfrau, Jo Musterfrau",
        "Schul-, Ausbildungs- oder Studienbescheinigung – Jo Musterfrau",
        "Bescheid über das Kindergeld – Alex Musterfrau, Kim Musterfrau",
        "Arbeitsvertrag – Sam Musterfrau",
        "Lohn- oder Gehaltsabrechnungen (ab dem Beginn, danach jeden Monat) – Sam Musterfrau",
        "Mietvertrag oder Schreiben über die Mietänderung",
    ):
        assert expected in documents, (expected, documents)
    answers = stored_answers_fit_the_schema()
    assert answers["ek-2"]["brutto"] == 240000

    # The task list: each Anlage is a section of its own, all done.
    page.goto(page.url.replace("/pruefen/", "/uebersicht/"))
    a.arrived("Alle Schritte")
    for title in (
        "Anlage WEP: weitere Person ab 15 Jahren – Sam Musterfrau",
        "Anlage WEP: weitere Person ab 15 Jahren – Jo Musterfrau",
        "Anlage KI: Kind unter 15 Jahren – Alex Musterfrau",
        "Anlage EK: Einkommen – Jo Musterfrau",
        "Anlage KDU: Kosten der Unterkunft und Heizung",
    ):
        expect(page.get_by_role("heading", name=title)).to_be_visible()
    expect(page.get_by_text("Nicht begonnen")).to_have_count(0)


def test_grandmother_in_the_household_the_applicant_is_asked_in_person(
    page, live_server, jobcenter, axe
):
    """Anlage HG (version 2026-2): the applicant's own page asks "Sie", the 8-year-old's page
    names her, and the relatives' income is asked once."""
    a = secure_date(page, live_server, axe)
    person(a)
    money_and_more(a)
    a.step("Wie wohnen Sie?", choices={"wohnform": "miete", "mitbewohner": "ja"})
    a.arrived("Wer wohnt mit Ihnen zusammen?")
    add_person(a, 0, "Mia", years_ago(8), "kind")
    add_person(a, 1, "Erika", dt.date(1950, 1, 1), "eltern", bg="nein")
    a.next()
    a.step(
        "Was müssen wir über Mia Musterfrau wissen?",
        choices={"kindergeld": "antragsteller", "unterhalt": "nein", "betreuung": "schule"},
    )
    a.arrived("Werden Sie von den Verwandten in Ihrem Haushalt unterstützt?")
    expect(page.get_by_text("die Person")).to_have_count(0)
    a.choose("unterstuetzung", "nein")
    a.text("einkommen_verwandte", "1400")
    a.next()
    a.arrived("Unterstützen die Verwandten im Haushalt Mia Musterfrau?")
    expect(page.locator("#f-einkommen_verwandte")).to_have_count(0)  # asked once
    a.choose("unterstuetzung", "nein")
    a.next()
    a.step(
        "Haben Sie oder jemand in Ihrer Bedarfsgemeinschaft einen besonderen Bedarf?",
        choices={"mehrbedarf": "alleinerziehend"},
    )
    kdu(a)
    a.step("Welches Einkommen haben Sie?", choices={"arten": "kindergeld"}, texts={"brutto": "255"})
    end(a)
    summary = a.summary()
    assert summary["Werden Sie von den Verwandten in Ihrem Haushalt unterstützt?"] == [
        ("Geben die Verwandten Geld oder Sachleistungen?", "Nein"),
        ("Wie viel im Monat ungefähr?", "Keine Angabe"),
        ("Wie viel Einkommen haben die Verwandten zusammen im Monat?", "1.400,00 €"),
    ]
    assert summary["Unterstützen die Verwandten im Haushalt Mia Musterfrau?"] == [
        ("Geben die Verwandten Geld oder Sachleistungen?", "Nein"),
        ("Wie viel im Monat ungefähr?", "Keine Angabe"),
    ]
    assert Draft.objects.get(form_key="erstantrag").form_version == "2026-2"
    stored_answers_fit_the_schema()


def test_self_employed_single_parent_with_savings_and_a_car(page, live_server, jobcenter, axe):
    a = secure_date(page, live_server, axe)
    person(a)
    money_and_more(a)
    a.step("Wie wohnen Sie?", choices={"wohnform": "miete", "mitbewohner": "ja"})
    a.arrived("Wer wohnt mit Ihnen zusammen?")
    add_person(a, 0, "Mia", years_ago(8), "kind")
    a.next()
    a.step(
        "Was müssen wir über Mia Musterfrau wissen?",
        choices={"kindergeld": "antragsteller", "unterhalt": "uvg", "betreuung": "schule"},
    )
    a.step(
        "Haben Sie oder jemand in Ihrer Bedarfsgemeinschaft einen besonderen Bedarf?",
        choices={"mehrbedarf": "alleinerziehend"},
    )
    kdu(a)
    a.step(
        "Welches Einkommen haben Sie?",
        choices={"arten": ("selbststaendig", "kindergeld")},
        texts={"brutto": "255"},
    )
    a.arrived("Welche selbständigen Tätigkeiten gibt es?")
    a.text("taetigkeiten-0-art", "Grafikdesign")
    a.text("taetigkeiten-0-person", "Kim Musterfrau")
    a.date("taetigkeiten-0-seit", dt.date(2021, 4, 1))
    a.next()
    a.step(
        "Was erwarten Sie in den nächsten 6 Monaten aus „Grafikdesign“?",
        texts={"einnahmen": "1200", "ausgaben": "300", "beschaeftigte": "0"},
        choices={"zuschuss": "nein"},
    )
    a.step(
        "Wie viel Vermögen haben Sie?",
        texts={"vermoegen_summe": "60000"},
        choices={"karenzzeit_vorbei": "nein", "vermoegen_erheblich": "ja", "fahrzeug": "ja"},
    )
    a.arrived("Was gehört zu Ihrem Vermögen?")
    a.choose("vermoegenswerte-0-art", "konto")
    a.text("vermoegenswerte-0-inhaber", "Kim Musterfrau")
    a.text("vermoegenswerte-0-wert", "52000")
    page.get_by_role("button", name="Weiteren Vermögenswert hinzufügen").click()
    a.choose("vermoegenswerte-1-art", "fahrzeug")
    a.text("vermoegenswerte-1-inhaber", "Kim Musterfrau")
    a.text("vermoegenswerte-1-wert", "8000")
    a.next()
    a.step(
        "Haben Sie in den letzten 10 Jahren Vermögen verschenkt?",
        choices={"schenkung": "nein", "altersvorsorge": "nein"},
    )
    end(a, assets={})
    summary = a.summary()
    assert summary["Wie viel Vermögen haben Sie?"] == [
        (
            "Haben Sie in den letzten 3 Jahren schon 12 Monate oder länger Bürgergeld bekommen?",
            "Nein",
        ),
        (
            "Haben alle Personen Ihrer Bedarfsgemeinschaft zusammen mehr Vermögen als diese "
            "Grenze?",
            "Ja",
        ),
        ("Wie viel Vermögen haben alle zusammen ungefähr?", "60.000,00 €"),
        ("Besitzt jemand in Ihrer Bedarfsgemeinschaft ein Auto oder Motorrad?", "Ja"),
    ]
    assert summary["Was gehört zu Ihrem Vermögen?"] == [
        ("#", "Vermögenswert 1"),
        ("Was ist es?", "Guthaben auf Konten, auch Tagesgeld oder PayPal"),
        ("Wem gehört es?", "Kim Musterfrau"),
        ("Wert heute", "52.000,00 €"),
        ("#", "Vermögenswert 2"),
        ("Was ist es?", "Auto oder Motorrad"),
        ("Wem gehört es?", "Kim Musterfrau"),
        ("Wert heute", "8.000,00 €"),
    ]
    assert ("Einnahmen im Monat", "1.200,00 €") in summary[
        "Was erwarten Sie in den nächsten 6 Monaten aus „Grafikdesign“?"
    ]
    documents = a.documents()
    for expected in (
        "Gewerbeanmeldung – Grafikdesign",
        "Fahrzeugschein (Zulassungsbescheinigung Teil I) – Vermögenswert 2",
        "Unterhaltstitel oder Bescheid über den Unterhaltsvorschuss – Mia Musterfrau",
        "Bescheid über das Kindergeld – Mia Musterfrau, Kim Musterfrau",
        "Bescheinigung von Kita oder Schule – Mia Musterfrau",
    ):
        assert expected in documents, (expected, documents)
    assert any(d.startswith("Letzte betriebswirtschaftliche Auswertung") for d in documents)
    answers = stored_answers_fit_the_schema()
    assert answers["eks-1"]["einnahmen"] == 120000


def test_state_account_at_level_substantial_drops_the_id_card_step(
    page,
    live_server,
    jobcenter,
    axe,
    state_account,  # noqa: F811
):
    page.goto(f"{live_server.url}/konto/anmelden/")
    page.get_by_role("link", name="Weiter zu BundID").click()
    page.get_by_label("Max Beispiel – ELSTER-Zertifikat (substanziell)").check()
    page.get_by_role("button", name="Anmelden", exact=True).click()
    expect(page).to_have_url(re.compile(r"/konto/$"))

    page.goto(f"{live_server.url}/musterkreis/buergergeld/")
    a = Antrag(page, axe)
    a.arrived("Möchten Sie Bürgergeld beantragen?")
    # Prefilled from the state account's identity data.
    expect(page.locator("#f-vorname")).to_have_value("Max")
    expect(page.locator("#f-nachname")).to_have_value("Beispiel")
    expect(page.locator("#f-geburtsdatum-jahr")).to_have_value("1985")
    expect(page.locator("#f-plz")).to_have_value("00150")
    a.choose("beantragt", "buergergeld")
    page.get_by_role("button", name="Antrag absenden und Datum sichern").click()
    a.arrived("Ihr Antragsdatum ist gesichert")
    page.get_by_role("link", name="Weiter zum vollständigen Antrag").click()

    a.arrived("Wer sind Sie?")
    expect(page.locator("#f-vorname")).to_have_value("Max")
    a.text("geburtsort", "Bonn")
    a.choose("geschlecht", "maennlich")
    a.choose("deutsch", "ja")
    a.next()
    # No "Können Sie uns Ihren Ausweis zeigen?": the login has proven the identity.
    a.arrived("Wo wohnen Sie und wie erreichen wir Sie?")
    expect(page.locator("#f-strasse")).to_have_value("Beispielweg 5")
    page.goto(page.url.rsplit("/", 2)[0] + "/uebersicht/")
    a.arrived("Alle Schritte")
    expect(page.get_by_text("Können Sie uns Ihren Ausweis zeigen?")).to_have_count(0)
    page.goto(page.url.replace("/uebersicht/", "/pruefen/"))
    a.arrived(CHECK)
    expect(page.get_by_text("Personalausweis oder Reisepass")).to_have_count(0)
    secured = Submission.objects.get(form_key="antrag_gesichert")
    assert secured.identity["assurance_level"] == "substantial"
    assert secured.answers["vorname"] == "Max"


def test_securing_the_date_without_javascript_on_a_phone(browser, live_server, jobcenter):
    # (axe needs JavaScript; the same pages are checked with it in the tests above.)
    context = browser.new_context(
        java_script_enabled=False, locale="de-DE", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/musterkreis/")
    page.get_by_role("link", name="Bürgergeld beantragen").click()
    a = Antrag(page)
    a.arrived("Möchten Sie Bürgergeld beantragen?")
    a.text("vorname", "Kim")
    a.text("plz", "00110")
    page.get_by_role("button", name="Antrag absenden und Datum sichern").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("wie wir Sie erreichen")
    expect(alert).to_contain_text("Ich beantrage Bürgergeld")
    expect(page.locator("#f-vorname")).to_have_value("Kim")
    assert not Submission.objects.exists()
    a.text("nachname", "Musterfrau")
    a.date("geburtsdatum", dt.date(1980, 3, 27))
    a.text("telefon", "030 1234567")
    a.choose("beantragt", "buergergeld")
    page.get_by_role("button", name="Antrag absenden und Datum sichern").click()
    a.arrived("Ihr Antragsdatum ist gesichert")
    (secured,) = Submission.objects.all()
    assert secured.received_at is not None
    expect(page.locator("#eingangsnummer")).to_have_text(secured.reference)
    # The citizen stops here: the application stays, the full form waits as a draft.
    page.get_by_role("link", name="Weiter zum vollständigen Antrag").click()
    a.arrived("Wer sind Sie?")
    assert Draft.objects.get(form_key="erstantrag").secured_submission == secured
    context.close()

"""The wizard through Django's test client: flow, errors, drafts, two tabs, tenants, versions."""

import jsonschema
import pytest
from django.test import Client
from django.utils.translation import gettext_lazy as _

from jobcenter.forms import fields as F
from jobcenter.forms import selectors as forms
from jobcenter.forms import services as form_registry
from jobcenter.forms.definition import FormDefinition, Page
from jobcenter.intake.models import Draft
from jobcenter.portal import wizard
from tests.portal.wizard_helpers import (
    BASE,
    PERSON,
    VAEM,
    ago,
    date_parts,
    revision_of,
    strong_login,
    submit,
)

pytestmark = pytest.mark.django_db

NO = "nein"
NOTHING = {
    "haushalt_wohnung": {"haushalt_geaendert": NO, "wohnkosten_geaendert": NO},
    "geld": {"einkommen_geaendert": NO, "vermoegen_geaendert": NO, "leistungen_geaendert": NO},
    "versicherung_konto": {"kv_geaendert": NO, "konto_geaendert": NO, "sonstiges_geaendert": NO},
}


def fill_nothing_changed(client):
    response = submit(client, f"{BASE}/person/", PERSON)
    assert response["Location"] == f"{BASE}/haushalt_wohnung/"
    for key, data in NOTHING.items():
        response = submit(client, f"{BASE}/{key}/", data)
    return response


def only_draft() -> Draft:
    (draft,) = Draft.objects.all()
    return draft


def test_start_page_links_both_services(client, jobcenter):
    html = client.get("/musterkreis/").content.decode()
    assert f'href="{BASE}/"' in html and f'href="{VAEM}/"' in html


def test_nothing_changed_reaches_check_answers_and_the_draft_fits_the_schema(client, jobcenter):
    response = client.get(f"{BASE}/")
    assert response["Location"] == f"{BASE}/person/"
    assert not Draft.objects.exists()  # looking creates nothing
    response = fill_nothing_changed(client)
    assert response["Location"] == f"{BASE}/pruefen/"
    html = client.get(f"{BASE}/pruefen/").content.decode()
    assert "Prüfen Sie Ihre Angaben" in html and "Kim" in html and "27.03.1980" in html
    assert "Es fehlen noch Angaben" not in html
    assert "keine weiteren Nachweise" in html
    draft = only_draft()
    assert draft.jobcenter == jobcenter and draft.form_ident == "wba@2026-2"
    assert draft.revision == 4 and draft.pending_input == {}
    jsonschema.validate(draft.answers, forms.form_json_schema(forms.get(draft.form_ident)))


def test_pages_are_not_cached_by_the_browser(client, jobcenter):
    response = client.get(f"{BASE}/person/")
    assert "no-store" in response["Cache-Control"]


def test_errors_show_summary_field_message_and_keep_input(client, jobcenter):
    response = client.post(
        f"{BASE}/person/",
        {
            "revision": "0",
            "vorname": "Kim",
            "nachname": "",
            **date_parts("geburtsdatum", ago(0)),
            "geburtsdatum-tag": "31",
            "geburtsdatum-monat": "2",
            "bg_nummer": "123 kaputt",
            "email": "kim@",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="kern-alert kern-alert--danger') == 1
    assert "<title>Fehler: Angaben zu Ihrer Person" in html
    for anchor in ("#f-nachname", "#f-geburtsdatum-tag", "#f-bg_nummer", "#f-email"):
        assert f'href="{anchor}"' in html
    assert 'id="f-bg_nummer-error"' in html and 'aria-invalid="true"' in html
    assert 'value="123 kaputt"' in html and 'value="kim@"' in html and 'value="31"' in html
    assert not Draft.objects.exists()


def test_yes_opens_follow_up_pages_and_no_skips_them_both_ways(client, jobcenter):
    submit(client, f"{BASE}/person/", PERSON)
    submit(
        client,
        f"{BASE}/haushalt_wohnung/",
        {"haushalt_geaendert": "ja", "wohnkosten_geaendert": NO},
    )
    submit(client, f"{BASE}/geld/", NOTHING["geld"])
    response = submit(client, f"{BASE}/versicherung_konto/", NOTHING["versicherung_konto"])
    assert response["Location"] == f"{BASE}/haushalt/"
    response = submit(
        client,
        f"{BASE}/haushalt/",
        {"jemand_eingezogen": NO, "jemand_ausgezogen": NO, "personen_anzahl": "1"},
    )
    assert response["Location"] == f"{BASE}/pruefen/"  # both person lists skipped
    response = submit(client, f"{BASE}/haushalt/", {}, action="zurueck")
    assert response["Location"] == f"{BASE}/versicherung_konto/"
    # A page that does not apply redirects onwards instead of showing.
    assert client.get(f"{BASE}/wohnkosten/")["Location"] == f"{BASE}/pruefen/"
    assert "Schritt 5 von 6" in client.get(f"{BASE}/haushalt/").content.decode()


def test_back_keeps_invalid_input_as_typed(client, jobcenter):
    submit(client, f"{BASE}/person/", PERSON)
    response = submit(
        client, f"{BASE}/haushalt_wohnung/", {"haushalt_geaendert": "ja"}, action="zurueck"
    )
    assert response["Location"] == f"{BASE}/person/"
    draft = only_draft()
    assert draft.answers["haushalt_geaendert"] is True  # the valid part is saved
    html = client.get(f"{BASE}/haushalt_wohnung/").content.decode()
    assert 'value="ja" checked' in html
    assert "kern-alert--danger" not in html  # no errors until the citizen continues


def test_change_link_returns_to_check_answers_unless_new_pages_need_answers(client, jobcenter):
    strong_login(client)  # a new bank account needs a second factor (tests/portal/test_step_up.py)
    fill_nothing_changed(client)
    html = client.get(f"{BASE}/pruefen/").content.decode()
    assert f'href="{BASE}/person/?von=pruefen"' in html
    page = client.get(f"{BASE}/person/?von=pruefen")
    assert 'name="von" value="pruefen"' in page.content.decode()
    response = submit(
        client, f"{BASE}/person/?von=pruefen", {**PERSON, "vorname": "Kira", "von": "pruefen"}
    )
    assert response["Location"] == f"{BASE}/pruefen/#person"
    assert "Kira" in client.get(f"{BASE}/pruefen/").content.decode()
    # Saying "Ja" to a topic opens its page first, then back to the summary.
    response = submit(
        client,
        f"{BASE}/versicherung_konto/?von=pruefen",
        {**NOTHING["versicherung_konto"], "konto_geaendert": "ja", "von": "pruefen"},
    )
    assert response["Location"] == f"{BASE}/konto/?von=pruefen"
    response = submit(
        client,
        f"{BASE}/konto/?von=pruefen",
        {
            "kontoinhaber": "Kira Musterfrau",
            "iban": "DE89 3704 0044 0532 0130 00",
            **date_parts("konto_ab", ago(0)),
            "von": "pruefen",
        },
    )
    assert response["Location"] == f"{BASE}/pruefen/#konto"
    html = client.get(f"{BASE}/pruefen/").content.decode()
    assert "DE89 3704 0044 0532 0130 00" in html
    assert "Nachweis über das neue Konto" in html


def test_repeatable_group_add_and_remove_without_javascript(client, jobcenter):
    submit(client, f"{BASE}/person/", PERSON)
    submit(
        client, f"{BASE}/haushalt_wohnung/", {"haushalt_geaendert": NO, "wohnkosten_geaendert": NO}
    )
    submit(client, f"{BASE}/geld/", {**NOTHING["geld"], "einkommen_geaendert": "ja"})
    income = {
        "person": "Kim Musterfrau",
        "art": "erwerbstaetigkeit",
        "zahlende_stelle": "Bäckerei Korn",
        "brutto": "1.850",
        **date_parts("seit", ago(10)),
    }
    item = lambda n, data: {f"einkommen-{n}-{k}": v for k, v in data.items()}  # noqa: E731
    response = submit(
        client,
        f"{BASE}/einkommen/",
        {"einkommen-count": "1", **item(0, income)},
        action="hinzufuegen",
    )
    assert response["Location"] == f"{BASE}/einkommen/?weitere=1"
    html = client.get(f"{BASE}/einkommen/?weitere=1").content.decode()
    assert "Einkommen 2" in html and 'name="einkommen-1-person"' in html
    # An untouched extra item is ignored on "Weiter".
    second = {**income, "person": "Lea", "art": "kindergeld", "brutto": "255"}
    response = submit(
        client,
        f"{BASE}/einkommen/?weitere=1",
        {"einkommen-count": "2", **item(0, income), **item(1, second)},
    )
    assert response.status_code == 302
    assert [i["person"] for i in only_draft().answers["einkommen"]] == ["Kim Musterfrau", "Lea"]
    response = submit(
        client,
        f"{BASE}/einkommen/",
        {"einkommen-count": "2", **item(0, income), **item(1, second)},
        action="entfernen-0",
    )
    assert [i["person"] for i in only_draft().answers["einkommen"]] == ["Lea"]


def test_two_tabs_do_not_overwrite_each_other_silently(client, jobcenter):
    submit(client, f"{BASE}/person/", PERSON)
    tab_a = client.get(f"{BASE}/person/")
    tab_b = client.get(f"{BASE}/person/")

    seen = revision_of(tab_a)
    assert seen == revision_of(tab_b)
    ok = client.post(f"{BASE}/person/", {"revision": seen, **PERSON, "vorname": "Anna"})
    assert ok.status_code == 302
    # Tab B still shows the old revision; its different answer is refused and explained.
    conflict = client.post(f"{BASE}/person/", {"revision": seen, **PERSON, "vorname": "Berta"})
    html = conflict.content.decode()
    assert conflict.status_code == 200
    assert "in einem anderen Fenster geändert" in html
    assert "Anna" in html and 'value="Berta"' in html
    assert only_draft().answers["vorname"] == "Anna"
    # Sending again (now with the current revision) saves tab B's answer knowingly.
    again = client.post(
        f"{BASE}/person/", {"revision": revision_of(conflict), **PERSON, "vorname": "Berta"}
    )
    assert again.status_code == 302 and only_draft().answers["vorname"] == "Berta"
    # The same answer from a stale tab is no conflict.
    same = client.post(f"{BASE}/person/", {"revision": seen, **PERSON, "vorname": "Berta"})
    assert same.status_code == 302


def test_resume_and_start_again(client, jobcenter):
    submit(client, f"{BASE}/person/", PERSON)
    response = client.get(f"{BASE}/")
    assert response["Location"] == f"{BASE}/haushalt_wohnung/?fortsetzen=1"
    assert "Willkommen zurück" in client.get(response["Location"]).content.decode()
    client.post(f"{BASE}/verwerfen/")
    assert not Draft.objects.exists()


def test_a_draft_belongs_to_its_jobcenter_and_session(client, jobcenter, other_jobcenter):
    submit(client, f"{BASE}/person/", PERSON)
    # Same browser, other Jobcenter: a fresh start, the draft is not visible there.
    response = client.get("/beispielstadt/weiterbewilligung/")
    assert response["Location"] == "/beispielstadt/weiterbewilligung/person/"
    assert client.get("/beispielstadt/weiterbewilligung/pruefen/").status_code == 302
    # Another browser does not see it either.
    assert Client().get(f"{BASE}/")["Location"] == f"{BASE}/person/"


def test_unknown_form_or_page_is_404(client, jobcenter):
    assert client.get("/musterkreis/gibtsnicht/").status_code == 404
    assert client.get(f"{BASE}/gibtsnicht/").status_code == 404
    assert client.get("/keinjobcenter/weiterbewilligung/").status_code == 404


def test_vaem_with_two_changes(client, jobcenter):
    strong_login(client)  # a new bank account needs a second factor (tests/portal/test_step_up.py)
    submit(client, f"{VAEM}/person/", {**PERSON, "kundennummer": ""})
    response = submit(client, f"{VAEM}/auswahl/", {"aenderungen": ["arbeitsbeginn", "konto"]})
    assert response["Location"] == f"{VAEM}/arbeitsbeginn/"
    response = submit(
        client,
        f"{VAEM}/arbeitsbeginn/",
        {
            "ab_person": "Kim Musterfrau",
            "ab_arbeitgeber": "Bäckerei Korn",
            **date_parts("ab_beginn", ago(3)),
            "ab_stunden": "20",
            "ab_brutto": "1200",
        },
    )
    assert response["Location"] == f"{VAEM}/konto/"
    response = submit(
        client,
        f"{VAEM}/konto/",
        {
            "kontoinhaber": "Kim Musterfrau",
            "iban": "DE89370400440532013000",
            **date_parts("konto_ab", ago(0)),
        },
    )
    assert response["Location"] == f"{VAEM}/pruefen/"
    html = client.get(f"{VAEM}/pruefen/").content.decode()
    for text in (
        "Neue Arbeit oder Ausbildung",
        "Bäckerei Korn",
        "1.200,00 €",
        "20 Stunden",
        "DE89 3704 0044 0532 0130 00",
        "Arbeitsvertrag",
    ):
        assert text in html
    draft = only_draft()
    jsonschema.validate(draft.answers, forms.form_json_schema(forms.get(draft.form_ident)))


# --- every field type, invalid, through the real view -----------------------------------------

ALL_TYPES = FormDefinition(
    key="alle",
    version="1-1",
    title="Alle Feldtypen",
    description="",
    pages=(
        Page(
            key="alles",
            title="Alles",
            fields=(
                F.TextField(key="text", label="Text", max_length=5),
                F.LongTextField(key="long", label="Lang", max_length=5),
                F.NumberField(key="number", label="Zahl", max_value=9),
                F.MoneyField(key="money", label="Betrag"),
                F.DateField(key="date", label="Datum"),
                F.YesNoField(key="yesno", label="Ja oder Nein"),
                F.ChoiceField(key="choice", label="Wahl", options=(F.Option("a", "A"),)),
                F.MultipleChoiceField(key="multi", label="Mehrfach", options=(F.Option("a", "A"),)),
                F.EmailField(key="email", label="E-Mail"),
                F.PhoneField(key="phone", label="Telefon"),
                F.PostcodeField(key="plz", label="PLZ"),
                F.IbanField(key="iban", label="IBAN"),
                F.RvNummerField(key="rvnr", label="RV-Nummer"),
                F.BgNummerField(key="bg", label="BG-Nummer"),
                F.KundennummerField(key="kdnr", label="Kundennummer"),
                F.FileField(key="file", label=_("Nachweis")),
            ),
        ),
    ),
)
INVALID = {
    "text": "zu lang",
    "long": "viel zu lang",
    "number": "zwölf",
    "money": "12,345",
    "date-tag": "30",
    "date-monat": "2",
    "date-jahr": "2024",
    "yesno": "vielleicht",
    "choice": "b",
    "multi": ["x"],
    "email": "kim@",
    "phone": "ruf an",
    "plz": "123",
    "iban": "DE00 1234",
    "rvnr": "65170839J004",
    "bg": "BG-12",
    "kdnr": "12D",
}


@pytest.fixture
def all_types_form(monkeypatch):
    form_registry.register(ALL_TYPES)
    monkeypatch.setitem(wizard.FORM_SLUGS, "alle", "alle")
    yield ALL_TYPES
    form_registry.unregister(ALL_TYPES.ident)


def test_invalid_input_on_every_field_type(client, jobcenter, all_types_form):
    response = client.post("/musterkreis/alle/alles/", {"revision": "0", **INVALID})
    html = response.content.decode()
    fields = [f for f in ALL_TYPES.pages[0].fields if f.kind != "file"]
    assert html.count('<li><a class="kern-link" href="#f-') == len(fields)
    for f in fields:
        assert f'id="f-{f.key}-error"' in html, f.kind
    for name, value in INVALID.items():
        if isinstance(value, list) or name in {"yesno", "choice"}:
            continue  # radios and checkboxes can only resend what was offered
        assert f'value="{value}"' in html or f">{value}</textarea>" in html, name


def test_long_forms_offer_a_task_list_with_status(client, jobcenter):
    fill_nothing_changed(client)
    assert "Alle Schritte anzeigen" not in client.get(f"{BASE}/person/").content.decode()
    submit(
        client,
        f"{BASE}/geld/",
        {**NOTHING["geld"], "einkommen_geaendert": "ja", "vermoegen_geaendert": "ja"},
    )
    html = client.get(f"{BASE}/person/").content.decode()
    assert "Schritt 1 von 7" in html and f'href="{BASE}/uebersicht/"' in html
    html = client.get(f"{BASE}/uebersicht/").content.decode()
    assert html.count("kern-task-list__item") == 7
    assert html.count(">Erledigt<") == 4 and html.count(">Nicht begonnen<") == 2
    assert html.index("Neues oder geändertes Einkommen") < html.index("Änderungen beim Vermögen")


def test_the_draft_survives_the_session_key_change_at_login(client, jobcenter, django_user_model):
    submit(client, f"{BASE}/person/", PERSON)
    old_key = client.session.session_key
    user = django_user_model.objects.create(**{django_user_model.USERNAME_FIELD: "kim@example.org"})
    client.force_login(user)
    assert client.session.session_key != old_key
    assert client.get(f"{BASE}/")["Location"] == f"{BASE}/haushalt_wohnung/?fortsetzen=1"


def test_adding_an_item_before_the_first_is_complete_keeps_input_without_errors(client, jobcenter):
    submit(client, f"{BASE}/person/", PERSON)
    submit(
        client, f"{BASE}/haushalt_wohnung/", {"haushalt_geaendert": NO, "wohnkosten_geaendert": NO}
    )
    submit(client, f"{BASE}/geld/", {**NOTHING["geld"], "einkommen_geaendert": "ja"})
    response = submit(
        client,
        f"{BASE}/einkommen/",
        {"einkommen-count": "1", "einkommen-0-person": "Kim", "einkommen-0-brutto": "12,3,4"},
        action="hinzufuegen",
    )
    assert response["Location"] == f"{BASE}/einkommen/"
    html = client.get(f"{BASE}/einkommen/").content.decode()
    assert "Einkommen 2" in html and 'value="12,3,4"' in html and 'value="Kim"' in html
    assert "kern-alert--danger" not in html
    # Removing the first item keeps the second, renumbered.
    response = submit(
        client,
        f"{BASE}/einkommen/",
        {"einkommen-count": "2", "einkommen-0-person": "Kim", "einkommen-1-person": "Lea"},
        action="entfernen-0",
    )
    html = client.get(f"{BASE}/einkommen/").content.decode()
    assert 'name="einkommen-0-person"' in html and 'value="Lea"' in html
    assert 'value="Kim"' not in html and "Einkommen 2" not in html

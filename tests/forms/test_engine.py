"""The engine on the real definitions: flow, conditions, rendering, documents, schema, versions."""

import json

import jsonschema
import pytest
from django.core.management import call_command
from django.utils.translation import gettext_lazy as _

from jobcenter.forms import selectors as forms
from jobcenter.forms import services as form_registry
from jobcenter.forms.conditions import AnyItem, Contains, Equals, IsYes
from jobcenter.forms.definition import FormDefinition, Page
from jobcenter.forms.fields import TextField, YesNoField
from tests.forms.answers import (
    AENDERUNG_JOB_AND_BANK,
    WBA_JOB_AND_PERSON,
    WBA_NOTHING_CHANGED,
)

WBA = "wba@2026-1"
VAEM = "aenderung@2026-1"
VAEM_NEWEST = "aenderung@2026-2"  # "Ich kenne meine BG-Nummer nicht"


def test_both_forms_are_registered_and_newest_is_found():
    assert forms.get(WBA).title
    assert forms.get(VAEM).title
    assert forms.latest("aenderung").ident == VAEM_NEWEST
    assert forms.get("wba@1999-1") is None


def test_definitions_refuse_duplicate_keys_and_unknown_conditions():
    with pytest.raises(ValueError, match="used twice"):
        FormDefinition(
            key="x",
            version="1-1",
            title="X",
            description="",
            pages=(
                Page(key="a", title="A", fields=(TextField(key="f", label="F"),)),
                Page(key="b", title="B", fields=(TextField(key="f", label="F"),)),
            ),
        )
    with pytest.raises(ValueError, match="unknown answer"):
        FormDefinition(
            key="x",
            version="1-1",
            title="X",
            description="",
            pages=(
                Page(
                    key="a",
                    title="A",
                    fields=(TextField(key="f", label="F"),),
                    condition=IsYes("nope"),
                ),
            ),
        )
    with pytest.raises(ValueError, match="reserved"):
        FormDefinition(
            key="x",
            version="1-1",
            title="X",
            description="",
            pages=(Page(key="pruefen", title="A", fields=()),),
        )


def test_conditions_read_stored_answers():
    answers = {"a": True, "b": ["x"], "c": "v", "items": [{"k": "kind"}]}
    assert IsYes("a")(answers) and not IsYes("c")(answers)
    assert Contains("b", "x")(answers) and not Contains("c", "v")(answers)
    assert Equals("c", "v")(answers)
    assert AnyItem("items", Equals("k", "kind"))(answers)
    assert (IsYes("a") & ~Equals("c", "w"))(answers)
    assert not (IsYes("missing") | Contains("b", "y"))(answers)


def test_wba_without_changes_is_four_pages_and_the_check_page():
    wba = forms.get(WBA)
    pages = [p.key for p in wba.applicable_pages(WBA_NOTHING_CHANGED)]
    assert pages == ["person", "haushalt_wohnung", "geld", "versicherung_konto"]
    assert forms.step_of(wba, WBA_NOTHING_CHANGED, None) == (5, 5)
    assert forms.incomplete_pages(wba, WBA_NOTHING_CHANGED) == []


def test_flow_skips_pages_in_both_directions():
    wba = forms.get(WBA)
    answers = WBA_JOB_AND_PERSON
    assert forms.next_page(wba, answers, "versicherung_konto").key == "haushalt"
    assert forms.next_page(wba, answers, "neue_personen").key == "einkommen"  # skips 2 pages
    assert forms.previous_page(wba, answers, "einkommen").key == "neue_personen"
    assert forms.next_page(wba, answers, "einkommen") is None  # then check-answers
    assert forms.previous_page(wba, answers, None).key == "einkommen"
    assert forms.step_of(wba, answers, "einkommen") == (7, 8)


def test_changing_an_answer_to_no_hides_the_follow_up_pages_and_their_answers():
    wba = forms.get(WBA)
    answers = {**WBA_JOB_AND_PERSON, "einkommen_geaendert": False}
    keys = [s.page_key for s in forms.render_answers(wba, answers)]
    assert "einkommen" not in keys and "neue_personen" in keys
    titles = [d.document.key for d in forms.documents_needed(wba, answers)]
    assert "arbeitsvertrag" not in titles


def test_rendering_walks_sections_items_and_formats_values():
    sections = forms.render_answers(forms.get(WBA), WBA_JOB_AND_PERSON)
    by_key = {s.page_key: s for s in sections}
    person = {r.label: r.value for r in by_key["person"].rows}
    assert person["Vorname"] == "Kim"
    assert person["Geburtsdatum"] == "27.03.1980"
    assert person["Telefonnummer für Rückfragen"] == "Keine Angabe"
    income = by_key["einkommen"].items[0]
    assert income.legend == "Einkommen 1"
    assert {r.label: r.value for r in income.rows}["Betrag im Monat (brutto)"] == "1.850,00 €"
    assert [s.number for s in sections] == list(range(1, len(sections) + 1))
    caseworker = forms.render_answers(
        forms.get(WBA), WBA_JOB_AND_PERSON, mode=forms.Mode.CASEWORKER
    )
    assert caseworker[0].show_keys and not caseworker[0].change_label


def test_documents_follow_the_answers():
    needed = {d.document.key: d for d in forms.documents_needed(forms.get(WBA), WBA_JOB_AND_PERSON)}
    assert {
        "arbeitsvertrag",
        "lohnabrechnung",
        "meldebescheinigung",
        "geburtsurkunde",
        "kontoauszuege",
    } <= set(needed)
    assert needed["geburtsurkunde"].reasons == ["Lea Musterfrau"]  # by name, as on the Anlagen
    assert forms.documents_needed(forms.get(WBA), WBA_NOTHING_CHANGED) == []
    vaem = {d.document.key for d in forms.documents_needed(forms.get(VAEM), AENDERUNG_JOB_AND_BANK)}
    assert vaem == {"arbeitsvertrag", "lohnabrechnung", "kontonachweis"}


@pytest.mark.parametrize(
    ("ident", "answers"),
    [
        (WBA, WBA_NOTHING_CHANGED),
        (WBA, WBA_JOB_AND_PERSON),
        (VAEM, AENDERUNG_JOB_AND_BANK),
    ],
)
def test_example_answers_are_complete_and_fit_the_schema(ident, answers):
    definition = forms.get(ident)
    assert forms.incomplete_pages(definition, answers) == []
    jsonschema.Draft202012Validator.check_schema(forms.form_json_schema(definition))
    jsonschema.validate(answers, forms.form_json_schema(definition))


def test_schema_rejects_wrong_shapes():
    schema = forms.form_json_schema(forms.get(WBA))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**WBA_NOTHING_CHANGED, "haushalt_geaendert": "nein"}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"unbekannt": 1}, schema)


def test_export_form_schema_command(tmp_path, capsys):
    call_command("export_form_schema", WBA)
    schema = json.loads(capsys.readouterr().out)
    assert schema["$id"].endswith(WBA)
    assert schema["properties"]["neue_personen"]["type"] == "array"
    target = tmp_path / "s.json"
    call_command("export_form_schema", "aenderung", "--output", str(target))
    assert json.loads(target.read_text())["$id"].endswith(VAEM_NEWEST)


@pytest.fixture
def wba_2099_1():
    """A later version: the household question is split and reworded."""
    old = forms.get(WBA)
    pages = list(old.pages)
    pages[1] = Page(
        key="haushalt_wohnung",
        title=_("Haushalt und Wohnung"),
        fields=(
            YesNoField(key="haushalt_geaendert", label=_("Hat sich Ihr Haushalt verändert?")),
            YesNoField(key="wohnkosten_geaendert", label=_("Haben sich Ihre Wohnkosten geändert?")),
            YesNoField(key="untervermietung", label=_("Vermieten Sie einen Teil der Wohnung?")),
        ),
    )
    new = form_registry.register(
        FormDefinition(
            key="wba",
            version="2099-1",
            title=old.title,
            description=old.description,
            pages=tuple(pages),
        )
    )
    yield new
    form_registry.unregister(new.ident)


def test_old_answer_sets_still_render_after_a_new_version(wba_2099_1):
    assert forms.latest("wba") is wba_2099_1
    old = forms.render_answers(forms.get(WBA), WBA_NOTHING_CHANGED)
    labels = [r.label for s in old for r in s.rows]
    assert "Ist jemand in Ihre Wohnung eingezogen oder ausgezogen?" in labels
    assert "Vermieten Sie einen Teil der Wohnung?" not in labels
    # The same answers are incomplete under the new version (a new question appeared).
    assert [p.key for p in forms.incomplete_pages(wba_2099_1, WBA_NOTHING_CHANGED)] == [
        "haushalt_wohnung"
    ]


def test_field_conditions_show_a_field_only_when_an_earlier_answer_says_so():
    page = forms.get(VAEM).page("wohnkosten")
    moving = {"aenderungen": ["umzug"], "umgezogen": True}
    only_costs = {"aenderungen": ["umzug"], "umgezogen": False}
    assert "kaution" in [f.key for f in page.visible_fields(moving)]
    assert "kaution" not in [f.key for f in page.visible_fields(only_costs)]
    assert "kaution" not in [bf.name for bf in forms.PageForm(page, only_costs)]
    rows = forms.render_answers(forms.get(VAEM), {**only_costs, "kaution": 50000})
    assert "kaution" not in [r.key for s in rows for r in s.rows]

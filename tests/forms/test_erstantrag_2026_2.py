"""Erstantrag 2026-2: the Anlage HG asks nobody about a child's support, asks the applicant
in the second person, and asks the relatives' income once. 2026-1 stays as released."""

import jsonschema

from jobcenter.forms import selectors as forms
from jobcenter.forms.definitions.erstantrag_2026_1 import ERSTANTRAG as RELEASED
from jobcenter.forms.definitions.erstantrag_2026_2 import ERSTANTRAG
from jobcenter.forms.steps import PageForm
from tests.forms.test_erstantrag_rules import answers, birthday, member


def hg_pages(definition, data):
    return [p for p in definition.applicable_pages(data) if p.key.startswith("hg-")]


def test_new_drafts_get_2026_2_and_it_differs_only_in_the_anlage_hg():
    assert forms.latest("erstantrag") is ERSTANTRAG
    assert forms.get("erstantrag@2026-1") is RELEASED
    changed = [
        page.key
        for page, released in zip(ERSTANTRAG.pages, RELEASED.pages, strict=True)
        if page is not released
    ]
    assert changed == ["hg"]


def test_an_8_year_old_outside_the_bg_does_not_make_a_household_community():
    data = answers(member("Mia", birthday(8), "kind", bg=False))
    assert hg_pages(RELEASED, data)  # 2026-1 asked whether the 8-year-old supports Kim
    assert not hg_pages(ERSTANTRAG, data)
    # A relative of age outside the BG does; 17-year-old siblings do not.
    assert hg_pages(ERSTANTRAG, answers(member("Robin", birthday(18), "kind", bg=False)))
    assert not hg_pages(ERSTANTRAG, answers(member("Flo", birthday(17), "geschwister", bg=False)))


def test_the_applicant_is_asked_and_the_relatives_income_only_once():
    data = answers(member("Mia", birthday(8)), member("Oma", "1950-01-01", "eltern", bg=False))
    own, mia = hg_pages(ERSTANTRAG, data)
    assert own.title == "Werden Sie von den Verwandten in Ihrem Haushalt unterstützt?"
    assert mia.title == "Unterstützen die Verwandten im Haushalt Mia Muster?"
    assert [f.key for f in own.visible_fields(data)] == [
        "unterstuetzung",
        "betrag",
        "einkommen_verwandte",
    ]
    assert [f.key for f in mia.visible_fields(data)] == ["unterstuetzung", "betrag"]
    labels = [str(f.label) for f in own.visible_fields(data)]
    assert not any("die Person" in label for label in labels)

    # Mia's page is complete without the relatives' income; the answers fit the schema.
    form = PageForm(mia, data, {"unterstuetzung": "nein", "betrag": ""})
    assert form.is_valid(), form.errors
    own_form = PageForm(
        own, data, {"unterstuetzung": "nein", "betrag": "", "einkommen_verwandte": "1800"}
    )
    assert own_form.is_valid(), own_form.errors
    data = {**data, **own_form.values, **form.values}
    jsonschema.validate(data, forms.form_json_schema(ERSTANTRAG))
    assert data["hg-1"]["einkommen_verwandte"] == 180000
    assert "einkommen_verwandte" not in data["hg-2"]

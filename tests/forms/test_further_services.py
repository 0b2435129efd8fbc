"""The further services: complete answer sets, schema export, documents, case flags, the
"what you need" list and the guide — all derived from the definitions."""

import io
import json

import jsonschema
import pytest
from django.core.management import call_command

from jobcenter.forms import selectors as forms
from jobcenter.forms.conditions import DateWithinDays
from jobcenter.portal import guide
from tests.forms.answers import days_ago
from tests.forms.service_answers import ANSWERS, EXPECTED

KEYS = sorted(ANSWERS)


@pytest.mark.parametrize("key", KEYS)
def test_the_answer_set_is_complete_and_fits_the_exported_schema(key):
    definition = forms.latest(key)
    assert forms.incomplete_pages(definition, ANSWERS[key]) == []
    out = io.StringIO()
    call_command("export_form_schema", definition.ident, stdout=out)
    schema = json.loads(out.getvalue())
    assert schema == json.loads(json.dumps(forms.form_json_schema(definition)))
    jsonschema.Draft202012Validator(schema).validate(ANSWERS[key])


@pytest.mark.parametrize("key", KEYS)
def test_documents_and_flags_come_from_the_answers(key):
    definition = forms.latest(key)
    _label, _value, documents, flags = EXPECTED[key]
    needed = forms.documents_needed(definition, ANSWERS[key])
    assert [n.document.key for n in needed] == documents
    assert forms.case_flags(definition, ANSWERS[key]) == flags


def test_an_absence_that_has_begun_is_flagged_urgent():
    answers = {**ANSWERS["ortsabwesenheit"], "abwesend_von": days_ago(0)}
    assert forms.case_flags("ortsabwesenheit@2026-1", answers) == ["begonnen", "ausland"]
    shown = forms.flags_shown("ortsabwesenheit@2026-1", ["ausland", "begonnen", "alt"])
    assert [(f.key, f.urgent) for f in shown] == [
        ("begonnen", True),
        ("ausland", False),
        ("alt", False),
    ]


def test_an_eviction_far_ahead_is_not_urgent():
    answers = {**ANSWERS["darlehen_schulden"], "schulden_droht_am": days_ago(-15)}
    assert forms.case_flags("darlehen_schulden@2026-1", answers) == []
    assert DateWithinDays("d", 14)({"d": days_ago(-14)})
    assert not DateWithinDays("d", 14)({"d": "kein Datum"})


def test_the_absence_request_offers_consent_or_refusal():
    assert forms.latest("ortsabwesenheit").decision_choices == (
        ("zustimmung", "Zustimmung"),
        ("ablehnung", "Ablehnung"),
    )
    assert forms.latest("wba").decision_choices == ()


def test_the_message_topic_is_read_by_role():
    facts = forms.applicant_facts("nachricht@2026-1", ANSWERS["nachricht"])
    assert facts.topic == "wohnen" and facts.bg_nummer == ""


def test_what_you_need_is_derived_from_the_document_needs():
    au = forms.to_prepare(forms.get("arbeitsunfaehigkeit@2026-1"))
    assert [p.title for p in au if p.always] == [
        "Nummer der Bedarfsgemeinschaft (BG-Nummer)",
        "Arbeitsunfähigkeitsbescheinigung (Ausfertigung für das Jobcenter)",
    ]
    # Since 2026-2 "Ich kenne meine BG-Nummer nicht" is an answer: the number helps, if at hand.
    au = {p.title: p.always for p in forms.to_prepare(forms.latest("arbeitsunfaehigkeit"))}
    assert au == {
        "Arbeitsunfähigkeitsbescheinigung (Ausfertigung für das Jobcenter)": True,
        "Nummer der Bedarfsgemeinschaft (BG-Nummer)": False,
        "Ihre Kundennummer": False,
    }
    absence = {p.title: p.always for p in forms.to_prepare(forms.latest("ortsabwesenheit"))}
    assert absence["Nachweis über den wichtigen Grund (z. B. Bewilligung der Reha)"] is False
    assert absence["Ihre Kundennummer"] is False
    message = {p.title: p.always for p in forms.to_prepare(forms.latest("nachricht"))}
    assert message == {
        "Nummer der Bedarfsgemeinschaft (BG-Nummer)": False,
        "Ihre Kundennummer": False,
        "Anlage zu Ihrer Nachricht": False,
    }


@pytest.mark.parametrize(
    ("receives", "concern", "service"),
    [
        ("nein", "", "erstantrag"),
        ("ja", "weiter", "wba"),
        ("ja", "geaendert", "aenderung"),
        ("ja", "verreisen", "ortsabwesenheit"),
        ("ja", "krank", "arbeitsunfaehigkeit"),
        ("ja", "einmalig", "einmalige_bedarfe"),
        ("ja", "schulden", "darlehen_schulden"),
        ("ja", "umzug", "umzug_zusicherung"),
        ("ja", "anderes", "nachricht"),
        ("ja", "", None),
        ("", "krank", None),
    ],
)
def test_the_guide_leads_to_one_service(receives, concern, service):
    found = guide.answer_for(receives, concern)
    assert (found.service if found else None) == service

"""A date range ("von"/"bis") is checked across its two fields: the end never before the start.

The check is declared on the page (``validators.NotBefore``); its message stands next to the
"bis" field and in the error summary, like any field error, and the check page counts the page
as incomplete while the range is the wrong way round."""

import datetime as dt

import pytest
from django.utils import timezone

from jobcenter.forms import selectors as forms
from jobcenter.forms.definition import Page
from jobcenter.forms.fields import DateField
from jobcenter.forms.validators import NotBefore
from tests.forms.service_answers import ANSWERS
from tests.portal.wizard_helpers import date_parts

RANGES = [
    ("ortsabwesenheit", "zeitraum", "abwesend_von", "abwesend_bis"),
    ("arbeitsunfaehigkeit", "zeitraum", "au_von", "au_bis"),
]


def _day(offset: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=offset)


def _post(key, page_key, start, start_day, end, end_day):
    """The page's input as posted: the sample answers, with the range given."""
    definition = forms.latest(key)
    page = definition.page(page_key)
    answers = {**ANSWERS[key], start: start_day.isoformat(), end: end_day.isoformat()}
    data = {}
    for f in page.fields:
        raw = f.to_raw(answers.get(f.key))
        if isinstance(raw, dict):
            data.update({f"{f.key}-{part}": [v] for part, v in raw.items()})
        else:
            data[f.key] = raw if isinstance(raw, list) else [raw]
    data.update({k: [v] for k, v in date_parts(start, start_day).items()})
    data.update({k: [v] for k, v in date_parts(end, end_day).items()})
    return definition, page, answers, forms.PageForm(page, ANSWERS[key], data)


@pytest.mark.parametrize(("key", "page_key", "start", "end"), RANGES)
def test_an_end_before_the_start_is_refused_next_to_the_end_and_in_the_summary(
    key, page_key, start, end
):
    definition, page, answers, form = _post(key, page_key, start, _day(-5), end, _day(-6))
    assert not form.is_valid()
    assert list(form.errors) == [end]
    bound = next(bf for bf in form.fields if bf.name == end)
    assert bound.errors == [form.errors[end]]
    assert "nicht vor" in form.errors[end]
    assert bound.error_id in bound.describedby.split()
    assert form.error_list == [(bound.id_for_label, form.errors[end])]
    # Stored the wrong way round (e.g. by an older version), the check page sends them back.
    assert page in forms.incomplete_pages(definition, answers)


@pytest.mark.parametrize(("key", "page_key", "start", "end"), RANGES)
def test_a_range_of_one_day_and_a_longer_one_pass(key, page_key, start, end):
    for length in (0, 5):
        *_rest, form = _post(key, page_key, start, _day(-3), end, _day(-3 + length))
        assert form.is_valid(), form.errors


def test_the_check_waits_for_both_dates_and_says_nothing_about_a_broken_one():
    page = Page(
        key="zeit",
        title="Zeit",
        fields=(DateField(key="von", label="Von"), DateField(key="bis", label="Bis")),
        checks=(NotBefore("bis", "von"),),
    )
    data = {**date_parts("von", _day(-2)), "bis-tag": "40", "bis-monat": "1", "bis-jahr": "2026"}
    form = forms.PageForm(page, {}, data)
    assert not form.is_valid()
    assert "nicht vor" not in form.errors["bis"]  # the field's own message, not the range's
    message = NotBefore("bis", "von").message_for(page)
    assert message == "„Bis“ darf nicht vor „Von“ liegen."


def test_a_check_must_name_fields_of_its_page():
    from jobcenter.forms.definition import FormDefinition

    with pytest.raises(ValueError, match="check"):
        FormDefinition(
            key="kaputt",
            version="2099-1",
            title="Kaputt",
            description="",
            pages=(
                Page(
                    key="zeit",
                    title="Zeit",
                    fields=(DateField(key="von", label="Von"),),
                    checks=(NotBefore("bis", "von"),),
                ),
            ),
        )


@pytest.mark.django_db
def test_the_wizard_shows_the_message_at_the_field_and_in_the_summary(client, jobcenter):
    from tests.portal.wizard_helpers import PERSON, submit

    base = "/musterkreis/krankmeldung"
    client.get(f"{base}/")
    person = {k: v for k, v in PERSON.items() if k not in ("strasse", "plz", "ort")}
    response = submit(client, f"{base}/person/", {**person, "kundennummer": ""})
    assert response.status_code == 302, response.content.decode()[:2000]
    data = {
        **date_parts("au_von", _day(-3)),
        **date_parts("au_bis", _day(-4)),
        "au_art": "erst",
        "au_einladung": "nein",
    }
    html = submit(client, f"{base}/zeitraum/", data).content.decode()
    message = "Das Ende der Arbeitsunfähigkeit darf nicht vor ihrem Beginn liegen."
    assert html.count(message) == 2  # in the error summary and next to "bis"
    summary = html[html.index("kern-alert") :]
    assert 'href="#f-au_bis-tag"' in summary[: summary.index(message) + len(message) + 200]
    assert 'id="f-au_bis-error"' in html

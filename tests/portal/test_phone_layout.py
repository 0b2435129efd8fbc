"""Long pages on a phone: a long form's check page opens section by section (no script
needed, all open with ?alle=1); tables reflow; the step counter names step and total; the
birth date of the upload search is entered like every other date (three boxes)."""

import pytest

from tests.accounts.fixtures import login_as, make_citizen
from tests.forms.answers import WBA_JOB_AND_PERSON, WBA_NOTHING_CHANGED
from tests.intake.factories import make_draft, make_submission
from tests.portal.wizard_helpers import BASE

pytestmark = pytest.mark.django_db


def check_page(client, jobcenter, answers, query=""):
    citizen = make_citizen()
    make_draft(jobcenter, answers=answers, user=citizen)
    login_as(client, citizen)
    return client.get(f"{BASE}/pruefen/{query}").content.decode()


# Every change "Ja": every follow-up page of the WBA applies (14 sections).
EVERYTHING_CHANGED = {
    **WBA_JOB_AND_PERSON,
    **{key: True for key in WBA_NOTHING_CHANGED if key.endswith("_geaendert")},
    "jemand_ausgezogen": True,
}


def test_a_long_check_page_opens_section_by_section(client, jobcenter):
    html = check_page(client, jobcenter, EVERYTHING_CHANGED)
    assert html.count('<details class="kern-accordion wizard-section">') == 14
    assert "?alle=1" in html
    assert "Schritt 15 von 15" in html  # step and total, not the step twice


def closed_parts(html: str) -> int:
    """The page's collapsible parts, without the header's language menu (a disclosure too)."""
    return html.count("<details") - html.count('<details class="site-language__menu">')


def test_all_sections_open_on_request(client, jobcenter):
    html = check_page(client, jobcenter, EVERYTHING_CHANGED, "?alle=1")
    assert closed_parts(html) == 0


def test_a_shorter_check_page_stays_open(client, jobcenter):
    html = check_page(client, jobcenter, WBA_JOB_AND_PERSON)
    assert closed_parts(html) == 0 and "Schritt 8 von 8" in html


def test_my_applications_table_reflows(client, jobcenter):
    citizen = make_citizen()
    make_submission(jobcenter, user=citizen)
    login_as(client, citizen)
    html = client.get("/musterkreis/antraege/").content.decode()
    assert 'class="kern-table kern-table--striped reflow-table"' in html
    assert 'data-label="Eingangsnummer"' in html


def test_the_upload_search_asks_the_birth_date_in_three_boxes(client, jobcenter):
    html = client.get("/musterkreis/unterlagen/").content.decode()
    for part in ("tag", "monat", "jahr"):
        assert f'name="geburtsdatum-{part}"' in html
    response = client.post(
        "/musterkreis/unterlagen/",
        {
            "eingangsnummer": "MK-2026-000001-1",
            "geburtsdatum-tag": "31",
            "geburtsdatum-monat": "2",
            "geburtsdatum-jahr": "1980",
        },
    )
    html = response.content.decode()
    assert "Bitte geben Sie ein gültiges Geburtsdatum an" in html
    assert 'href="#f-geburtsdatum-tag"' in html


FAMILY = {
    "vorname": "Kim",
    "nachname": "Musterfrau",
    "geburtsdatum": "1980-03-27",
    "wohnform": "miete",
    "mitbewohner": True,
    "personen": [
        {
            "vorname": "Sam",
            "nachname": "Musterfrau",
            "geburtsdatum": "1982-05-01",
            "beziehung": "partner_ehe",
            "bg": True,
        },
        {
            "vorname": "Alex",
            "nachname": "Musterfrau",
            "geburtsdatum": "2018-06-01",
            "beziehung": "kind",
            "bg": True,
        },
        # Entered without a birth date: this one still needs an answer.
        {"vorname": "Jo", "nachname": "Musterfrau", "beziehung": "kind", "bg": True},
    ],
}


def household_page(client, jobcenter, answers):
    citizen = make_citizen()
    make_draft(jobcenter, answers=answers, user=citizen, form_key="erstantrag")
    login_as(client, citizen)
    return client.get("/musterkreis/buergergeld/haushalt/").content.decode()


def test_the_household_page_shows_the_people_entered_as_one_line_each(client, jobcenter):
    html = household_page(client, jobcenter, FAMILY)
    # Complete: closed, one line with what was entered; the fields stay in the form.
    assert html.count('<details class="kern-accordion wizard-done-item"') == 2
    assert "Sam Musterfrau, 01.05.1982, Ehe- oder eingetragene/r Lebenspartner/in" in html
    assert "Alex Musterfrau, 01.06.2018, Kind" in html
    assert 'name="personen-0-vorname" value="Sam"' in html
    # Incomplete: open, as before.
    assert '<legend class="kern-heading-small wizard-item__legend">Person 4</legend>' in html


def test_a_family_check_page_shows_the_document_list_on_request(client, jobcenter):
    html = check_page(client, jobcenter, EVERYTHING_CHANGED)
    assert 'id="nachweise-liste"' in html and "Hochgeladen: 0 von" in html
    html = check_page(client, jobcenter, WBA_JOB_AND_PERSON)
    assert 'id="nachweise-liste"' not in html and 'id="checkliste"' in html


def test_a_single_person_stays_open(client, jobcenter):
    html = household_page(client, jobcenter, {**FAMILY, "personen": FAMILY["personen"][:1]})
    assert "wizard-done-item" not in html
    assert '<legend class="kern-heading-small wizard-item__legend">Person 2</legend>' in html

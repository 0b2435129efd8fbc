"""BG-Nummer and Kundennummer: every entry point accepts the same spellings and stores the same
canonical value — the citizen's wizard, paper intake, the customer and member forms, the inbox
search and the casework normalisation (one definition: jobcenter.forms.numbers)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from jobcenter.backoffice import forms
from jobcenter.casework.models import Case
from jobcenter.casework.normalise import norm_number
from jobcenter.casework.selectors import parse_search
from jobcenter.forms import fields, validators
from jobcenter.forms.validators import FieldError
from tests.accounts.fixtures import login_as
from tests.casework.factories import make_case, make_customer

KUNDENNUMMER = "123D456789"
KUNDENNUMMER_SPELLINGS = [
    "123D456789",
    "123d456789",
    " 123D 456789 ",
    "123 D 456 789",
    "123D/456789",
    "123/D/456789",
]
BG_NUMMER = "12345BG0012345"
BG_NUMMER_SPELLINGS = [
    "12345BG0012345",
    "12345bg0012345",
    "12345 BG 0012345",
    "12345/BG/0012345",
    "12345//BG0012345",
    "12345 // BG 0012345",
]
NOT_A_KUNDENNUMMER = ["123D45678", "1234567890", "123D4567890", "123-D456789", "ABCD456789"]
NOT_A_BG_NUMMER = ["12345BG001234", "12345XX0012345", "1234BG0012345", "12345-BG-0012345"]


def _wizard(field_class, raw):
    try:
        return field_class(key="x", label="x").parse(raw)
    except FieldError:
        return None


def _form(field_name, raw):
    form = forms.PaperForm(
        {
            "form_key": "wba",
            "received_on": timezone.localdate().isoformat(),
            "first_name": "A",
            "last_name": "B",
            field_name: raw,
        }
    )
    return form.cleaned_data[field_name] if form.is_valid() else None


def _customer_form(field_name, raw):
    form = forms.CustomerForm({"first_name": "A", "last_name": "B", field_name: raw})
    return form.cleaned_data[field_name] if form.is_valid() else None


def _member_form(raw):
    form = forms.MemberForm({"role": "kind", "kundennummer": raw})
    return form.cleaned_data["kundennummer"] if form.is_valid() else None


def _search(kind, raw):
    found_kind, value = parse_search(raw)
    return value if found_kind == kind else None


@pytest.mark.parametrize("raw", KUNDENNUMMER_SPELLINGS)
def test_every_entry_point_reads_a_kundennummer_alike(raw):
    assert validators.kundennummer(raw) == KUNDENNUMMER
    assert _wizard(fields.KundennummerField, raw) == KUNDENNUMMER
    assert _form("kundennummer", raw) == KUNDENNUMMER
    assert _customer_form("kundennummer", raw) == KUNDENNUMMER
    assert _member_form(raw) == KUNDENNUMMER
    assert _search("kundennummer", raw) == KUNDENNUMMER
    assert norm_number(raw) == KUNDENNUMMER


@pytest.mark.parametrize("raw", BG_NUMMER_SPELLINGS)
def test_every_entry_point_reads_a_bg_nummer_alike(raw):
    assert validators.bg_nummer(raw) == BG_NUMMER
    assert _wizard(fields.BgNummerField, raw) == BG_NUMMER
    assert _form("bg_nummer", raw) == BG_NUMMER
    assert _customer_form("bg_nummer", raw) == BG_NUMMER
    assert _search("bg_nummer", raw) == BG_NUMMER
    assert norm_number(raw) == BG_NUMMER


@pytest.mark.parametrize("raw", NOT_A_KUNDENNUMMER)
def test_every_entry_point_refuses_what_is_no_kundennummer(raw):
    with pytest.raises(FieldError):
        validators.kundennummer(raw)
    assert _form("kundennummer", raw) is None
    assert _customer_form("kundennummer", raw) is None
    assert _member_form(raw) is None
    assert _search("kundennummer", raw) is None


@pytest.mark.parametrize("raw", NOT_A_BG_NUMMER)
def test_every_entry_point_refuses_what_is_no_bg_nummer(raw):
    with pytest.raises(FieldError):
        validators.bg_nummer(raw)
    assert _form("bg_nummer", raw) is None
    assert _customer_form("bg_nummer", raw) is None
    assert _search("bg_nummer", raw) is None


def test_paper_intake_takes_the_spellings_of_the_notice(client, jobcenter, staff):
    known = make_customer(jobcenter, kundennummer=KUNDENNUMMER)
    login_as(client, staff)
    response = client.post(
        reverse("backoffice:paper_intake"),
        {
            "form_key": "wba",
            "received_on": (timezone.localdate() - dt.timedelta(days=1)).isoformat(),
            "first_name": "Kim",
            "last_name": "Musterfrau",
            "kundennummer": "123 D / 456789",
            "bg_nummer": "12345 // BG 0012345",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    case = Case.objects.get(channel="paper")
    assert case.customer == known
    assert (case.kundennummer, case.bg_nummer) == (KUNDENNUMMER, BG_NUMMER)


def test_the_inbox_finds_a_number_in_any_spelling(client, jobcenter, staff):
    case = make_case(jobcenter, bg_nummer=BG_NUMMER)
    make_case(jobcenter)
    login_as(client, staff)
    for raw in BG_NUMMER_SPELLINGS:
        rows = client.get(reverse("backoffice:inbox"), {"q": raw}).context["rows"]
        assert [row.reference for row in rows] == [case.reference], raw

"""Matching a case to customers: ranked suggestions with reasons; confirm or create."""

import datetime as dt

import pytest

from jobcenter.audit.models import AuditEntry
from jobcenter.casework import selectors, services
from jobcenter.casework.models import Customer, HouseholdMember
from tests.casework.factories import make_case, make_customer


def test_suggestions_are_ranked_with_their_reasons(jobcenter, other_jobcenter):
    by_bg = make_customer(jobcenter, bg_nummer="12345BG0000042")
    partner = make_customer(
        jobcenter,
        first_name="Alex",
        last_name="Partner",
        birth_date=dt.date(1979, 1, 1),
        bg_nummer="12345BG0000042",
        role=HouseholdMember.Role.PARTNER,
    )
    by_kdnr = make_customer(
        jobcenter,
        first_name="Ka",
        last_name="Nummer",
        birth_date=dt.date(1990, 1, 1),
        kundennummer="123A456789",
    )
    fuzzy = make_customer(
        jobcenter, first_name="Kim", last_name="Musterfrauh", birth_date=dt.date(1980, 3, 27)
    )
    make_customer(jobcenter, first_name="Ganz", last_name="Anders", birth_date=dt.date(1980, 3, 27))
    make_customer(other_jobcenter, bg_nummer="12345BG0000042")  # another Jobcenter's

    case = make_case(jobcenter, bg_nummer="12345BG0000042")
    case.kundennummer = "123A456789"
    suggestions = selectors.match_suggestions(case)
    ranked = [s.customer for s in suggestions]
    assert ranked[:2] in ([by_bg, by_kdnr], [by_kdnr, by_bg])
    assert ranked.index(partner) > ranked.index(by_bg)
    assert ranked[-1] == fuzzy
    reasons = {s.customer.pk: s.reasons for s in suggestions}
    assert "BG-Nummer stimmt überein" in reasons[by_bg.pk]
    assert "Name und Geburtsdatum stimmen überein" in reasons[by_bg.pk]
    assert reasons[by_kdnr.pk] == ["Kundennummer stimmt überein"]
    assert reasons[fuzzy.pk] == ["Ähnlicher Name, gleiches Geburtsdatum"]
    assert all(s.customer.jobcenter == jobcenter for s in suggestions)
    assert suggestions[0].household.bg_nummer == "12345BG0000042" or ranked[0] == by_kdnr


def test_name_and_birth_date_without_numbers(jobcenter):
    same = make_customer(jobcenter, first_name="Kim", last_name="MUSTERFRAU")
    case = make_case(jobcenter)
    assert [s.customer for s in selectors.match_suggestions(case)] == [same]


def test_fuzzy_name_at_the_same_postcode(jobcenter):
    near = make_customer(
        jobcenter,
        first_name="Kim",
        last_name="Musterfrau",
        birth_date=dt.date(1981, 1, 1),
        postcode="00123",
    )
    case = make_case(jobcenter)
    case.postcode = "00123"
    [suggestion] = selectors.match_suggestions(case)
    assert suggestion.customer == near
    assert suggestion.reasons == ["Ähnlicher Name, gleiche Postleitzahl"]


def test_nobody_matches_a_stranger(jobcenter):
    make_customer(jobcenter, first_name="Ganz", last_name="Anders", birth_date=dt.date(1950, 1, 1))
    assert selectors.match_suggestions(make_case(jobcenter, nachname="Neu")) == []


def test_confirming_links_case_customer_and_household(jobcenter, staff):
    customer = make_customer(jobcenter, bg_nummer="12345BG0000043", is_protected=True)
    case = make_case(jobcenter, bg_nummer="12345BG0000099")
    services.case_link_customer(case=case, customer=customer, by=staff)
    case.refresh_from_db()
    assert case.customer == customer and case.household.bg_nummer == "12345BG0000043"
    assert case.known_customer and case.is_protected
    assert AuditEntry.objects.filter(
        object_type="customer", object_id=str(customer.public_id)
    ).exists()


def test_a_customer_of_another_jobcenter_cannot_be_linked(jobcenter, other_jobcenter, staff):
    case = make_case(jobcenter)
    with pytest.raises(services.CaseworkError):
        services.case_link_customer(case=case, customer=make_customer(other_jobcenter), by=staff)


def test_first_application_creates_customer_and_household(jobcenter, staff):
    case = make_case(jobcenter, vorname="Neo", nachname="Neuling", bg_nummer="12345BG0000500")
    services.customer_create_from_case(
        case=case,
        by=staff,
        first_name="Neo",
        last_name="Neuling",
        birth_date=dt.date(2000, 2, 2),
        postcode="00111",
        kundennummer="111A222333",
        bg_nummer="12345bg0000500",
    )
    case.refresh_from_db()
    customer = case.customer
    assert (customer.kundennummer, customer.postcode) == ("111A222333", "00111")
    assert case.household.bg_nummer == "12345BG0000500"
    assert case.household.members.get().role == HouseholdMember.Role.ANTRAGSTELLER
    assert case.known_customer
    with pytest.raises(services.CaseworkError):
        services.customer_create_from_case(
            case=make_case(jobcenter),
            by=staff,
            first_name="X",
            last_name="Y",
            birth_date=None,
            kundennummer="111A222333",
        )
    with pytest.raises(services.CaseworkError):
        services.customer_create_from_case(
            case=make_case(jobcenter),
            by=staff,
            first_name="X",
            last_name="Y",
            birth_date=None,
            bg_nummer="12345BG0000500",
        )
    assert Customer.objects.filter(jobcenter=jobcenter).count() == 1


def test_household_members_are_added_with_their_role(jobcenter, staff):
    head = make_customer(jobcenter, bg_nummer="12345BG0000600", is_protected=True)
    household = head.memberships.get().household
    child = services.household_add_member(
        household=household,
        by=staff,
        role="kind",
        first_name="Lia",
        last_name="Kind",
        birth_date=dt.date(2020, 1, 1),
    )
    assert child.customer.is_protected  # a relative of a protected person
    known = make_customer(jobcenter, first_name="Part", last_name="Ner", kundennummer="222B333444")
    member = services.household_add_member(
        household=household,
        by=staff,
        role="partner",
        first_name="",
        last_name="",
        kundennummer="222b333444",
    )
    assert member.customer == known
    assert sorted(household.members.values_list("role", flat=True)) == [
        "antragsteller",
        "kind",
        "partner",
    ]
    with pytest.raises(services.CaseworkError):
        services.household_add_member(
            household=household,
            by=staff,
            role="partner",
            first_name="",
            last_name="",
            kundennummer="222B333444",
        )
    with pytest.raises(services.CaseworkError):
        services.household_add_member(
            household=household, by=staff, role="chef", first_name="A", last_name="B"
        )


def test_near_birth_dates_are_one_typo_away():
    near = selectors.near_birth_dates(dt.date(1991, 7, 22))
    assert near[dt.date(1991, 7, 23)] == "digit"
    assert near[dt.date(1991, 7, 12)] == "digit"
    assert near[dt.date(1919, 7, 22)] == "swapped"  # 1991 → 1919
    assert dt.date(1991, 7, 22) not in near
    assert selectors.near_birth_dates(dt.date(1991, 7, 12))[dt.date(1991, 12, 7)] == "day_month"
    assert selectors.near_birth_dates(dt.date(1991, 7, 12))[dt.date(1991, 7, 21)] == "swapped"
    assert dt.date(1991, 7, 13) not in near  # two digits away: another person


def _paper_case(jobcenter, staff, first, last, born):
    from django.utils import timezone

    return services.paper_application_register(
        jobcenter=jobcenter,
        by=staff,
        form_key="erstantrag",
        form_version="2026-1",
        received_on=timezone.localdate(),
        first_name=first,
        last_name=last,
        birth_date=born,
    )


def test_a_typo_in_the_birth_date_is_suggested_and_explained(jobcenter, staff):
    emil = make_customer(
        jobcenter, first_name="Emil", last_name="Meyer", birth_date=dt.date(1991, 7, 22)
    )
    make_customer(
        jobcenter, first_name="Emil", last_name="Meyer", birth_date=dt.date(1960, 1, 5)
    )  # the same name, clearly someone else
    case = _paper_case(jobcenter, staff, "Emil", "Meyer", dt.date(1991, 7, 23))
    [suggestion] = selectors.match_suggestions(case)
    assert suggestion.customer == emil
    assert suggestion.reasons == [
        "Gleicher Name",
        "Geburtsdatum fast gleich: eine Ziffer anders (22.07.1991 statt 23.07.1991)",
    ]


@pytest.mark.parametrize(
    ("theirs", "given", "how"),
    [
        (dt.date(1991, 7, 12), dt.date(1991, 7, 21), "zwei Ziffern vertauscht"),
        (dt.date(1991, 12, 7), dt.date(1991, 7, 12), "Tag und Monat vertauscht"),
    ],
)
def test_swapped_birth_date_digits_and_a_phonetic_surname(jobcenter, staff, theirs, given, how):
    maier = make_customer(jobcenter, first_name="Emil", last_name="Maier", birth_date=theirs)
    case = _paper_case(jobcenter, staff, "Emil", "Meyer", given)
    [suggestion] = selectors.match_suggestions(case)
    assert suggestion.customer == maier
    assert suggestion.reasons[0] == "Name klingt gleich (Kölner Phonetik)"
    assert how in suggestion.reasons[1]


def test_a_phonetic_name_with_another_birth_date_is_not_suggested(jobcenter, staff):
    make_customer(jobcenter, first_name="Emil", last_name="Maier", birth_date=dt.date(1975, 3, 1))
    case = _paper_case(jobcenter, staff, "Emil", "Meyer", dt.date(1991, 7, 22))
    assert selectors.match_suggestions(case) == []


def test_protected_customers_are_left_out_for_colleagues(jobcenter, staff):
    make_customer(
        jobcenter,
        first_name="Emil",
        last_name="Meyer",
        birth_date=dt.date(1991, 7, 22),
        is_protected=True,
    )
    case = _paper_case(jobcenter, staff, "Emil", "Meyer", dt.date(1991, 7, 23))
    assert selectors.match_suggestions(case, include_protected=False) == []
    assert len(selectors.match_suggestions(case)) == 1

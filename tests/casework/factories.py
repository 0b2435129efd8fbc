"""Factories for cases, customers and households (import what you need)."""

import datetime as dt
import itertools

from jobcenter.casework.models import Case, Customer, Household, HouseholdMember
from tests.forms.answers import WBA_NOTHING_CHANGED
from tests.intake.factories import make_submission

_n = itertools.count(1)


def wba_answers(*, vorname="Kim", nachname="Musterfrau", geburtsdatum="1980-03-27", bg_nummer=None):
    return {
        **WBA_NOTHING_CHANGED,
        "vorname": vorname,
        "nachname": nachname,
        "geburtsdatum": geburtsdatum,
        # Generated numbers use office "99999": tests pick their own under "12345", and
        # a counter that reaches one of those would link the case to that test's customer.
        "bg_nummer": bg_nummer or f"99999BG{next(_n):07d}",
    }


def make_case(jobcenter, *, user=None, **person) -> Case:
    submission = make_submission(jobcenter, answers=wba_answers(**person), user=user)
    return Case.objects.get(submission=submission)


def make_customer(
    jobcenter,
    *,
    first_name="Kim",
    last_name="Musterfrau",
    birth_date=dt.date(1980, 3, 27),
    kundennummer="",
    bg_nummer="",
    postcode="",
    street="",
    is_protected=False,
    role=HouseholdMember.Role.ANTRAGSTELLER,
) -> Customer:
    customer = Customer(
        jobcenter=jobcenter,
        first_name=first_name,
        last_name=last_name,
        birth_date=birth_date,
        kundennummer=kundennummer,
        postcode=postcode,
        street=street,
        is_protected=is_protected,
    )
    customer.save()
    if bg_nummer:
        household, _ = Household.objects.get_or_create(jobcenter=jobcenter, bg_nummer=bg_nummer)
        HouseholdMember.objects.create(household=household, customer=customer, role=role)
    return customer

"""A submission opens its case on arrival, routed by the Jobcenter's rules."""

import datetime as dt

import pytest

from jobcenter.casework import services
from jobcenter.casework.models import Case, CaseEvent, RoutingRule
from jobcenter.intake.models import Submission
from tests.accounts.fixtures import make_staff, make_team
from tests.casework.factories import make_case, make_customer


def test_every_submission_gets_a_case_with_the_applicant_facts(jobcenter):
    case = make_case(
        jobcenter,
        vorname="Jana",
        nachname="Müller-Lüdenscheidt",
        geburtsdatum="1990-01-02",
        bg_nummer="12345BG0000001",
    )
    assert case.state == Case.State.EINGEGANGEN
    assert case.reference == case.submission.reference
    assert case.received_at == case.submission.received_at
    assert (case.first_name, case.last_name, case.birth_date, case.bg_nummer) == (
        "Jana",
        "Müller-Lüdenscheidt",
        dt.date(1990, 1, 2),
        "12345BG0000001",
    )
    assert case.last_name_norm == "mueller luedenscheidt"
    assert case.channel == "online" and case.form_key == "wba"
    assert not case.known_customer
    assert case.events.get().kind == CaseEvent.Kind.CREATED


def _rule(jobcenter, kind, low, high="", position=10, assignee=None):
    team = make_team(jobcenter)
    RoutingRule.objects.create(
        jobcenter=jobcenter,
        kind=kind,
        range_from=low,
        range_to=high,
        team=team,
        position=position,
        assignee=assignee,
    )
    return team


def test_surname_rule_routes_by_first_letters(jobcenter):
    a_k = _rule(jobcenter, "surname", "a", "k")
    l_z = _rule(jobcenter, "surname", "l", "z", position=20)
    assert make_case(jobcenter, nachname="Kowalski").team == a_k
    assert make_case(jobcenter, nachname="Özdemir").team == l_z  # "oezdemir"
    assert make_case(jobcenter, nachname="Ahrens").team == a_k


def test_first_matching_rule_wins_and_may_name_a_person(jobcenter):
    person = make_staff(jobcenter)
    first = _rule(jobcenter, "form", "wba", position=5, assignee=person)
    _rule(jobcenter, "surname", "a", "z", position=10)
    case = make_case(jobcenter, nachname="Berg")
    assert (case.team, case.assignee) == (first, person)
    assert case.events.filter(kind=CaseEvent.Kind.ROUTED).exists()


def test_postcode_rule(jobcenter, staff):
    team = _rule(jobcenter, "postcode", "00150", "00159")
    case = services.paper_application_register(
        jobcenter=jobcenter,
        by=staff,
        form_key="wba",
        form_version="2026-1",
        received_on=dt.date.today(),
        first_name="Uwe",
        last_name="Ohne",
        birth_date=None,
        postcode="00155",
    )
    assert case.team == team
    other = services.paper_application_register(
        jobcenter=jobcenter,
        by=staff,
        form_key="wba",
        form_version="2026-1",
        received_on=dt.date.today(),
        first_name="Uwe",
        last_name="Ohne",
        birth_date=None,
        postcode="00160",
    )
    assert other.team is None


def test_rules_of_another_jobcenter_do_not_apply(jobcenter, other_jobcenter):
    _rule(other_jobcenter, "surname", "a", "z")
    assert make_case(jobcenter).team is None


def test_numbers_of_a_known_customer_mark_the_case_known_and_protected(jobcenter):
    make_customer(jobcenter, bg_nummer="12345BG0000777", is_protected=True)
    case = make_case(jobcenter, bg_nummer="12345BG0000777")
    assert case.known_customer and case.is_protected


def test_paper_application_is_a_paper_submission_in_the_same_inbox(jobcenter, staff):
    received = dt.date.today() - dt.timedelta(days=3)
    case = services.paper_application_register(
        jobcenter=jobcenter,
        by=staff,
        form_key="wba",
        form_version="2026-1",
        received_on=received,
        first_name="Petra",
        last_name="Papier",
        birth_date=dt.date(1970, 5, 5),
        bg_nummer="12345bg0000123",
    )
    submission = case.submission
    assert submission.channel == Submission.CHANNEL_PAPER
    assert submission.answers["nachname"] == "Papier"
    assert submission.received_at.date() == received
    assert case.channel == "paper" and case.bg_nummer == "12345BG0000123"
    assert case.received_at == submission.received_at
    assert submission.reference.startswith("MK-")
    with pytest.raises(services.CaseworkError):
        services.paper_application_register(
            jobcenter=jobcenter,
            by=staff,
            form_key="wba",
            form_version="2026-1",
            received_on=dt.date.today() + dt.timedelta(days=1),
            first_name="A",
            last_name="B",
            birth_date=None,
        )


def test_paper_application_can_name_a_known_customer(jobcenter, other_jobcenter, staff):
    customer = make_customer(jobcenter, bg_nummer="12345BG0000999")
    case = services.paper_application_register(
        jobcenter=jobcenter,
        by=staff,
        form_key="wba",
        form_version="2026-1",
        received_on=dt.date.today(),
        first_name="Kim",
        last_name="Musterfrau",
        birth_date=None,
        customer=customer,
    )
    assert case.customer == customer and case.household.bg_nummer == "12345BG0000999"
    with pytest.raises(services.CaseworkError):
        services.paper_application_register(
            jobcenter=other_jobcenter,
            by=staff,
            form_key="wba",
            form_version="2026-1",
            received_on=dt.date.today(),
            first_name="A",
            last_name="B",
            birth_date=None,
            customer=customer,
        )


def test_a_rule_must_name_a_team_and_person_of_its_jobcenter(jobcenter, other_jobcenter):
    from django.core.exceptions import ValidationError

    rule = RoutingRule(
        jobcenter=jobcenter, kind="surname", range_from="a", team=make_team(other_jobcenter)
    )
    with pytest.raises(ValidationError):
        rule.clean()
    rule = RoutingRule(
        jobcenter=jobcenter,
        kind="surname",
        range_from="a",
        team=make_team(jobcenter),
        assignee=make_staff(other_jobcenter),
    )
    with pytest.raises(ValidationError):
        rule.clean()

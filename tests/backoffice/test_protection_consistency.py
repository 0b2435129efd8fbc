"""§ 35 SGB I stays consistent: a case is protected when it was protected by hand or when a
flagged customer belongs to it (its customer, its household, or — not linked yet — the numbers
it gave), at arrival, link, member-add, flag and unflag."""

import pytest
from django.urls import reverse

from jobcenter.audit.models import AuditEntry
from jobcenter.casework import services
from jobcenter.casework.models import CaseEvent, CaseworkSettings
from tests.accounts.fixtures import login_as, make_staff, make_team
from tests.casework.factories import make_case, make_customer

BG = "12345BG0000035"


@pytest.fixture
def setup(jobcenter):
    team = make_team(jobcenter, "Beschäftigtenfälle")
    CaseworkSettings.objects.create(jobcenter=jobcenter, protected_team=team)
    ole = make_customer(jobcenter, first_name="Ole", last_name="Kollegin", bg_nummer=BG)
    eva = make_customer(
        jobcenter,
        first_name="Eva",
        last_name="Kollegin",
        bg_nummer=BG,
        kundennummer="123A456035",
        role="partner",
    )
    return {"ole": ole, "eva": eva, "member": make_staff(jobcenter, teams=[team])}


def _flag(customer, by):
    services.customer_set_protected(customer=customer, by=by, protected=True, reason="angehoerig")


def _protected_entries(case):
    return (
        case.events.filter(kind=CaseEvent.Kind.PROTECTED).count(),
        AuditEntry.objects.filter(
            object_type="case", object_id=str(case.public_id), summary__startswith="Schutz an"
        ).count(),
    )


def test_a_new_case_with_the_bg_number_of_a_flagged_second_member_is_protected(jobcenter, setup):
    _flag(setup["eva"], setup["member"])  # Eva is the second member; Ole is found first
    case = make_case(jobcenter, vorname="Ole", nachname="Kollegin", bg_nummer=BG)
    assert case.known_customer and case.is_protected and not case.protected_by_hand


def test_an_unlinked_case_is_protected_when_its_person_is_flagged_later(jobcenter, setup):
    case = make_case(jobcenter, vorname="Ole", nachname="Kollegin", bg_nummer=BG)
    assert not case.is_protected
    _flag(setup["eva"], setup["member"])
    case.refresh_from_db()
    assert case.is_protected and _protected_entries(case) == (1, 1)


def test_linking_to_a_customer_whose_household_has_a_flagged_member(jobcenter, staff, setup):
    _flag(setup["eva"], setup["member"])
    case = make_case(jobcenter, vorname="Ole", nachname="Kollegin")
    assert not case.is_protected
    case = services.case_link_customer(case=case, customer=setup["ole"], by=staff)
    case.refresh_from_db()
    assert case.is_protected and _protected_entries(case) == (1, 1)


def test_adding_a_flagged_customer_protects_the_households_cases(jobcenter, staff):
    team = make_team(jobcenter, "Beschäftigtenfälle")
    CaseworkSettings.objects.create(jobcenter=jobcenter, protected_team=team)
    ole = make_customer(jobcenter, first_name="Ole", last_name="Kollegin", bg_nummer=BG)
    eva = make_customer(
        jobcenter, first_name="Eva", last_name="Kollegin", kundennummer="123A456035"
    )
    _flag(eva, staff)
    case = services.case_link_customer(case=make_case(jobcenter), customer=ole, by=staff)
    assert not case.is_protected
    household = ole.memberships.get().household
    services.household_add_member(
        household=household,
        by=staff,
        role="partner",
        first_name="",
        last_name="",
        kundennummer="123A456035",
    )
    case.refresh_from_db()
    assert case.is_protected and _protected_entries(case) == (1, 1)
    assert "Bedarfsgemeinschaft" in case.events.get(kind=CaseEvent.Kind.PROTECTED).text


def test_unflagging_keeps_a_case_protected_by_hand(client, jobcenter, staff, setup):
    eva, member = setup["eva"], setup["member"]
    by_hand = services.case_link_customer(case=make_case(jobcenter), customer=eva, by=staff)
    by_person = services.case_link_customer(
        case=make_case(jobcenter), customer=setup["ole"], by=staff
    )
    services.case_set_protected(case=by_hand, by=staff, protected=True)
    _flag(eva, member)
    by_person.refresh_from_db()
    assert by_person.is_protected
    services.customer_set_protected(customer=eva, by=member, protected=False, comment="Irrtum")
    by_hand.refresh_from_db()
    by_person.refresh_from_db()
    assert by_hand.is_protected and by_hand.protected_by_hand
    assert not by_person.is_protected
    # Lifting by hand while a flagged person belongs to the case keeps it protected.
    _flag(eva, member)
    login_as(client, member)
    url = reverse("backoffice:case_protect", kwargs={"public_id": by_hand.public_id})
    response = client.post(url, {"protected": "0"}, follow=True)
    by_hand.refresh_from_db()
    assert by_hand.is_protected and not by_hand.protected_by_hand
    assert "bleibt" in response.content.decode()
    services.customer_set_protected(customer=eva, by=member, protected=False, comment="Irrtum")
    by_hand.refresh_from_db()
    assert not by_hand.is_protected
    assert (
        client.get(
            reverse("backoffice:case_detail", kwargs={"public_id": by_hand.public_id})
        ).status_code
        == 200
    )


def test_the_migration_keeps_protection_by_hand(jobcenter, staff, setup):
    """casework 0006: existing protected cases count as by hand unless a flagged person
    explains them and their latest protection entry came from the customer."""
    import importlib

    from django.apps import apps

    from jobcenter.casework.models import Case

    migration = importlib.import_module("jobcenter.casework.migrations.0006_case_protected_by_hand")
    eva = setup["eva"]
    by_hand = services.case_link_customer(case=make_case(jobcenter), customer=eva, by=staff)
    services.case_set_protected(case=by_hand, by=staff, protected=True)
    by_person = services.case_link_customer(case=make_case(jobcenter), customer=eva, by=staff)
    _flag(eva, setup["member"])
    orphan = make_case(jobcenter)
    Case.objects.filter(pk=orphan.pk).update(is_protected=True)  # no flagged person behind it
    Case.objects.update(protected_by_hand=False)  # as before the migration
    migration.mark_by_hand(apps, None)
    assert set(Case.objects.filter(protected_by_hand=True)) == {by_hand, orphan}
    by_person.refresh_from_db()
    assert by_person.is_protected and not by_person.protected_by_hand

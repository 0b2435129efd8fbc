"""The audit log page: what an entry touched in words (case reference and applicant, customer
name), § 35 SGB I names only for the protected team, filters by staff member, action and date,
and a fixed number of queries per page."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jobcenter.audit import services as audit
from jobcenter.audit.models import AuditEntry
from jobcenter.casework import services
from jobcenter.casework.models import CaseworkSettings
from tests.accounts.fixtures import login_as, make_staff, make_team
from tests.casework.factories import make_case, make_customer

LOG = reverse("backoffice:audit_log")


@pytest.fixture
def admin(jobcenter):
    return make_staff(jobcenter, roles=["administration"], username="admin-log")


def _rows(response):
    return response.context["entries"]


def _cell(entry) -> str:
    return entry.label.text


def test_entries_name_the_case_and_the_customer_not_their_ids(client, jobcenter, staff, admin):
    case = make_case(jobcenter, vorname="Kim", nachname="Musterfrau")
    customer = make_customer(
        jobcenter, first_name="Ole", last_name="Anders", kundennummer="123A456789"
    )
    services.case_add_note(case=case, by=staff, text="x")
    audit.record(
        actor=staff,
        jobcenter=jobcenter,
        action=audit.Action.VIEW,
        object_type="customer",
        object_id=customer.public_id,
        summary="angesehen",
    )
    login_as(client, admin)
    html = client.get(LOG).content.decode()
    assert f"Vorgang {case.reference} – Kim Musterfrau" in html
    assert "Kundin/Kunde Ole Anders (123A456789)" in html
    assert str(case.public_id) not in html and str(customer.public_id) not in html


def test_protected_names_stay_with_the_protected_team(client, jobcenter, staff, admin):
    team = make_team(jobcenter, "Beschäftigtenfälle")
    CaseworkSettings.objects.create(jobcenter=jobcenter, protected_team=team)
    customer = make_customer(
        jobcenter,
        first_name="Eva",
        last_name="Kollegin",
        kundennummer="123A456780",
        bg_nummer="12345BG0000035",
        is_protected=True,
    )
    case = make_case(jobcenter, vorname="Eva", nachname="Kollegin", bg_nummer="12345BG0000035")
    assert case.is_protected
    insider = make_staff(jobcenter, teams=[team])
    services.case_add_note(case=case, by=insider, text="x")
    audit.record(
        actor=insider,
        jobcenter=jobcenter,
        action=audit.Action.VIEW,
        object_type="customer",
        object_id=customer.public_id,
        summary="angesehen",
    )
    login_as(client, admin)
    html = client.get(LOG).content.decode()
    assert "Kollegin" not in html and "123A456780" not in html
    assert f"Vorgang {case.reference} – geschützt (§ 35 SGB I)" in html
    assert "Geschützte Person (§ 35 SGB I)" in html
    # An administrator in the protected team reads the names.
    team_admin = make_staff(jobcenter, roles=["administration"], teams=[team])
    login_as(client, team_admin)
    html = client.get(LOG).content.decode()
    assert "Eva Kollegin" in html


def test_filters_by_staff_member_action_date_and_case_reference(client, jobcenter, staff, admin):
    other = make_staff(jobcenter, username="other-sb")
    case = make_case(jobcenter)
    services.case_add_note(case=case, by=staff, text="x")
    services.case_add_note(case=make_case(jobcenter), by=other, text="y")
    audit.record(
        actor=other,
        jobcenter=jobcenter,
        action=audit.Action.VIEW,
        object_type="case",
        object_id=case.public_id,
        summary="Vorgang angesehen",
    )
    login_as(client, admin)
    by_staff = _rows(client.get(LOG, {"person": staff.pk}))
    assert by_staff and {e.actor_id for e in by_staff} == {staff.pk}
    views = _rows(client.get(LOG, {"aktion": "view", "person": other.pk}))
    assert [e.summary for e in views] == ["Vorgang angesehen"]
    by_reference = _rows(client.get(LOG, {"objekt": case.reference}))
    assert by_reference and {e.object_id for e in by_reference} == {str(case.public_id)}
    today = timezone.localdate()
    assert _rows(
        client.get(LOG, {"von": today.isoformat(), "bis": today.isoformat(), "person": staff.pk})
    )
    yesterday = (today - dt.timedelta(days=1)).isoformat()
    assert not _rows(client.get(LOG, {"bis": yesterday, "person": staff.pk}))
    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    assert not _rows(client.get(LOG, {"von": tomorrow, "person": staff.pk}))
    wrong = client.get(LOG, {"von": tomorrow, "bis": yesterday})
    assert wrong.status_code == 400 and "darf nicht vor" in wrong.content.decode()


def test_staff_of_another_jobcenter_are_not_offered(client, jobcenter, other_jobcenter, admin):
    elsewhere = make_staff(other_jobcenter, username="elsewhere")
    login_as(client, admin)
    choices = {v for v, _label in client.get(LOG).context["form"].fields["person"].choices}
    assert str(admin.pk) in choices and str(elsewhere.pk) not in choices


def test_the_page_costs_the_same_queries_for_10_or_100_entries(client, jobcenter, staff, admin):
    def fill(n):
        for i in range(n):
            case = make_case(jobcenter)
            customer = make_customer(jobcenter, first_name=f"P{i}", kundennummer="")
            audit.record(
                actor=staff,
                jobcenter=jobcenter,
                action=audit.Action.VIEW,
                object_type="case",
                object_id=case.public_id,
                summary="a",
            )
            audit.record(
                actor=staff,
                jobcenter=jobcenter,
                action=audit.Action.VIEW,
                object_type="customer",
                object_id=customer.public_id,
                summary="b",
            )

    def count():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(LOG)
        assert response.status_code == 200
        return len(ctx.captured_queries), len(_rows(response))

    fill(5)
    login_as(client, admin)
    small, shown = count()
    assert shown >= 10
    fill(50)
    large, shown = count()
    assert shown == 100 and large == small
    # The next page goes on where the first ended.
    response = client.get(LOG)
    second = client.get(LOG + response.context["next_url"])
    assert _rows(second)[0].pk < _rows(response)[-1].pk
    assert AuditEntry.objects.count() > 100

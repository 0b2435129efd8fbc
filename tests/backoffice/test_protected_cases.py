"""§ 35 SGB I: cases of the Jobcenter's own employees and their relatives are hidden from
colleagues; only the protected team sees them (S2 in docs/QUALITY.md)."""

import pytest
from django.urls import reverse

from jobcenter.casework import services
from jobcenter.casework.models import CaseworkSettings
from tests.accounts.fixtures import login_as, make_staff, make_team
from tests.casework.factories import make_case, make_customer


@pytest.fixture
def setup(jobcenter):
    team = make_team(jobcenter, "Beschäftigtenfälle")
    CaseworkSettings.objects.create(jobcenter=jobcenter, protected_team=team)
    employee_customer = make_customer(
        jobcenter,
        first_name="Eva",
        last_name="Kollegin",
        bg_nummer="12345BG0000035",
        is_protected=True,
    )
    case = make_case(jobcenter, vorname="Eva", nachname="Kollegin", bg_nummer="12345BG0000035")
    normal = make_case(jobcenter)
    return {"team": team, "customer": employee_customer, "case": case, "normal": normal}


def test_protected_case_is_hidden_from_colleagues(client, jobcenter, setup):
    case = setup["case"]
    assert case.is_protected
    colleague = make_staff(jobcenter, roles=["sachbearbeitung", "teamleitung"])
    login_as(client, colleague)
    detail = reverse("backoffice:case_detail", kwargs={"public_id": case.public_id})
    for name in ("case_detail", "case_match", "case_request", "case_forward"):
        assert (
            client.get(
                reverse(f"backoffice:{name}", kwargs={"public_id": case.public_id})
            ).status_code
            == 404
        )
    assert (
        client.post(
            reverse("backoffice:case_state", kwargs={"public_id": case.public_id}),
            {"state": "in_bearbeitung"},
        ).status_code
        == 404
    )
    refs = [c.reference for c in client.get(reverse("backoffice:inbox")).context["rows"]]
    assert case.reference not in refs and setup["normal"].reference in refs
    assert case.reference not in [
        c.reference
        for c in client.get(reverse("backoffice:inbox"), {"q": "Kollegin"}).context["rows"]
    ]
    # Bulk actions cannot reach it either.
    client.post(
        reverse("backoffice:inbox_bulk"), {"cases": [case.public_id], "state": "in_bearbeitung"}
    )
    case.refresh_from_db()
    assert case.state == "eingegangen"
    # Nor does the matching page suggest the protected customer.
    page = client.get(
        reverse("backoffice:case_match", kwargs={"public_id": setup["normal"].public_id})
    )
    assert setup["customer"] not in [s.customer for s in page.context["suggestions"]]
    assert detail


def test_protected_team_sees_it(client, jobcenter, setup):
    member = make_staff(jobcenter, teams=[setup["team"]])
    login_as(client, member)
    case = setup["case"]
    assert (
        client.get(
            reverse("backoffice:case_detail", kwargs={"public_id": case.public_id})
        ).status_code
        == 200
    )
    refs = [c.reference for c in client.get(reverse("backoffice:inbox")).context["rows"]]
    assert case.reference in refs


def test_administrators_and_other_jobcenters_do_not_see_it(
    client, jobcenter, other_jobcenter, setup
):
    url = reverse("backoffice:case_detail", kwargs={"public_id": setup["case"].public_id})
    for user in (
        make_staff(jobcenter, roles=["administration", "sachbearbeitung"]),
        make_staff(other_jobcenter, teams=[]),
    ):
        login_as(client, user)
        assert client.get(url).status_code == 404


def test_marking_a_case_protected_hides_it_from_the_one_who_marked_it(
    client, jobcenter, staff, setup
):
    normal = setup["normal"]
    login_as(client, staff)
    response = client.post(
        reverse("backoffice:case_protect", kwargs={"public_id": normal.public_id}),
        {"protected": "1"},
    )
    assert response.status_code == 302 and response["Location"] == reverse("backoffice:inbox")
    assert (
        client.get(
            reverse("backoffice:case_detail", kwargs={"public_id": normal.public_id})
        ).status_code
        == 404
    )
    # Only the protected team may lift the protection.
    member = make_staff(jobcenter, teams=[setup["team"]])
    login_as(client, member)
    client.post(
        reverse("backoffice:case_protect", kwargs={"public_id": normal.public_id}),
        {"protected": "0"},
    )
    normal.refresh_from_db()
    assert not normal.is_protected


def test_linking_a_protected_customer_protects_the_case(jobcenter, staff, setup):
    case = make_case(jobcenter, nachname="Angehoerig")
    services.case_link_customer(case=case, customer=setup["customer"], by=staff)
    case.refresh_from_db()
    assert case.is_protected


CASE_URLS = [
    ("case_detail", "get"),
    ("case_request", "get"),
    ("case_forward", "get"),
    ("case_match", "get"),
    ("case_state", "post"),
    ("case_assign", "post"),
    ("case_take", "post"),
    ("case_note", "post"),
    ("case_message", "post"),
    ("case_protect", "post"),
]


def test_every_case_url_answers_404_for_a_colleague(client, jobcenter, setup):
    colleague = make_staff(jobcenter, roles=["sachbearbeitung", "teamleitung", "administration"])
    login_as(client, colleague)
    for name, method in CASE_URLS:
        target = reverse(f"backoffice:{name}", kwargs={"public_id": setup["case"].public_id})
        response = getattr(client, method)(
            target,
            {"state": "in_bearbeitung", "text": "x", "subject": "x", "body": "x", "protected": "0"},
        )
        assert response.status_code == 404, (name, response.status_code)
    customer = reverse(
        "backoffice:customer_detail", kwargs={"public_id": setup["customer"].public_id}
    )
    assert client.get(customer).status_code == 404
    household = setup["customer"].memberships.get().household
    add = reverse("backoffice:household_member_add", kwargs={"public_id": household.public_id})
    response = client.post(add, {"role": "kind", "first_name": "A", "last_name": "B"})
    assert response.status_code == 404

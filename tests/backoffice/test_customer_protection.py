"""§ 35 SGB I in the back office: flagging a customer as an employee of the Jobcenter or a
relative of one (who may, confirmation, effect on the cases, history and audit trail)."""

import pytest
from django.urls import reverse

from jobcenter.audit.models import AuditEntry
from jobcenter.casework import services
from jobcenter.casework.models import CaseEvent, CaseworkSettings
from tests.accounts.fixtures import login_as, make_staff, make_team
from tests.casework.factories import make_case, make_customer


@pytest.fixture
def setup(jobcenter, staff):
    team = make_team(jobcenter, "Beschäftigtenfälle")
    CaseworkSettings.objects.create(jobcenter=jobcenter, protected_team=team)
    customer = make_customer(
        jobcenter, first_name="Eva", last_name="Kollegin", bg_nummer="12345BG0000035"
    )
    partner = make_customer(
        jobcenter,
        first_name="Ole",
        last_name="Kollegin",
        bg_nummer="12345BG0000035",
        role="partner",
    )
    own = make_case(jobcenter, vorname="Eva", nachname="Kollegin")
    services.case_link_customer(case=own, customer=customer, by=staff)
    partners = make_case(jobcenter, vorname="Ole", nachname="Kollegin")
    services.case_link_customer(case=partners, customer=partner, by=staff)
    other = make_case(jobcenter)
    return {
        "team": team,
        "customer": customer,
        "partner": partner,
        "own": own,
        "partners": partners,
        "other": other,
        "member": make_staff(jobcenter, teams=[team]),
    }


def _url(customer):
    return reverse("backoffice:customer_protect", kwargs={"public_id": customer.public_id})


def _detail(customer):
    return reverse("backoffice:customer_detail", kwargs={"public_id": customer.public_id})


def _case(case):
    return reverse("backoffice:case_detail", kwargs={"public_id": case.public_id})


def test_a_caseworker_is_warned_confirms_and_then_loses_sight(client, staff, setup):
    customer = setup["customer"]
    login_as(client, staff)
    assert _url(customer).encode() in client.get(_detail(customer)).content
    page = client.get(_url(customer))
    assert page.status_code == 200
    assert b'data-testid="loses-sight"' in page.content
    assert (
        AuditEntry.objects.filter(
            object_id=str(customer.public_id), action="view", actor=staff
        ).count()
        == 2
    )  # customer page, this page
    assert b"2 Vorg" in page.content  # own case and the partner's (same household)
    # Nothing happens without the reason (and a GET changes nothing).
    response = client.post(_url(customer), {"reason": ""})
    assert response.status_code == 400
    customer.refresh_from_db()
    assert not customer.is_protected
    response = client.post(_url(customer), {"reason": "beschaeftigt"})
    assert response.status_code == 302 and response["Location"] == reverse("backoffice:inbox")
    customer.refresh_from_db()
    assert customer.is_protected
    for case in (setup["own"], setup["partners"]):
        case.refresh_from_db()
        assert case.is_protected
        assert client.get(_case(case)).status_code == 404
        event = case.events.get(kind=CaseEvent.Kind.PROTECTED)
        assert event.actor == staff and "Beschäftigte" in event.text
        assert AuditEntry.objects.filter(
            object_type="case", object_id=str(case.public_id), summary__startswith="Schutz an"
        ).exists()
    assert client.get(_detail(customer)).status_code == 404
    assert client.get(_url(customer)).status_code == 404
    setup["other"].refresh_from_db()
    assert not setup["other"].is_protected
    entry = AuditEntry.objects.get(
        object_type="customer",
        object_id=str(customer.public_id),
        summary__startswith="Beschäftigtenfall",
    )
    assert entry.actor == staff and "Beschäftigte" in entry.reason
    # The protected team sees the person, the cases and who flagged them when and why.
    login_as(client, setup["member"])
    page = client.get(_detail(customer))
    assert page.status_code == 200
    assert page.context["protection_history"][0]["actor_name"] == staff.username
    assert b'data-testid="protection-history"' in page.content
    assert client.get(_case(setup["own"])).status_code == 200


def test_the_protected_team_flags_and_unflags(client, setup):
    customer, partner = setup["customer"], setup["partner"]
    login_as(client, setup["member"])
    page = client.get(_url(customer))
    assert b'data-testid="loses-sight"' not in page.content
    response = client.post(_url(customer), {"reason": "angehoerig"})
    assert response["Location"] == _detail(customer)
    # The partner is flagged too (an employee); unflagging Eva leaves the partner's case
    # protected, and Eva's own case as well because the partner belongs to its household.
    services.customer_set_protected(
        customer=partner, by=setup["member"], protected=True, reason="beschaeftigt"
    )
    assert client.post(_url(customer), {"comment": ""}).status_code == 400
    response = client.post(_url(customer), {"comment": "Irrtum"})
    assert response.status_code == 302
    customer.refresh_from_db()
    assert not customer.is_protected
    for case in (setup["own"], setup["partners"]):
        case.refresh_from_db()
        assert case.is_protected
    services.customer_set_protected(
        customer=partner, by=setup["member"], protected=False, comment="Beschäftigung beendet"
    )
    for case in (setup["own"], setup["partners"]):
        case.refresh_from_db()
        assert not case.is_protected
        kinds = list(
            case.events.filter(kind=CaseEvent.Kind.PROTECTED).values_list("text", flat=True)
        )
        assert kinds[-1].startswith("Nicht mehr geschützt")
    history = client.get(_detail(customer)).context["protection_history"]
    assert [h["protected"] for h in history] == [True, False]
    assert history[1]["reason"] == "Irrtum"


def test_only_the_protected_team_may_unflag(client, jobcenter, staff, setup):
    customer = setup["customer"]
    services.customer_set_protected(
        customer=customer, by=setup["member"], protected=True, reason="beschaeftigt"
    )
    lead = make_staff(jobcenter, roles=["sachbearbeitung", "teamleitung"])
    for user in (staff, lead):
        login_as(client, user)
        assert client.get(_url(customer)).status_code == 404
        assert client.post(_url(customer), {"comment": "weg"}).status_code == 404
    customer.refresh_from_db()
    assert customer.is_protected


def test_who_may_not_flag(client, jobcenter, other_jobcenter, setup):
    customer = setup["customer"]
    for user in (
        make_staff(jobcenter, roles=["statistik"]),
        make_staff(jobcenter, roles=["administration"]),
        make_staff(other_jobcenter),
    ):
        login_as(client, user)
        assert client.post(_url(customer), {"reason": "beschaeftigt"}).status_code == 404
    client.logout()
    response = client.post(_url(customer), {"reason": "beschaeftigt"})
    assert response.status_code == 302 and "anmelden" in response["Location"]
    customer.refresh_from_db()
    assert not customer.is_protected


def test_no_protected_team_no_flag(client, jobcenter, staff):
    customer = make_customer(jobcenter, last_name="Ohneteam")
    login_as(client, staff)
    response = client.post(_url(customer), {"reason": "beschaeftigt"})
    assert response.status_code == 400
    assert "kein Team für geschützte Fälle" in response.content.decode()
    customer.refresh_from_db()
    assert not customer.is_protected


def test_protecting_a_single_case_asks_first(client, staff, setup):
    case = setup["other"]
    login_as(client, staff)
    url = reverse("backoffice:case_protect", kwargs={"public_id": case.public_id})
    assert url.encode() in client.get(_case(case)).content
    page = client.get(url)
    assert page.status_code == 200 and b'data-testid="loses-sight"' in page.content
    case.refresh_from_db()
    assert not case.is_protected  # asking changes nothing
    client.post(url, {"protected": "1"})
    case.refresh_from_db()
    assert case.is_protected
    # A case of a linked customer offers to flag the customer instead.
    own = setup["own"]
    page = client.get(reverse("backoffice:case_protect", kwargs={"public_id": own.public_id}))
    assert _url(setup["customer"]).encode() in page.content

"""§ 35 SGB I: a flagged customer never appears to staff outside the protected team — not as a
household member on an unflagged partner's page, not among the matching suggestions, not by
Kundennummer on paper intake, and the household pages and member form stay closed."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from jobcenter.casework import services
from jobcenter.casework.models import CaseworkSettings
from tests.accounts.fixtures import login_as, make_staff, make_team
from tests.casework.factories import make_case, make_customer

BG = "12345BG0000035"


@pytest.fixture
def setup(jobcenter, staff):
    team = make_team(jobcenter, "Beschäftigtenfälle")
    CaseworkSettings.objects.create(jobcenter=jobcenter, protected_team=team)
    ole = make_customer(
        jobcenter,
        first_name="Ole",
        last_name="Nachbar",
        bg_nummer=BG,
        birth_date=dt.date(1979, 1, 2),
    )
    eva = make_customer(
        jobcenter,
        first_name="Eva",
        last_name="Kollegin",
        bg_nummer=BG,
        kundennummer="123A456035",
        birth_date=dt.date(1981, 5, 6),
        role="partner",
    )
    member = make_staff(jobcenter, teams=[team])
    services.customer_set_protected(customer=eva, by=member, protected=True, reason="beschaeftigt")
    return {"ole": ole, "eva": eva, "member": member}


def _detail(customer):
    return reverse("backoffice:customer_detail", kwargs={"public_id": customer.public_id})


def test_a_colleague_sees_the_partner_but_not_the_flagged_member(client, staff, setup):
    ole, eva = setup["ole"], setup["eva"]
    login_as(client, staff)
    page = client.get(_detail(ole))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Ole" in html
    for leak in ("Eva", "Kollegin", "06.05.1981", str(eva.public_id), "123A456035"):
        assert leak not in html
    assert 'data-testid="hidden-members"' in html and "eine weitere Person (geschützt)" in html
    # The household itself is closed to the colleague, so its member form is not offered.
    household = ole.memberships.get().household
    assert (
        reverse("backoffice:household_member_add", kwargs={"public_id": household.public_id})
        not in html
    )
    assert (
        client.post(
            reverse("backoffice:household_member_add", kwargs={"public_id": household.public_id}),
            {"role": "kind", "first_name": "A", "last_name": "B"},
        ).status_code
        == 404
    )
    assert client.get(_detail(eva)).status_code == 404


def test_the_protected_team_sees_every_member(client, setup):
    login_as(client, setup["member"])
    html = client.get(_detail(setup["ole"])).content.decode()
    assert "Eva" in html and "06.05.1981" in html and str(setup["eva"].public_id) in html
    assert 'data-testid="hidden-members"' not in html


def test_matching_and_paper_intake_do_not_offer_the_flagged_customer(
    client, jobcenter, staff, setup
):
    case = make_case(jobcenter, vorname="Eva", nachname="Kollegin", geburtsdatum="1981-05-06")
    assert not case.is_protected  # a fresh application without numbers
    login_as(client, staff)
    page = client.get(reverse("backoffice:case_match", kwargs={"public_id": case.public_id}))
    assert page.status_code == 200
    assert str(setup["eva"].public_id) not in page.content.decode()
    assert page.context["suggestions"] == []
    refused = client.post(
        reverse("backoffice:case_match", kwargs={"public_id": case.public_id}),
        {"action": "link", "customer": str(setup["eva"].public_id)},
    )
    assert refused.status_code == 404
    paper = client.post(
        reverse("backoffice:paper_intake"),
        {
            "form_key": "wba",
            "received_on": timezone.localdate().isoformat(),
            "first_name": "A",
            "last_name": "B",
            "kundennummer": "123A456035",
        },
    )
    assert paper.status_code == 400
    assert "kennen wir nicht" in " ".join(paper.context["form"].errors["kundennummer"])
    login_as(client, setup["member"])
    page = client.get(reverse("backoffice:case_match", kwargs={"public_id": case.public_id}))
    assert [s.customer for s in page.context["suggestions"]][:1] == [setup["eva"]]

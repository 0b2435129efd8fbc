"""Who works on cases: the navigation and the assignee lists follow the check of the views.

Staff with only the statistics or administration role cannot open the inbox, the case pages or
paper intake (404), so they are neither shown those links nor offered as assignees."""

import pytest
from django.urls import reverse

from jobcenter.accounts.models import Role
from jobcenter.casework import services
from jobcenter.casework.models import CaseworkSettings
from tests.accounts.fixtures import login_as, make_staff, make_team
from tests.casework.factories import make_case

INBOX = reverse("backoffice:inbox")
PAPER = reverse("backoffice:paper_intake")


@pytest.fixture
def people(jobcenter):
    return {
        "sb": make_staff(jobcenter, roles=(Role.SACHBEARBEITUNG,), username="sb-roles"),
        "tl": make_staff(jobcenter, roles=(Role.TEAMLEITUNG,), username="tl-roles"),
        "stat": make_staff(jobcenter, roles=(Role.STATISTIK,), username="stat-roles"),
        "admin": make_staff(jobcenter, roles=(Role.ADMINISTRATION,), username="admin-roles"),
    }


@pytest.mark.parametrize("role", ["stat", "admin"])
def test_no_casework_links_for_staff_without_a_casework_role(client, people, role):
    login_as(client, people[role])
    assert client.get(INBOX).status_code == 404
    assert client.get(PAPER).status_code == 404
    for page in (reverse("backoffice:overview"), reverse("reporting:statistics")):
        html = client.get(page).content.decode()
        assert f'href="{INBOX}"' not in html and f'href="{PAPER}"' not in html, page


@pytest.mark.parametrize("role", ["sb", "tl"])
def test_casework_links_for_caseworkers(client, people, role):
    login_as(client, people[role])
    assert client.get(INBOX).status_code == 200
    for page in (reverse("backoffice:overview"), INBOX):
        html = client.get(page).content.decode()
        assert f'href="{INBOX}"' in html and f'href="{PAPER}"' in html, page


def _options(field) -> set[str]:
    return {str(value) for value, _label in field.field.choices if value}


def test_assignee_lists_offer_only_staff_who_can_open_cases(
    client, jobcenter, other_jobcenter, people
):
    case = make_case(jobcenter)
    make_staff(other_jobcenter, username="sb-elsewhere")
    login_as(client, people["sb"])
    expected = {str(people["sb"].pk), str(people["tl"].pk)}
    page = client.get(reverse("backoffice:case_detail", kwargs={"public_id": case.public_id}))
    assert _options(page.context["assign_form"]["assignee"]) == expected
    inbox = client.get(INBOX)
    assert _options(inbox.context["bulk"]["assignee"]) - {"none"} == expected
    assert _options(inbox.context["form"]["assignee"]) - {"me", "none"} == expected


def test_a_case_cannot_be_given_to_someone_who_cannot_open_it(client, jobcenter, people):
    case = make_case(jobcenter)
    login_as(client, people["sb"])
    client.post(
        reverse("backoffice:case_assign", kwargs={"public_id": case.public_id}),
        {"assignee": people["stat"].pk},
    )
    client.post(
        reverse("backoffice:inbox_bulk"),
        {"cases": [case.public_id], "assignee": people["admin"].pk},
    )
    case.refresh_from_db()
    assert case.assignee is None
    with pytest.raises(services.CaseworkError):
        services.case_assign(case=case, by=people["sb"], assignee=people["stat"])


def test_a_protected_case_is_offered_only_to_the_protected_team(client, jobcenter, people):
    team = make_team(jobcenter, "Beschäftigtenfälle")
    CaseworkSettings.objects.create(jobcenter=jobcenter, protected_team=team)
    insider = make_staff(jobcenter, username="sb-insider", teams=[team])
    case = make_case(jobcenter)
    services.case_set_protected(case=case, by=insider, protected=True)
    login_as(client, insider)
    page = client.get(reverse("backoffice:case_detail", kwargs={"public_id": case.public_id}))
    assert _options(page.context["assign_form"]["assignee"]) == {str(insider.pk)}
    client.post(
        reverse("backoffice:inbox_bulk"), {"cases": [case.public_id], "assignee": people["sb"].pk}
    )
    case.refresh_from_db()
    assert case.assignee is None

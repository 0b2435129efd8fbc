"""The old case after a forwarding (§ 16 SGB I) is the first Jobcenter's record: its staff may
read it, but every action on it is refused and changes nothing (the access matrix checks who
reaches which URL; this checks that reaching it does nothing)."""

import pytest
from django.urls import reverse

from jobcenter.casework import services
from jobcenter.casework.models import Case, DocumentRequest, Message
from tests.accounts.fixtures import login_as
from tests.casework.factories import make_case

ACTIONS = [
    ("case_state", {"state": "in_bearbeitung"}),
    ("case_state", {"state": "vollstaendig"}),
    ("case_take", {}),
    ("case_assign", {"assignee": "", "team": ""}),
    ("case_message", {"subject": "Hallo", "body": "Text"}),
    ("case_request", {"deadline": "31.12.2099", "docs": ["mietvertrag"]}),
    ("case_withdraw", {"reason": "Anruf"}),
    ("case_forward", {"reason": "Umzug"}),
]


@pytest.fixture
def old_case(jobcenter, other_jobcenter, staff):
    case = make_case(jobcenter)
    services.case_forward(
        case=case, to_jobcenter=other_jobcenter, by=staff, reason="Wohnort im Bezirk"
    )
    case.refresh_from_db()
    return case


@pytest.mark.parametrize(("name", "data"), ACTIONS)
def test_actions_on_the_old_case_change_nothing(client, staff, old_case, name, data):
    login_as(client, staff)
    before = Case.objects.filter(submission=old_case.submission).values_list(
        "pk", "state", "assignee_id", "team_id", "jobcenter_id"
    )
    before = sorted(before)
    response = client.post(
        reverse(f"backoffice:{name}", kwargs={"public_id": old_case.public_id}), data
    )
    assert response.status_code in (200, 302, 400)
    after = sorted(
        Case.objects.filter(submission=old_case.submission).values_list(
            "pk", "state", "assignee_id", "team_id", "jobcenter_id"
        )
    )
    assert after == before
    assert not Message.objects.filter(case=old_case).exists()
    assert not DocumentRequest.objects.filter(case=old_case).exists()


def test_the_old_case_offers_no_action(client, staff, old_case):
    login_as(client, staff)
    response = client.get(
        reverse("backoffice:case_detail", kwargs={"public_id": old_case.public_id})
    )
    context = response.context
    assert context["targets"] == [] and not context["can_request"]
    assert not context["can_forward"] and not context["can_withdraw"]
    assert not context["can_assign"] and not context["can_complete_at_once"]

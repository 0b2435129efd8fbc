"""A closed case (withdrawn, forwarded) says what happens to it and offers no work on it."""

import pytest
from django.urls import reverse

from jobcenter.casework import services
from jobcenter.handover.models import Transport
from tests.accounts.fixtures import login_as, make_staff
from tests.casework.factories import make_case

pytestmark = pytest.mark.django_db

WILL_BE_HANDED_OVER = "Sobald der Vorgang vollständig ist, wird er automatisch"


def _page(client, case) -> str:
    response = client.get(reverse("backoffice:case_detail", kwargs={"public_id": case.public_id}))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def sb(client, jobcenter):
    Transport.objects.create(jobcenter=jobcenter, kind="api", name="E-Akte")
    staff = make_staff(jobcenter)
    login_as(client, staff)
    client.staff = staff
    return client


def test_an_open_case_is_offered_to_take_and_will_be_handed_over(sb, jobcenter):
    html = _page(sb, make_case(jobcenter))
    assert "Mir zuweisen" in html and "Zuweisung speichern" in html
    assert WILL_BE_HANDED_OVER in html


def test_a_withdrawn_case_is_not_handed_over_and_not_offered(sb, jobcenter):
    case = make_case(jobcenter)
    services.case_transition(case=case, to_state="zurueckgezogen", by=sb.staff)
    html = _page(sb, case)
    assert WILL_BE_HANDED_OVER not in html
    assert "Nicht übergeben: Der Antrag wurde zurückgezogen." in html
    assert "Mir zuweisen" not in html and "Zuweisung speichern" not in html


def test_a_forwarded_case_is_not_handed_over_here_and_cannot_be_taken(
    sb, jobcenter, other_jobcenter
):
    case = make_case(jobcenter)
    services.case_forward(
        case=case, to_jobcenter=other_jobcenter, by=sb.staff, reason="Wohnort im Bezirk"
    )
    case.refresh_from_db()
    html = _page(sb, case)
    assert WILL_BE_HANDED_OVER not in html
    assert (
        f"Nicht übergeben: Der Vorgang wurde an {other_jobcenter.name} weitergeleitet. "
        "Die Übergabe übernimmt das zuständige Jobcenter."
    ) in html
    assert "Mir zuweisen" not in html and "Zuweisung speichern" not in html
    # Posted anyway (an old tab): refused with a message, nothing changes.
    response = sb.post(
        reverse("backoffice:case_take", kwargs={"public_id": case.public_id}), follow=True
    )
    assert "wird hier nicht mehr bearbeitet" in response.content.decode()
    case.refresh_from_db()
    assert case.assignee_id is None

"""The inbox opens on the open cases with a total count; "Eingegangen → Vollständig" is one
click when the case lacks nothing."""

import pytest
from django.urls import reverse

from jobcenter.casework import services
from jobcenter.casework.models import Case, CaseEvent
from tests.accounts.fixtures import login_as
from tests.casework.factories import make_case
from tests.documents.helpers import submission_with_documents

INBOX = reverse("backoffice:inbox")


@pytest.fixture
def sb(client, staff):
    login_as(client, staff)
    client.staff = staff
    return client


def _refs(response):
    return {c.reference for c in response.context["rows"]}


def test_the_default_inbox_shows_the_open_cases_and_their_number(sb, jobcenter):
    open_cases = [make_case(jobcenter) for _ in range(3)]
    done = make_case(jobcenter)
    Case.objects.filter(pk=done.pk).update(state=Case.State.UEBERGEBEN)
    gone = make_case(jobcenter)
    services.case_withdraw(case=gone, by=sb.staff, reason="Anruf")

    response = sb.get(INBOX)
    assert _refs(response) == {c.reference for c in open_cases}
    html = response.content.decode()
    assert "3 Vorgänge gefunden." in html
    assert "Gezeigt werden nur offene Vorgänge." in html and "state=alle" in html
    # The filter form says what is shown.
    assert response.context["form"]["state"].value() in (None, "", "offen")

    everything = sb.get(INBOX, {"state": "alle"})
    assert _refs(everything) == {c.reference for c in [*open_cases, done, gone]}
    assert "5 Vorgänge gefunden." in everything.content.decode()
    assert "Gezeigt werden nur offene" not in everything.content.decode()
    assert _refs(sb.get(INBOX, {"state": "uebergeben"})) == {done.reference}
    # A closed case is found by its reference once closed cases are asked for.
    assert _refs(sb.get(INBOX, {"q": done.reference})) == set()
    assert _refs(sb.get(INBOX, {"q": done.reference, "state": "alle"})) == {done.reference}


def test_the_total_counts_every_page(sb, jobcenter):
    for _ in range(4):
        make_case(jobcenter)
    from jobcenter.casework import selectors

    request = sb.get(INBOX).wsgi_request
    page = selectors.inbox_page(request, selectors.InboxFilters(), page_size=2)
    assert len(page.rows) == 2 and page.next_cursor and page.total == 4
    assert "0 Vorgänge gefunden." in sb.get(INBOX, {"q": "Niemand"}).content.decode()


def _state_url(case):
    return reverse("backoffice:case_state", kwargs={"public_id": case.public_id})


def test_a_case_that_lacks_nothing_is_complete_in_one_click(sb, jobcenter):
    case = make_case(jobcenter)  # a WBA where nothing changed: no document is needed
    page = sb.get(reverse("backoffice:case_detail", kwargs={"public_id": case.public_id}))
    html = page.content.decode()
    assert page.context["can_complete_at_once"]
    assert 'data-testid="complete-at-once"' in html and 'aria-keyshortcuts="Alt+Shift+V"' in html

    response = sb.post(_state_url(case), {"state": "vollstaendig"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == Case.State.VOLLSTAENDIG
    steps = list(
        case.events.filter(kind=CaseEvent.Kind.STATE)
        .order_by("id")
        .values_list("from_state", "to_state", "actor")
    )
    assert steps == [
        ("eingegangen", "in_bearbeitung", sb.staff.pk),
        ("in_bearbeitung", "vollstaendig", sb.staff.pk),
    ]


def test_a_case_that_lacks_a_document_is_not_complete_at_once(sb, jobcenter):
    case = Case.objects.get(submission=submission_with_documents(jobcenter))
    page = sb.get(reverse("backoffice:case_detail", kwargs={"public_id": case.public_id}))
    assert not page.context["can_complete_at_once"]
    assert 'data-testid="complete-at-once"' not in page.content.decode()
    # Posted anyway (an old tab): refused with what is missing, nothing changes.
    response = sb.post(_state_url(case), {"state": "vollstaendig"}, follow=True)
    assert "Es fehlt noch etwas" in response.content.decode()
    case.refresh_from_db()
    assert case.state == Case.State.EINGEGANGEN
    with pytest.raises(services.CaseworkError):
        services.case_complete_at_once(case=case, by=sb.staff)


def test_an_open_request_also_blocks_the_one_click(sb, jobcenter):
    import datetime as dt

    from django.utils import timezone

    case = make_case(jobcenter)
    services.document_request_create(
        case=case,
        by=sb.staff,
        items=[("mietvertrag", "Mietvertrag", "")],
        deadline=timezone.localdate() + dt.timedelta(days=14),
    )
    Case.objects.filter(pk=case.pk).update(state=Case.State.EINGEGANGEN)
    case.refresh_from_db()
    with pytest.raises(services.CaseworkError, match="Mietvertrag"):
        services.case_complete_at_once(case=case, by=sb.staff)

"""The inbox: scoped to the Jobcenter, filters, search, keyset pages, bounded queries, bulk."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jobcenter.audit.models import AuditEntry
from jobcenter.casework import selectors, services
from jobcenter.casework.models import Case
from tests.accounts.fixtures import login_as, make_staff, make_team
from tests.casework.factories import make_case

INBOX = reverse("backoffice:inbox")


@pytest.fixture
def sb(client, staff):
    login_as(client, staff)
    return client


def _refs(response):
    return [c.reference for c in response.context["rows"]]


def test_inbox_shows_only_the_own_jobcenter(sb, jobcenter, other_jobcenter):
    mine = make_case(jobcenter, nachname="Eigen")
    theirs = make_case(other_jobcenter, nachname="Fremd")
    response = sb.get(INBOX)
    assert response.status_code == 200
    assert mine.reference in _refs(response) and theirs.reference not in _refs(response)
    assert (
        response["Cache-Control"].startswith("max-age=0")
        or "no-store" in response["Cache-Control"]
        or "no-cache" in response["Cache-Control"]
    )


def test_citizens_and_anonymous_do_not_get_in(client, citizen):
    assert client.get(INBOX).status_code == 302
    login_as(client, citizen)
    assert client.get(INBOX).status_code == 404


def test_statistics_role_has_no_inbox(client, jobcenter):
    login_as(client, make_staff(jobcenter, roles=["statistik"]))
    assert client.get(INBOX).status_code == 404


def test_search_by_reference_name_birth_date_and_bg_number(sb, jobcenter):
    kim = make_case(
        jobcenter,
        vorname="Kim",
        nachname="Müller",
        geburtsdatum="1980-03-27",
        bg_nummer="12345BG0000111",
    )
    other = make_case(
        jobcenter,
        vorname="Ole",
        nachname="Schmidt",
        geburtsdatum="1975-01-01",
        bg_nummer="12345BG0000222",
    )
    for q in (
        kim.reference,
        "mueller",
        "Müll",
        "Kim Müller",
        "27.03.1980",
        "1980-03-27",
        "12345bg0000111",
    ):
        refs = _refs(sb.get(INBOX, {"q": q}))
        assert refs == [kim.reference], q
    assert _refs(sb.get(INBOX, {"q": "schmi"})) == [other.reference]
    response = sb.get(INBOX, {"q": "31.02.1980"})
    assert response.status_code == 200 and response.context["page"].errors
    searches = AuditEntry.objects.filter(object_type="inbox", object_id="search")
    assert searches.exists()
    assert not any("Müller" in e.summary or "1980" in e.summary for e in searches)


def test_filters(sb, jobcenter, staff):
    team = make_team(jobcenter)
    mine = make_case(jobcenter)
    services.case_assign(case=mine, by=staff, assignee=staff, team=team)
    new = make_case(jobcenter)
    old = make_case(jobcenter)
    Case.objects.filter(pk=old.pk).update(
        received_at=timezone.now() - dt.timedelta(days=20), known_customer=True
    )
    services.case_transition(case=new, to_state="in_bearbeitung", by=staff)
    paper = services.paper_application_register(
        jobcenter=jobcenter,
        by=staff,
        form_key="aenderung",
        form_version="2026-1",
        received_on=timezone.localdate(),
        first_name="P",
        last_name="Papier",
        birth_date=None,
    )
    assert _refs(sb.get(INBOX, {"assignee": "me"})) == [mine.reference]
    assert set(_refs(sb.get(INBOX, {"assignee": "none"}))) == {
        new.reference,
        old.reference,
        paper.reference,
    }
    assert _refs(sb.get(INBOX, {"team": str(team.pk)})) == [mine.reference]
    assert _refs(sb.get(INBOX, {"state": "in_bearbeitung"})) == [new.reference]
    assert _refs(sb.get(INBOX, {"channel": "paper"})) == [paper.reference]
    assert _refs(sb.get(INBOX, {"form": "aenderung"})) == [paper.reference]
    assert _refs(sb.get(INBOX, {"age": "14"})) == [old.reference]
    assert _refs(sb.get(INBOX, {"customer": "known"})) == [old.reference]
    assert old.reference not in _refs(sb.get(INBOX, {"customer": "new"}))
    assert sb.get(INBOX, {"state": "erfunden", "team": "x"}).status_code == 200


def test_keyset_pages_cover_everything_once(rf, jobcenter, staff):
    cases = [make_case(jobcenter, nachname=f"N{i:02d}") for i in range(7)]
    base = timezone.now()
    for i, case in enumerate(cases):  # two share a receipt time: ties are broken by id
        Case.objects.filter(pk=case.pk).update(received_at=base - dt.timedelta(minutes=i // 2))
    request = rf.get("/")
    request.user = staff
    staff.is_verified = lambda: True
    for sort in ("neu", "alt", "name"):
        seen, after = [], ""
        while True:
            page = selectors.inbox_page(
                request, selectors.InboxFilters(sort=sort, after=after), page_size=3
            )
            seen += [c.pk for c in page.rows]
            if not page.next_cursor:
                break
            after = page.next_cursor
        assert sorted(seen) == sorted(c.pk for c in cases), sort
        assert len(seen) == len(set(seen))
    # A forged cursor is ignored, not an error.
    page = selectors.inbox_page(request, selectors.InboxFilters(after="%%%"), page_size=3)
    assert len(page.rows) == 3


def test_surname_search_pages_in_receipt_order_and_stays_scoped(
    rf, jobcenter, other_jobcenter, staff
):
    """The surname search picks the page's ids first (late row lookup, casework 0005), in every
    order of the inbox."""
    base = timezone.now()
    ours = []
    for i, name in enumerate(["Berg", "Berger", "Bergmann", "Berg", "Bergmann", "Berger", "Berg"]):
        case = make_case(jobcenter, nachname=name)
        Case.objects.filter(pk=case.pk).update(received_at=base - dt.timedelta(minutes=i // 2))
        ours.append(case)
    make_case(jobcenter, nachname="Bender")
    make_case(other_jobcenter, nachname="Berg")
    hidden = make_case(jobcenter, nachname="Bergfried")
    Case.objects.filter(pk=hidden.pk).update(is_protected=True)
    request = rf.get("/")
    request.user = staff
    staff.is_verified = lambda: True
    order = {
        "neu": lambda c: (c.received_at, c.pk),
        "alt": lambda c: (c.received_at, c.pk),
        "name": lambda c: (c.last_name_norm, c.pk),
    }
    for sort, key in order.items():
        seen, after = [], ""
        while True:
            page = selectors.inbox_page(
                request, selectors.InboxFilters(q="berg", sort=sort, after=after), page_size=3
            )
            assert len(page.rows) <= 3
            seen += page.rows
            if not page.next_cursor:
                break
            after = page.next_cursor
        keys = [key(c) for c in seen]
        assert keys == sorted(keys, reverse=sort == "neu"), sort
        assert sorted(c.pk for c in seen) == sorted(c.pk for c in ours), sort


def _count(client, url, params=None):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params or {}).status_code == 200
    return len(ctx.captured_queries)


def test_query_count_per_page_does_not_grow_with_rows(sb, jobcenter, staff):
    team = make_team(jobcenter)
    make_case(jobcenter)
    few = _count(sb, INBOX)
    for _ in range(12):
        case = make_case(jobcenter)
        services.case_assign(case=case, by=staff, assignee=make_staff(jobcenter), team=team)
    assert _count(sb, INBOX) == few
    assert _count(sb, INBOX, {"q": "muster", "state": "offen"}) == few


def test_bulk_assign_and_state_change(sb, jobcenter, other_jobcenter, staff):
    team = make_team(jobcenter)
    a, b = make_case(jobcenter), make_case(jobcenter)
    foreign = make_case(other_jobcenter)
    response = sb.post(
        reverse("backoffice:inbox_bulk"),
        {
            "cases": [a.public_id, b.public_id, foreign.public_id, "kaputt"],
            "state": "in_bearbeitung",
            "assignee": str(staff.pk),
            "team": str(team.pk),
            "back": INBOX + "?state=offen",
        },
    )
    assert response.status_code == 302 and response["Location"] == INBOX + "?state=offen"
    for case in (a, b):
        case.refresh_from_db()
        assert (case.state, case.assignee, case.team) == ("in_bearbeitung", staff, team)
    foreign.refresh_from_db()
    assert foreign.state == "eingegangen" and foreign.assignee is None
    # Nothing chosen: a message, no change.
    response = sb.post(reverse("backoffice:inbox_bulk"), {"cases": [a.public_id]}, follow=True)
    assert "Bitte wählen Sie eine Aktion aus." in response.content.decode()
    # Refused moves are reported.
    response = sb.post(
        reverse("backoffice:inbox_bulk"),
        {"cases": [a.public_id], "state": "uebergeben"},
        follow=True,
    )
    assert a.reference in response.content.decode()


def test_overdue_requests_are_flagged_and_filtered(sb, jobcenter, staff):
    from jobcenter.casework.models import DocumentRequest

    late = make_case(jobcenter)
    on_time = make_case(jobcenter)
    for case in (late, on_time):
        services.document_request_create(
            case=case,
            by=staff,
            items=[("a", "A", "")],
            deadline=timezone.localdate() + dt.timedelta(days=3),
        )
    DocumentRequest.objects.filter(case=late).update(
        deadline=timezone.localdate() - dt.timedelta(days=1)
    )
    response = sb.get(INBOX)
    flags = {c.reference: c.overdue for c in response.context["rows"]}
    assert flags == {late.reference: True, on_time.reference: False}
    assert "Frist abgelaufen" in response.content.decode()
    assert _refs(sb.get(INBOX, {"overdue": "1"})) == [late.reference]


def test_number_search_finds_the_cases_linked_to_the_customer_or_household(
    sb, jobcenter, other_jobcenter, staff
):
    from jobcenter.casework.models import HouseholdMember
    from tests.casework.factories import make_customer

    kim = make_customer(jobcenter, kundennummer="123A456789", bg_nummer="12345BG0000333")
    lia = make_customer(
        jobcenter,
        first_name="Lia",
        kundennummer="123A000001",
        bg_nummer="12345BG0000333",
        role=HouseholdMember.Role.PARTNER,
    )
    # Linked after matching, though no number (or another one) was typed.
    own = make_case(jobcenter, nachname="Musterfrau")
    services.case_link_customer(case=own, customer=kim, by=staff)
    partners = make_case(jobcenter, vorname="Lia", nachname="Musterfrau")
    services.case_link_customer(case=partners, customer=lia, by=staff)
    typed = make_case(jobcenter, nachname="Getippt", bg_nummer="12345BG0000333")
    stranger = make_case(jobcenter, nachname="Fremd")
    # The same numbers in another Jobcenter belong to someone else.
    theirs = make_customer(other_jobcenter, kundennummer="123A456789", bg_nummer="12345BG0000333")
    services.case_link_customer(case=make_case(other_jobcenter), customer=theirs, by=staff)

    by_bg = set(_refs(sb.get(INBOX, {"q": "12345BG0000333"})))
    assert by_bg == {own.reference, partners.reference, typed.reference}
    by_kdnr = set(_refs(sb.get(INBOX, {"q": "123a456789"})))
    assert by_kdnr == {own.reference, partners.reference}
    assert stranger.reference not in by_bg | by_kdnr
    # A number nobody has finds nothing (and no error).
    assert _refs(sb.get(INBOX, {"q": "999Z999999"})) == []


def test_a_bulk_action_that_changes_nothing_says_so(sb, jobcenter, staff):
    case = make_case(jobcenter)
    services.case_assign(case=case, by=staff, assignee=staff)
    # Already assigned like that: nothing changes, and that is not a success.
    response = sb.post(
        reverse("backoffice:inbox_bulk"),
        {"cases": [case.public_id], "assignee": str(staff.pk)},
        follow=True,
    )
    html = response.content.decode()
    assert "Vorgänge geändert" not in html and "Vorgang geändert" not in html
    assert "Nichts geändert" in html and "kern-alert--warning" in html
    assert "kern-alert--success" not in html
    # Everything refused: nothing changed either, and the refused cases are named.
    response = sb.post(
        reverse("backoffice:inbox_bulk"),
        {"cases": [case.public_id], "state": "uebergeben"},
        follow=True,
    )
    html = response.content.decode()
    assert "Nichts geändert" in html and case.reference in html
    response = sb.post(
        reverse("backoffice:inbox_bulk"),
        {"cases": [case.public_id], "state": "in_bearbeitung"},
        follow=True,
    )
    assert "1 Vorgang geändert." in response.content.decode()


def test_the_back_office_header_names_the_back_office_not_the_citizens_service(sb, client):
    """Staff pages said "Bürgergeld online beantragen" and led to the citizens' start page."""
    header = re.search(
        r'<a class="[^"]*site-header__home".*?</a>', sb.get(INBOX).content.decode(), re.S
    )
    assert header and "Backoffice" in header.group(0)
    assert "Bürgergeld online beantragen" not in header.group(0)
    assert f'href="{reverse("backoffice:overview")}"' in header.group(0)
    client.logout()
    citizens = re.search(
        r'<a class="[^"]*site-header__home".*?</a>', client.get("/").content.decode(), re.S
    )
    assert "Bürgergeld online beantragen" in citizens.group(0)

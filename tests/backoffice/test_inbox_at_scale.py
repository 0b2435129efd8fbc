"""Query plans at scale: the back office reads a page, not a caseload or the whole inbox.

Found by bench/inbox_latency.py at 1 M cases (docs/PERFORMANCE.md, P5): the case page's work
queue (previous/next case) read and sorted every open case of "Meine Fälle" (10,000), twice, on
every case page (0.3–0.4 s each; the page's p95 7× that at 10 k); and a surname with many
closed and few open cases was searched by walking the whole inbox (900,000 rows, 0.6 s; 6.6× at
10 k).
PostgreSQL only: what is checked is the plan the planner picks on realistic table statistics,
counted as the rows its scans of casework_case read."""

import json

import pytest
from bench.inbox_latency import fill
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jobcenter.casework import selectors
from jobcenter.casework.models import QUEUE_STATES, Case
from tests.accounts.fixtures import login_as, make_staff, make_team

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the query plans are PostgreSQL's"
)


def test_the_index_states_are_the_open_states():
    assert set(QUEUE_STATES) == {str(s) for s in selectors.OPEN_STATES}


def _rows_read(node: dict) -> int:
    """Rows that the plan's scans of casework_case produced or filtered away, over all loops."""
    read = 0
    if node.get("Relation Name") == "casework_case":
        rows = node.get("Actual Rows", 0) + node.get("Rows Removed by Filter", 0)
        read += rows * node.get("Actual Loops", 1)
    return read + sum(_rows_read(child) for child in node.get("Plans", []))


def _most_case_rows_read_by_one_query(captured) -> int:
    most = 0
    with connection.cursor() as cur:
        for query in captured:
            sql = query["sql"]
            if not sql.startswith("SELECT") or "casework_case" not in sql:
                continue
            cur.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
            plan = cur.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            most = max(most, _rows_read(plan[0]["Plan"]))
    return most


def _filled(jobcenter, other_jobcenter):
    """20,000 cases as the benchmark makes them (two years, every state), and a caseworker."""
    team = make_team(jobcenter)
    staff = make_staff(jobcenter, teams=[team])
    fill(20_000, jobcenter.pk, other_jobcenter.pk, staff.pk, team.pk, vacuum=False)
    return staff


def test_the_case_page_reads_a_page_of_the_queue_not_the_whole_caseload(
    client, jobcenter, other_jobcenter
):
    staff = _filled(jobcenter, other_jobcenter)
    with connection.cursor() as cur:
        # A large caseload: 4 of 5 cases of the Jobcenter, half of them open (≈ 7,000).
        cur.execute(
            "UPDATE casework_case SET assignee_id = %s WHERE jobcenter_id = %s AND id %% 5 <> 0",
            [staff.pk, jobcenter.pk],
        )
        cur.execute("ANALYZE casework_case")
    mine_open = Case.objects.filter(assignee=staff, state__in=selectors.OPEN_STATES)
    assert mine_open.count() > 10 * (selectors.QUEUE_LIMIT + 1)
    # In the queue's first page (oldest first: no requests, so due = receipt + 14 days), among
    # the cases the caseworker may see: the fill's oldest cases are near the end of their
    # retention period, and which of them the retention app hides moves with the day and with
    # the ids a full run starts from.
    request = RequestFactory().get("/")
    request.user = staff
    staff.is_verified = lambda: True  # what django_otp's middleware sets after the second factor
    case = selectors.queue_cases(request, "meine").order_by("received_at", "id")[100]
    login_as(client, staff)
    page = reverse("backoffice:case_detail", kwargs={"public_id": case.public_id})

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(page)
    assert response.status_code == 200
    queue = response.context["queue"]
    assert queue.position == 101 and queue.next is not None

    # A page of the queue (QUEUE_LIMIT + 1 cases per part) and what the filters drop on the way.
    assert _most_case_rows_read_by_one_query(ctx.captured_queries) <= 2 * (
        selectors.QUEUE_LIMIT + 1
    )


def _many_closed_quasts(jobcenter, other_jobcenter):
    staff = _filled(jobcenter, other_jobcenter)
    with connection.cursor() as cur:
        # A common surname (1,000 cases), nearly all of them closed: the inbox's default view
        # (open cases) shows one.
        cur.execute(
            """UPDATE casework_case SET last_name = 'Quast', last_name_norm = 'quast',
                      state = CASE WHEN id %% 5000 = 1 THEN 'in_bearbeitung' ELSE 'uebergeben' END
                WHERE jobcenter_id = %s AND id %% 20 = 1""",
            [jobcenter.pk],
        )
        cur.execute("ANALYZE casework_case")
    return staff, Case.objects.filter(jobcenter=jobcenter, last_name_norm__startswith="quast")


def test_a_surname_with_few_open_cases_is_searched_in_the_name_index(
    client, jobcenter, other_jobcenter
):
    staff, named = _many_closed_quasts(jobcenter, other_jobcenter)
    login_as(client, staff)

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("backoffice:inbox"), {"q": "Quast"})
    assert response.status_code == 200
    assert (
        len(response.context["page"].rows)
        == named.filter(is_protected=False).filter(state__in=selectors.OPEN_STATES).count()
    )

    # The surname's entries in the name index (and the page's rows), not the whole inbox.
    assert _most_case_rows_read_by_one_query(ctx.captured_queries) <= named.count() + 100


@pytest.mark.parametrize(
    "params",
    [
        {"q": "Quast", "sort": "alt"},
        {"q": "Quast", "sort": "name"},
        {"q": "Quast", "state": "alle"},
        {"q": "{first} Quast", "state": "alle"},
    ],
    ids=["oldest-first", "by-name", "all-states", "first-name-too"],
)
def test_every_order_and_view_of_a_name_search_reads_the_name_index(
    client, jobcenter, other_jobcenter, params
):
    staff, named = _many_closed_quasts(jobcenter, other_jobcenter)
    first = named.values_list("first_name", flat=True).first()
    params = {**params, "q": params["q"].format(first=first)}
    login_as(client, staff)

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("backoffice:inbox"), params)
    assert response.status_code == 200
    rows = response.context["page"].rows
    assert rows and {case.last_name_norm for case in rows} == {"quast"}
    assert _most_case_rows_read_by_one_query(ctx.captured_queries) <= named.count() + 100


def _heap_rows_read(node: dict) -> int:
    """Rows the plan's scans of casework_case fetched from the table (not from an index alone),
    over all loops."""
    fetched = 0
    if node.get("Relation Name") == "casework_case":
        loops = node.get("Actual Loops", 1)
        if node["Node Type"] == "Index Only Scan":
            fetched += node.get("Heap Fetches", 0)
        else:
            fetched += (node.get("Actual Rows", 0) + node.get("Rows Removed by Filter", 0)) * loops
    return fetched + sum(_heap_rows_read(child) for child in node.get("Plans", []))


@pytest.mark.django_db(transaction=True)  # VACUUM sets the visibility map; not in a transaction
@pytest.mark.parametrize("params", [{"assignee": "me"}, {"state": "in_bearbeitung", "team": ""}])
def test_the_inbox_counts_a_caseload_from_the_index_alone(
    client, jobcenter, other_jobcenter, params
):
    """bench/inbox_latency.py at 1 M cases: "mir zugewiesen" took 2.4× its time at 10 k, because
    counting the matches (up to INBOX_COUNT_LIMIT) read every one from the table to check its
    state and protection flag. The work queues' indexes carry both (casework 0012)."""
    staff = _filled(jobcenter, other_jobcenter)
    team = staff.staff_profile.teams.get()
    with connection.cursor() as cur:
        cur.execute(
            "UPDATE casework_case SET assignee_id = %s, team_id = %s "
            "WHERE jobcenter_id = %s AND id %% 5 <> 0",
            [staff.pk, team.pk, jobcenter.pk],
        )
        cur.execute("VACUUM ANALYZE casework_case")
    params = {**params, "team": str(team.pk)} if "team" in params else params
    login_as(client, staff)

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("backoffice:inbox"), params)
    assert response.status_code == 200
    assert response.context["page"].total > 1_000
    [count] = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("SELECT COUNT(*)")]
    with connection.cursor() as cur:
        cur.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + count)
        plan = cur.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    assert _heap_rows_read(plan[0]["Plan"]) == 0, json.dumps(plan, indent=1)[:3000]

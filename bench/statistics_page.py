"""Statistics page latency at 10 k and 1 M cases (P5), on PostgreSQL, through the real server.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/jc_bench_stats \\
        flock /work/bench.lock uv run python bench/statistics_page.py --sizes 10000 1000000

The database named in BENCH_DATABASE_URL is DROPPED and created again (use a scratch name).
Cases and submissions come from bench/inbox_latency.py's ``fill`` (two years, every state,
1 in 7 on paper); this script adds what the statistics read and that fill does not make: the
state events (first "vollständig" 0–39 days after receipt for cases now vollständig or
übergeben, "übergeben" 0–19 days later), an open document request for every 20th open case
(every other one overdue; ids ≡ 3 mod 20, so both Jobcenters get some — the fill gives every
10th id to the other one) and online-form drafts (1 per 100 cases, within the last 30 days),
then VACUUM ANALYZE (as autovacuum would).
Then it rebuilds the monthly summary (timed: the nightly job), starts gunicorn as ``make run``
does and requests the statistics page (default period: 12 months), one CSV export and a
hello-world view over HTTP, ``n`` times each per round in ``--rounds`` interleaved rounds, with
the cookie of a staff member with the role Statistik (TOTP-verified session), and times each
selector in-process. With ``--realistic-backlog`` the largest size is measured once more after
closing every open case older than 90 days (the inbox fill leaves half of two years open: 500 k open
cases, which no Jobcenter has).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from bench.httpserver import load_average  # noqa: E402
from bench.inbox_latency import (  # noqa: E402
    fill,
    measure_over_http,
    recreate_database,
    utc_now,
)


def fill_history(offset_case_id: int) -> None:
    """Events, requests and drafts for the cases with id > ``offset_case_id``."""
    from django.db import connection

    from bench.sqlfill import insert_select
    from jobcenter.casework.models import CaseEvent, DocumentRequest
    from jobcenter.intake.models import Draft

    with connection.cursor() as cur:
        insert_select(
            cur,
            CaseEvent,
            {
                "case_id": "c.id",
                "at": "c.received_at + make_interval(days => (c.id %% 40)::int)",
                "kind": "'state'",
                "from_state": "'in_bearbeitung'",
                "to_state": "'vollstaendig'",
            },
            "FROM casework_case c WHERE c.id > %(o)s AND c.state IN ('vollstaendig', 'uebergeben')",
            {"o": offset_case_id},
        )
        insert_select(
            cur,
            CaseEvent,
            {
                "case_id": "c.id",
                "at": "c.received_at + make_interval(days => (c.id %% 40 + c.id %% 20)::int)",
                "kind": "'state'",
                "from_state": "'vollstaendig'",
                "to_state": "'uebergeben'",
            },
            "FROM casework_case c WHERE c.id > %(o)s AND c.state = 'uebergeben'",
            {"o": offset_case_id},
        )
        insert_select(
            cur,
            DocumentRequest,
            {
                "public_id": "gen_random_uuid()",
                "case_id": "c.id",
                "created_at": "now()",
                "deadline": "current_date + CASE WHEN c.id %% 40 = 3 THEN -10 ELSE 10 END",
                "legal_notice": "'x'",
                "status": "'open'",
            },
            """FROM casework_case c
              WHERE c.id > %(o)s AND c.id %% 20 = 3
                AND c.state NOT IN ('uebergeben', 'zurueckgezogen', 'weitergeleitet')""",
            {"o": offset_case_id},
        )
        insert_select(
            cur,
            Draft,
            {
                "public_id": "gen_random_uuid()",
                "jobcenter_id": "c.jobcenter_id",
                "form_key": "c.form_key",
                "form_version": "'2026-1'",
                "answers": "'{}'::jsonb",
                "pending_input": "'{}'::jsonb",
                "page_revisions": "'{}'::jsonb",
                "revision": "3",
                "current_page": "'person'",
                "session_key": "md5(c.id::text)",
                "created_at": "now() - make_interval(mins => (c.id %% 40000)::int)",
                "updated_at": "now() - make_interval(mins => (c.id %% 40000)::int - 20)",
                "expires_at": "now() + interval '20 days'",
                "submitted_at": "CASE WHEN c.id %% 3 = 0 THEN NULL "
                "ELSE now() - make_interval(mins => (c.id %% 40000)::int - 25) END",
            },
            "FROM casework_case c WHERE c.id > %(o)s AND c.id %% 100 = 7",
            {"o": offset_case_id},
        )
        # What autovacuum does on a live system: statistics and the visibility map (without it
        # the backlog count cannot use an index-only scan right after a bulk load).
        for table in (
            "casework_case",
            "casework_caseevent",
            "casework_documentrequest",
            "intake_draft",
        ):
            cur.execute(f"VACUUM ANALYZE {table}")


def close_old_cases(days: int = 90) -> int:
    """The inbox fill leaves half of two years' cases open; a real backlog is weeks deep.
    Close the open cases older than ``days`` (and answer their requests); returns how many."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            """
            UPDATE casework_documentrequest r SET status = 'answered', answered_at = now()
            FROM casework_case c
            WHERE r.case_id = c.id AND r.status = 'open'
              AND c.received_at < now() - make_interval(days => %(d)s)
        """,
            {"d": days},
        )
        cur.execute(
            """
            UPDATE casework_case SET state = 'uebergeben'
            WHERE received_at < now() - make_interval(days => %(d)s)
              AND state IN ('eingegangen', 'in_bearbeitung', 'unterlagen_angefordert',
                            'vollstaendig')
        """,
            {"d": days},
        )
        closed = cur.rowcount
        for table in ("casework_case", "casework_documentrequest"):
            cur.execute(f"VACUUM ANALYZE {table}")
    return closed


def selector_times(jobcenter) -> str:
    """Milliseconds per selector of the page (second call), to show where the time goes."""
    from jobcenter.reporting import selectors

    first, last = selectors.default_period()
    calls = {
        "channel": lambda: selectors.channel_by_month(jobcenter=jobcenter, first=first, last=last),
        "durations": lambda: selectors.durations_by_month(
            jobcenter=jobcenter, first=first, last=last
        ),
        "backlog": lambda: selectors.backlog(jobcenter=jobcenter),
        "overdue": lambda: selectors.overdue_requests(jobcenter=jobcenter),
        "completion": lambda: selectors.completion(jobcenter=jobcenter),
    }
    parts = []
    for name, call in calls.items():
        call()
        t0 = time.perf_counter()
        call()
        parts.append(f"{name} {(time.perf_counter() - t0) * 1000:.1f} ms")
    return ", ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--n", type=int, default=20, help="requests per endpoint and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument(
        "--realistic-backlog",
        action="store_true",
        help="after the largest size, close cases older than 90 days and measure again",
    )
    args = parser.parse_args()
    started = utc_now()
    url = os.environ.get("BENCH_DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set BENCH_DATABASE_URL to a scratch PostgreSQL database (it is dropped).")
    recreate_database(url)
    tmp = tempfile.mkdtemp(prefix="bench-stats-")
    os.environ.update(
        {"DJANGO_SETTINGS_MODULE": "bench.settings", "VAR_DIR": tmp, "DATABASE_URL": url}
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.db.models import Max
    from django.test import Client
    from tests.accounts.fixtures import login_as, make_staff, make_team

    from jobcenter.accounts.models import Role
    from jobcenter.casework.models import Case
    from jobcenter.reporting.services import summary_rebuild
    from jobcenter.tenants.demo import seed_jobcenters

    call_command("migrate", verbosity=0)
    jobcenter, other = seed_jobcenters()[:2]
    team = make_team(jobcenter, "Leistung 1")
    staff = make_staff(jobcenter, username="bench.stat", teams=[team], roles=[Role.STATISTIK])
    client = Client(HTTP_HOST="localhost")
    login_as(client, staff)

    loaded = 0
    results, notes = [], []
    for size in sorted(args.sizes):
        fill_load = load_average()
        t0 = time.perf_counter()
        last_case = Case.objects.aggregate(m=Max("id"))["m"] or 0
        fill(size - loaded, jobcenter.pk, other.pk, staff.pk, team.pk)
        fill_history(last_case)
        loaded = size
        fill_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        summary_rebuild(jobcenter=jobcenter)
        build_s = time.perf_counter() - t0
        notes.append(
            f"{size:,} cases: filled in {fill_s:.1f} s (load {fill_load} at the start of the "
            f"fill), summary rebuilt (the nightly job, measured Jobcenter = 90 % of the rows) "
            f"in {build_s:.1f} s"
        )
        print(notes[-1], flush=True)
        endpoints = {
            "hello-world GET (baseline)": "/bench/hello/",
            "statistics page (12 months)": "/backoffice/statistik/",
            "CSV export (processing times per form)": (
                "/backoffice/statistik/export/bearbeitung_formular.csv"
            ),
        }
        figures = measure_with_load(client, endpoints, args, size, notes)
        results += [(size, name, f) for name, f in figures.items()]
        notes.append(f"{size:,} cases, selectors: {selector_times(jobcenter)}")
        print(notes[-1], flush=True)
    if args.realistic_backlog:
        size = sorted(args.sizes)[-1]
        closed = close_old_cases()
        label = f"{size:,}, backlog ≤ 90 days"
        open_now = Case.objects.filter(
            jobcenter=jobcenter,
            state__in=["eingegangen", "in_bearbeitung", "unterlagen_angefordert", "vollstaendig"],
        ).count()
        notes.append(
            f"{label}: closed {closed:,} open cases older than 90 days, "
            f"{open_now:,} remain open in the measured Jobcenter"
        )
        figures = measure_with_load(client, endpoints, args, label, notes)
        results += [(label, name, f) for name, f in figures.items()]
        notes.append(f"{label}, selectors: {selector_times(jobcenter)}")
        print(notes[-1], flush=True)

    print(
        f"\n{started} – {utc_now()[11:]}; gunicorn -w {args.workers} (make run's) on "
        f"PostgreSQL, one client, {args.rounds} interleaved rounds of {args.n} requests per "
        "endpoint; the hello-world carries the staff member's session cookie like every page\n"
    )
    for note in notes:
        print(f"- {note}")
    print("\n| cases | endpoint | p50 | p95 (spread) | queries | p95 / hello-world p95 |")
    print("| ---: | --- | ---: | ---: | ---: | ---: |")
    hello = {size: f["p95"] for size, name, f in results if name.startswith("hello")}
    for size, name, f in results:
        rows = size if isinstance(size, str) else f"{size:,}"
        print(
            f"| {rows} | {name} | {f['p50']:.1f} ms | {f['p95']:.1f} ms "
            f"({f['p95_min']:.1f}–{f['p95_max']:.1f}) | {f['queries']} | "
            f"{f['p95'] / hello[size]:.1f}× |"
        )
    print_ratios(results, sorted(args.sizes))


def measure_with_load(client, endpoints, args, label, notes: list[str]) -> dict:
    """The endpoints through gunicorn, with when and under which load (start, after each round)."""
    loads: list[str] = []
    start = utc_now()
    figures = measure_over_http(client, endpoints, args.n, args.rounds, args.workers, loads)
    notes.append(
        f"{label if isinstance(label, str) else f'{label:,}'} cases: measured {start} – "
        f"{utc_now()[11:]}, load average (1 min) {loads[0]} at the start, "
        f"{' → '.join(loads[1:])} after each round"
    )
    print(notes[-1], flush=True)
    return figures


def print_ratios(results, sizes) -> None:
    """p95 and query count at the largest size (and with the realistic backlog) against the
    smallest: the history is read from the monthly summary, so only the live part may grow."""
    if len(sizes) < 2:
        return
    small = sizes[0]
    by = {(s, n): f for s, n, f in results}
    for label in [s for s in dict.fromkeys(s for s, _n, _f in results) if s != small]:
        rows = label if isinstance(label, str) else f"{label:,}"
        print(f"\np95 ratio {rows} / {small:,} cases:\n")
        for name in [n for s, n, _f in results if s == small]:
            big, base = by[(label, name)], by[(small, name)]
            print(
                f"- {name}: {big['p95'] / base['p95']:.2f}×, "
                f"queries {base['queries']} → {big['queries']}"
            )


if __name__ == "__main__":
    main()

"""Back-office inbox and search latency at scale (QUALITY.md P5), on PostgreSQL.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/jc_bench \\
        uv run python bench/inbox_latency.py --sizes 10000 1000000 [--n 30]

The database named in BENCH_DATABASE_URL is DROPPED and created again (use a scratch name).
For each size the script fills the tables with synthetic submissions and their cases in one
``INSERT … SELECT generate_series`` each (90 % in the measured Jobcenter, spread over two years,
1,000 distinct surnames, every state), runs VACUUM ANALYZE, logs a caseworker in (TOTP-verified
session) and starts gunicorn as ``make run`` does (``--workers``). Each endpoint is
then requested over HTTP with the caseworker's session cookie, ``n`` times per round in
``--rounds`` interleaved rounds, one request at a time (the latency a caseworker meets). It
reports the median p50/p95 of the rounds with the p95 spread, the SQL queries per page (counted
once in-process through the same view) and a hello-world view behind the same middleware and
server in the same run.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from html import unescape
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.httpserver import (  # noqa: E402  (the script runs as a file)
    cookie_header,
    free_port,
    interleaved,
    load_average,
    server_env,
    start_gunicorn,
    stop,
    wait_until_up,
)

FIRST = [
    "Kim",
    "Alex",
    "Sam",
    "Jana",
    "Mehmet",
    "Olga",
    "Lukas",
    "Aylin",
    "Piotr",
    "Sofia",
    "Noah",
    "Mia",
    "Emil",
    "Lea",
    "Jonas",
    "Fatma",
    "Tobias",
    "Nele",
    "Ahmad",
    "Greta",
]
HEAD = [
    "Berg",
    "Wald",
    "Schm",
    "Hof",
    "Kle",
    "Bau",
    "Feld",
    "Lind",
    "Wei",
    "Sch",
    "Kr",
    "Ma",
    "Ro",
    "Ha",
    "Ne",
    "Zi",
    "Fr",
    "Ka",
    "Lo",
    "Mu",
    "Ba",
    "Bo",
    "Di",
    "Ed",
    "Fi",
    "Gr",
    "He",
    "Ja",
    "Ko",
    "Le",
    "Mo",
    "No",
    "Pe",
    "Ri",
    "Sa",
    "Te",
    "Ul",
    "Vo",
    "Wo",
    "Ze",
]
TAIL = [
    "mann",
    "er",
    "idt",
    "ner",
    "ke",
    "feld",
    "hoff",
    "inger",
    "ler",
    "rich",
    "ow",
    "ski",
    "berg",
    "bauer",
    "maier",
    "wald",
    "horst",
    "stein",
    "brink",
    "kamp",
    "huber",
    "lein",
    "hagen",
    "rath",
    "mund",
]
STATES = [
    "eingegangen",
    "eingegangen",
    "eingegangen",
    "in_bearbeitung",
    "in_bearbeitung",
    "unterlagen_angefordert",
    "vollstaendig",
    "uebergeben",
    "uebergeben",
    "uebergeben",
    "uebergeben",
    "zurueckgezogen",
]


def _pg_array(values) -> str:
    return "ARRAY[" + ",".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def recreate_database(url: str) -> None:
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def fill(
    size: int, jobcenter_id: int, other_id: int, staff_id: int, team_id: int, *, vacuum=True
) -> None:
    """Append ``size`` submissions and cases (submission ids continue after existing rows).
    ``vacuum=False`` inside a transaction (a test): only ANALYZE then."""
    from django.db import connection

    first, head, tail, states = (
        _pg_array(FIRST),
        _pg_array(HEAD),
        _pg_array(TAIL),
        _pg_array(STATES),
    )
    from bench.sqlfill import insert_select
    from jobcenter.casework.models import Case
    from jobcenter.intake.models import Submission

    with connection.cursor() as cur:
        cur.execute("SELECT coalesce(max(id), 0) FROM intake_submission")
        offset = cur.fetchone()[0]
        insert_select(
            cur,
            Submission,
            {
                "public_id": "gen_random_uuid()",
                # the shape of a real reference (selectors.REFERENCE_RE), unique per row
                "reference": "'BX-' || (2000 + (%(o)s + i) / 1000000)::text || '-' "
                "|| lpad(((%(o)s + i) %% 1000000)::text, 6, '0') || '-0'",
                "jobcenter_id": "CASE WHEN i %% 10 = 0 THEN %(other)s ELSE %(jc)s END",
                "form_key": "CASE WHEN i %% 5 = 0 THEN 'aenderung' ELSE 'wba' END",
                "form_version": "'2026-1'",
                "answers": f"""jsonb_build_object(
                'vorname', ({first})[1 + (i * 7) %% {len(FIRST)}],
                'nachname', ({head})[1 + (i / 3) %% {len(HEAD)}]
                            || ({tail})[1 + (i * 13) %% {len(TAIL)}],
                'geburtsdatum', (date '1960-01-01' + ((i * 7919) %% 16000)::int)::text,
                'bg_nummer', '00100BG' || lpad(((%(o)s + i) %% 9999999)::text, 7, '0'))""",
                "language": "'de'",
                "channel": "CASE WHEN i %% 7 = 0 THEN 'paper' ELSE 'online' END",
                "received_at": "now() - make_interval(secs => ((i::bigint * 6311) %% (730 * 86400))"
                "::float)",
                "draft_public_id": "gen_random_uuid()",
                "identity": "'{}'::jsonb",
            },
            "FROM generate_series(1::bigint, %(n)s::bigint) AS i",
            {"n": size, "o": offset, "jc": jobcenter_id, "other": other_id},
        )
        insert_select(
            cur,
            Case,
            {
                "public_id": "gen_random_uuid()",
                "jobcenter_id": "s.jobcenter_id",
                "submission_id": "s.id",
                "state": f"({states})[1 + s.id %% {len(STATES)}]",
                "team_id": "CASE WHEN s.id %% 3 = 0 THEN %(team)s END",
                # (i %% 10 = 0 went to the other Jobcenter)
                "assignee_id": "CASE WHEN s.id %% 50 = 1 THEN %(staff)s END",
                "is_protected": "s.id %% 1000 = 0",
                "protected_by_hand": "s.id %% 1000 = 0",
                "reference": "s.reference",
                "form_key": "s.form_key",
                "channel": "s.channel",
                "received_at": "s.received_at",
                "first_name": "s.answers->>'vorname'",
                "last_name": "s.answers->>'nachname'",
                "last_name_norm": "lower(s.answers->>'nachname')",
                "birth_date": "(s.answers->>'geburtsdatum')::date",
                "bg_nummer": "s.answers->>'bg_nummer'",
                "known_customer": "s.id %% 2 = 0",
                "created_at": "now()",
                "updated_at": "now()",
                "state_changed_at": "now()",
            },
            "FROM intake_submission s WHERE s.id > %(o)s",
            {"o": offset, "team": team_id, "staff": staff_id},
        )
        # What autovacuum does to a table that grew by inserts: statistics, and the visibility
        # map that lets index-only scans (the surname search, casework 0004) skip the heap.
        for table in ("intake_submission", "casework_case"):
            cur.execute(f"{'VACUUM ANALYZE' if vacuum else 'ANALYZE'} {table}")


ROW_RE = re.compile(r'<tr class="kern-table__row">\s*<td')


def count_queries(client, url: str) -> int:
    """SQL queries of one request, counted in-process through the same view and middleware."""
    from django.db import connection

    assert client.get(url).status_code == 200, url
    # Count with an execute wrapper: the connection is closed after each request, and a new
    # connection clears Django's query log.
    queries = []
    with connection.execute_wrapper(
        lambda execute, sql, *a: (queries.append(sql), execute(sql, *a))[1]
    ):
        client.get(url)
    return len(queries)


def measure_over_http(
    client,
    endpoints: dict[str, str],
    n: int,
    rounds: int,
    workers: int,
    loads: list[str] | None = None,
):
    """Start gunicorn on the filled database and time every endpoint through it (the 1-min load
    average at the start and after each round goes to ``loads``)."""
    port = free_port()
    server = start_gunicorn(server_env(), port, workers=workers)
    if loads is not None:
        loads.append(load_average())
    try:
        wait_until_up(port)
        figures = interleaved(port, cookie_header(client), endpoints, n, rounds, loads)
    finally:
        stop(server)
    for name, path in endpoints.items():
        figures[name]["queries"] = count_queries(client, path)
        figures[name]["shown"] = len(ROW_RE.findall(figures[name].pop("body")))
    return figures


def utc_now() -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())


def print_ratios(results, sizes, target: float = 2.0) -> None:
    """p95 and query count of the largest size against the smallest, per endpoint, and whether
    QUALITY.md P5 holds (p95 ratio ≤ ``target``, the same number of queries)."""
    small, big = sizes[0], sizes[-1]
    by = {(s, n): f for s, n, f in results}
    print(f"\np95 ratio {big:,} / {small:,} rows (target: ≤ {target:g}×, same query count):\n")
    for name in [n for s, n, _f in results if s == small]:
        ratio = by[(big, name)]["p95"] / by[(small, name)]["p95"]
        q_small, q_big = by[(small, name)]["queries"], by[(big, name)]["queries"]
        verdict = "ok" if ratio <= target and q_small == q_big else "MISSED"
        print(f"- {name}: {ratio:.2f}×, queries {q_small} → {q_big} ({verdict})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--n", type=int, default=30, help="requests per endpoint and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    args = parser.parse_args()
    started = utc_now()
    url = os.environ.get("BENCH_DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set BENCH_DATABASE_URL to a scratch PostgreSQL database (it is dropped).")
    recreate_database(url)
    tmp = tempfile.mkdtemp(prefix="bench-inbox-")
    os.environ.update(
        {"DJANGO_SETTINGS_MODULE": "bench.settings", "VAR_DIR": tmp, "DATABASE_URL": url}
    )
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from tests.accounts.fixtures import login_as, make_staff, make_team

    from jobcenter.casework.models import Case
    from jobcenter.casework.selectors import OPEN_STATES
    from jobcenter.tenants.demo import seed_jobcenters

    call_command("migrate", verbosity=0)
    jobcenter, other = seed_jobcenters()[:2]
    team = make_team(jobcenter, "Leistung 1")
    staff = make_staff(jobcenter, username="bench.sb", teams=[team])
    client = Client(HTTP_HOST="localhost")
    login_as(client, staff)

    loaded = 0
    results = []
    notes = []
    sample = None
    for size in sorted(args.sizes):
        fill_load = load_average()
        t0 = time.perf_counter()
        fill(size - loaded, jobcenter.pk, other.pk, staff.pk, team.pk)
        loaded = size
        fill_s = time.perf_counter() - t0
        if sample is None:
            # One case for every size, so that each size shows the same page with more rows
            # behind it; an open one, because the inbox (and so its search) shows open cases
            # unless the caseworker asks for all (a closed sample found nothing at 10 k).
            open_cases = Case.objects.filter(
                jobcenter=jobcenter, state__in=OPEN_STATES, is_protected=False
            ).order_by("id")
            sample = open_cases[open_cases.count() // 3]
        inbox = "/backoffice/posteingang/"
        # Page 21: follow the "next" cursor twenty times (fewer on a small fill), then measure
        # that page.
        deep, page = inbox, 1
        while page < 21:
            html = client.get(deep).content.decode()
            found = re.search(r'href="(\?[^"]*)" rel="next"', html)
            if not found:
                break
            deep, page = inbox + unescape(found.group(1)), page + 1
        endpoints = {
            "hello-world GET (baseline)": "/bench/hello/",
            "inbox, first page (50 rows)": inbox,
            "inbox, page 21 (keyset)": deep,
            "inbox, filter state + team": f"{inbox}?state=in_bearbeitung&team={team.pk}",
            "inbox, filter assigned to me": f"{inbox}?assignee=me",
            "search: surname": f"{inbox}?q={sample.last_name_norm}",
            "search: first + surname": f"{inbox}?q={sample.first_name}+{sample.last_name}",
            "search: reference": f"{inbox}?q={sample.reference}",
            "search: birth date": f"{inbox}?q={sample.birth_date:%d.%m.%Y}",
            "search: BG-Nummer": f"{inbox}?q={sample.bg_nummer}",
            "case page": f"/backoffice/vorgaenge/{sample.public_id}/",
        }
        loads: list[str] = []
        measure_start = utc_now()
        figures = measure_over_http(client, endpoints, args.n, args.rounds, args.workers, loads)
        for name, f in figures.items():
            results.append((size, name, f))
        notes.append(
            f"{size:,} rows: filled in {fill_s:.1f} s (load {fill_load} at the start of the fill)"
            + ("" if page == 21 else f" (only {page} pages: 'page 21' is page {page})")
            + f"; measured {measure_start} – {utc_now()[11:]}, load average (1 min) "
            f"{loads[0]} at the start, {' → '.join(loads[1:])} after each round"
        )
        print(notes[-1], flush=True)

    print(
        f"\n{started} – {utc_now()[11:]}; gunicorn -w {args.workers} (make run's) on "
        f"PostgreSQL, one client, {args.rounds} interleaved rounds of {args.n} requests per "
        "endpoint; the hello-world carries the caseworker's session cookie like every page\n"
    )
    for note in notes:
        print(f"- {note}")
    print()
    print("| rows | endpoint | p50 | p95 (spread) | queries | rows shown | p95 / hello-world p95 |")
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    hello = {size: f["p95"] for size, name, f in results if name.startswith("hello")}
    for size, name, f in results:
        print(
            f"| {size:,} | {name} | {f['p50']:.1f} ms | {f['p95']:.1f} ms "
            f"({f['p95_min']:.1f}–{f['p95_max']:.1f}) | {f['queries']} | {f['shown']} | "
            f"{f['p95'] / hello[size]:.1f}× |"
        )
    sizes = sorted(args.sizes)
    if len(sizes) > 1:
        print_ratios(results, sizes)


if __name__ == "__main__":
    main()

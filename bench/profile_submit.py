"""Where a final submit's time goes, independent of the machine's load.

    uv run python bench/profile_submit.py [--n 30] [--profile cprofile|pyinstrument|none]
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/jc_bench_profile \\
        uv run python bench/profile_submit.py --db postgres

The PostgreSQL database named in BENCH_DATABASE_URL is DROPPED and created again.

In-process (Django test client, the project's settings and middleware): ``--n`` real submits
("Antrag absenden", CSRF checked) and the receipt page the redirect leads to. For each it
reports the SQL queries (counted with an execute wrapper, listed with ``--queries``) and the
process CPU time per request next to a hello-world in the same process; ``--profile`` prints
the top functions by cumulative time over all submits. CPU time and query counts do not move
with the machine's load the way wall-clock figures do; ``valgrind --tool=callgrind`` over this
script gives instruction counts.
"""

from __future__ import annotations

import argparse
import collections
import os
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUBMIT = "/musterkreis/weiterbewilligung/absenden/"


class QueryLog:
    """Each statement with the process CPU time when it was sent."""

    def __init__(self):
        self.sql: list[str] = []
        self.at: list[float] = []

    def __call__(self, execute, sql, params, many, context):
        self.sql.append(sql)
        self.at.append(time.process_time())
        try:
            return execute(sql, params, many, context)
        finally:
            self.end = time.process_time()

    def held(self, marker: str) -> tuple[int, float]:
        """Statements from the first one containing ``marker`` to the last, and the CPU ms
        spent in between: what runs while the lock that statement takes is held (the draft's
        row lock and SQLite's write lock from ``FOR UPDATE``/``BEGIN``, the reference
        counter's row lock from its statement) until the commit after the last one."""
        first = next((i for i, sql in enumerate(self.sql) if marker in sql), None)
        if first is None:
            return 0, 0.0
        return len(self.sql) - first, (self.end - self.at[first]) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--n", type=int, default=30)
    parser.add_argument("--profile", choices=["cprofile", "none"], default="none")
    parser.add_argument("--queries", action="store_true", help="list the queries of one submit")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument(
        "--sqlite-template",
        help="copy this migrated SQLite file instead of migrating (for runs under valgrind, "
        "where migrating takes minutes); made by --make-template",
    )
    parser.add_argument("--make-template", help="migrate into this SQLite file and stop")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="bench-profile-"))
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    if args.db == "postgres":
        url = os.environ.get("BENCH_DATABASE_URL", "")
        if not url.startswith("postgres"):
            sys.exit("Set BENCH_DATABASE_URL to a scratch PostgreSQL database (it is dropped).")
        from bench.inbox_latency import recreate_database

        recreate_database(url)
    elif args.make_template:
        url = f"sqlite:///{Path(args.make_template).resolve()}"
    else:
        url = f"sqlite:///{tmp / 'db.sqlite3'}"
        if args.sqlite_template:
            shutil.copy(args.sqlite_template, tmp / "db.sqlite3")
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DATABASE_URL": url,
            "VAR_DIR": str(tmp),
            "MEDIA_ROOT": str(tmp / "media"),
            "LOG_LEVEL": "WARNING",
        }
    )
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from tests.forms.answers import WBA_JOB_AND_PERSON
    from tests.intake.factories import make_draft

    from jobcenter.intake.services import DRAFT_OWNER_SESSION_KEY
    from jobcenter.tenants.demo import seed_jobcenters

    if not args.sqlite_template:
        call_command("migrate", verbosity=0)
    if args.make_template:
        return
    jobcenter = seed_jobcenters()[0]
    store = SessionStore()
    store[DRAFT_OWNER_SESSION_KEY] = secrets.token_urlsafe(12)
    store.create()
    token = secrets.token_hex(16)
    client = Client(HTTP_HOST="localhost", enforce_csrf_checks=True)
    client.cookies[settings.SESSION_COOKIE_NAME] = store.session_key
    client.cookies[settings.CSRF_COOKIE_NAME] = token
    drafts = [
        make_draft(
            jobcenter, session_key=store[DRAFT_OWNER_SESSION_KEY], answers=WBA_JOB_AND_PERSON
        )
        for _ in range(args.n + 2)
    ]

    def submit(draft):
        response = client.post(SUBMIT, {"csrfmiddlewaretoken": token, "entwurf": draft.public_id})
        assert response.status_code == 302 and "/eingang/" in response["Location"], response
        return response["Location"]

    def measured(call):
        log = QueryLog()
        t0 = time.process_time()
        with connection.execute_wrapper(log):
            result = call()
        return result, (time.process_time() - t0) * 1000, log

    # Warm-up: templates, definitions, connections.
    for _ in range(20):
        client.get("/bench/hello/")
    location = submit(drafts.pop())
    client.get(location)
    location = submit(drafts.pop())
    client.get(location)

    hello = []
    profiler = None
    if args.profile == "cprofile":
        import cProfile

        profiler = cProfile.Profile()
    submits, pages = [], []
    for draft in drafts:
        if profiler:
            profiler.enable()
        location, ms, log = measured(lambda d=draft: submit(d))
        submits.append((ms, log))
        response, ms, log = measured(lambda loc=location: client.get(loc))
        assert response.status_code == 200
        pages.append((ms, log))
        # The baseline interleaved with the submits, so that a change in load hits both alike.
        hello.append(measured(lambda: client.get("/bench/hello/")))
        if profiler:
            profiler.disable()

    base = statistics.median(ms for _r, ms, _log in hello)
    print(f"\n{args.db}, in-process, {args.n} submits; CPU ms per request (median)\n")
    print("| request | CPU ms | × hello-world | queries |")
    print("| --- | ---: | ---: | ---: |")
    print(f"| hello-world GET, session | {base:.2f} | 1.0× | {len(hello[0][2].sql)} |")
    for name, rows in (("submit POST", submits), ("receipt page GET", pages)):
        ms = statistics.median(m for m, _log in rows)
        counts = collections.Counter(len(log.sql) for _m, log in rows)
        print(f"| {name} | {ms:.2f} | {ms / base:.1f}× | {dict(counts)} |")
    print("\nWhile the submit holds a lock (statements until the commit, CPU ms, median):\n")
    print("| lock | statements | CPU ms | × hello-world |")
    print("| --- | ---: | ---: | ---: |")
    for lock, marker in (
        (
            "draft row lock (PostgreSQL) / write lock (SQLite)",
            "FOR UPDATE" if args.db == "postgres" else "BEGIN",
        ),
        ("reference counter row lock (PostgreSQL)", "intake_referencecounter"),
    ):
        held = [log.held(marker) for _m, log in submits]
        ms = statistics.median(h[1] for h in held)
        count = statistics.median(h[0] for h in held)
        print(f"| {lock} | {count:.0f} | {ms:.2f} | {ms / base:.1f}× |")
    if args.queries:
        for name, rows in (("submit POST", submits), ("receipt page GET", pages)):
            print(f"\n{name}:")
            for sql in rows[-1][1].sql:
                print("  ", sql[:220])
    if profiler:
        import pstats

        print()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    main()

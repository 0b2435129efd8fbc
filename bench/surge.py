"""A surge through the real server: wizard step saves and submissions from 50 concurrent clients.

    uv run python bench/surge.py [--db sqlite|postgres] [--clients 50] [--seconds 180]
        [--rounds 3] [--submit-every 10]
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/jc_bench_surge \\
        uv run python bench/surge.py --db postgres

The PostgreSQL database named in BENCH_DATABASE_URL is DROPPED and created again.

Issue 21's surge (Universal Credit, 2020: ten times the usual rate for days): every client is a
citizen with a session and a draft who saves a wizard step (VÄM "Neue Arbeit", 6 questions:
parse, validate, lock, save, 302) again and again without pause, and every ``--submit-every``
th request sends a complete WBA instead ("Antrag absenden": validate every page, one
transaction, three jobs, 302). Closed loop: ``--clients`` keep-alive connections, each waiting
for its answer before the next request, in two load-generator processes — so the offered rate
is whatever the box serves, far above ten times a single Jobcenter's peak; the achieved rates
are reported.

The server is gunicorn as ``make run`` starts it; the db_worker runs throughout (``make run``
runs it too), rendering the receipts on the same cores. The time is split into ``--rounds``
rounds, each preceded by the baseline: a hello-world GET with the same session cookie from the
same number of clients for ``--hello-seconds``. Reports per kind of request the rate, p50, p95
and errors (any answer but the expected 302/200, or a connection error), and the ratio of the
step save's p95 to the hello-world's p95 (issue 21: at most 3× at 50 clients, 0 errors).
"""

from __future__ import annotations

import argparse
import collections
import http.client
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.httpserver import (  # noqa: E402  (the script runs as a file)
    load_average,
    setup_database,
    start_gunicorn,
    start_worker,
    stop,
    wait_until_up,
)
from bench.server_submit import SUBMIT  # noqa: E402
from bench.wizard_step import STEP, prepare  # noqa: E402

FORM = "application/x-www-form-urlencoded"


def _client(args) -> tuple[dict[str, list[float]], dict[str, int]]:
    """One process of the load generator: its clients, each on its own keep-alive connection."""
    port, clients, seconds, submit_every, hello_only = args
    deadline = time.monotonic() + seconds

    def run(client):
        cookie, step_body, submits = client
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        times: dict[str, list[float]] = {"hello": [], "step": [], "submit": []}
        # What went wrong, per kind of request: the status, or the exception's name.
        errors: dict[str, list[str]] = {"hello": [], "step": [], "submit": []}
        n = 0
        while time.monotonic() < deadline:
            n += 1
            if hello_only:
                kind, method, path, body = "hello", "GET", "/bench/hello/", None
            elif submits and n % submit_every == 0:
                token, draft = submits.pop()
                kind, method, path = "submit", "POST", SUBMIT
                body = f"csrfmiddlewaretoken={token}&entwurf={draft}"
            else:
                kind, method, path, body = "step", "POST", STEP, step_body
            headers = {"Cookie": cookie}
            if body is not None:
                headers["Content-Type"] = FORM
            t0 = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status != (200 if kind == "hello" else 302):
                    errors[kind].append(f"{kind}: status {response.status}")
            except (OSError, http.client.HTTPException) as error:
                errors[kind].append(f"{kind}: {type(error).__name__}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            times[kind].append(time.perf_counter() - t0)
        conn.close()
        return times, errors

    with ThreadPoolExecutor(len(clients)) as pool:
        parts = list(pool.map(run, clients))
    times = {k: [t for ts, _e in parts for t in ts[k]] for k in ("hello", "step", "submit")}
    errors = {k: [x for _t, e in parts for x in e[k]] for k in ("hello", "step", "submit")}
    return times, errors


def load(port, clients, seconds, submit_every, hello_only=False):
    halves = [clients[0::2], clients[1::2]]
    jobs = [(port, half, seconds, submit_every, hello_only) for half in halves if half]
    with ProcessPoolExecutor(len(jobs)) as pool:
        parts = list(pool.map(_client, jobs))
    times = {k: sorted(t for ts, _e in parts for t in ts[k]) for k in ("hello", "step", "submit")}
    errors = {k: [x for _t, e in parts for x in e[k]] for k in ("hello", "step", "submit")}
    return times, errors


def pct(times: list[float], q: float) -> float:
    return times[min(len(times) - 1, int(q * len(times)))] * 1000 if times else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=180, help="surge time in total")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--hello-seconds", type=float, default=10)
    parser.add_argument("--submit-every", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--port", type=int, default=8876)
    args = parser.parse_args()

    _tmp, env, jobcenter = setup_database(args.db, "bench-surge-")
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import connection
    from tests.forms.answers import WBA_JOB_AND_PERSON
    from tests.intake.factories import make_draft

    from jobcenter.intake.services import DRAFT_OWNER_SESSION_KEY

    connection.close()
    server = start_gunicorn(env, args.port, workers=args.workers)
    worker = None
    rounds: list[dict] = []
    loads = [load_average()]
    try:
        wait_until_up(args.port)
        # Each client: a session with a VÄM draft at the step (walked through HTTP), and
        # complete WBA drafts of the same session for its submits.
        per_client = int(args.seconds * 40 / args.submit_every / args.clients) + 5
        clients = []
        for _ in range(args.clients):
            cookie, step_body = prepare(f"http://127.0.0.1:{args.port}")
            parts = dict(p.strip().split("=", 1) for p in cookie.split(";"))
            owner = SessionStore(session_key=parts["sessionid"])[DRAFT_OWNER_SESSION_KEY]
            submits = [
                (
                    parts["csrftoken"],
                    str(
                        make_draft(
                            jobcenter, session_key=owner, answers=WBA_JOB_AND_PERSON
                        ).public_id
                    ),
                )
                for _ in range(per_client)
            ]
            clients.append((cookie, step_body, submits))
        connection.close()
        worker = start_worker(env)  # as `make run` starts it: at the lower CPU priority
        load(args.port, clients[:4], 2, args.submit_every, hello_only=True)  # warm-up
        for _ in range(args.rounds):
            hello, hello_errors = load(
                args.port, clients, args.hello_seconds, args.submit_every, hello_only=True
            )
            surge_seconds = args.seconds / args.rounds
            surge, errors = load(args.port, clients, surge_seconds, args.submit_every)
            rounds.append(
                {
                    "hello": (hello["hello"], hello_errors["hello"], args.hello_seconds),
                    "step": (surge["step"], errors["step"], surge_seconds),
                    "submit": (surge["submit"], errors["submit"], surge_seconds),
                }
            )
            loads.append(load_average())
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=60)
        stop(server)

    print(
        f"\n{args.db}, gunicorn -w {args.workers} (make run's), db_worker "
        f"running, {args.clients} clients (closed loop), {args.rounds} rounds of "
        f"{args.hello_seconds:.0f} s hello-world + {args.seconds / args.rounds:.0f} s surge "
        f"(a submit every {args.submit_every}th request); load average (1 min): "
        f"{' → '.join(loads)}\n"
    )
    print("| request | rate /s (median) | p50 | p95 (median, spread) | errors |")
    print("| --- | ---: | ---: | ---: | ---: |")
    p95s = {}
    for kind, label in (
        ("hello", "hello-world GET, session (baseline)"),
        ("step", "wizard step save (POST, 302)"),
        ("submit", "submit (POST, 302)"),
    ):
        rates = [len(r[kind][0]) / r[kind][2] for r in rounds]
        p50 = statistics.median(pct(r[kind][0], 0.50) for r in rounds)
        p95 = [pct(r[kind][0], 0.95) for r in rounds]
        p95s[kind] = statistics.median(p95)
        errors = sum(len(r[kind][1]) for r in rounds)
        print(
            f"| {label} | {statistics.median(rates):,.1f} | {p50:.0f} ms | "
            f"{p95s[kind]:.0f} ms ({min(p95):.0f}–{max(p95):.0f}) | {errors} |"
        )
    ratio = p95s["step"] / p95s["hello"]
    failed = collections.Counter(
        x for r in rounds for k in ("hello", "step", "submit") for x in r[k][1]
    )
    total_errors = sum(failed.values())
    print(f"\nstep save p95 / hello-world p95 = {ratio:.2f}× (target ≤ 3×); errors: {total_errors}")
    if total_errors:
        print("what failed: " + ", ".join(f"{n}× {what}" for what, n in failed.most_common()))
        sys.exit(f"{total_errors} requests failed")


if __name__ == "__main__":
    main()

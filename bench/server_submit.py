"""Submit and drain through the real server and the real worker, on SQLite or PostgreSQL.

    uv run python bench/server_submit.py [--db sqlite|postgres] [--rounds 3] [--submits 60]
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/jc_bench_submit \\
        uv run python bench/server_submit.py --db postgres

The PostgreSQL database named in BENCH_DATABASE_URL is DROPPED and created again.

One run: a fresh database and the web server exactly as ``make run`` starts it (gunicorn,
``--workers`` sync workers); no worker runs while the web side is measured.
Then, in
``--rounds`` interleaved rounds:

1. hello-world GET without a cookie (no session read: the cheapest request the stack serves),
2. hello-world GET with the citizen's session cookie (one session read, what every citizen
   page pays),
3. the final submit ("Antrag absenden") of ``--submits`` drafts by ``--clients`` concurrent
   keep-alive clients, each a real POST with CSRF cookie and token: validate every page, one
   transaction (reference counter, submission, draft, three jobs), 302,
4. the receipt page each submit redirected to, as the citizen's browser requests it next,
5. the drain: ``--drain-workers`` real ``manage.py db_worker --batch`` processes are started
   and timed until every receipt PDF of the round's submissions is stored and every
   post-submit job is done (receipt, e-mail, handover); a worker's start-up with an empty
   queue, measured once before the rounds, is subtracted (it includes the worker's warm-up:
   WeasyPrint's imports and the fonts, done before the first job). The workers' CPU time
   (``wait4``) gives the CPU per submission (all its jobs) and the submissions per worker
   CPU-second: the figure the load of a shared box does not distort.

Each figure is the median of the rounds with the spread (min–max); ratios are against the
hello-world figures of the same run. For every web measure the gunicorn workers' CPU time
(``/proc/<pid>/stat``) is divided by its requests: the server's CPU milliseconds per request,
which the load distorts far less than the rates (the load generator's CPU is not in it). The
load generator runs on the same machine (Python threads, two processes): on the shared two-core
box compare ratios, not absolute figures.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import os
import secrets
import statistics
import subprocess
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

SUBMIT = "/musterkreis/weiterbewilligung/absenden/"


def peak_rss_mb(pid: int) -> float:
    """Peak resident memory (VmHWM) of a process, MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def wait_cpu(proc: subprocess.Popen) -> float:
    """Wait for ``proc`` to exit and return the CPU time (user + system, s) it used: the
    worker's own cost, which the load of a shared box does not inflate as it does wall time."""
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_utime + usage.ru_stime


def cpu_seconds(pids: list[int]) -> float:
    """CPU time (user + system, s) the processes have used so far (/proc/<pid>/stat)."""
    total = 0.0
    for pid in pids:
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def server_cpu(pids: list[int], requests, measure) -> dict:
    """Run ``measure()`` and add the server's CPU milliseconds per request to its result: what
    the gunicorn workers spent on the requests (parsing, middleware, view, database client,
    template), which the load of a shared box distorts far less than the rate."""
    before = cpu_seconds(pids)
    result = measure()
    result["cpu_ms"] = (cpu_seconds(pids) - before) * 1000 / max(1, requests(result))
    return result


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            pass
    return found


# --- load generator (runs in child processes) ---------------------------------------------------


def _hammer(args) -> tuple[int, list[float], int]:
    """GET ``path`` with ``threads`` keep-alive connections for ``seconds``."""
    port, path, cookie, threads, seconds = args
    deadline = time.monotonic() + seconds

    def one(_):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Cookie": cookie} if cookie else {}
        times, errors = [], 0
        while time.monotonic() < deadline:
            t0 = time.perf_counter()
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            times.append(time.perf_counter() - t0)
            errors += response.status != 200
        conn.close()
        return times, errors

    with ThreadPoolExecutor(threads) as pool:
        parts = list(pool.map(one, range(threads)))
    times = [t for ts, _e in parts for t in ts]
    return len(times), times, sum(e for _t, e in parts)


def hello(port: int, cookie: str, clients: int, seconds: float) -> dict:
    jobs = [(port, "/bench/hello/", cookie, max(1, clients // 2), seconds)] * 2
    with ProcessPoolExecutor(2) as pool:
        parts = list(pool.map(_hammer, jobs))
    times = sorted(t for _n, ts, _e in parts for t in ts)
    return {
        "rate": len(times) / seconds,
        "p95": times[int(0.95 * (len(times) - 1))] * 1000,
        "errors": sum(e for _n, _t, e in parts),
        "requests": len(times),
    }


def _each_once(port: int, items: list, clients: int, send) -> dict:
    """One request per item, ``clients`` keep-alive connections in parallel. ``send(conn,
    item)`` makes the request and returns whether it succeeded and what to keep (or None)."""
    chunks = [items[i::clients] for i in range(clients)]

    def one(chunk):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        times, errors, kept = [], 0, []
        for item in chunk:
            t0 = time.perf_counter()
            ok, keep = send(conn, item)
            times.append(time.perf_counter() - t0)
            errors += not ok
            if keep is not None:
                kept.append(keep)
        conn.close()
        return times, errors, kept

    t0 = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        parts = list(pool.map(one, chunks))
    elapsed = time.perf_counter() - t0
    times = sorted(t for ts, _e, _k in parts for t in ts)
    return {
        "rate": len(items) / elapsed,
        "p95": times[int(0.95 * (len(times) - 1))] * 1000 if times else 0.0,
        "errors": sum(e for _t, e, _k in parts),
        "requests": len(items),
        "kept": [k for _t, _e, ks in parts for k in ks],
    }


def submit_all(port: int, work: list[tuple[str, str, str]], clients: int) -> dict:
    """POST every (cookie, csrf token, draft id) once; ``clients`` connections in parallel.
    Keeps the (cookie, receipt page) each redirect leads to."""

    def send(conn, item):
        cookie, token, draft = item
        conn.request(
            "POST",
            SUBMIT,
            body=f"csrfmiddlewaretoken={token}&entwurf={draft}",
            headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"},
        )
        response = conn.getresponse()
        response.read()
        location = response.getheader("Location") or ""
        ok = response.status == 302 and "/eingang/" in location
        return ok, (cookie, location) if ok else None

    return _each_once(port, work, clients, send)


def receipt_pages(port: int, pages: list[tuple[str, str]], clients: int) -> dict:
    """GET each receipt page a submit redirected to (what the citizen's browser does next),
    with that submit's cookie; ``clients`` connections in parallel."""

    def send(conn, item):
        cookie, location = item
        conn.request("GET", location, headers={"Cookie": cookie})
        response = conn.getresponse()
        response.read()
        return response.status == 200, None

    return _each_once(port, pages, clients, send)


# --- the run ------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--submits", type=int, default=60, help="submissions per round")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=4, help="per hello-world measure")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--drain-workers", type=int, default=1, help="db_worker processes")
    parser.add_argument("--port", type=int, default=8873)
    parser.add_argument(
        "--no-drain", action="store_true", help="measure only the web side (no drain rounds)"
    )
    parser.add_argument(
        "--with-worker",
        action="store_true",
        help="a db_worker runs throughout (it renders the receipts on the same cores while "
        "the submits are measured, as on a one-box installation); implies --no-drain",
    )
    args = parser.parse_args()

    _tmp, env, jobcenter = setup_database(args.db, "bench-submit-")
    from django.conf import settings
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import connection
    from tests.forms.answers import WBA_JOB_AND_PERSON
    from tests.intake.factories import make_draft

    from jobcenter.intake.models import Receipt, Submission, SubmissionJob
    from jobcenter.intake.services import DRAFT_OWNER_SESSION_KEY

    # One citizen session per client, owning that client's drafts; the CSRF secret is the
    # cookie, and the form field may carry it unmasked.
    sessions = []
    for _ in range(args.clients):
        store = SessionStore()
        store[DRAFT_OWNER_SESSION_KEY] = secrets.token_urlsafe(12)
        store.create()
        token = secrets.token_hex(16)
        cookie = (
            f"{settings.SESSION_COOKIE_NAME}={store.session_key}; "
            f"{settings.CSRF_COOKIE_NAME}={token}"
        )
        sessions.append((cookie, token, store[DRAFT_OWNER_SESSION_KEY]))
    work = []
    for i in range(args.rounds * args.submits):
        cookie, token, owner = sessions[i % args.clients]
        draft = make_draft(jobcenter, session_key=owner, answers=WBA_JOB_AND_PERSON)
        work.append((cookie, token, str(draft.public_id)))
    connection.close()

    # The web server as `make run` starts it (Makefile, target run).
    server = start_gunicorn(env, args.port, workers=args.workers)
    worker_cmd = [
        sys.executable,
        "manage.py",
        "db_worker",
        "--batch",
        "--no-startup-delay",
        "--interval",
        "0",
        "-v",
        "0",
    ]

    def start_drainers() -> list[subprocess.Popen]:
        # A fresh `db_worker --batch` per drain: it runs every waiting job, then exits. (Pausing
        # a long-running worker with SIGSTOP could freeze it while it holds the SQLite write
        # lock or a row lock, and stall the web side.)
        return [
            subprocess.Popen(
                worker_cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            for _ in range(args.drain_workers)
        ]

    drainers: list[subprocess.Popen] = []
    worker_rss = 0.0
    results: dict[str, list[dict]] = {}
    loads = [load_average()]
    try:
        wait_until_up(args.port)
        # What a worker's start costs with an empty queue (Django set-up, imports, the first
        # poll); subtracted from each drain, which starts fresh workers. Not needed (nor paid
        # for on a shared box) when only the web side is measured.
        startups, startup_cpus = [], []
        for _ in range(0 if args.no_drain and not args.with_worker else 2):
            t0 = time.perf_counter()
            proc = subprocess.Popen(
                worker_cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            startup_cpus.append(wait_cpu(proc))
            if proc.returncode:
                sys.exit(f"db_worker exited with {proc.returncode}")
            startups.append(time.perf_counter() - t0)
        startup, startup_cpu = min(startups, default=0.0), min(startup_cpus, default=0.0)
        if args.with_worker:
            # As `make run` and production run it, for the whole run: it renders the receipts
            # of the submits on the same cores while they are measured. Started as `make run`
            # starts it (command, own session), so it runs below the web server's CPU priority.
            drainers = [start_worker(env)]
            time.sleep(startup)
        # Warm-up: every gunicorn worker on both paths.
        hello(args.port, "", args.clients, 1)
        hello(args.port, sessions[0][0], args.clients, 1)
        done = 0
        web = children(server.pid)  # the gunicorn workers (the arbiter only supervises)
        # With the worker running: how the cores were shared while the web side was measured.
        cpu_at_start = cpu_seconds(web), cpu_seconds([proc.pid for proc in drainers])

        def measured(name, measure):
            result = server_cpu(web, lambda found: found["requests"], measure)
            results.setdefault(name, []).append(result)
            return result

        for r in range(args.rounds):
            measured(
                "hello-world GET, no session",
                lambda: hello(args.port, "", args.clients, args.seconds),
            )
            measured(
                "hello-world GET, citizen session",
                lambda: hello(args.port, sessions[0][0], args.clients, args.seconds),
            )
            batch = work[r * args.submits : (r + 1) * args.submits]
            sent = measured(
                "submit POST (validate, store, 3 jobs, 302)",
                lambda batch=batch: submit_all(args.port, batch, args.clients),
            )
            measured(
                "receipt page GET (where the submit redirects)",
                lambda sent=sent: receipt_pages(args.port, sent["kept"], args.clients),
            )
            done += len(batch)
            if args.no_drain or args.with_worker:
                loads.append(load_average())
                continue
            t0 = time.perf_counter()
            drainers = start_drainers()
            receipts_at = None
            while True:
                for proc in drainers:
                    with contextlib.suppress(OSError):
                        worker_rss = max(worker_rss, peak_rss_mb(proc.pid))
                receipts = Receipt.objects.count()
                if receipts_at is None and receipts >= done:
                    receipts_at = time.perf_counter() - t0 - startup
                if (
                    receipts_at is not None
                    and not SubmissionJob.objects.exclude(status=SubmissionJob.Status.DONE).exists()
                ):
                    break
                if time.perf_counter() - t0 > 600:
                    sys.exit("the drain did not finish within 10 minutes")
                if all(proc.poll() is not None for proc in drainers):
                    sys.exit("the workers exited before every job was done")
                time.sleep(0.05)
            jobs_at = time.perf_counter() - t0 - startup
            cpu = sum(wait_cpu(proc) for proc in drainers) - startup_cpu * len(drainers)
            connection.close()
            results.setdefault(
                f"drain: receipts stored ({args.drain_workers} db_worker)", []
            ).append({"rate": len(batch) / receipts_at, "p95": None, "errors": 0})
            results.setdefault("drain: every post-submit job done", []).append(
                {"rate": len(batch) / jobs_at, "p95": None, "errors": 0}
            )
            results.setdefault("drain incl. the workers' start-up", []).append(
                {"rate": len(batch) / (jobs_at + startup), "p95": None, "errors": 0}
            )
            results.setdefault(
                "drain: submissions per worker CPU-second (all their jobs)", []
            ).append({"rate": len(batch) / cpu, "p95": None, "errors": 0, "cpu": cpu})
            loads.append(load_average())
        sharing = ""
        if args.with_worker:
            web_cpu = cpu_seconds(web) - cpu_at_start[0]
            worker_cpu = cpu_seconds([proc.pid for proc in drainers]) - cpu_at_start[1]
            sharing = (
                f"db_worker while the web side was measured: {worker_cpu:.1f} s CPU "
                f"({100 * worker_cpu / max(web_cpu, 0.01):.0f} % of the gunicorn workers' "
                f"{web_cpu:.1f} s); receipts stored by the end: {Receipt.objects.count()} of "
                f"{done} (the rest follow)\n\n"
            )
        assert Submission.objects.count() == len(work)
        assert Submission.objects.values("reference").distinct().count() == len(work)
        memory = (
            f"peak RSS: gunicorn workers "
            f"{', '.join(f'{peak_rss_mb(p):.0f}' for p in children(server.pid))} MB; "
            f"db_worker {worker_rss:.0f} MB (start-up {startup:.1f} s, {startup_cpu:.1f} s CPU, "
            "subtracted)"
        )
    finally:
        for proc in drainers:
            if proc.poll() is None:
                proc.terminate()
        stop(server)
        for proc in drainers:
            proc.wait(timeout=20)

    def median(name, key="rate"):
        return statistics.median(r[key] for r in results[name])

    base = {
        "no": median("hello-world GET, no session"),
        "session": median("hello-world GET, citizen session"),
    }
    worker_note = ", a db_worker running throughout" if args.with_worker else ""
    print(
        f"\n{args.db}{worker_note}, gunicorn -w {args.workers} (make run's), "
        f"{args.clients} clients, {args.rounds} interleaved rounds of {args.submits} "
        f"submissions, {args.drain_workers} db_worker; load average (1 min) during the run: "
        f"{' → '.join(loads)}\n"
    )
    print(memory + "\n")
    print(sharing, end="")
    print(
        "| measure | median /s | spread (min–max) | p95 | errors | × hello, no session | "
        "× hello, session | server CPU ms per request |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, runs in results.items():
        rates = [r["rate"] for r in runs]
        p95 = (
            f"{statistics.median(r['p95'] for r in runs):.0f} ms"
            if runs[0]["p95"] is not None
            else "–"
        )
        rate = statistics.median(rates)
        cpus = [r["cpu_ms"] for r in runs if "cpu_ms" in r]
        cpu = f"{statistics.median(cpus):.2f} ({min(cpus):.2f}–{max(cpus):.2f})" if cpus else "–"
        print(
            f"| {name} | {rate:,.1f} | {min(rates):,.1f}–{max(rates):,.1f} | {p95} | "
            f"{sum(r['errors'] for r in runs)} | {rate / base['no']:.3f}× | "
            f"{rate / base['session']:.3f}× | {cpu} |"
        )
    errors = sum(r["errors"] for runs in results.values() for r in runs)
    if errors:
        sys.exit(f"{errors} requests failed")


if __name__ == "__main__":
    main()

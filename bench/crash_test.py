"""Crash test: submissions through the real web server while the web server and the worker are
killed with SIGKILL again and again; then count what was acknowledged, stored and receipted.

    uv run python bench/crash_test.py --database-url postgres://postgres@127.0.0.1:5432/jc_crash
    uv run python bench/crash_test.py --submissions 60 --clients 4   # a short run (SQLite)

The PostgreSQL database named in ``--database-url`` is DROPPED and created again (SQLite: a file
in a temporary directory). Exit status 0 only when every check holds; ``--json`` prints the
figures as one JSON line (the CI-sized test in tests/reliability/test_crash.py reads it).

One run:

1. a fresh database, migrated, the demo Jobcenters, ``--submissions`` WBA drafts owned by
   ``--clients`` citizen sessions (cookie + CSRF token), ready to send;
2. the processes of ``make run``: gunicorn (``--workers`` sync workers) and
   ``manage.py db_worker``; this script restarts whichever dies, as scripts/supervise.py and
   systemd's ``Restart=always`` do;
3. ``--clients`` threads POST "Antrag absenden" for their drafts. A request that fails (the
   connection reset by a kill, a 502/503, a timeout) is sent again, as a citizen would press the
   button again, until it is acknowledged: a 302 to the receipt page ``/eingang/<id>/…``;
4. meanwhile a killer sends SIGKILL at random moments (every ``--kill-every`` seconds on average)
   to one of: a gunicorn worker, the gunicorn master with its workers, the db_worker. With
   ``--min-kills N`` the clients hold back their later submissions until the killer has struck
   often enough (N kills spread over the run), so that a short run on a fast box is still hit
   N times before its last acknowledgement, instead of finishing between two kills;
5. after the last acknowledgement the worker drains the queue; the kills go on for the first
   ``--drain-kills`` seconds of the drain (a worker killed while it renders or sends).

Checks: every acknowledged submission is stored, exactly once (one per draft, and every
acknowledgement of a draft names the same submission); every stored submission has exactly one
receipt with its PDF in storage and every post-submit job done; nothing else was stored.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import random
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUBMIT = "/musterkreis/weiterbewilligung/absenden/"
ACK = re.compile(r"/musterkreis/eingang/([0-9a-f-]{36})/")


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
    return found


class Service:
    """A process group this script keeps running (restarted after it dies)."""

    def __init__(self, name: str, argv: list[str], env: dict, log: Path):
        self.name, self.argv, self.env, self.log = name, argv, env, log
        self.proc: subprocess.Popen | None = None
        self.starts = 0
        self.started_at = 0.0
        self.lock = threading.Lock()

    def ensure(self) -> None:
        with self.lock:
            if self.proc is None or self.proc.poll() is not None:
                if self.proc is not None:
                    self.reap_group()
                with open(self.log, "a") as out:
                    self.proc = subprocess.Popen(
                        self.argv,
                        env=self.env,
                        cwd=ROOT,
                        stdout=out,
                        stderr=out,
                        start_new_session=True,
                    )
                self.starts += 1
                self.started_at = time.monotonic()

    def reap_group(self) -> None:
        # What was left of a killed group (gunicorn workers whose master died) goes too.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signal.SIGKILL)

    def kill(self, pid: int | None = None) -> None:
        with self.lock:
            if self.proc is not None and self.proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid or self.proc.pid, signal.SIGKILL)

    def stop(self) -> None:
        with self.lock:
            if self.proc is not None:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(self.proc.pid, signal.SIGTERM)
                try:
                    self.proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    self.reap_group()
                    self.proc.wait(timeout=10)


def prepare(args, env: dict) -> list[tuple[str, str, str]]:
    """Database, Jobcenters, sessions and drafts; returns (cookie, csrf token, draft id)."""
    os.environ.update(env)
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from tests.forms.answers import WBA_JOB_AND_PERSON
    from tests.intake.factories import make_draft

    from jobcenter.intake.services import DRAFT_OWNER_SESSION_KEY
    from jobcenter.tenants.demo import seed_jobcenters

    call_command("migrate", verbosity=0)
    jobcenter = seed_jobcenters()[0]
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    sessions = []
    for _ in range(args.clients):
        store = store_class()
        store[DRAFT_OWNER_SESSION_KEY] = secrets.token_urlsafe(12)
        store.create()
        token = secrets.token_hex(16)  # the CSRF secret as cookie; the field may carry it unmasked
        cookie = (
            f"{settings.SESSION_COOKIE_NAME}={store.session_key}; "
            f"{settings.CSRF_COOKIE_NAME}={token}"
        )
        sessions.append((cookie, token, store[DRAFT_OWNER_SESSION_KEY]))
    work = []
    for i in range(args.submissions):
        cookie, token, owner = sessions[i % args.clients]
        draft = make_draft(jobcenter, session_key=owner, answers=WBA_JOB_AND_PERSON)
        work.append((cookie, token, str(draft.public_id)))
    connection.close()
    return work


def submit_until_acknowledged(port: int, item, stop: threading.Event, stats: Counter):
    """POST the submit until a 302 to the receipt page; returns the acknowledged submission ids
    (one per acknowledgement: a retry of an acknowledged POST is not sent)."""
    cookie, token, draft = item
    body = f"csrfmiddlewaretoken={token}&entwurf={draft}"
    while not stop.is_set():
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request(
                "POST",
                SUBMIT,
                body=body,
                headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"},
            )
            response = conn.getresponse()
            response.read()
            conn.close()
        except (OSError, http.client.HTTPException):
            stats["connection failed (retried)"] += 1
            time.sleep(0.1)
            continue
        found = ACK.search(response.getheader("Location") or "")
        if response.status == 302 and found:
            stats["acknowledged"] += 1
            return draft, found.group(1)
        stats[f"HTTP {response.status} (retried)"] += 1
        time.sleep(0.2)
    return draft, None


def killer(
    services: dict[str, Service],
    port: int,
    every: float,
    stop: threading.Event,
    kills: Counter,
    kill_log: list,
):
    rng = random.Random()
    while not stop.wait(rng.expovariate(1 / every)):
        # Kills hit a server that serves (on a slow box a restart takes seconds: killing it
        # again while it boots would only measure the boot) and a worker that has had time to
        # take a job.
        while not stop.is_set() and not is_up(port):
            time.sleep(0.2)
        what = rng.choice(["web worker", "web server", "db_worker", "db_worker"])
        if what == "db_worker" and time.monotonic() - services["worker"].started_at < 3:
            continue
        if what == "web worker":
            master = services["web"].proc
            workers = children(master.pid) if master else []
            if not workers:
                continue
            services["web"].kill(rng.choice(workers))
        elif what == "web server":
            services["web"].kill()
        else:
            services["worker"].kill()
        kills[what] += 1
        kill_log.append(what)  # read by the clients' gate (a list append is atomic)


def kills_needed_before(index: int, submissions: int, min_kills: int) -> int:
    """How many kills must have happened before submission ``index`` is sent: the minimum spread
    evenly over the run, all of them before the last submission."""
    return min(min_kills, index * (min_kills + 1) // submissions)


def wait_for_kills(needed: int, kill_log: list, stop: threading.Event) -> None:
    while len(kill_log) < needed and not stop.is_set():
        time.sleep(0.05)


def verify(acks: list[tuple[str, str | None]]) -> dict:
    from django.db import connection

    from jobcenter.intake.models import Receipt, Submission, SubmissionJob

    connection.close()
    acknowledged: dict[str, set[str]] = defaultdict(set)
    for draft, submission in acks:
        if submission:
            acknowledged[draft].add(submission)
    stored = list(Submission.objects.values_list("public_id", "draft_public_id"))
    per_draft = Counter(str(d) for _s, d in stored)
    stored_ids = {str(s) for s, _d in stored}
    receipts = Counter(
        str(s) for s in Receipt.objects.values_list("submission__public_id", flat=True)
    )
    missing_pdf = sum(
        1
        for r in Receipt.objects.only("file")
        if not r.file or not r.file.storage.exists(r.file.name)
    )
    return {
        "acknowledged": len(acknowledged),
        "acknowledged with two different submissions": sum(
            1 for ids in acknowledged.values() if len(ids) > 1
        ),
        "acknowledged but not stored": sum(
            1 for ids in acknowledged.values() if not ids <= stored_ids
        ),
        "stored": len(stored),
        "duplicates (drafts stored more than once)": sum(1 for n in per_draft.values() if n > 1),
        "stored but never acknowledged": sum(1 for d in per_draft if d not in acknowledged),
        "receipts": sum(receipts.values()),
        "submissions without receipt": sum(1 for s in stored_ids if s not in receipts),
        "submissions with more than one receipt": sum(1 for n in receipts.values() if n > 1),
        "receipts without PDF in storage": missing_pdf,
        "post-submit jobs not done": SubmissionJob.objects.exclude(
            status=SubmissionJob.Status.DONE
        ).count(),
    }


def is_up(port: int) -> bool:
    with contextlib.suppress(OSError, http.client.HTTPException):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        conn.request("GET", "/healthz")
        return conn.getresponse().status == 200
    return False


def wait_until_up(port: int, web: Service, deadline: float) -> None:
    while time.monotonic() < deadline:
        web.ensure()
        if is_up(port):
            return
        time.sleep(0.3)
    raise SystemExit("the web server did not come up")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--submissions", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--kill-every", type=float, default=3.0, help="mean seconds between kills")
    parser.add_argument("--database-url", default="", help="PostgreSQL (dropped!); else SQLite")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--port", type=int, default=8874)
    parser.add_argument("--submit-timeout", type=float, default=1800)
    parser.add_argument("--lease", type=int, default=20, help="INTAKE_JOB_LEASE_SECONDS")
    parser.add_argument("--drain-timeout", type=float, default=600)
    parser.add_argument(
        "--drain-kills", type=float, default=20, help="seconds of kills during the drain"
    )
    parser.add_argument(
        "--min-kills",
        type=int,
        default=0,
        help="hold submissions back until this many kills have happened, spread over the run",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON line")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="crash-test-"))
    url = args.database_url
    if url.startswith("postgres"):
        sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
        from bench.inbox_latency import recreate_database

        recreate_database(url)
    else:
        url = f"sqlite:///{tmp / 'db.sqlite3'}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "jobcenter.config.settings",
        "DATABASE_URL": url,
        "VAR_DIR": str(tmp),
        "MEDIA_ROOT": str(tmp / "media"),
        "EMAIL_HOST": "",
        # A job held by a killed worker runs again when its lease has expired and the sweeper
        # has re-queued it (production: 10 minutes, sweeper every 5); shorter here.
        "INTAKE_JOB_LEASE_SECONDS": str(args.lease),
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    }
    work = prepare(args, env)
    python = sys.executable
    services = {
        "web": Service(
            "web",
            [
                *(python, "-m", "gunicorn", "-c", "src/jobcenter/config/gunicorn.py"),
                "jobcenter.config.wsgi:application",
                *("-b", f"127.0.0.1:{args.port}", "-w", str(args.workers)),
            ],
            env,
            tmp / "web.log",
        ),
        "worker": Service(
            "worker",
            [python, "manage.py", "db_worker", "--interval", "0.5", "-v", "0"],
            env,
            tmp / "worker.log",
        ),
    }
    stop_kills, stop_clients = threading.Event(), threading.Event()

    def terminated(*_):
        # SIGTERM (a timeout of the caller) stops the clients, then the services in `finally`:
        # they run in sessions of their own and would outlive this script.
        stop_kills.set()
        stop_clients.set()
        sys.exit("terminated")

    signal.signal(signal.SIGTERM, terminated)
    kills: Counter = Counter()
    kill_log: list = []
    stats: Counter = Counter()
    started = time.monotonic()
    acks: list = []
    try:
        wait_until_up(args.port, services["web"], time.monotonic() + 120)
        services["worker"].ensure()

        def supervise():
            last = time.monotonic()
            while not stop_clients.is_set():
                for service in services.values():
                    service.ensure()
                if time.monotonic() - last > 10:
                    last = time.monotonic()
                    print(f"{dict(stats)} kills {dict(kills)}", file=sys.stderr, flush=True)
                time.sleep(0.2)

        threading.Thread(target=supervise, daemon=True).start()
        # A submission that is never acknowledged must end the run (as a failure), not hang it.
        watchdog = threading.Timer(args.submit_timeout, stop_clients.set)
        watchdog.daemon = True
        watchdog.start()
        threading.Thread(
            target=killer,
            args=(services, args.port, args.kill_every, stop_kills, kills, kill_log),
            daemon=True,
        ).start()

        def send(numbered):
            index, item = numbered
            needed = kills_needed_before(index, len(work), args.min_kills)
            wait_for_kills(needed, kill_log, stop_clients)
            return submit_until_acknowledged(args.port, item, stop_clients, stats)

        with ThreadPoolExecutor(args.clients) as pool:
            acks = list(pool.map(send, enumerate(work)))
        submitted_in = time.monotonic() - started
        watchdog.cancel()
        print(f"submitted: {dict(stats)}; kills: {dict(kills)}", file=sys.stderr, flush=True)
        from jobcenter.intake.models import Receipt, Submission, SubmissionJob

        # The kills go on into the drain for a while (the worker killed mid-job), then stop.
        kills_end = time.monotonic() + args.drain_kills
        drain_deadline = time.monotonic() + args.drain_timeout
        next_sweep = time.monotonic()
        while time.monotonic() < drain_deadline:
            if time.monotonic() > kills_end:
                stop_kills.set()
            services["worker"].ensure()
            if time.monotonic() > next_sweep:
                next_sweep = time.monotonic() + args.lease / 2
                subprocess.run(  # the sweeper of `make run` (every 300 s there)
                    [python, "manage.py", "sweep_submission_jobs"],
                    env=env,
                    cwd=ROOT,
                    capture_output=True,
                    check=False,
                )
            if (
                Receipt.objects.count() >= Submission.objects.count()
                and not SubmissionJob.objects.exclude(status=SubmissionJob.Status.DONE).exists()
            ):
                break
            time.sleep(0.5)
        stop_kills.set()
        drained_in = time.monotonic() - started - submitted_in
        figures = verify(acks)
    finally:
        stop_kills.set()
        stop_clients.set()
        for service in services.values():
            service.stop()
    failures = {
        k: v
        for k, v in figures.items()
        if k not in ("acknowledged", "stored", "receipts") and v != 0
    }
    if figures["acknowledged"] != args.submissions or figures["receipts"] != figures["stored"]:
        failures["not every submission acknowledged and receipted"] = 1
    result = {
        "database": "postgresql" if url.startswith("postgres") else "sqlite",
        "submissions": args.submissions,
        "clients": args.clients,
        "kills": dict(kills),
        "restarts": {name: s.starts - 1 for name, s in services.items()},
        "requests": dict(stats),
        "figures": figures,
        "submitted in s": round(submitted_in, 1),
        "drained in s": round(drained_in, 1),
        "ok": not failures,
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(json.dumps(result, indent=2))
        print("PASS" if not failures else f"FAIL: {failures}\nlogs: {tmp}")
    sys.exit(0 if not failures else 1)


if __name__ == "__main__":
    main()

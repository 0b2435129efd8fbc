"""The web server as ``make run`` and production start it, for benchmarks that measure through HTTP.

A benchmark that calls views through Django's test client leaves out what users meet: the WSGI
server, the socket, the request parsing and the threads competing for the cores. These helpers
start gunicorn with the Makefile's arguments on the benchmark's database and time requests over
a keep-alive connection.
"""

from __future__ import annotations

import http.client
import os
import re
import shlex
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(**overrides: str) -> dict[str, str]:
    """The environment of the benchmark process (its DATABASE_URL, VAR_DIR …) for a server."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "src")]),
        **overrides,
    }


def setup_database(db: str, prefix: str):
    """The benchmark's scratch database, as the served site will use it: SQLite in a new temporary
    folder, or the PostgreSQL database of ``BENCH_DATABASE_URL`` (dropped and created again);
    Django set up in this process with the server's settings, migrated, the demo Jobcenters
    seeded. Returns the folder, the server's environment and the first Jobcenter."""
    tmp = Path(tempfile.mkdtemp(prefix=prefix))
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    if db == "postgres":
        url = os.environ.get("BENCH_DATABASE_URL", "")
        if not url.startswith("postgres"):
            sys.exit("Set BENCH_DATABASE_URL to a scratch PostgreSQL database (it is dropped).")
        from bench.inbox_latency import recreate_database

        recreate_database(url)
    else:
        url = f"sqlite:///{tmp / 'db.sqlite3'}"
    env = server_env(DATABASE_URL=url, VAR_DIR=str(tmp), MEDIA_ROOT=str(tmp / "media"))
    os.environ.update(
        {k: env[k] for k in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "VAR_DIR", "MEDIA_ROOT")}
    )
    # Imported here, not at the top: Django and the project load only once the settings above
    # are in the environment.
    import django

    django.setup()
    from django.core.management import call_command

    from jobcenter.tenants.demo import seed_jobcenters

    call_command("migrate", verbosity=0)
    return tmp, env, seed_jobcenters()[0]


def makefile_service(name: str, **values: object) -> list[str]:
    """The command of the Makefile's ``run`` target for the supervised service ``name`` ("web",
    "worker"), its make variables filled in from ``values`` (``{python}``: this interpreter)."""
    makefile = (ROOT / "Makefile").read_text().replace("\\\n", " ")
    command = re.search(rf'--service {name} "([^"]+)"', makefile).group(1)
    command = re.sub(r"\$\((\w+)\)", lambda m: str(values[m.group(1)]), command)
    return [part.replace("{python}", sys.executable) for part in shlex.split(command)]


def start_gunicorn(env: dict, port: int, *, workers: int = 2) -> subprocess.Popen:
    """gunicorn exactly as the Makefile's ``run`` target starts it (its command, sync workers,
    config/gunicorn.py), with the benchmark URLconf (hello-world) in place of the project's."""
    command = makefile_service("web", HOST="127.0.0.1", PORT=port, WEB_WORKERS=workers)
    app = command.index("jobcenter.config.wsgi:application")
    command[app] = "bench.wsgi:application"
    return subprocess.Popen(
        [*command, "--log-level", "warning"], env=env, cwd=ROOT, start_new_session=True
    )


def start_worker(env: dict) -> subprocess.Popen:
    """The background worker exactly as the Makefile's ``run`` target starts it: its command, in a
    session of its own (scripts/supervise.py; systemd does the same), where it lowers its CPU
    priority below the web server's (``WORKER_NICE``, jobcenter.core.priority)."""
    return subprocess.Popen(
        [*makefile_service("worker"), "-v", "0"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def wait_until_up(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/bench/hello/")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            sys.exit("the server did not come up")
        time.sleep(0.3)


def stop(process: subprocess.Popen) -> None:
    """Stop the server and its workers (it runs in a process group of its own)."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def cookie_header(client) -> str:
    """The cookies of a Django test client (e.g. a logged-in staff session) as a header."""
    return "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items())


def get_times(port: int, path: str, cookie: str, n: int) -> tuple[list[float], str]:
    """``n`` sequential GETs on one keep-alive connection: milliseconds each, and the last body.

    One client at a time: the figure is the latency a caseworker meets on an otherwise idle
    server, which is what the P5 targets are about."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Cookie": cookie, "Host": "localhost"}
    times, body = [], ""
    for _ in range(n):
        t0 = time.perf_counter()
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        raw = response.read()
        times.append((time.perf_counter() - t0) * 1000)
        if response.status != 200:
            raise SystemExit(f"GET {path} answered {response.status}")
        body = raw.decode("utf-8", "replace")
    conn.close()
    return times, body


def p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.95 * len(ordered)) - 1)]


def interleaved(
    port: int,
    cookie: str,
    endpoints: dict[str, str],
    n: int,
    rounds: int,
    loads: list[str] | None = None,
) -> dict:
    """Each endpoint ``n`` times per round, rounds interleaved so that a change in the machine's
    load hits every endpoint alike. Returns per endpoint the median of the rounds' p50 and p95
    and the spread (min–max) of the p95. The 1-min load average after each round is appended to
    ``loads`` (the load *during* the measurement, which the figures must be read against)."""
    per_round: dict[str, list[tuple[float, float]]] = {name: [] for name in endpoints}
    bodies: dict[str, str] = {}
    for path in endpoints.values():  # warm-up: every gunicorn worker, every page's templates
        get_times(port, path, cookie, 4)
    for _ in range(rounds):
        for name, path in endpoints.items():
            times, bodies[name] = get_times(port, path, cookie, n)
            per_round[name].append((statistics.median(times), p95(times)))
        if loads is not None:
            loads.append(load_average())
    return {
        name: {
            "p50": statistics.median(p50 for p50, _ in rounds_),
            "p95": statistics.median(p for _, p in rounds_),
            "p95_min": min(p for _, p in rounds_),
            "p95_max": max(p for _, p in rounds_),
            "body": bodies[name],
        }
        for name, rounds_ in per_round.items()
    }


def load_average() -> str:
    return Path("/proc/loadavg").read_text().split()[0]

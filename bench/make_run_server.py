"""``make run``'s web server against plain gunicorn with 2 workers, side by side in one run.

    uv run python bench/make_run_server.py [--db sqlite|postgres] [--rounds 5] [--seconds 5]
        [--clients 8]

Issue 21: the server ``make run`` starts must be within 10 % of gunicorn with 2 workers on the
same code and database. The web command is read from the Makefile's ``run`` target (the
``--service web "…"`` line, with its default ``WEB_WORKERS`` = the number of cores) and started
under ``scripts/supervise.py`` as ``make run`` does; the other is ``gunicorn -w 2`` (sync
workers, gunicorn's defaults otherwise). Both serve the same fresh database (SQLite by default)
with the benchmark URLconf (``bench.settings``). In ``--rounds`` interleaved rounds each server
answers a hello-world GET (citizen session cookie) and the wizard step GET (VÄM "Neue Arbeit",
6 questions, the draft's session) for ``--seconds`` from ``--clients`` keep-alive connections
(``wrk``); reported: the median rate and p99 per server and endpoint and the ratio
make run / gunicorn -w 2.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.httpserver import (  # noqa: E402  (the script runs as a file)
    free_port,
    load_average,
    setup_database,
    stop,
    wait_until_up,
)
from bench.wizard_step import STEP, prepare, wrk  # noqa: E402


def make_run_web_command(port: int) -> list[str]:
    """The web service of the Makefile's ``run`` target, with its variables filled in."""
    makefile = (ROOT / "Makefile").read_text()
    command = re.search(r'--service web "([^"]+)"', makefile.replace("\\\n", " ")).group(1)
    values = {
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WEB_WORKERS": str(os.cpu_count() or 2),
    }
    command = re.sub(r"\$\((\w+)\)", lambda m: values[m.group(1)], command)
    # The benchmark URLconf (hello-world) instead of the project's; everything else as written.
    command = command.replace("jobcenter.config.wsgi:application", "bench.wsgi:application")
    return [
        sys.executable,
        "scripts/supervise.py",
        "--service",
        "web",
        " ".join(shlex.split(command)) + " --log-level warning",
    ]


def gunicorn_two_workers(port: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "bench.wsgi:application",
        "-b",
        f"127.0.0.1:{port}",
        "-w",
        "2",
        "--log-level",
        "warning",
    ]


def hammer(port: int, path: str, cookie: str, clients: int, seconds: int) -> dict:
    """``clients`` keep-alive connections GET ``path`` back to back for ``seconds`` (wrk, one
    thread: a load generator in C leaves the two cores to the servers; a Python one took a
    core of its own and made the servers' latency per request weigh more than their rate)."""
    result = wrk(f"http://127.0.0.1:{port}{path}", seconds, clients, threads=1, cookie=cookie)
    socket_errors = sum(map(int, re.findall(r"\d+", result["socket_errors"])))
    return {
        "rate": result["rps"],
        "p99": result["p99_ms"],
        "errors": result["errors"] + socket_errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=5, help="per endpoint, server and round")
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()

    _tmp, env, _jobcenter = setup_database(args.db, "bench-makerun-")
    from django.db import connection

    connection.close()

    ports = {"make run": free_port(), "gunicorn -w 2": free_port()}
    commands = {
        "make run": make_run_web_command(ports["make run"]),
        "gunicorn -w 2": gunicorn_two_workers(ports["gunicorn -w 2"]),
    }
    servers = {
        name: subprocess.Popen(cmd, env=env, cwd=ROOT, start_new_session=True)
        for name, cmd in commands.items()
    }
    results: dict[tuple[str, str], list[dict]] = {}
    loads = [load_average()]
    try:
        for port in ports.values():
            wait_until_up(port)
        # One citizen (session + draft at the step) per server: the same kind of request.
        cookies = {name: prepare(f"http://127.0.0.1:{port}")[0] for name, port in ports.items()}
        endpoints = {"hello-world GET, session": "/bench/hello/", "wizard step GET": STEP}
        for name, port in ports.items():  # warm-up
            for path in endpoints.values():
                hammer(port, path, cookies[name], args.clients, 1)
        for _ in range(args.rounds):
            for label, path in endpoints.items():
                for name, port in ports.items():
                    results.setdefault((label, name), []).append(
                        hammer(port, path, cookies[name], args.clients, args.seconds)
                    )
            loads.append(load_average())
    finally:
        for server in servers.values():
            stop(server)

    print(
        f"\n{args.db}, {args.clients} keep-alive clients, {args.rounds} interleaved rounds of "
        f"{args.seconds:g} s per endpoint and server (wrk); "
        f"load average (1 min): {' → '.join(loads)}\n"
    )
    for name, cmd in commands.items():
        print(f"- {name}: `{' '.join(cmd[1:])}`")
    print("\n| endpoint | server | median /s | spread | p99 | errors | × gunicorn -w 2 |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    worst = None
    for label in endpoints:
        base = statistics.median(r["rate"] for r in results[(label, "gunicorn -w 2")])
        for name in ports:
            runs = results[(label, name)]
            rate = statistics.median(r["rate"] for r in runs)
            p99 = statistics.median(r["p99"] for r in runs)
            rates = [r["rate"] for r in runs]
            print(
                f"| {label} | {name} | {rate:,.0f} | {min(rates):,.0f}–{max(rates):,.0f} | "
                f"{p99:.0f} ms | {sum(r['errors'] for r in runs)} | {rate / base:.2f}× |"
            )
            if name == "make run":
                worst = min(worst or 9, rate / base)
    print(f"\nmake run / gunicorn -w 2, lowest of the endpoints: {worst:.2f}× (target ≥ 0.90×)")


if __name__ == "__main__":
    main()

"""A small process supervisor for ``make run``: long-running services are restarted when they
die, periodic commands run every N seconds; Ctrl+C (or SIGTERM) stops everything.

    python scripts/supervise.py \\
        --service web "{python} -m gunicorn jobcenter.config.wsgi:application -b 127.0.0.1:8000" \\
        --service worker "{python} manage.py db_worker" \\
        --every sweep 300 "{python} manage.py sweep_submission_jobs"

``{python}`` stands for the interpreter running this script (the project's virtualenv).
Every start and exit is logged as one ``[supervise] …`` line (the test of ``make run`` reads
them). Production uses systemd units with ``Restart=always`` and timers instead
(docs/OPERATIONS.md); this script gives the demo the same behaviour without them.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shlex
import signal
import subprocess  # nosec B404  # starts our own services
import sys
import time
from dataclasses import dataclass

# A service that dies again within this many seconds of its start counts as crash-looping:
# wait longer before the next start instead of spinning on the two cores.
QUICK_EXIT_SECONDS = 10
BACKOFF_SECONDS = (1, 2, 5, 10, 30)
FIRST_PERIODIC_SECONDS = 10


def log(message: str) -> None:
    print(f"[supervise] {message}", flush=True)


@dataclass
class Child:
    name: str
    argv: list[str]
    every: float = 0  # 0: a service, restarted when it exits; else: run every N seconds
    proc: subprocess.Popen | None = None
    started_at: float = 0.0
    next_start: float = 0.0
    quick_exits: int = 0

    def start(self) -> None:
        # A session of its own: the terminal's Ctrl+C reaches only the supervisor, which then
        # stops every child in order (and a child's children with it, e.g. gunicorn's workers).
        self.proc = subprocess.Popen(self.argv, start_new_session=True)  # noqa: S603  # nosec B603  # our argv
        self.started_at = time.monotonic()
        log(f"{self.name} started (pid {self.proc.pid})")

    def signal(self, sig: int) -> None:
        if self.proc and self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, sig)


def parse(argv: list[str]) -> list[Child]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--service", nargs=2, action="append", default=[], metavar=("NAME", "COMMAND")
    )
    parser.add_argument(
        "--every", nargs=3, action="append", default=[], metavar=("NAME", "SECONDS", "COMMAND")
    )
    args = parser.parse_args(argv)

    def split(command: str) -> list[str]:
        return [part.replace("{python}", sys.executable) for part in shlex.split(command)]

    children = [Child(name, split(command)) for name, command in args.service]
    children += [
        Child(name, split(command), every=float(seconds)) for name, seconds, command in args.every
    ]
    return children


def run(children: list[Child]) -> int:
    stopping = False

    def stop(signum, _frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    now = time.monotonic()
    # Services at once; the periodic commands a few seconds apart, after the services had a
    # head start (on a small box eight interpreters starting together slow the first page).
    periodic = 0
    for child in children:
        child.next_start = now
        if child.every:
            child.next_start = now + FIRST_PERIODIC_SECONDS + 3 * periodic
            periodic += 1
    while not stopping:
        now = time.monotonic()
        for child in children:
            if child.proc is not None:
                code = child.proc.poll()
                if code is None:
                    continue
                ran = now - child.started_at
                child.proc = None
                if child.every:
                    if code:
                        log(f"{child.name} failed (exit {code}); next run in {child.every:.0f} s")
                    child.next_start = child.started_at + child.every
                    continue
                child.quick_exits = child.quick_exits + 1 if ran < QUICK_EXIT_SECONDS else 0
                delay = BACKOFF_SECONDS[min(child.quick_exits, len(BACKOFF_SECONDS) - 1)]
                log(f"{child.name} exited (exit {code}) after {ran:.0f} s; restarting in {delay} s")
                child.next_start = now + delay
            if child.proc is None and now >= child.next_start:
                child.start()
        time.sleep(0.2)

    log("stopping")
    for child in children:
        child.signal(signal.SIGTERM)
    deadline = time.monotonic() + 15
    for child in children:
        while child.proc and child.proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        child.signal(signal.SIGKILL)
    return 0


if __name__ == "__main__":
    sys.exit(run(parse(sys.argv[1:])))

"""The worker yields the cores to citizens' requests: ``manage.py db_worker`` lowers its CPU
priority (``WORKER_NICE``) when it starts; the web server and the other commands keep theirs."""

from __future__ import annotations

import os
import re
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bench.httpserver import makefile_service
from django.core.management import call_command

from jobcenter.core import priority

ROOT = Path(__file__).resolve().parents[2]


def own_nice() -> int:
    return os.getpriority(os.PRIO_PROCESS, 0)


def autogroup_of(pid: int | str) -> int | None:
    try:
        return int(Path(f"/proc/{pid}/autogroup").read_text().split("nice", 1)[1])
    except (OSError, IndexError, ValueError):
        return None


def autogroup_scheduling() -> bool:
    try:
        return Path("/proc/sys/kernel/sched_autogroup_enabled").read_text().strip() == "1"
    except OSError:
        return False


def wait_for_line(proc: subprocess.Popen, pattern: str, timeout: float) -> re.Match:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if found := re.search(pattern, line):
            return found
    raise AssertionError(f"no line matching {pattern!r}")


def test_the_worker_started_as_make_run_starts_it_runs_at_worker_nice(tmp_path):
    """`make run`'s worker service under `make run`'s supervisor (systemd likewise starts it as
    the leader of a session of its own): the worker process, and with autogroup scheduling its
    session's group, run at WORKER_NICE; the supervisor that started it keeps its priority."""
    command = shlex.join(["{python}", *makefile_service("worker")[1:], "-v", "0"])
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "jobcenter.config.settings",
        # No database is needed: the priority is set before the worker's first query (and
        # the worker then waits for a database to appear).
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "VAR_DIR": str(tmp_path),
        "WORKER_NICE": "7",
        "LOG_LEVEL": "ERROR",
    }
    supervisor = subprocess.Popen(
        [sys.executable, "scripts/supervise.py", "--service", "worker", command],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    expected = max(own_nice(), 7)
    try:
        pid = int(wait_for_line(supervisor, r"worker started \(pid (\d+)\)", 60).group(1))
        deadline = time.monotonic() + 120  # Django's set-up on a loaded box
        while os.getpriority(os.PRIO_PROCESS, pid) != expected:
            assert supervisor.poll() is None and time.monotonic() < deadline, (
                f"the worker runs at nice {os.getpriority(os.PRIO_PROCESS, pid)}"
            )
            time.sleep(0.2)
        if autogroup_scheduling() and autogroup_of(pid) is not None:
            deadline = time.monotonic() + 10
            # At least WORKER_NICE: a new session's group starts at nice 0 here, but the test's
            # own group may be unreadable (CI's /proc/self/autogroup was), so it is no reference.
            while (autogroup_of(pid) or 0) < 7:
                assert time.monotonic() < deadline, f"its session: nice {autogroup_of(pid)}"
                time.sleep(0.1)
        assert os.getpriority(os.PRIO_PROCESS, supervisor.pid) == own_nice()
    finally:
        os.killpg(supervisor.pid, signal.SIGTERM)
        try:
            supervisor.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(supervisor.pid, signal.SIGKILL)
            raise


def test_a_web_request_and_other_commands_keep_their_priority(client, db):
    before = own_nice(), autogroup_of("self")
    client.get("/healthz")
    call_command("queue_status")
    assert (own_nice(), autogroup_of("self")) == before


class FakeProcess:
    """os.getpriority/setpriority and the autogroup file of a process, so that the test
    process's own priority is not lowered (an unprivileged process cannot raise it again)."""

    def __init__(self, monkeypatch, tmp_path, *, nice=0, group_nice=0, leader=True):
        self.nice = nice
        self.group = tmp_path / "autogroup"
        self.group.write_text(f"/autogroup-1 nice {group_nice}\n")
        monkeypatch.setattr(priority, "AUTOGROUP", self.group)
        monkeypatch.setattr(priority.os, "getpriority", lambda which, who: self.nice)
        monkeypatch.setattr(priority.os, "setpriority", self.setpriority)
        monkeypatch.setattr(priority, "leads_own_session", lambda: leader)

    def setpriority(self, which, who, nice):
        assert (which, who) == (os.PRIO_PROCESS, 0)
        self.nice = nice

    def group_text(self) -> str:
        return self.group.read_text().strip()


def test_the_worker_and_its_own_session_go_to_the_nice_value(monkeypatch, tmp_path):
    process = FakeProcess(monkeypatch, tmp_path)
    priority.lower_cpu_priority(10)
    assert process.nice == 10
    assert process.group_text() == "10"  # what the kernel reads as the group's new nice value


def test_a_terminal_session_that_started_the_worker_is_left_alone(monkeypatch, tmp_path):
    process = FakeProcess(monkeypatch, tmp_path, leader=False)
    priority.lower_cpu_priority(10)
    assert process.nice == 10
    assert process.group_text() == "/autogroup-1 nice 0"


@pytest.mark.parametrize(("nice", "group_nice"), [(15, 15), (0, 0)])
def test_never_raises_a_priority_nor_touches_it_with_zero(monkeypatch, tmp_path, nice, group_nice):
    process = FakeProcess(monkeypatch, tmp_path, nice=nice, group_nice=group_nice)
    priority.lower_cpu_priority(10 if nice else 0)
    assert process.nice == nice
    assert process.group_text() == f"/autogroup-1 nice {group_nice}"


def test_the_kernels_rate_limit_on_group_changes_is_waited_out(monkeypatch, tmp_path):
    process = FakeProcess(monkeypatch, tmp_path)
    monkeypatch.setattr(priority, "AUTOGROUP_RETRY_SECONDS", 0)
    real_open, refusals = Path.open, []

    def open_(path, mode="r", *args, **kwargs):
        if mode == "w" and len(refusals) < 2:
            refusals.append(path)
            raise BlockingIOError(11, "Resource temporarily unavailable")
        return real_open(path, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_)
    priority.lower_cpu_priority(10)
    assert len(refusals) == 2 and process.group_text() == "10"


def test_worker_nice_outside_0_to_19_is_refused_at_start():
    done = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "jobcenter.config.settings",
            "PYTHONPATH": str(ROOT / "src"),
            "WORKER_NICE": "20",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0 and "WORKER_NICE must be between 0 and 19" in done.stderr

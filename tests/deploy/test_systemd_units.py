"""deploy/systemd/: every unit passes ``systemd-analyze verify``, restarts what must run, and
each timer starts a service that exists and runs commands that exist."""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]
UNITS = ROOT / "deploy" / "systemd"


def _read(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    # Continuation lines ("\\" at the end) belong to the line before.
    parser.read_string(re.sub(r"\\\n\s*", " ", path.read_text()))
    return parser


def test_systemd_analyze_verify_accepts_every_unit(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if not analyze:
        pytest.skip("systemd-analyze is not installed")
    # The units as installed, with this checkout in place of /srv/jobcenter (verify checks
    # that the programs exist) and the example environment file.
    for unit in UNITS.iterdir():
        text = unit.read_text().replace("/srv/jobcenter", str(ROOT))
        text = text.replace(
            "/etc/jobcenter/jobcenter.env", str(ROOT / "deploy/jobcenter.env.example")
        )
        name = unit.name.replace("@.service", "@1.service")
        (tmp_path / name).write_text(text)
    done = subprocess.run(
        [analyze, "verify", "--man=no", *sorted(str(p) for p in tmp_path.iterdir())],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and not done.stderr.strip() and not done.stdout.strip(), (
        done.stdout + done.stderr
    )


def test_long_running_services_are_restarted_whatever_ends_them():
    for name in ("jobcenter-web.service", "jobcenter-worker@.service"):
        unit = _read(UNITS / name)
        assert unit["Service"]["Restart"] == "always"
        assert unit["Unit"]["StartLimitIntervalSec"] == "0"  # never gives up
        assert unit["Service"]["EnvironmentFile"] == "/etc/jobcenter/jobcenter.env"
        assert unit["Service"]["User"] == "jobcenter"


def test_every_timer_starts_its_service_with_existing_commands():
    commands = set(get_commands())
    timers = sorted(UNITS.glob("*.timer"))
    wanted = {
        "shred",
        "remind_document_requests",
        "sweep_submission_jobs",
        "sweep_handover",
        "sweep_emails",
        "sweep_uploads",
        "build_statistics",
        "delete_expired_drafts",
    }
    run = set()
    for timer in timers:
        assert _read(timer)["Timer"]["Persistent"] == "true"
        service = timer.with_suffix(".service")
        assert service.exists(), f"{timer.name} has no {service.name}"
        for line in service.read_text().splitlines():
            if line.startswith("ExecStart="):
                command = line.split("manage.py ", 1)[1].split()[0]
                assert command in commands, f"{service.name}: no command {command}"
                run.add(command)
    assert wanted <= run, f"no timer runs {wanted - run}"


def test_the_web_server_uses_the_configuration_make_run_uses():
    """src/jobcenter/config/gunicorn.py: sync workers that warm up before they serve; no
    --threads, which would turn them into gthread workers."""
    start = _read(UNITS / "jobcenter-web.service")["Service"]["ExecStart"].split()
    assert start[start.index("-c") + 1] == "src/jobcenter/config/gunicorn.py"
    assert (ROOT / "src/jobcenter/config/gunicorn.py").exists()
    assert "--threads" not in start
    makefile = (ROOT / "Makefile").read_text()
    assert "gunicorn -c src/jobcenter/config/gunicorn.py" in makefile


def test_workers_yield_the_cpu_to_the_web_server():
    """Citizens' requests first: the worker's cgroup weighs a tenth of the web server's (which
    keeps systemd's default of 100); the worker also lowers its own nice value (WORKER_NICE)."""
    web = _read(UNITS / "jobcenter-web.service")["Service"]
    worker = _read(UNITS / "jobcenter-worker@.service")["Service"]
    assert "CPUWeight" not in web and "Nice" not in web
    assert int(worker["CPUWeight"]) <= 10

"""Crash test, CI size: submissions through gunicorn on PostgreSQL while the web server and the
worker are killed with SIGKILL again and again (bench/crash_test.py; the 1,000-submission run and
its figures are in docs/OPERATIONS.md). Every acknowledged submission is stored once, none twice,
every one gets exactly one receipt."""

import json
import subprocess
import sys
import uuid

import pytest

from tests.receipts.smtp import free_port
from tests.reliability.pg import ROOT, _admin, server


def test_kill_9_of_web_and_worker_loses_nothing_and_duplicates_nothing():
    params = server()
    try:
        _admin(params).close()
    except Exception as error:
        pytest.skip(f"no PostgreSQL server for the crash test ({type(error).__name__})")
    name = f"jc_crash_{uuid.uuid4().hex[:10]}"
    auth = params["user"] + (f":{params['password']}" if params["password"] else "")
    url = f"postgres://{auth}@{params['host']}:{params['port']}/{name}"
    try:
        run = subprocess.Popen(
            [
                *(sys.executable, "bench/crash_test.py", "--json"),
                *("--database-url", url, "--port", str(free_port())),
                *(
                    "--submissions",
                    "60",
                    "--clients",
                    "4",
                    "--kill-every",
                    "1.5",
                    "--min-kills",
                    "3",
                ),
                *("--drain-kills", "10", "--drain-timeout", "120", "--submit-timeout", "200"),
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            stdout, stderr = run.communicate(timeout=400)
        except subprocess.TimeoutExpired:
            run.terminate()  # the harness stops its web server and worker
            stdout, stderr = run.communicate(timeout=60)
    finally:
        with _admin(params) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    assert stdout.strip(), stderr[-3000:]
    result = json.loads(stdout.strip().splitlines()[-1])
    figures = result["figures"]
    assert sum(result["kills"].values()) >= 3, result
    assert figures["acknowledged"] == figures["stored"] == figures["receipts"] == 60, result
    assert result["ok"], result
    assert run.returncode == 0

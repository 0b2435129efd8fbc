"""Every benchmark under bench/ runs end to end in a tiny configuration, so a schema or URL change
that breaks one fails here instead of on the day someone needs the figures."""

import os
import re
import shutil
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.receipts.smtp import free_port

# Each run takes a free port: a fixed one collides with a parallel run (another checkout's
# suite) or with a server left by a run that was stopped.
ROOT = Path(__file__).resolve().parents[2]
DATABASE_URL = os.environ.get("DATABASE_URL", "")
postgres_only = pytest.mark.skipif(
    not DATABASE_URL.startswith("postgres"),
    reason="PostgreSQL benchmark: runs in the suite's PostgreSQL pass (DATABASE_URL=postgres://…)",
)


def run_bench(script: str, *args: str, env: dict | None = None, timeout: int = 300) -> str:
    result = subprocess.run(
        [sys.executable, f"bench/{script}", *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


@pytest.fixture
def scratch_postgres():
    """A database name of its own (the PostgreSQL benchmarks drop and create it)."""
    import psycopg

    name = f"jc_benchtest_{uuid.uuid4().hex[:10]}"
    url = urlparse(DATABASE_URL)._replace(path=f"/{name}").geturl()
    yield url
    admin = urlparse(DATABASE_URL)._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@postgres_only
def test_inbox_latency_runs(scratch_postgres):
    out = run_bench(
        "inbox_latency.py",
        "--sizes",
        "60",
        "120",
        "--n",
        "2",
        "--rounds",
        "2",
        env={"BENCH_DATABASE_URL": scratch_postgres},
    )
    assert "| 120 | inbox, first page (50 rows) |" in out
    assert "| 120 | case page |" in out
    # What the figures must be read with: when, under which load, and the ratio to the target.
    assert re.search(
        r"120 rows: .* load average \(1 min\) [\d.]+ at the start, [\d.]+ → [\d.]+", out
    )
    assert "p95 ratio 120 / 60 rows (target: ≤ 2×, same query count)" in out
    assert re.search(r"- case page: [\d.]+×, queries (\d+) → \1 \((ok|MISSED)\)", out)


@postgres_only
def test_statistics_page_runs(scratch_postgres):
    out = run_bench(
        "statistics_page.py",
        "--sizes",
        "60",
        "120",
        "--n",
        "2",
        "--rounds",
        "1",
        "--realistic-backlog",
        env={"BENCH_DATABASE_URL": scratch_postgres},
    )
    assert "| 120 | statistics page (12 months) |" in out
    assert "backlog ≤ 90 days | CSV export" in out
    assert re.search(r"120 cases: measured .* load average \(1 min\) [\d.]+ at the start", out)
    assert "p95 ratio 120, backlog ≤ 90 days / 60 cases:" in out
    assert re.search(r"- statistics page \(12 months\): [\d.]+×, queries \d+ → \d+", out)


def test_inprocess_runs():
    out = run_bench("inprocess.py", "--n", "2", "--repeat", "1")
    assert "| wizard step POST (validate + save draft) |" in out
    # Issue 26: medians of interleaved rounds with their spread, not the best of the repeats.
    assert "median of 1 interleaved rounds" in out


@postgres_only
@pytest.mark.skipif(
    not shutil.which("wrk"), reason="wizard_step.py drives wrk (apt-get install wrk)"
)
def test_wizard_step_runs_on_postgres(scratch_postgres):
    out = run_bench(
        "wizard_step.py",
        "--db",
        "postgres",
        "--duration",
        "1",
        "--rounds",
        "1",
        "--port",
        str(free_port()),
        env={"BENCH_DATABASE_URL": scratch_postgres},
    )
    assert "| wizard step POST (validate + save draft) |" in out
    assert "postgres, median" in out


def test_a_new_not_null_column_stops_the_fill_by_name(db):
    """The fill names what it cannot fill instead of failing halfway with an IntegrityError."""
    from bench.sqlfill import SchemaChanged, insert_select
    from django.db import connection

    from jobcenter.casework.models import Case

    with connection.cursor() as cur:
        with pytest.raises(SchemaChanged, match=r"casework_case\.\w+ is NOT NULL"):
            insert_select(cur, Case, {"public_id": "'x'"}, "FROM casework_case", {})
        with pytest.raises(SchemaChanged, match=r"no column\(s\) \['gone'\]"):
            insert_select(cur, Case, {"gone": "1"}, "FROM casework_case", {})


def test_server_submit_runs_on_sqlite():
    out = run_bench(
        "server_submit.py",
        "--rounds",
        "1",
        "--submits",
        "3",
        "--clients",
        "2",
        "--seconds",
        "0.5",
        "--port",
        str(free_port()),
        timeout=600,  # two worker start-ups and a drain: ≈ 45 s of CPU, 5 minutes at load 22
    )
    assert "| submit POST (validate, store, 3 jobs, 302) |" in out
    # Every submit's redirect followed, and the server's CPU per request given.
    assert re.search(r"\| receipt page GET \(where the submit redirects\) \|.* 0 \|", out)
    assert re.search(r"\| hello-world GET, no session \|.*\| \d+\.\d\d \(", out)
    assert "| drain: receipts stored (1 db_worker) |" in out
    assert "| drain: submissions per worker CPU-second (all their jobs) |" in out


@postgres_only
def test_server_submit_runs_on_postgres(scratch_postgres):
    out = run_bench(
        "server_submit.py",
        "--db",
        "postgres",
        "--rounds",
        "1",
        "--submits",
        "3",
        "--clients",
        "2",
        "--seconds",
        "0.5",
        "--port",
        str(free_port()),
        env={"BENCH_DATABASE_URL": scratch_postgres},
    )
    assert "| drain: every post-submit job done |" in out


def test_submit_receipt_runs():
    out = run_bench("submit_receipt.py", "--pdfs", "1", "--rounds", "1")
    assert "| receipt PDF/A-3a (tagged, fonts embedded, 2 attachments) |" in out
    # Issue 26: no in-process submit or drain any more (server_submit.py measures those through
    # the real server and worker).
    assert "worker drain" not in out and "submit POST" not in out


def test_receipt_engines_runs():
    out = run_bench("receipt_engines.py", "--n", "1", "--rounds", "1")
    assert "| weasyprint (as shipped) |" in out
    # Today's receipt is the bar every other engine is checked against: PDF/A-3a, tagged.
    assert re.search(r"\| weasyprint \(as shipped\) \| \d+ \| \d+ kB \| 3a \| yes \|", out)
    assert "antworten.json, antwortschema.json" in out


def test_upload_runs():
    out = run_bench("upload.py", "--n", "1", "--mb", "1")
    assert "normalisation" in out


@pytest.mark.skipif(
    not shutil.which("wrk"), reason="wizard_step.py drives wrk (apt-get install wrk)"
)
def test_wizard_step_runs():
    out = run_bench(
        "wizard_step.py", "--duration", "1", "--rounds", "1", "--port", str(free_port())
    )
    assert "| wizard step POST (validate + save draft) |" in out
    # Issue 26: the baseline with the draft's session, and the ratio to one without it.
    assert "| hello-world GET, no session |" in out
    assert "as make run starts it" in out


def test_server_submit_with_a_worker_running():
    out = run_bench(
        "server_submit.py",
        "--rounds",
        "1",
        "--submits",
        "3",
        "--clients",
        "2",
        "--seconds",
        "0.5",
        "--with-worker",
        "--port",
        str(free_port()),
    )
    assert "a db_worker running throughout" in out
    assert "| submit POST (validate, store, 3 jobs, 302) |" in out


def test_profile_submit_runs():
    out = run_bench("profile_submit.py", "--n", "2", "--queries")
    assert "| submit POST |" in out
    assert "INSERT INTO intake_referencecounter" in out


def test_surge_runs():
    out = run_bench(
        "surge.py",
        "--clients",
        "4",
        "--seconds",
        "3",
        "--rounds",
        "1",
        "--hello-seconds",
        "1",
        "--submit-every",
        "3",
        "--port",
        str(free_port()),
    )
    assert "| wizard step save (POST, 302) |" in out
    assert "errors: 0" in out


def test_make_run_server_runs():
    out = run_bench("make_run_server.py", "--rounds", "1", "--seconds", "1", "--clients", "2")
    # The Makefile's web command was found and started (under the supervisor).
    assert "- make run: `scripts/supervise.py --service web" in out
    assert "| wizard step GET | make run |" in out


def test_generated_requests_runs():
    # One wizard page, one example: the wrapper (pytest run, counting, verdict) stays alive.
    out = run_bench(
        "generated_requests.py",
        *("--examples", "1", "--site-examples", "1", "--api-examples", "1", "--processes", "0"),
        *("--", "-k", "test_upload_forms", "-p", "no:cacheprovider"),
        timeout=900,  # ≈ 25 s of CPU, mostly migrating the test database; minutes on a busy box
    )
    assert "generated requests against 1 targets" in out
    assert "5xx: 0" in out and "PASS" in out


# A script counts as kept alive when a test starts it: run_bench("name.py", …) here, or the
# path "bench/name.py" in a test elsewhere (tests/reliability runs the crash and scale-out tests).
STARTED = re.compile(r'run_bench\(\s*"(\w+\.py)"|"bench/(\w+\.py)"')


def test_every_bench_script_is_run_by_a_test():
    scripts = {
        path.name
        for path in (ROOT / "bench").glob("*.py")
        if 'if __name__ == "__main__":' in path.read_text()
    }
    started = {
        name
        for test in (ROOT / "tests").rglob("test_*.py")
        for match in STARTED.finditer(test.read_text())
        for name in match.groups()
        if name
    }
    assert scripts and scripts <= started, f"no tiny run of: {sorted(scripts - started)}"

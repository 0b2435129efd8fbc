"""The scale-out topology (bench/scaleout.py) in CI size: two app servers behind nginx, two
workers, PostgreSQL, S3 (moto server as the stand-in), SMTP; one app server and one worker are
killed with ``kill -9`` midway. Nothing acknowledged is lost or stored twice, every receipt is
produced once, the uploads are in S3 and the sessions outlive the app server.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.reliability.pg import server

ROOT = Path(__file__).resolve().parents[2]


def test_losing_an_app_server_and_a_worker_midway_loses_nothing():
    assert shutil.which("nginx") or Path("/usr/sbin/nginx").exists(), (
        "nginx is missing: apt-get install nginx-light (see .ci/run)"
    )
    params = server()
    auth = params["user"] + (f":{params['password']}" if params["password"] else "")
    done = subprocess.run(
        [
            sys.executable,
            "bench/scaleout.py",
            "--applications",
            "12",
            "--clients",
            "4",
            "--survivors",
            "3",
            "--drain-timeout",
            "150",
            "--json",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "SCALEOUT_POSTGRES_URL": f"postgres://{auth}@{params['host']}:{params['port']}/postgres",
        },
        capture_output=True,
        text=True,
        timeout=400,
    )
    assert done.stdout.strip(), done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["killed_after"], report
    assert report["problems"] == [] and report["request_errors"] == [], report
    assert report["acknowledged"] == report["submissions"] == 12, report
    assert report["receipts"] == report["receipt_pdfs_in_s3"] == 12, report
    assert report["uploads_in_s3"] >= 12 and report["emails"] >= 12, report
    assert report["sessions_lost_after_kill"] == 0, report
    assert report["metrics_scrape_ok"], report
    assert done.returncode == 0 and report["ok"], report

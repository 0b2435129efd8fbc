"""Fault test: the worker is killed (SIGKILL) while it renders a receipt. After the sweeper and
a restarted worker, exactly one receipt exists (one row, one file) and every job is done."""

import json
import os
import signal
import time

import pytest

pytestmark = pytest.mark.django_db


def test_worker_killed_while_rendering_leaves_exactly_one_receipt(external_db, tmp_path):
    (pk,) = json.loads(external_db.run("seed", "1"))
    external_db.run("submit", str(pk), "0")
    marker = tmp_path / "rendering"
    worker = external_db.proc("slow-worker", str(marker))
    try:
        deadline = time.monotonic() + 90
        while not marker.exists():
            assert worker.poll() is None, worker.communicate()[1]
            assert time.monotonic() < deadline, "worker never reached the receipt"
            time.sleep(0.1)
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(10)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert external_db.sql("SELECT status FROM intake_submissionjob WHERE kind='receipt'") == [
        ["running"]
    ]
    assert external_db.sql("SELECT COUNT(*) FROM intake_receipt") == [[0]]

    # Restart: the sweeper finds the job whose worker died; a worker drains the queue.
    assert "1 job(s) re-queued" in external_db.manage("sweep_submission_jobs", "--expire-leases")
    external_db.manage("db_worker", "--batch", "--no-startup-delay", timeout=180)

    assert external_db.sql("SELECT COUNT(*) FROM intake_receipt") == [[1]]
    assert external_db.sql("SELECT DISTINCT status FROM intake_submissionjob") == [["done"]]
    assert external_db.sql("SELECT attempts FROM intake_submissionjob WHERE kind='receipt'") == [
        [2]
    ]
    files = list(external_db.media.rglob("*.pdf"))
    assert len(files) == 1 and files[0].read_bytes().startswith(b"%PDF")

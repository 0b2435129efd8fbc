"""``manage.py db_worker`` runs the apps' warm-ups once, before it takes its first job."""

import logging

from django_tasks_db.management.commands import db_worker as upstream

from jobcenter.core import jobs as core_jobs
from jobcenter.core.management.commands import db_worker
from jobcenter.core.management.commands.db_worker import ResilientWorker
from jobcenter.intake import jobs as intake_jobs


def _worker() -> ResilientWorker:
    return ResilientWorker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    )


def test_the_worker_warms_up_before_it_takes_its_first_job(monkeypatch):
    """…and then keeps what it loaded out of the garbage collector's rounds (core/heap.py)."""
    events = []
    monkeypatch.setattr(core_jobs, "WORKER_WARM_UPS", [lambda: events.append("warm-up")])
    monkeypatch.setattr(db_worker, "freeze_loaded_objects", lambda: events.append("freeze"))
    monkeypatch.setattr(upstream.Worker, "run", lambda self: events.append("claim and run"))
    _worker().run()
    assert events == ["warm-up", "freeze", "claim and run"]


def test_a_failing_warm_up_is_logged_and_the_worker_still_runs(monkeypatch, caplog):
    def broken():
        raise OSError("no fonts")

    events = []
    monkeypatch.setattr(
        core_jobs, "WORKER_WARM_UPS", [broken, lambda: events.append("second warm-up")]
    )
    monkeypatch.setattr(db_worker, "freeze_loaded_objects", lambda: None)
    monkeypatch.setattr(upstream.Worker, "run", lambda self: events.append("claim and run"))
    with caplog.at_level(logging.ERROR, logger="jobcenter.core.jobs"):
        _worker().run()
    assert events == ["second warm-up", "claim and run"]
    assert "worker warm-up broken failed" in caplog.text


def test_intake_registers_the_receipt_renderers_warm_up():
    assert core_jobs.WORKER_WARM_UPS.count(intake_jobs.receipt_warm_up) == 1

"""Prometheus metrics: the request latency histogram and the queue gauges.

Several gunicorn workers each count their own requests. With ``PROMETHEUS_MULTIPROC_DIR`` set
(an empty folder per start of the web service; the systemd unit uses its RuntimeDirectory)
prometheus_client writes the counts of every process there and a scrape adds them up; without
it the one process answers for itself (``manage.py runserver``, tests). The queue gauges are not
counted at all but read from the database at each scrape (monitoring/queue.py), so every process
reports the same. Labels hold the HTTP method, the URL pattern's name and the status class:
never a path, a query or anything a person typed.
"""

from __future__ import annotations

import logging
import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily

logger = logging.getLogger(__name__)
REQUEST_SECONDS = Histogram(
    "jobcenter_http_request_duration_seconds",
    "Time from the request reaching Django to the response leaving it.",
    ["method", "view", "status"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
)
KNOWN_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


def observe_request(method: str, view: str, status: int, seconds: float) -> None:
    REQUEST_SECONDS.labels(
        method=method if method in KNOWN_METHODS else "other",
        view=view or "unmatched",
        status=f"{status // 100}xx",
    ).observe(seconds)


class QueueCollector:
    """Gauges computed from the database when Prometheus scrapes."""

    def collect(self):
        from django.db import DatabaseError

        # Imported here, not at the top: gunicorn's hooks load this module before Django is set
        # up, and the queue figures read models.
        from jobcenter.monitoring.queue import queue_state

        # The request figures are still worth having while the database is away: then only
        # this gauge says so (alert on it, and on the health check).
        try:
            state = queue_state()
        except DatabaseError as error:
            logger.warning("metrics: database unavailable (%s)", type(error).__name__)
            yield GaugeMetricFamily(
                "jobcenter_database_up", "1 if the queue could be read from the database.", 0
            )
            return
        yield GaugeMetricFamily(
            "jobcenter_database_up", "1 if the queue could be read from the database.", 1
        )
        simple = [
            ("jobcenter_jobs_waiting", "Tasks due and waiting for a worker.", state.waiting),
            ("jobcenter_jobs_running", "Tasks a worker is running.", state.running),
            (
                "jobcenter_jobs_oldest_waiting_seconds",
                "Age of the oldest task that is due and waits for a worker.",
                state.oldest_waiting_seconds,
            ),
            (
                "jobcenter_uploads_waiting_for_scan",
                "Uploaded files in quarantine waiting for the virus scan.",
                state.uploads_waiting_for_scan,
            ),
            (
                "jobcenter_uploads_oldest_waiting_for_scan_seconds",
                "Age of the oldest upload waiting for the virus scan.",
                state.oldest_upload_waiting_seconds,
            ),
        ]
        for name, text, value in simple:
            yield GaugeMetricFamily(name, text, value=value)
        failed = GaugeMetricFamily(
            "jobcenter_jobs_failed",
            "Job rows that gave up after their last attempt (admin: retry them).",
            labels=["job"],
        )
        for label, count in sorted(state.failed_jobs.items()):
            failed.add_metric([label], count)
        yield failed


def multiprocess_dir() -> str:
    return os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")


def exposition() -> tuple[bytes, str]:
    registry = CollectorRegistry(auto_describe=False)
    if multiprocess_dir():
        multiprocess.MultiProcessCollector(registry)
    else:
        registry.register(REGISTRY)
    registry.register(QueueCollector())
    return generate_latest(registry), CONTENT_TYPE_LATEST

"""/metrics: the latency histogram and the queue gauges, only for the monitoring system."""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import timezone

from jobcenter.intake.models import SubmissionJob
from tests.accounts.fixtures import login_as, make_citizen
from tests.documents import corpus
from tests.documents.helpers import post_files, submission_with_documents, upload_url
from tests.intake.factories import make_submission

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def _value(text: str, line_start: str) -> float:
    (line,) = [line for line in text.splitlines() if line.startswith(line_start + " ")]
    return float(line.rsplit(" ", 1)[1])


def test_without_token_or_allowed_address_it_is_not_there(client, settings):
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_IPS = []
    assert client.get("/metrics").status_code == 404
    settings.METRICS_TOKEN = "s3cret-token"
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404
    settings.METRICS_ALLOWED_IPS = ["10.0.0.0/8"]
    assert client.get("/metrics", REMOTE_ADDR="192.0.2.7").status_code == 404


def test_token_or_allowed_network_opens_it(client, settings):
    settings.METRICS_TOKEN = "s3cret-token"
    settings.METRICS_ALLOWED_IPS = ["10.0.0.0/8", "192.0.2.7"]
    ok = client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-token")
    assert ok.status_code == 200 and ok["Content-Type"].startswith("text/plain")
    assert client.get("/metrics", REMOTE_ADDR="10.1.2.3").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="192.0.2.7").status_code == 200


def test_request_latency_is_counted_per_view_without_anything_personal(client, settings, jobcenter):
    settings.METRICS_TOKEN = "t0ken-for-tests"
    client.get("/healthz")
    client.get("/nicht-da/Erika-Mustermann/?iban=DE02120300000000202051")
    body = client.get("/metrics", HTTP_AUTHORIZATION="Bearer t0ken-for-tests").content.decode()
    assert (
        'jobcenter_http_request_duration_seconds_count{method="GET",status="2xx",view="healthz"}'
        in body
    )
    assert 'status="4xx"' in body
    assert "Erika" not in body and "DE02" not in body and "nicht-da" not in body


def test_queue_length_age_failed_jobs_and_uploads_waiting_for_the_scan(
    client, settings, jobcenter, clamd_down, media
):
    settings.METRICS_TOKEN = "t0ken-for-tests"
    first = make_submission(jobcenter)
    make_submission(jobcenter)
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(pk__in=[j.task_id for j in first.jobs.all()]).update(
        enqueued_at=timezone.now() - dt.timedelta(minutes=10)
    )
    SubmissionJob.objects.filter(pk=first.jobs.first().pk).update(status="failed")

    owner = make_citizen()
    with_docs = submission_with_documents(jobcenter, user=owner)
    login_as(client, owner)
    post_files(client, upload_url(with_docs), [("a.jpg", corpus.photo(200, 300), "image/jpeg")])

    body = client.get("/metrics", HTTP_AUTHORIZATION="Bearer t0ken-for-tests").content.decode()
    waiting = DBTaskResult.objects.filter(status="READY").count()
    assert _value(body, "jobcenter_jobs_waiting") == waiting > 0
    assert 590 <= _value(body, "jobcenter_jobs_oldest_waiting_seconds") <= 700
    assert _value(body, 'jobcenter_jobs_failed{job="intake.submissionjob"}') == 1
    assert _value(body, "jobcenter_uploads_waiting_for_scan") == 1
    assert _value(body, "jobcenter_jobs_running") == 0
    assert _value(body, "jobcenter_database_up") == 1


def test_multiprocess_mode_adds_up_the_requests_of_every_gunicorn_worker(tmp_path):
    """Two processes count into PROMETHEUS_MULTIPROC_DIR; a third one's scrape sees both."""
    folder = tmp_path / "prom"
    folder.mkdir()
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(folder)}
    count = (
        "from jobcenter.monitoring.metrics import observe_request\n"
        "observe_request('GET', 'healthz', 200, 0.01)\n"
    )
    for _ in range(2):
        subprocess.run([sys.executable, "-c", count], env=env, check=True, cwd=ROOT / "src")
    scrape = (
        "from prometheus_client import CollectorRegistry, generate_latest, multiprocess\n"
        "r = CollectorRegistry(); multiprocess.MultiProcessCollector(r)\n"
        "print(generate_latest(r).decode())\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", scrape], env=env, check=True, cwd=ROOT / "src", capture_output=True
    ).stdout.decode()
    assert (
        _value(
            out,
            'jobcenter_http_request_duration_seconds_count{method="GET",status="2xx",view="healthz"}',
        )
        == 2
    )

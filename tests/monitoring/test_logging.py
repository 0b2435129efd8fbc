"""Log lines as JSON (LOG_FORMAT=json) with the request id, and nothing about the person."""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jobcenter.monitoring.logging import JsonFormatter, RequestIdFilter
from tests.forms.answers import WBA_JOB_AND_PERSON

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def json_lines():
    """The root logger's lines during the test, formatted as LOG_FORMAT=json formats them."""
    import io

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(
        JsonFormatter("%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s")
    )
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)
    root.setLevel(old_level)


def test_settings_switch_to_json_and_refuse_unknown_formats():
    script = (
        "import django, logging, json; django.setup();"
        "logging.getLogger('jobcenter.x').warning('hallo %s', 1)"
    )
    base = {**os.environ, "DJANGO_SETTINGS_MODULE": "jobcenter.config.settings"}
    done = subprocess.run(
        [sys.executable, "-c", script],
        env={**base, "LOG_FORMAT": "json"},
        cwd=ROOT / "src",
        capture_output=True,
        text=True,
        check=True,
    )
    lines = [json.loads(x) for x in done.stderr.splitlines() if x.startswith("{")]
    (line,) = [x for x in lines if x["logger"] == "jobcenter.x"]
    assert line["message"] == "hallo 1" and line["level"] == "WARNING"
    assert line["logger"] == "jobcenter.x" and line["request_id"] == "-"
    assert line["time"].endswith("+00:00")
    refused = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**base, "LOG_FORMAT": "xml"},
        cwd=ROOT / "src",
        capture_output=True,
        text=True,
    )
    assert refused.returncode != 0 and "LOG_FORMAT" in refused.stderr


def test_every_line_of_a_request_carries_its_id(client, json_lines):
    response = client.get("/gibt-es-nicht/", HTTP_X_REQUEST_ID="proxy-id-12345678")
    assert response.status_code == 404
    assert response["X-Request-ID"] == "proxy-id-12345678"
    lines = [line for line in json_lines() if line["logger"] == "django.request"]
    assert lines and all(line["request_id"] == "proxy-id-12345678" for line in lines)
    odd = client.get("/gibt-es-nicht/", HTTP_X_REQUEST_ID="<script>")
    assert odd["X-Request-ID"] != "<script>" and len(odd["X-Request-ID"]) == 32


def test_a_submission_and_its_jobs_log_nothing_about_the_person(
    client, jobcenter, json_lines, settings
):
    """What the citizen typed (names, birth dates, IBAN, addresses) stays out of the log."""
    from tests.intake.factories import drain, make_submission

    submission = make_submission(jobcenter, answers=WBA_JOB_AND_PERSON)
    drain()
    client.get(f"/{jobcenter.slug}/")
    text = "\n".join(json.dumps(line, ensure_ascii=False) for line in json_lines())
    personal = _leaf_strings(submission.answers)
    assert personal, "the answers hold values to look for"
    leaked = sorted(value for value in personal if value in text)
    assert not leaked, f"personal data in the log: {leaked}"


def _leaf_strings(value) -> set[str]:
    """Typed-in values worth looking for: text longer than a yes/no or a choice key."""
    if isinstance(value, dict):
        return set().union(*(_leaf_strings(v) for v in value.values()), set())
    if isinstance(value, list):
        return set().union(*(_leaf_strings(v) for v in value), set())
    if isinstance(value, str) and len(value) >= 6 and not value.replace("_", "").isalpha():
        return {value}
    if isinstance(value, str) and len(value) >= 6 and value[0].isupper():
        return {value}
    return set()

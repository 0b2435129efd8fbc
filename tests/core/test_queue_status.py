"""``manage.py queue_status``: the age of the oldest waiting job, for the operator's alert."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from jobcenter.core.management.commands.queue_status import queue_status
from tests.intake.factories import drain, make_submission

pytestmark = pytest.mark.django_db


def test_reports_the_oldest_waiting_task_and_alerts_above_the_limit(jobcenter, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    assert queue_status()["oldest_waiting_seconds"] == 0
    make_submission(jobcenter)
    DBTaskResult.objects.update(enqueued_at=timezone.now() - dt.timedelta(minutes=20))
    status = queue_status()
    assert status["waiting"] >= 1 and 1190 <= status["oldest_waiting_seconds"] <= 1300

    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("queue_status", "--max-age", "900", stdout=out, stderr=io.StringIO())
    assert exit_.value.code == 2 and "oldest_waiting_seconds=" in out.getvalue()

    drain()
    call_command("queue_status", "--max-age", "900", "--json", stdout=io.StringIO())


def test_a_retry_waiting_for_its_backoff_is_not_counted_as_late(jobcenter, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    make_submission(jobcenter)
    DBTaskResult.objects.update(
        enqueued_at=timezone.now() - dt.timedelta(hours=2),
        run_after=timezone.now() + dt.timedelta(minutes=5),
    )
    assert queue_status()["oldest_waiting_seconds"] == 0

"""Fault table: the clock at the end of a month and of a year.

Times are stored in UTC, but the reference, the receipt's folder and the statistics month follow
the Jobcenter's local time (Europe/Berlin): a submission at 00:30 on New Year's Day local time
(23:30 UTC the day before) belongs to the new year and month — reference counter started again —
and one at 23:30 local time on 31 December to the old one.
"""

import datetime as dt

import pytest
from django.utils import timezone

from jobcenter.intake import jobs
from jobcenter.reporting import services as reporting
from jobcenter.reporting.models import ChannelMonth
from tests.intake.factories import drain, make_submission

pytestmark = pytest.mark.django_db
UTC = dt.UTC


@pytest.fixture
def clock(monkeypatch):
    """Set the time every part of the service reads (``django.utils.timezone.now``)."""
    now = {"value": timezone.now()}
    monkeypatch.setattr(timezone, "now", lambda: now["value"])

    def set_to(value: dt.datetime):
        now["value"] = value

    return set_to


def test_submissions_around_new_year_go_to_the_right_year_and_month(
    jobcenter, clock, settings, tmp_path
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    clock(dt.datetime(2026, 12, 31, 22, 30, tzinfo=UTC))  # 23:30 in Berlin, still 2026
    old_year = make_submission(jobcenter)
    clock(dt.datetime(2026, 12, 31, 23, 30, tzinfo=UTC))  # 00:30 on 1 January 2027 in Berlin
    new_year = make_submission(jobcenter)
    drain()

    assert old_year.reference.split("-")[1:3] == ["2026", "000001"]
    assert new_year.reference.split("-")[1:3] == ["2027", "000001"]
    assert jobs.receipt_path(old_year).split("/")[2] == "2026"
    assert jobs.receipt_path(new_year).split("/")[2] == "2027"
    assert (tmp_path / jobs.receipt_path(new_year)).exists()

    reporting.summary_rebuild(jobcenter=jobcenter)
    months = {
        (row.month, row.count)
        for row in ChannelMonth.objects.filter(
            jobcenter=jobcenter, form_key="wba", channel="online"
        )
    }
    assert months == {(dt.date(2026, 12, 1), 1), (dt.date(2027, 1, 1), 1)}

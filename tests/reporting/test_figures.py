"""Every figure of the statistics page against hand-counted values (fixtures.py tells the story).

Runs on SQLite and on PostgreSQL (DATABASE_URL): percentiles take a different path on each
(percentile_cont vs. the sorted stream), and both must give the same numbers.
"""

import datetime as dt

import pytest
from django.db import connection

from jobcenter.reporting import selectors, services
from jobcenter.reporting.models import ALL_FORMS
from tests.reporting.fixtures import FIRST, LAST, NOW, TODAY, build_history, build_noise

pytestmark = pytest.mark.django_db

JAN, FEB, MAR, APR = (dt.date(2026, m, 1) for m in (1, 2, 3, 4))


@pytest.fixture
def history(jobcenter, other_jobcenter):
    cases = build_history(jobcenter)
    build_noise(other_jobcenter)
    services.summary_rebuild(jobcenter=jobcenter)
    services.summary_rebuild(jobcenter=other_jobcenter)
    return cases


def _cells(series):
    return {m: (c.online, c.paper, c.total, c.share) for m, c in series.cells.items()}


def test_applications_per_channel_and_month(history, jobcenter):
    series = {
        s.form_key: s
        for s in selectors.channel_by_month(jobcenter=jobcenter, first=FIRST, last=LAST)
    }
    assert list(series) == ["erstantrag", "wba", ALL_FORMS]
    assert _cells(series[ALL_FORMS]) == {
        JAN: (4, 1, 5, 80.0),
        FEB: (0, 0, 0, None),  # a month without data
        MAR: (0, 2, 2, 0.0),  # paper only
        APR: (1, 0, 1, 100.0),  # the forwarded case is not counted
    }
    assert _cells(series["wba"])[JAN] == (3, 1, 4, 75.0)
    assert _cells(series["erstantrag"])[MAR] == (0, 0, 0, None)
    total = series[ALL_FORMS].total
    assert (total.online, total.paper, total.share) == (5, 3, 62.5)
    assert series["wba"].trend == pytest.approx(25.0)  # 75 % in January → 100 % in April
    assert series["erstantrag"].trend is None  # one month with data: no trend


def test_a_period_outside_the_data_is_all_zero(history, jobcenter):
    series = selectors.channel_by_month(
        jobcenter=jobcenter, first=dt.date(2025, 5, 1), last=dt.date(2025, 6, 1)
    )
    assert [s.form_key for s in series] == [ALL_FORMS]
    assert all(c.total == 0 and c.share is None for c in series[0].cells.values())


def test_processing_time_median_and_90th_percentile(history, jobcenter):
    series = {
        (s.milestone, s.form_key): s
        for s in selectors.durations_by_month(jobcenter=jobcenter, first=FIRST, last=LAST)
    }
    done_all = series[("vollstaendig", ALL_FORMS)].cells
    # January: 1, 2, 4, 10 days (w1 counts its first "vollständig" only; f1 was forwarded).
    assert (done_all[JAN].count, done_all[JAN].median_days) == (4, pytest.approx(3.0))
    assert done_all[JAN].p90_days == pytest.approx(8.2)  # 4 + 0.7 × (10 − 4)
    assert done_all[FEB].count == 0 and done_all[FEB].median_days is None
    assert (done_all[MAR].count, done_all[MAR].median_days) == (1, pytest.approx(59.0))
    assert done_all[APR].count == 0
    done_wba = series[("vollstaendig", "wba")].cells
    assert (done_wba[JAN].count, done_wba[JAN].median_days, done_wba[JAN].p90_days) == (
        3,
        pytest.approx(4.0),
        pytest.approx(8.8),
    )
    done_ea = series[("vollstaendig", "erstantrag")].cells
    assert (done_ea[JAN].median_days, done_ea[JAN].p90_days) == (
        pytest.approx(1.0),
        pytest.approx(1.0),
    )
    handed = series[("uebergeben", ALL_FORMS)].cells
    assert (handed[MAR].count, handed[MAR].median_days, handed[MAR].p90_days) == (
        1,
        pytest.approx(56.0),
        pytest.approx(56.0),
    )
    assert handed[JAN].count == 0


def test_backlog_by_state_and_age(history, jobcenter):
    backlog = selectors.backlog(jobcenter=jobcenter, today=TODAY)
    assert backlog["bands"] == ["0–7", "8–14", "15–30", "31–60", "≥ 61"]
    rows = {r["state"]: r["counts"] for r in backlog["rows"]}
    assert rows == {
        "eingegangen": [1, 0, 0, 0, 0],
        "in_bearbeitung": [0, 0, 1, 0, 1],
        "unterlagen_angefordert": [0, 0, 0, 1, 0],
        "vollstaendig": [0, 0, 0, 0, 2],
    }
    assert backlog["total"] == 6


def test_overdue_document_requests(history, jobcenter):
    overdue = selectors.overdue_requests(jobcenter=jobcenter, today=TODAY)
    assert overdue["rows"] == [{"form_key": "wba", "counts": [1, 1, 0], "total": 2}]
    assert overdue["total"] == 2


def test_completion_of_online_forms(history, jobcenter):
    completion = selectors.completion(jobcenter=jobcenter, now=NOW)
    rows = {r["form_key"]: r for r in completion["rows"]}
    wba = rows["wba"]
    assert (wba["started"], wba["submitted"], wba["abandoned"], wba["in_progress"]) == (4, 2, 1, 1)
    assert wba["rate"] == 50.0
    assert wba["median_minutes"] == pytest.approx(21.0)
    assert wba["p90_minutes"] == pytest.approx(28.2)
    ea = rows["erstantrag"]
    assert (ea["started"], ea["submitted"], ea["abandoned"], ea["median_minutes"]) == (
        1,
        0,
        1,
        None,
    )
    leave = [(r["form_key"], r["current_page"], r["n"]) for r in completion["leave_pages"]]
    assert leave == [("erstantrag", "ausweis", 1), ("wba", "haushalt_wohnung", 1)]


def test_another_jobcenter_is_never_counted(history, other_jobcenter):
    series = selectors.channel_by_month(jobcenter=other_jobcenter, first=FIRST, last=LAST)
    assert _cells(series[-1])[JAN] == (1, 1, 2, 50.0)
    assert selectors.backlog(jobcenter=other_jobcenter, today=TODAY)["total"] == 8
    assert selectors.overdue_requests(jobcenter=other_jobcenter, today=TODAY)["total"] == 4
    rows = selectors.completion(jobcenter=other_jobcenter, now=NOW)["rows"]
    assert [(r["started"], r["submitted"]) for r in rows] == [(8, 4)]


def test_rebuild_replaces_the_summary(history, jobcenter):
    first = services.summary_rebuild(jobcenter=jobcenter)
    assert services.summary_rebuild(jobcenter=jobcenter) == first


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite has one writer at a time; the row lock matters on PostgreSQL",
)
def test_two_rebuilds_at_once_run_one_after_the_other(jobcenter):
    """The nightly job and the button at the same moment: no duplicate months, no error."""
    import threading

    from jobcenter.reporting.models import ChannelMonth

    build_history(jobcenter)
    barrier, errors = threading.Barrier(2), []

    def rebuild():
        from django.db import connections

        try:
            barrier.wait()
            services.summary_rebuild(jobcenter=jobcenter)
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=rebuild) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    months = ChannelMonth.objects.filter(jobcenter=jobcenter)
    assert months.count() == len(set(months.values_list("month", "form_key", "channel")))

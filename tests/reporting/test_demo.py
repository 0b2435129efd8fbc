"""The demo history: a year with a rising online share, seeded quickly and only once."""

import time

import pytest

from jobcenter.accounts.models import Role
from jobcenter.casework.models import Case
from jobcenter.reporting import selectors
from jobcenter.reporting.demo import seed_history
from tests.accounts.fixtures import login_as, make_staff

pytestmark = pytest.mark.django_db


def test_a_year_of_history_with_a_rising_online_share(jobcenter, client):
    t0 = time.perf_counter()
    created = seed_history(jobcenter)
    assert created > 2000
    assert time.perf_counter() - t0 < 30  # bulk inserts: `make run` stays quick
    assert seed_history(jobcenter) == 0
    first, last = selectors.default_period()
    series = {
        s.form_key: s
        for s in selectors.channel_by_month(jobcenter=jobcenter, first=first, last=last)
    }
    ea, wba = series["erstantrag"], series["wba"]
    assert 10 <= ea.cells[first].share <= 40
    assert wba.cells[first].share > ea.cells[first].share
    assert ea.trend > 5 and wba.trend > 5
    durations = [
        s
        for s in selectors.durations_by_month(jobcenter=jobcenter, first=first, last=last)
        if s.form_key == ""
    ]
    assert all(s.cells[first].count > 0 for s in durations)
    assert selectors.backlog(jobcenter=jobcenter)["total"] > 0
    assert selectors.overdue_requests(jobcenter=jobcenter)["total"] > 0
    rows = selectors.completion(jobcenter=jobcenter)["rows"]
    assert {r["form_key"] for r in rows} >= {"erstantrag", "wba"}
    assert selectors.completion(jobcenter=jobcenter)["leave_pages"]
    # A history case opens in the back office like any other.
    login_as(client, make_staff(jobcenter, roles=[Role.SACHBEARBEITUNG, Role.STATISTIK]))
    case = Case.objects.filter(jobcenter=jobcenter, form_key="erstantrag").first()
    assert client.get(f"/backoffice/vorgaenge/{case.public_id}/").status_code == 200
    assert client.get("/backoffice/statistik/").status_code == 200

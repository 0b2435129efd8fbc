"""The statistics page in the browser, with axe on every state.

A staff member with the role Statistik logs in with the second factor, opens "Statistik" from
the overview, reads the charts (SVG with title, description and a data table each), changes the
period with the form (no JavaScript needed) and downloads a CSV export.
"""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from jobcenter.accounts.models import Role
from jobcenter.reporting import services
from jobcenter.reporting.models import ChannelMonth
from tests.accounts.fixtures import make_staff
from tests.e2e.test_caseworker_day import _staff_login
from tests.reporting.fixtures import build_history, build_noise

pytestmark = pytest.mark.django_db(transaction=True)


def test_statistics_page(page, live_server, jobcenter, other_jobcenter, axe):
    base = live_server.url
    build_history(jobcenter)
    build_noise(other_jobcenter)
    services.summary_rebuild(jobcenter=jobcenter)
    user = make_staff(jobcenter, username="stat.test", roles=[Role.STATISTIK])

    _staff_login(page, base, user)
    page.get_by_role("link", name="Statistik").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Statistik")
    axe(page)

    expect(page.locator("svg[role=img]")).to_have_count(5)
    sections = page.locator("section.rp-block:has(svg[role=img])")
    expect(sections).to_have_count(5)
    for i in range(5):
        section = sections.nth(i)
        chart = section.locator("svg[role=img]")
        assert chart.locator("title").text_content().strip()
        assert chart.locator("desc").text_content().strip()
        # The data table follows its chart in the same section.
        expect(section.locator("table")).to_have_count(1)
        expect(section.locator("table caption")).to_contain_text("Daten zum Diagramm")

    page.get_by_label("Von (Monat, JJJJ-MM)").fill("2026-01")
    page.get_by_label("Bis (Monat, JJJJ-MM)").fill("2026-04")
    page.get_by_role("button", name="Anzeigen").click()
    first_rows = page.get_by_test_id("table-eingaenge").locator("tbody tr")
    expect(first_rows).to_have_count(5)  # four months and the sum
    expect(first_rows.nth(0)).to_contain_text("01/2026")
    expect(first_rows.nth(0)).to_contain_text("80,0 %")
    expect(first_rows.nth(1)).to_contain_text("02/2026")
    axe(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="CSV herunterladen: Eingänge je Monat").click()
    text = download.value.path().read_text(encoding="utf-8-sig")
    assert "01/2026;4;1;5;80,0 %" in text

    # Right after the nightly build a second one is refused; a few minutes later it runs.
    page.get_by_role("button", name="Monatszahlen jetzt neu berechnen").click()
    expect(page.get_by_text("Die Monatszahlen wurden gerade erst neu berechnet.")).to_be_visible()
    ChannelMonth.objects.update(built_at=timezone.now() - dt.timedelta(minutes=5))
    page.get_by_role("button", name="Monatszahlen jetzt neu berechnen").click()
    expect(page.get_by_text("Die Monatszahlen sind neu berechnet.")).to_be_visible()
    axe(page)

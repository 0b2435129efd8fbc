"""The statistics page and the administrators' pages under axe, including the best-practice
rule ``landmark-unique`` (statistics) and ``link-in-text-block`` (links told apart from the
text around them by more than colour)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from jobcenter.accounts.models import Role
from jobcenter.reporting import services
from tests.accounts.fixtures import make_staff, make_team
from tests.casework.factories import make_case
from tests.e2e.test_caseworker_day import _staff_login
from tests.reporting.fixtures import build_history

pytestmark = pytest.mark.django_db(transaction=True)

RULES = ("landmark-unique", "link-in-text-block", "region", "landmark-no-duplicate-main")


@pytest.mark.parametrize("role", [Role.STATISTIK, Role.TEAMLEITUNG, Role.ADMINISTRATION])
def test_statistics_page(page, live_server, jobcenter, axe, role):
    build_history(jobcenter)
    services.summary_rebuild(jobcenter=jobcenter)
    _staff_login(
        page, live_server.url, make_staff(jobcenter, username=f"stat.{role}", roles=[role])
    )
    page.goto(f"{live_server.url}{reverse('reporting:statistics')}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Statistik")
    axe(page, rules=RULES)


def test_administration_pages(page, live_server, jobcenter, axe):
    base = live_server.url
    admin = make_staff(jobcenter, username="admin.axe", roles=[Role.ADMINISTRATION])
    make_team(jobcenter, "Leistung 1")
    make_case(jobcenter)
    _staff_login(page, base, admin)
    axe(page, rules=RULES)
    page.get_by_role("link", name="Verwaltung: Mitarbeitende, Teams, Sperren").click()
    axe(page, rules=RULES)
    for url in ("/admin/accounts/", "/admin/accounts/team/"):
        page.goto(f"{base}{url}")
        axe(page, rules=RULES)
    page.goto(f"{base}{reverse('backoffice:overview')}")
    page.get_by_role("link", name="Protokoll der Zugriffe").click()
    expect(page.get_by_test_id("audit")).to_be_visible()
    axe(page, rules=RULES)
    page.get_by_label("Aktion").select_option("view")
    page.get_by_role("button", name="Anzeigen").click()
    axe(page, rules=RULES)

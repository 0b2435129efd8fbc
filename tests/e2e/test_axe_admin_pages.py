"""The statistics page, the administrators' pages and the data-protection page of a case (the
legal hold) under axe, including the best-practice rule ``landmark-unique`` (statistics) and
``link-in-text-block`` (links told apart from the text around them by more than colour)."""

import re

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


def test_retention_hold_page_empty_with_errors_and_filled(page, live_server, jobcenter, axe):
    """The legal hold page (data protection: a case kept past its retention period while an
    objection or court case runs), by keyboard: empty, refused with the error summary (a
    colleague placed a hold in another tab meanwhile), placed, released."""
    base = live_server.url
    sb = make_staff(jobcenter, username="sb.sperre", roles=[Role.SACHBEARBEITUNG])
    case = make_case(jobcenter)
    _staff_login(page, base, sb)
    page.goto(f"{base}{reverse('backoffice:case_detail', kwargs={'public_id': case.public_id})}")
    link = page.get_by_role("link", name="Aufbewahrungssperre (Widerspruch, Klage) …")
    link.focus()
    page.keyboard.press("Enter")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Aufbewahrungssperre (Widerspruch, Klage)")
    expect(page.get_by_role("radio", name="Widerspruchsverfahren")).to_be_checked()
    axe(page, rules=RULES)

    # A second tab still shows the empty form.
    other = page.context.new_page()
    other.goto(page.url)

    # Filled: the reason chosen with the arrow key, sent with Enter.
    page.get_by_role("radio", name="Widerspruchsverfahren").focus()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("radio", name="Klageverfahren")).to_be_checked()
    page.get_by_role("button", name="Vorgang sperren").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("hold-active")).to_contain_text("Klageverfahren")
    axe(page, rules=RULES)

    # With errors: the stale tab is refused, the summary has the focus and says why.
    other.get_by_role("button", name="Vorgang sperren").focus()
    other.keyboard.press("Enter")
    summary = other.locator("#error-summary")
    expect(summary).to_contain_text("Der Vorgang ist schon gesperrt.")
    expect(summary).to_be_focused()
    expect(other).to_have_title(re.compile("^Fehler:"))
    axe(other, rules=RULES)
    other.close()

    # Released: the history keeps the hold.
    page.get_by_role("button", name="Sperre aufheben").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Die Aufbewahrungssperre ist aufgehoben.")).to_be_visible()
    expect(page.get_by_role("heading", name="Verlauf")).to_be_visible()
    axe(page, rules=RULES)

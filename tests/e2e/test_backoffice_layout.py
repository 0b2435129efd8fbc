"""Back-office pages at desktop and phone width: nothing squeezed or clipped, axe clean.
TEST_ARTIFACTS=<folder> keeps screenshots of the inbox, queue and case pages."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.accounts.fixtures import make_staff
from tests.casework.factories import make_case, make_customer
from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.test_caseworker_day import _staff_login

pytestmark = pytest.mark.django_db(transaction=True)

# The width the button needs for its label (and its padding) compared with what it gets.
CLIPPED = """button => {
  const label = button.querySelector('.kern-label');
  return {width: button.getBoundingClientRect().width,
          needed: label.scrollWidth, shown: label.clientWidth,
          tall: button.getBoundingClientRect().height};
}"""


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], indirect=True, ids=["desktop", "phone"])
def test_the_match_button_shows_its_whole_label(page, live_server, jobcenter, axe, viewport):
    make_customer(jobcenter, kundennummer="123A456789", bg_nummer="12345BG0004712")
    make_customer(jobcenter, first_name="Kim", last_name="Musterfrau", kundennummer="123A456780")
    case = make_case(jobcenter, bg_nummer="12345BG0004712")
    _staff_login(page, live_server.url, make_staff(jobcenter, username="sb.layout"))
    page.goto(f"{live_server.url}/backoffice/vorgaenge/{case.public_id}/zuordnen/")
    buttons = page.get_by_role("button", name=re.compile("Diese Person zuordnen"))
    expect(buttons.first).to_be_visible()
    expect(buttons.first).to_have_accessible_description(re.compile("Kim Musterfrau"))
    for i in range(buttons.count()):
        size = buttons.nth(i).evaluate(CLIPPED)
        assert size["needed"] <= size["shown"] + 1, size
        assert size["width"] > 120, size
    axe(page)


NARROW_PHONE = {"width": 360, "height": 740}


def _keep(page, name: str) -> None:
    """TEST_ARTIFACTS=<folder> keeps full-page screenshots to look at."""
    if os.environ.get("TEST_ARTIFACTS"):
        folder = Path(os.environ["TEST_ARTIFACTS"]) / "backoffice-layout"
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=folder / f"{name}.png", full_page=True)


# Where the inbox's scroll region stands: its size, how far it scrolls, and its last column.
REGION = """region => {
  const last = region.querySelector('thead th:last-child').getBoundingClientRect();
  const box = region.getBoundingClientRect();
  return {client: region.clientWidth, scroll: region.scrollWidth, left: region.scrollLeft,
          boxLeft: box.left, boxRight: box.right, lastLeft: last.left, lastRight: last.right};
}"""


@pytest.mark.parametrize("viewport", [NARROW_PHONE], indirect=True, ids=["360px"])
def test_the_inbox_table_scrolls_by_keyboard_on_a_phone_and_says_so(
    page, live_server, jobcenter, axe, viewport
):
    """WCAG 1.4.10: a data table may scroll sideways, if its scroll region is reachable by
    keyboard, named, and shows that more columns follow."""
    for name in ("Musterfrau", "Beispielmann"):
        make_case(jobcenter, nachname=name)
    _staff_login(page, live_server.url, make_staff(jobcenter, username="sb.phone"))
    page.goto(f"{live_server.url}/backoffice/posteingang/")
    region = page.get_by_role("region", name=re.compile("Vorgänge"))
    expect(region).to_be_visible()
    expect(region.get_by_test_id("inbox")).to_be_visible()
    # The page itself does not scroll sideways: only the table's region does.
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW_PHONE["width"]
    size = region.evaluate(REGION)
    assert size["scroll"] > size["client"], size  # six columns do not fit in 360 px
    assert size["lastLeft"] >= size["boxRight"], size  # the last column starts out of view
    _keep(page, "inbox-360")
    # The hint that more columns follow.
    hint = page.get_by_test_id("scroll-hint")
    expect(hint).to_be_visible()
    expect(hint).to_contain_text("Team / Bearbeitung")
    # Keyboard: the region is the next stop after the link before the table; arrows scroll it.
    page.get_by_test_id("inbox-all-states").focus()
    page.keyboard.press("Tab")
    expect(region).to_be_focused()
    focus_ring = region.evaluate("r => getComputedStyle(r).outlineStyle")
    assert focus_ring != "none", focus_ring
    for _ in range(40):
        page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "r => r.scrollLeft + r.clientWidth >= r.scrollWidth - 1", arg=region.element_handle()
    )
    size = region.evaluate(REGION)
    assert size["lastRight"] <= size["boxRight"] + 1, size  # the last column is in view
    expect(region.locator("thead th").last).to_be_in_viewport()
    _keep(page, "inbox-360-scrolled")
    axe(page)


def test_the_inbox_table_needs_no_scroll_hint_on_a_desktop(page, live_server, jobcenter, axe):
    make_case(jobcenter, nachname="Musterfrau")
    _staff_login(page, live_server.url, make_staff(jobcenter, username="sb.desk"))
    page.goto(f"{live_server.url}/backoffice/posteingang/")
    region = page.get_by_role("region", name=re.compile("Vorgänge"))
    size = region.evaluate(REGION)
    assert size["scroll"] <= size["client"], size
    expect(page.get_by_test_id("scroll-hint")).to_be_hidden()
    _keep(page, "inbox-1280")
    axe(page)


@pytest.mark.parametrize("viewport", [NARROW_PHONE], indirect=True, ids=["360px"])
def test_the_queue_table_says_more_columns_follow_on_a_phone(
    page, live_server, jobcenter, axe, viewport
):
    from jobcenter.casework.models import Case

    staff = make_staff(jobcenter, username="sb.queue.phone")
    Case.objects.filter(pk=make_case(jobcenter, nachname="Musterfrau").pk).update(assignee=staff)
    _staff_login(page, live_server.url, staff)
    page.goto(f"{live_server.url}/backoffice/arbeitsvorrat/?liste=meine")
    region = page.get_by_role("region", name=re.compile("Meine Fälle"))
    expect(page.get_by_test_id("scroll-hint")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW_PHONE["width"]
    region.evaluate("r => r.scrollTo(r.scrollWidth, 0)")
    size = region.evaluate(REGION)
    assert size["lastRight"] <= size["boxRight"] + 1, size
    _keep(page, "queue-360")
    axe(page)


@pytest.mark.parametrize("viewport", [DESKTOP, NARROW_PHONE], indirect=True, ids=["1280", "360"])
def test_a_case_from_the_inbox_outside_my_cases_names_the_applicant_and_no_neighbours(
    page, live_server, jobcenter, axe, viewport
):
    import datetime as dt

    from django.utils import timezone

    from jobcenter.casework import services
    from jobcenter.casework.models import Case

    staff = make_staff(jobcenter, username=f"sb.case{viewport['width']}")
    for name in ("Eins", "Zwei"):  # my cases: none of them is the one opened
        Case.objects.filter(pk=make_case(jobcenter, nachname=name).pk).update(assignee=staff)
    paper = services.paper_application_register(
        jobcenter=jobcenter,
        by=staff,
        form_key="erstantrag",
        form_version="2026-1",
        received_on=timezone.localdate(),
        first_name="Emil",
        last_name="Meyer",
        birth_date=dt.date(1991, 7, 22),
    )
    _staff_login(page, live_server.url, staff)
    page.goto(f"{live_server.url}/backoffice/posteingang/")
    page.get_by_role("link", name=paper.reference).click()
    bar = page.get_by_test_id("queue-bar")
    expect(bar).to_contain_text("Nicht in „Meine Fälle“")
    expect(bar.locator("a[rel=next], a[rel=prev]")).to_have_count(0)
    needs = page.get_by_test_id("case-needs")
    expect(needs).to_contain_text("für: Emil Meyer")
    expect(needs).not_to_contain_text("Sie selbst")
    _keep(page, f"case-{viewport['width']}")
    axe(page)

"""Back-office pages at desktop and phone width: nothing squeezed or clipped, axe clean."""

import re

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

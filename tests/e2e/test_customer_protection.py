"""§ 35 SGB I in the browser: a caseworker flags a customer as a relative of an employee
(warned and asked first), loses sight of them; the protected team sees the history. axe on
every page."""

import pytest
from playwright.sync_api import expect

from jobcenter.casework import services
from jobcenter.casework.models import CaseworkSettings
from tests.accounts.fixtures import make_staff, make_team
from tests.casework.factories import make_case, make_customer
from tests.e2e.test_caseworker_day import _staff_login

pytestmark = pytest.mark.django_db(transaction=True)


def test_flag_a_customer_as_relative_of_an_employee(page, live_server, jobcenter, axe):
    base = live_server.url
    team = make_team(jobcenter, "Beschäftigtenfälle")
    CaseworkSettings.objects.create(jobcenter=jobcenter, protected_team=team)
    sb = make_staff(jobcenter, username="sb.schutz")
    customer = make_customer(
        jobcenter, first_name="Ida", last_name="Verwandt", bg_nummer="12345BG0000777"
    )
    case = make_case(jobcenter, vorname="Ida", nachname="Verwandt")
    services.case_link_customer(case=case, customer=customer, by=sb)

    _staff_login(page, base, sb)
    page.goto(f"{base}/backoffice/kunden/{customer.public_id}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ida Verwandt")
    axe(page)
    page.get_by_role("link", name="Als Beschäftigtenfall kennzeichnen …").click()
    expect(page.get_by_test_id("loses-sight")).to_contain_text("nicht mehr")
    axe(page)
    page.get_by_role("button", name="Verbindlich kennzeichnen").click()
    expect(page.get_by_role("alert")).to_be_visible()  # the reason is missing
    axe(page)
    page.get_by_label("Die Person ist").select_option("angehoerig")
    page.get_by_role("button", name="Verbindlich kennzeichnen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Posteingang")
    expect(page.get_by_text("nur noch für das zuständige Team sichtbar")).to_be_visible()
    axe(page)
    assert page.goto(f"{base}/backoffice/vorgaenge/{case.public_id}/").status == 404

    page.context.clear_cookies()
    _staff_login(page, base, make_staff(jobcenter, username="sb.geschuetzt", teams=[team]))
    page.goto(f"{base}/backoffice/kunden/{customer.public_id}/")
    expect(page.get_by_test_id("protection-history")).to_contain_text("sb.schutz")
    expect(page.get_by_test_id("protection-history")).to_contain_text("Angehörige")
    axe(page)


def test_a_colleague_sees_only_that_someone_protected_lives_in_the_household(
    page, live_server, jobcenter, axe
):
    team = make_team(jobcenter, "Beschäftigtenfälle")
    CaseworkSettings.objects.create(jobcenter=jobcenter, protected_team=team)
    ole = make_customer(
        jobcenter, first_name="Ole", last_name="Nachbar", bg_nummer="12345BG0000035"
    )
    eva = make_customer(
        jobcenter,
        first_name="Eva",
        last_name="Kollegin",
        bg_nummer="12345BG0000035",
        role="partner",
    )
    services.customer_set_protected(
        customer=eva, by=make_staff(jobcenter, teams=[team]), protected=True, reason="beschaeftigt"
    )

    _staff_login(page, live_server.url, make_staff(jobcenter, username="sb.kollege"))
    page.goto(f"{live_server.url}/backoffice/kunden/{ole.public_id}/")
    expect(page.get_by_test_id("household")).to_contain_text("Ole Nachbar")
    expect(page.get_by_test_id("hidden-members")).to_have_text("eine weitere Person (geschützt)")
    expect(page.get_by_test_id("household")).not_to_contain_text("Eva")
    axe(page)

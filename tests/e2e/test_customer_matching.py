"""Finding and matching a customer despite a typo, in the browser, with axe on every page.

The customer search finds a misspelt name; for a paper Erstantrag the suggestion says why, the
manual search on the matching page finds the customer, creating a look-alike asks first;
requesting documents for the Erstantrag; withdrawing with a reason and reopening as team lead.
"""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from jobcenter.accounts.models import Role
from jobcenter.casework import services
from jobcenter.casework.models import Case, Customer
from tests.accounts.fixtures import make_staff
from tests.casework.factories import make_customer
from tests.e2e.test_caseworker_day import _staff_login

pytestmark = pytest.mark.django_db(transaction=True)


def test_typo_tolerant_matching_withdrawal_and_reopening(
    page, browser, live_server, jobcenter, axe
):
    base = live_server.url
    sb = make_staff(jobcenter, username="sb.meyer")
    lead = make_staff(
        jobcenter, username="tl.meyer", roles=[Role.SACHBEARBEITUNG, Role.TEAMLEITUNG]
    )
    emil = make_customer(
        jobcenter,
        first_name="Emil",
        last_name="Meyer",
        birth_date=dt.date(1991, 7, 22),
        kundennummer="123A456789",
    )
    case = services.paper_application_register(
        jobcenter=jobcenter,
        by=sb,
        form_key="erstantrag",
        form_version="2026-1",
        received_on=timezone.localdate(),
        first_name="Emil",
        last_name="Meyer",
        birth_date=dt.date(1991, 7, 23),
    )

    _staff_login(page, base, sb)
    # The customer search from the inbox: a misspelt name finds the customer.
    page.goto(f"{base}/backoffice/posteingang/")
    page.get_by_role("link", name="Kundin oder Kunden suchen").click()
    axe(page)
    page.get_by_label("Name").fill("Emil Maier")
    page.get_by_role("button", name="Suchen").click()
    expect(page.get_by_test_id("search-results")).to_contain_text("Kölner Phonetik")
    axe(page)
    page.get_by_role("link", name="Emil Meyer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Emil Meyer")
    axe(page)

    page.goto(f"{base}/backoffice/vorgaenge/{case.public_id}/")
    page.get_by_role("link", name="Zuordnen").click()
    expect(page.get_by_test_id("suggestions")).to_contain_text(
        "Geburtsdatum fast gleich: eine Ziffer anders (22.07.1991 statt 23.07.1991)"
    )
    axe(page)
    # The manual search: a misspelt surname that sounds the same.
    search = page.get_by_test_id("customer-search")
    search.get_by_label("Name").fill("Emil Maier")
    search.get_by_role("button", name="Suchen").click()
    expect(page.get_by_test_id("search-results")).to_contain_text("123A456789")
    expect(page.get_by_test_id("search-results")).to_contain_text("Kölner Phonetik")
    axe(page)
    # Creating the same person again asks first.
    page.get_by_role("button", name="Anlegen und zuordnen").click()
    expect(page.get_by_test_id("lookalikes")).to_contain_text("gibt es vielleicht schon")
    assert Customer.objects.count() == 1
    axe(page)
    page.get_by_test_id("lookalikes").locator("xpath=following-sibling::ol[1]").get_by_role(
        "button", name=re.compile("Diese Person zuordnen")
    ).click()
    expect(page.get_by_test_id("case-customer")).to_contain_text("123A456789")
    axe(page)

    # Documents for the Erstantrag (the reasons of a need are text in the caller's language).
    page.get_by_role("link", name="Unterlagen anfordern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Unterlagen anfordern")
    axe(page)

    # Withdrawal: confirmation with a reason, then final for the caseworker.
    page.goto(f"{base}/backoffice/vorgaenge/{case.public_id}/")
    page.get_by_role("link", name="Antrag zurückziehen …").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Antrag zurückziehen")
    axe(page)
    page.get_by_role("button", name="Zurückziehen bestätigen").click()  # no reason: error
    expect(page.get_by_role("alert")).to_contain_text("Bitte geben Sie den Grund an.")
    axe(page)
    page.get_by_label("Grund").fill("Brief vom Antragsteller: Arbeit gefunden")
    page.get_by_role("button", name="Zurückziehen bestätigen").click()
    expect(page.get_by_test_id("case-state")).to_have_text("Zurückgezogen")
    expect(page.get_by_test_id("history")).to_contain_text("Arbeit gefunden")
    expect(page.get_by_role("link", name="Wieder aufnehmen …")).to_have_count(0)
    axe(page)

    # The team lead reopens it.
    context = browser.new_context(locale="de-DE")
    lead_page = context.new_page()
    _staff_login(lead_page, base, lead)
    lead_page.goto(f"{base}/backoffice/vorgaenge/{case.public_id}/")
    lead_page.get_by_role("link", name="Wieder aufnehmen …").click()
    axe(lead_page)
    lead_page.get_by_label("Grund").fill("Antragsteller hat den Rückzug widerrufen")
    lead_page.get_by_role("button", name="Wieder aufnehmen").click()
    expect(lead_page.get_by_test_id("case-state")).to_have_text("In Bearbeitung")
    expect(lead_page.get_by_test_id("history")).to_contain_text("Wieder aufgenommen")
    axe(lead_page)
    context.close()
    case.refresh_from_db()
    assert case.state == Case.State.IN_BEARBEITUNG and case.customer == emil

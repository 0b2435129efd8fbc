"""A caseworker's day on the demo data (what `make run` seeds: casework.demo's month with its
Erstanträge, WBAs, VÄMs, paper and forwarded cases, the documents, and the statistics history
before it), with axe on every page:

find a customer by a misspelt name → work the team queue by keyboard from the first case to
the last (Alt+Shift+N), never back to the inbox → request documents for an Erstantrag and print
the letter for a paper applicant → withdraw a case with a reason → the team lead reopens it and
looks at the statistics.
"""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from jobcenter.accounts.models import Role
from jobcenter.casework.demo import seed_cases
from jobcenter.casework.models import Case, Customer
from jobcenter.core.management.commands.seed_demo import HISTORY_GAP
from jobcenter.reporting.demo import seed_history
from tests.accounts.fixtures import make_staff, make_team
from tests.e2e.test_caseworker_day import _staff_login, _tab_to

pytestmark = pytest.mark.django_db(transaction=True)

# Spellings that sound the same (Kölner Phonetik): what a caseworker mistypes from a phone call.
MISSPELLINGS = [("ei", "ai"), ("dt", "tt"), ("ff", "f"), ("mm", "m"), ("nn", "n"), ("y", "i")]


def _misspelt_customer(jobcenter):
    for customer in Customer.objects.filter(jobcenter=jobcenter, is_protected=False).order_by("pk"):
        for right, wrong in MISSPELLINGS:
            if right in customer.last_name:
                return customer, customer.last_name.replace(right, wrong, 1)
    raise AssertionError("no demo customer with a name to misspell")


def _case_url(base, case, liste="team"):
    return f"{base}/backoffice/vorgaenge/{case.public_id}/?liste={liste}"


def test_a_caseworker_s_day_on_the_demo_data(page, browser, live_server, demo_jobcenters, axe):
    base = live_server.url
    jobcenter = demo_jobcenters[0]
    team = make_team(jobcenter, "Leistung 1")
    sb = make_staff(jobcenter, username="sb.demotag", teams=[team])
    lead = make_staff(
        jobcenter,
        username="tl.demotag",
        roles=[Role.SACHBEARBEITUNG, Role.TEAMLEITUNG, Role.STATISTIK],
        teams=[team],
    )
    seed_cases(demo_jobcenters, count=40, citizen=None, staff=sb)
    seed_history(jobcenter, until=timezone.now() - HISTORY_GAP)
    customer, misspelt = _misspelt_customer(jobcenter)

    _staff_login(page, base, sb)
    axe(page)

    # Find a customer by a misspelt name.
    page.goto(f"{base}/backoffice/kunden/")
    axe(page)
    page.get_by_label("Name").fill(f"{customer.first_name} {misspelt}")
    page.get_by_role("button", name="Suchen").click()
    results = page.get_by_test_id("search-results")
    expect(results).to_contain_text(f"{customer.first_name} {customer.last_name}")
    axe(page)

    # The team queue by keyboard, first case to last, without the inbox.
    page.goto(f"{base}/backoffice/arbeitsvorrat/?liste=team")
    expect(page.get_by_role("heading", level=1)).to_have_text("Arbeitsvorrat: Mein Team")
    axe(page)
    rows = page.get_by_test_id("queue").locator("tbody tr")
    total = rows.count()
    assert total >= 5
    first_ref = rows.first.locator("a").first.inner_text()
    _tab_to(page, first_ref, limit=200, tag="A")
    page.keyboard.press("Enter")
    seen = []
    for position in range(1, total + 1):
        expect(page.get_by_test_id("queue-bar")).to_contain_text(
            f"Vorgang {position} von {total} in „Mein Team“"
        )
        heading = page.get_by_role("heading", level=1).inner_text()
        seen.append(heading)
        axe(page)
        assert "posteingang" not in page.url
        if position < total:
            page.keyboard.press("Alt+Shift+KeyN")
            expect(page.get_by_role("heading", level=1)).not_to_have_text(heading)
    expect(page.get_by_test_id("next-case")).to_have_count(0)
    assert len(set(seen)) == total

    # Documents for an Erstantrag; the letter for a paper applicant.
    in_queue = Case.objects.filter(
        jobcenter=jobcenter,
        team=team,
        is_protected=False,
        state__in=[Case.State.EINGEGANGEN, Case.State.IN_BEARBEITUNG],
    ).order_by("received_at")
    erst = in_queue.filter(form_key="erstantrag").order_by("-channel", "received_at").first()
    assert erst is not None, "the demo month has an Erstantrag in the team queue"
    page.goto(_case_url(base, erst))
    axe(page)
    page.keyboard.press("Alt+Shift+KeyU")
    expect(page.get_by_role("heading", level=1)).to_have_text("Unterlagen anfordern")
    axe(page)
    page.get_by_label("Weitere Unterlage (frei)").fill("Mietvertrag")
    page.get_by_role("button", name="Anfordern").click()
    erst.refresh_from_db()
    assert erst.state == Case.State.UNTERLAGEN_ANGEFORDERT
    axe(page)
    # A paper applicant of the team (the demo asked most of them for documents already).
    paper = (
        erst
        if erst.channel == "paper"
        else Case.objects.filter(
            jobcenter=jobcenter, team=team, channel="paper", is_protected=False
        )
        .filter(state__in=["eingegangen", "in_bearbeitung", "unterlagen_angefordert"])
        .order_by("-state")
        .first()
    )
    assert paper is not None, "the demo month has paper applicants in the team queue"
    if paper.state != Case.State.UNTERLAGEN_ANGEFORDERT:
        page.goto(_case_url(base, paper))
        page.keyboard.press("Alt+Shift+KeyU")
        page.get_by_label("Weitere Unterlage (frei)").fill("Kontoauszüge")
        page.get_by_role("button", name="Anfordern").click()
    page.goto(_case_url(base, paper))
    expect(page.get_by_test_id("case-state")).to_have_text("Unterlagen angefordert")
    axe(page)
    letter = page.get_by_test_id("request-letter").first
    # WeasyPrint renders the letter: allow for a busy CI machine.
    response = page.request.get(base + letter.get_attribute("href"), timeout=120_000)
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"

    # Withdraw with a reason.
    gone = in_queue.exclude(pk__in=[erst.pk, paper.pk]).first()
    page.goto(_case_url(base, gone))
    page.get_by_role("link", name="Antrag zurückziehen …").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Antrag zurückziehen")
    axe(page)
    page.get_by_label("Grund").fill("Anruf: Arbeit gefunden")
    page.get_by_role("button", name="Zurückziehen bestätigen").click()
    expect(page.get_by_test_id("case-state")).to_have_text("Zurückgezogen")
    expect(page.get_by_role("link", name="Wieder aufnehmen …")).to_have_count(0)
    axe(page)

    # The team lead reopens it, then looks at the statistics.
    context = browser.new_context(locale="de-DE")
    lead_page = context.new_page()
    _staff_login(lead_page, base, lead)
    lead_page.goto(_case_url(base, gone))
    lead_page.get_by_role("link", name="Wieder aufnehmen …").click()
    axe(lead_page)
    lead_page.get_by_label("Grund").fill("Rückzug widerrufen")
    lead_page.get_by_role("button", name="Wieder aufnehmen").click()
    expect(lead_page.get_by_test_id("case-state")).to_have_text("In Bearbeitung")
    expect(lead_page.get_by_test_id("history")).to_contain_text("Wieder aufgenommen")
    axe(lead_page)
    lead_page.goto(f"{base}/backoffice/statistik/")
    expect(lead_page.get_by_role("heading", level=1)).to_have_text("Statistik")
    axe(lead_page, rules=("landmark-unique", "link-in-text-block", "region"))
    lead_page.goto(f"{base}/backoffice/posteingang/")
    expect(lead_page.get_by_test_id("inbox-total")).to_have_text(
        re.compile(r"^\d+ Vorgänge gefunden\. Gezeigt werden nur offene Vorgänge\.")
    )
    axe(lead_page)
    context.close()

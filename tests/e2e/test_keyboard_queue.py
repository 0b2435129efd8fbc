"""A caseworker's day by keyboard alone: log in with the second factor, open "Meine Fälle",
work the queue from the first case to the last with the documented shortcuts (Alt+Shift+…)
and Tab/Enter — start, match, mark complete and go on, request documents from a paper
applicant and get the letter, next case — with axe on every page and state. Screenshots of
the queue and the case page at desktop (1280) and laptop (1024) width go to var/screens/.
"""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from jobcenter.casework.models import Case
from tests.accounts.fixtures import PASSWORD, make_staff, make_team, totp_now
from tests.casework.factories import make_case, make_customer
from tests.e2e.test_caseworker_day import _tab_to

pytestmark = pytest.mark.django_db(transaction=True)
SCREENS = Path(__file__).resolve().parents[2] / "var" / "screens"


def _queue_case(jobcenter, sb, team, *, days_ago, **person):
    case = make_case(jobcenter, **person)
    Case.objects.filter(pk=case.pk).update(
        received_at=timezone.now() - dt.timedelta(days=days_ago), team=team, assignee=sb
    )
    return Case.objects.get(pk=case.pk)


def _shortcut(page, key: str) -> None:
    page.keyboard.press(f"Alt+Shift+Key{key}")


def _screens(page, name: str) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 1024):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SCREENS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})


def test_a_day_with_the_queue_by_keyboard(page, live_server, jobcenter, axe):
    base = live_server.url
    team = make_team(jobcenter, "Leistung 1")
    sb = make_staff(jobcenter, username="sb.vorrat", teams=[team])
    make_customer(
        jobcenter,
        first_name="Ada",
        last_name="Erst",
        kundennummer="123A456780",
        bg_nummer="12345BG0007001",
    )
    first = _queue_case(
        jobcenter,
        sb,
        team,
        days_ago=20,
        vorname="Ada",
        nachname="Erst",
        bg_nummer="12345BG0007001",
    )
    paper = _queue_case(jobcenter, sb, team, days_ago=10, vorname="Pia", nachname="Papier")
    Case.objects.filter(pk=paper.pk).update(channel="paper", state=Case.State.IN_BEARBEITUNG)
    last = _queue_case(jobcenter, sb, team, days_ago=0, vorname="Lou", nachname="Letzt")

    # Log in with the second factor, by keyboard.
    page.goto(f"{base}/backoffice/anmelden/")
    _tab_to(page, "Benutzername")
    page.keyboard.type(sb.username)
    _tab_to(page, "Passwort")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sicherheitscode eingeben")
    axe(page)
    _tab_to(page, "Sicherheitscode")
    page.keyboard.type(totp_now(sb.totpdevice_set.get()))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Übersicht")

    # The queue: due first, open only, counts per state.
    _tab_to(page, "Arbeitsvorrat", tag="A")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Arbeitsvorrat: Meine Fälle")
    rows = page.get_by_test_id("queue").locator("tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.first).to_contain_text(first.reference)
    expect(rows.first).to_contain_text("überfällig")
    expect(page.get_by_test_id("queue-counts")).to_contain_text("Eingegangen: 2")
    axe(page)
    _screens(page, "queue")

    # First case: start, match, complete — and land on the next one.
    _tab_to(page, first.reference, tag="A")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Vorgang {first.reference}")
    expect(page.get_by_test_id("queue-bar")).to_contain_text("Vorgang 1 von 3")
    expect(page.get_by_test_id("shortcuts")).to_contain_text("Alt + Umschalt + N")
    axe(page)
    _shortcut(page, "B")
    expect(page.get_by_test_id("case-state")).to_have_text("In Bearbeitung")
    axe(page)
    _shortcut(page, "Z")
    expect(page.get_by_test_id("suggestions")).to_contain_text("BG-Nummer stimmt überein")
    axe(page)
    _tab_to(page, "Diese Person zuordnen", tag="BUTTON")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("case-customer")).to_contain_text("123A456780")
    _screens(page, "case")
    # A shortcut does nothing while the focus is in a field.
    _tab_to(page, "Notiz", tag="TEXTAREA")
    _shortcut(page, "V")
    page.keyboard.type("Alles da.")
    expect(page.get_by_test_id("case-state")).to_have_text("In Bearbeitung")
    page.keyboard.press("Shift+Tab")  # leave the field
    _shortcut(page, "V")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Vorgang {paper.reference}")
    expect(page.get_by_text(f"{first.reference} – Status: Vollständig")).to_be_visible()
    axe(page)

    # Paper applicant: request documents, then the letter to print.
    _shortcut(page, "U")
    expect(page.get_by_role("heading", level=1)).to_have_text("Unterlagen anfordern")
    axe(page)
    _tab_to(page, "Weitere Unterlage (frei)")
    page.keyboard.type("Mietvertrag")
    _tab_to(page, "Anfordern", tag="BUTTON")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("case-state")).to_have_text("Unterlagen angefordert")
    expect(page.get_by_text("Bitte drucken Sie den Brief")).to_be_visible()
    axe(page)
    letter = page.get_by_test_id("request-letter")
    _tab_to(page, "Brief zum Drucken", tag="A")
    response = page.request.get(base + letter.get_attribute("href"))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"

    # Next case by shortcut; complete it; back to the list.
    _shortcut(page, "N")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Vorgang {last.reference}")
    axe(page)
    _shortcut(page, "B")
    expect(page.get_by_test_id("case-state")).to_have_text("In Bearbeitung")
    _shortcut(page, "V")
    expect(page.get_by_test_id("case-state")).to_have_text("Vollständig")
    axe(page)
    _shortcut(page, "L")
    expect(page.get_by_role("heading", level=1)).to_have_text("Arbeitsvorrat: Meine Fälle")
    expect(page.get_by_test_id("queue-counts")).to_contain_text("Vollständig: 2")
    expect(page.get_by_test_id("queue-counts")).to_contain_text("Unterlagen angefordert: 1")
    axe(page)
    assert re.search(r"liste=meine", page.url)

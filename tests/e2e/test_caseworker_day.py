"""A caseworker's day in the browser, with axe on every page and state.

Log in with the second factor → inbox → open a new WBA → accept a match suggestion → request a
document with a deadline → (as the citizen) see it in the mailbox → the upload arrives (through
the documents app's upload page, linked from the request) → (as caseworker) see it arrive on
the case page and download it, mark complete → hand over. Then a first application from an
unknown person: create the customer and household; a paper application; the audit log.
"""

import re

import pytest
from playwright.sync_api import expect

from jobcenter.accounts.models import Role
from jobcenter.casework.models import Case
from tests.accounts.fixtures import PASSWORD, make_citizen, make_staff, make_team, totp_now
from tests.casework.factories import make_case, make_customer
from tests.documents.corpus import simple_pdf
from tests.documents.helpers import drain_documents

pytestmark = pytest.mark.django_db(transaction=True)


def _staff_login(page, base, user):
    page.goto(f"{base}/backoffice/anmelden/")
    page.get_by_label("Benutzername").fill(user.username)
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Weiter").click()
    page.get_by_label("Sicherheitscode").fill(totp_now(user.totpdevice_set.get()))
    page.get_by_role("button", name="Anmelden", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Übersicht")


def test_a_caseworker_s_day(page, browser, live_server, jobcenter, axe, settings, tmp_path):
    base = live_server.url
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
    team = make_team(jobcenter, "Leistung 1")
    sb = make_staff(jobcenter, username="sb.tag", teams=[team])
    citizen = make_citizen("kim.tag@example.invalid")
    customer = make_customer(jobcenter, kundennummer="123A456789", bg_nummer="12345BG0004711")
    case = make_case(jobcenter, user=citizen, bg_nummer="12345BG0004711")
    make_case(jobcenter, vorname="Ole", nachname="Anders")

    _staff_login(page, base, sb)
    axe(page)
    page.get_by_role("link", name="Posteingang").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Posteingang")
    axe(page)
    page.get_by_role("textbox", name=re.compile("^Suche")).fill("12345BG0004711")
    page.get_by_role("button", name="Anzeigen").click()
    expect(page.get_by_test_id("inbox").locator("tbody tr")).to_have_count(1)
    axe(page)
    page.get_by_role("link", name=case.reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Vorgang {case.reference}")
    expect(page.get_by_test_id("case-state")).to_have_text("Eingegangen")
    axe(page)

    page.get_by_role("button", name="Mir zuweisen").click()
    page.get_by_role("button", name="Status: In Bearbeitung").click()
    expect(page.get_by_test_id("case-state")).to_have_text("In Bearbeitung")

    page.get_by_role("link", name="Zuordnen").click()
    expect(page.get_by_test_id("suggestions")).to_contain_text("BG-Nummer stimmt überein")
    axe(page)
    page.get_by_role("button", name=re.compile("Diese Person zuordnen")).first.click()
    expect(page.get_by_test_id("case-customer")).to_contain_text("123A456789")

    page.get_by_role("link", name="Unterlagen anfordern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Unterlagen anfordern")
    axe(page)
    page.get_by_role("button", name="Anfordern").click()  # nothing chosen: errors
    expect(page.get_by_role("alert")).to_contain_text("mindestens eine Unterlage")
    axe(page)
    page.get_by_label("Weitere Unterlage (frei)").fill("Mietvertrag")
    page.get_by_label("Nachricht an die Person").fill("Bitte laden Sie den Mietvertrag hoch.")
    page.get_by_role("button", name="Anfordern").click()
    expect(page.get_by_test_id("case-state")).to_have_text("Unterlagen angefordert")
    expect(page.get_by_test_id("request")).to_contain_text("Mietvertrag: fehlt noch")
    axe(page)

    # The citizen sees the request in the mailbox.
    context = browser.new_context(locale="de-DE")
    citizen_page = context.new_page()
    citizen_page.goto(f"{base}/konto/anmelden/")
    citizen_page.get_by_role("textbox", name="E-Mail-Adresse").fill(citizen.email)
    citizen_page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    citizen_page.get_by_role("button", name="Anmelden", exact=True).last.click()
    citizen_page.goto(f"{base}/{jobcenter.slug}/antraege/")
    citizen_page.get_by_role("link", name=re.compile("Postfach")).click()
    expect(citizen_page.get_by_test_id("requests")).to_contain_text("Mietvertrag")
    expect(citizen_page.get_by_test_id("case-status")).to_contain_text(
        "Wir brauchen noch Unterlagen"
    )
    axe(citizen_page)
    citizen_page.get_by_role("link", name=re.compile("Bitte bis")).click()
    expect(citizen_page.get_by_test_id("request-items")).to_contain_text("Mietvertrag")
    axe(citizen_page)
    # The citizen uploads against the item: the requested type is preselected.
    request_url = citizen_page.url
    citizen_page.get_by_role("link", name=re.compile("^Hochladen")).click()
    expect(citizen_page.get_by_label("Welcher Nachweis ist das?")).to_have_value("sonstiges")
    axe(citizen_page)
    citizen_page.get_by_label("Fotos oder PDF-Dateien auswählen").set_input_files(
        files=[{"name": "mietvertrag.pdf", "mimeType": "application/pdf", "buffer": simple_pdf()}]
    )
    citizen_page.get_by_role("button", name="Hochladen").click()
    citizen_page.wait_for_url(re.compile(r"\?neu="))
    axe(citizen_page)
    assert drain_documents() == 1  # the background job builds the checked PDF
    citizen_page.goto(request_url)
    expect(citizen_page.get_by_test_id("request-items")).to_contain_text("Eingegangen")
    context.close()

    page.reload()
    expect(page.get_by_test_id("case-state")).to_have_text("In Bearbeitung")
    expect(page.get_by_test_id("request")).to_contain_text("Mietvertrag: eingegangen")
    expect(page.get_by_test_id("history")).to_contain_text("Unterlage eingegangen")
    # The document on the case page: view in the browser or download (both audited).
    expect(page.get_by_test_id("case-documents")).to_contain_text("Sonstiges")
    axe(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("^Herunterladen")).click()
    assert download.value.suggested_filename.endswith(".pdf")
    page.get_by_role("button", name="Status: Vollständig").click()
    expect(page.get_by_test_id("case-state")).to_have_text("Vollständig")
    page.get_by_role("button", name="Status: Übergeben/erledigt").click()
    expect(page.get_by_test_id("case-state")).to_have_text("Übergeben/erledigt")
    axe(page)
    case.refresh_from_db()
    assert case.state == Case.State.UEBERGEBEN and case.customer == customer


def test_first_application_paper_intake_and_audit(
    page, live_server, jobcenter, other_jobcenter, axe
):
    base = live_server.url
    sb = make_staff(
        jobcenter, username="sb.erst", roles=[Role.SACHBEARBEITUNG, Role.ADMINISTRATION]
    )
    case = make_case(jobcenter, vorname="Nina", nachname="Neu", bg_nummer="12345BG0009999")
    _staff_login(page, base, sb)
    page.goto(f"{base}/backoffice/vorgaenge/{case.public_id}/zuordnen/")
    expect(page.get_by_test_id("no-suggestions")).to_be_visible()
    axe(page)
    page.get_by_role("textbox", name="Postleitzahl – optional").fill("12")
    page.get_by_role("button", name="Anlegen und zuordnen").click()
    expect(page.get_by_role("alert")).to_be_visible()
    axe(page)
    page.get_by_role("textbox", name="Postleitzahl – optional").fill("00111")
    page.get_by_role("button", name="Anlegen und zuordnen").click()
    expect(page.get_by_test_id("case-customer")).to_contain_text("Nina Neu")
    expect(page.get_by_test_id("case-customer")).to_contain_text("12345BG0009999")
    page.get_by_test_id("case-customer").get_by_role("link", name="Nina Neu").click()
    expect(page.get_by_test_id("household")).to_contain_text("Antragstellende Person")
    axe(page)
    page.get_by_label("Rolle").select_option("kind")
    page.get_by_label("Vorname").fill("Nils")
    page.get_by_label("Nachname").fill("Neu")
    page.get_by_role("button", name="Hinzufügen").click()
    expect(page.get_by_test_id("household")).to_contain_text("Nils Neu")
    axe(page)
    page.goto(f"{base}/backoffice/vorgaenge/{case.public_id}/")

    page.get_by_role("link", name="An anderes Jobcenter weiterleiten").click()
    axe(page)
    page.get_by_role("link", name="Abbrechen").click()

    page.get_by_role("link", name="Papierantrag erfassen").first.click()
    axe(page)
    page.get_by_label("Vorname").fill("Paula")
    page.get_by_label("Nachname").fill("Papier")
    page.get_by_role("button", name="Erfassen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vorgang")
    expect(page.get_by_text("Papierantrag: erfasst wurden")).to_be_visible()
    axe(page)

    page.goto(f"{base}/backoffice/protokoll/")
    expect(page.get_by_test_id("audit")).to_contain_text("Vorgang angesehen")
    axe(page)


def _tab_to(page, text: str, limit: int = 80, *, tag: str = "") -> None:
    """Press Tab until the focused element's text or label contains ``text``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement; return (e.innerText || '') + ' ' +"
            " (e.getAttribute('aria-label') || '') + ' ' + (e.labels && e.labels[0] ?"
            " e.labels[0].innerText : '') }"
        )
        if text in focused and (
            not tag or page.evaluate("() => document.activeElement.tagName") == tag
        ):
            return
    raise AssertionError(f"{text!r} not reachable with Tab")


def test_keyboard_only_inbox_to_case_state(page, live_server, jobcenter):
    base = live_server.url
    sb = make_staff(jobcenter, username="sb.tastatur")
    case = make_case(jobcenter, nachname="Tastatur")
    make_case(jobcenter, nachname="Andere")
    page.goto(f"{base}/backoffice/anmelden/")
    _tab_to(page, "Benutzername")
    page.keyboard.type(sb.username)
    _tab_to(page, "Passwort")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sicherheitscode eingeben")
    _tab_to(page, "Sicherheitscode")
    page.keyboard.type(totp_now(sb.totpdevice_set.get()))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Übersicht")
    _tab_to(page, "Posteingang")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Posteingang")
    _tab_to(page, "Suche")
    page.keyboard.type("Tastatur")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("inbox").locator("tbody tr")).to_have_count(1)
    _tab_to(page, case.reference, tag="A")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Vorgang {case.reference}")
    _tab_to(page, "Status: In Bearbeitung")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("case-state")).to_have_text("In Bearbeitung")
    _tab_to(page, "Notiz")
    page.keyboard.type("Per Tastatur bearbeitet")
    _tab_to(page, "Notiz speichern")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Per Tastatur bearbeitet").first).to_be_visible()

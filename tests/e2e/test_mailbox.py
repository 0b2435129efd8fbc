"""The two-way mailbox in the browser, axe on every page; the citizen also answers without
JavaScript.

1. The citizen asks a question with an attachment → the caseworker answers from the case page →
   the citizen reads the answer.
2. The caseworker sends a decision → the citizen (opted in) is notified by e-mail without social
   data, logs in, opens it → the caseworker sees "abgerufen am" and the notified day.
3. A citizen without consent: the caseworker gets a printable letter instead.
"""

import re

import pytest
from playwright.sync_api import expect

from jobcenter.core.models import OutgoingEmail
from jobcenter.mailbox import rules
from jobcenter.mailbox.models import Decision
from tests.accounts.fixtures import PASSWORD, make_citizen, make_staff, make_team, totp_now
from tests.casework.factories import make_case
from tests.documents.corpus import simple_pdf

pytestmark = pytest.mark.django_db(transaction=True)


def _staff_login(page, base, user):
    page.goto(f"{base}/backoffice/anmelden/")
    page.get_by_label("Benutzername").fill(user.username)
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Weiter").click()
    page.get_by_label("Sicherheitscode").fill(totp_now(user.totpdevice_set.get()))
    page.get_by_role("button", name="Anmelden", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Übersicht")


def _citizen_page(browser, base, citizen, *, javascript=True):
    """A citizen's browser; without JavaScript axe cannot run, so that one only acts."""
    context = browser.new_context(locale="de-DE", java_script_enabled=javascript)
    page = context.new_page()
    page.goto(f"{base}/konto/anmelden/")
    page.get_by_role("textbox", name="E-Mail-Adresse").fill(citizen.email)
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Anmelden", exact=True).last.click()
    return page


@pytest.fixture
def media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
    return tmp_path


def test_question_answer_decision_and_letter(page, browser, live_server, jobcenter, axe, media):
    base = live_server.url
    team = make_team(jobcenter, "Leistung 1")
    sb = make_staff(jobcenter, username="sb.postfach", teams=[team])
    citizen = make_citizen("kim.postfach@example.invalid")
    case = make_case(jobcenter, user=citizen)
    pdf = media / "kontoauszug.pdf"
    pdf.write_bytes(simple_pdf())

    # 1. The citizen opts in and asks a question with an attachment.
    cp = _citizen_page(browser, base, citizen)
    cp.goto(f"{base}/{jobcenter.slug}/postfach/")
    axe(cp)
    cp.get_by_role("link", name="Einstellung ändern").click()
    axe(cp)
    cp.get_by_role("button", name="Ja, Bescheide in mein Postfach").click()
    expect(cp.get_by_test_id("consent-state")).to_contain_text("eingewilligt")
    cp.get_by_role("link", name="Zurück zu Ihrem Konto").click()
    expect(
        cp.get_by_role("link", name=re.compile("Bescheide elektronisch erhalten"))
    ).to_be_visible()
    axe(cp)
    cp.goto(f"{base}/{jobcenter.slug}/postfach/")
    cp.get_by_role("link", name="Nachricht schreiben").click()
    axe(cp)
    # Sent without a topic: the error summary links to it, the subject typed so far stays.
    cp.get_by_label("Betreff (freiwillig)").fill("Zahlung März")
    cp.get_by_role("button", name="Nachricht senden").click()
    expect(cp.locator("#error-summary")).to_contain_text("Bitte wählen Sie ein Thema.")
    expect(cp.get_by_label("Betreff (freiwillig)")).to_have_value("Zahlung März")
    axe(cp)
    cp.get_by_role("radio", name="Zahlung").check()
    cp.get_by_label("Zu welchem Antrag? (freiwillig)").select_option(str(case.public_id))
    cp.get_by_label("Betreff (freiwillig)").fill("Zahlung März")
    cp.get_by_label("Ihre Nachricht").fill("Wann kommt das Geld?")
    cp.get_by_label(re.compile("^Anlagen")).set_input_files(str(pdf))
    cp.get_by_role("button", name="Nachricht senden").click()
    expect(cp.get_by_role("heading", level=1)).to_have_text("Zahlung März")
    expect(cp.get_by_test_id("post")).to_contain_text("Anlage")
    axe(cp)

    # The caseworker finds the question in the mailbox's queue and answers from the case page.
    _staff_login(page, base, sb)
    page.get_by_role("link", name="Posteingang").first.click()
    page.get_by_role("navigation", name="Backoffice").get_by_role("link", name="Postfach").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Postfach: offene Anliegen")
    expect(page.get_by_test_id("open-thread")).to_contain_text("Zahlung März")
    axe(page)
    page.get_by_test_id("open-thread").get_by_role("link", name=case.reference).click()
    expect(page.get_by_test_id("mailbox-thread")).to_contain_text("Wann kommt das Geld?")
    axe(page)
    page.get_by_label("Antwort an die Person").fill("Am 1. April.")
    page.get_by_role("button", name="Antwort senden").click()
    expect(page.get_by_test_id("mailbox-thread")).to_contain_text("Am 1. April.")

    # The citizen reads it.
    cp.goto(f"{base}/{jobcenter.slug}/postfach/")
    expect(cp.get_by_test_id("mailbox-threads")).to_contain_text("Antwort vom Jobcenter")
    cp.get_by_role("link", name="Zahlung März").click()
    expect(cp.get_by_test_id("posts")).to_contain_text("Am 1. April.")
    axe(cp)

    # Without JavaScript the citizen answers again (plain forms, a plain file input).
    nojs = _citizen_page(browser, base, citizen, javascript=False)
    nojs.goto(cp.url)
    nojs.get_by_label("Antworten").fill("Danke, ohne JavaScript.")
    nojs.get_by_label(re.compile("^Anlagen")).set_input_files(str(pdf))
    nojs.get_by_role("button", name="Antwort senden").click()
    expect(nojs.get_by_test_id("posts")).to_contain_text("Danke, ohne JavaScript.")
    nojs.context.close()

    # 2. The caseworker sends a decision; the citizen is notified without social data.
    page.goto(f"{base}/backoffice/vorgaenge/{case.public_id}/")
    expect(page.get_by_test_id("delivery-channel")).to_contain_text("eingewilligt")
    page.get_by_label("Bezeichnung des Bescheids").fill("Bewilligungsbescheid")
    page.get_by_label("Bescheid oder Schreiben (PDF)").set_input_files(str(pdf))
    page.get_by_role("button", name="Bescheid versenden").click()
    expect(page.get_by_test_id("decision")).to_contain_text("noch nicht abgerufen")
    axe(page)
    notice = OutgoingEmail.objects.get(purpose="mailbox:decision")
    assert "Bewilligungsbescheid" not in notice.body and case.reference not in notice.body
    link = re.search(r"https?://\S+", notice.body).group(0)
    assert link.endswith(f"/{jobcenter.slug}/postfach/")

    cp.goto(f"{base}/{jobcenter.slug}/postfach/")
    cp.get_by_role("link", name="Bewilligungsbescheid").click()
    decision = Decision.objects.get()
    day = rules.notified_on(decision.notice_sent_at).strftime("%d.%m.%Y")
    expect(cp.get_by_test_id("notified-on")).to_have_text(day)
    axe(cp)

    page.reload()
    expect(page.get_by_test_id("retrieved")).to_contain_text("abgerufen am")
    expect(page.get_by_test_id("notified-on")).to_contain_text(day)

    # 3. A citizen without consent: a printable letter.
    other = make_case(jobcenter, user=make_citizen("ohne.einwilligung@example.invalid"))
    page.goto(f"{base}/backoffice/vorgaenge/{other.public_id}/")
    expect(page.get_by_test_id("delivery-channel")).to_contain_text(
        "nicht in die elektronische Bekanntgabe eingewilligt"
    )
    page.get_by_label("Bezeichnung des Bescheids").fill("Ablehnungsbescheid")
    page.get_by_label("Bescheid oder Schreiben (PDF)").set_input_files(str(pdf))
    page.get_by_role("button", name="Bescheid versenden").click()
    expect(page.get_by_test_id("print-letter")).to_be_visible()
    axe(page)
    with page.expect_download() as download:
        page.get_by_test_id("print-letter").click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert (
        not OutgoingEmail.objects.filter(purpose="mailbox:decision").exclude(pk=notice.pk).exists()
    )

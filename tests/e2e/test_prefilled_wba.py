"""On a phone, signed in: the WBA's first page comes prefilled from the last application, says
so, and is only saved when confirmed; nothing changed, sent. axe on every screen."""

import pytest
from playwright.sync_api import expect

from jobcenter.intake.models import Submission
from tests.accounts.fixtures import PASSWORD, make_citizen
from tests.e2e.conftest import PHONE
from tests.e2e.test_wizard_journeys import Journey
from tests.forms.answers import WBA_NOTHING_CHANGED
from tests.intake.factories import make_submission

pytestmark = pytest.mark.django_db(transaction=True)
EMAIL = "wieder@example.invalid"


@pytest.mark.parametrize("viewport", [PHONE], indirect=True, ids=["phone"])
def test_signed_in_wba_prefilled_confirmed_and_sent(page, live_server, jobcenter, axe):
    citizen = make_citizen(EMAIL)
    last = make_submission(jobcenter, user=citizen, answers=WBA_NOTHING_CHANGED)
    page.goto(f"{live_server.url}/konto/anmelden/")
    page.get_by_role("textbox", name="E-Mail-Adresse").fill(EMAIL)
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").last.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mein Konto")

    page.goto(f"{live_server.url}/{jobcenter.slug}/weiterbewilligung/")
    j = Journey(page, axe)
    j.arrived("Angaben zu Ihrer Person")
    notice = page.locator("#uebernommen")
    expect(notice).to_contain_text("Aus Ihrem letzten Antrag übernommen")
    expect(notice).to_contain_text(last.reference)
    expect(page.get_by_label("Vorname", exact=True)).to_have_value("Kim")
    expect(page.get_by_label("Nummer der Bedarfsgemeinschaft (BG-Nummer)")).to_have_value(
        "12345BG0012345"
    )
    j.next()  # confirmed as shown
    j.arrived("Haushalt und Wohnung")
    j.answer("Ist jemand in Ihre Wohnung eingezogen oder ausgezogen?", "Nein")
    j.answer("Haben sich Ihre Wohnkosten geändert?", "Nein")
    j.next()
    j.arrived("Einkommen, Vermögen und andere Leistungen")
    for q in (
        "Hat sich Einkommen geändert oder ist neues hinzugekommen?",
        "Hat sich Ihr Vermögen geändert?",
        "Haben Sie andere Leistungen beantragt oder bekommen?",
    ):
        j.answer(q, "Nein")
    j.next()
    j.arrived("Krankenversicherung, Konto und Sonstiges")
    for q in (
        "Hat sich Ihre Krankenversicherung geändert?",
        "Hat sich Ihre Bankverbindung geändert?",
        "Hat sich sonst etwas geändert, das Sie uns noch nicht mitgeteilt haben?",
    ):
        j.answer(q, "Nein")
    j.next()
    j.arrived("Prüfen Sie Ihre Angaben")
    page.get_by_role("button", name="Antrag absenden").click()
    j.arrived("Ihr Antrag ist eingegangen")
    sent = Submission.objects.exclude(pk=last.pk).get()
    assert sent.user == citizen and sent.answers["bg_nummer"] == "12345BG0012345"
    assert sent.answers["vorname"] == "Kim" and sent.answers["geburtsdatum"] == "1980-03-27"

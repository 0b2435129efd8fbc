"""Sending by post in the browser, axe on every page, the staff side by keyboard only.

A decision not retrieved in time and a letter to a person without consent both wait on the
list for the post (reached from the mailbox's queue /backoffice/postfach/); the caseworker
marks each "Als per Post versandt markieren" (Tab from the letter's print link to the button,
Enter); the list empties. The citizen then sees in the mailbox and on the decision that it was
posted, when, and the day it counts as notified (§ 37 Abs. 2 SGB X).
"""

import datetime as dt
import re

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format
from playwright.sync_api import expect

from jobcenter.mailbox import services
from tests.accounts.fixtures import make_citizen, make_staff
from tests.casework.factories import make_case
from tests.documents.corpus import simple_pdf
from tests.e2e.test_mailbox import _citizen_page, _staff_login, media  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db(transaction=True)


def _long(day) -> str:
    with translation.override("de"):
        return date_format(day, "DATE_FORMAT")


def test_caseworker_marks_letters_posted_by_keyboard_and_the_citizen_sees_it(
    page,
    browser,
    live_server,
    jobcenter,
    axe,
    media,  # noqa: F811
):
    base = live_server.url
    sb = make_staff(jobcenter, username="sb.post")
    citizen = make_citizen("spaet.post@example.invalid")
    services.consent_set(user=citizen, given=True, login_level="basic")
    case = make_case(jobcenter, user=citizen)
    late = services.decision_send(case=case, by=sb, title="Änderungsbescheid", data=simple_pdf())
    services.decisions_flag_unretrieved(today=timezone.localdate() + dt.timedelta(days=11))
    letter = services.decision_send(
        case=make_case(jobcenter, user=make_citizen("ohne.post@example.invalid")),
        by=sb,
        title="Ablehnungsbescheid",
        data=simple_pdf(),
    )
    assert letter.channel == "post"

    # The citizen, before the posting: "kommt per Post", no day yet.
    cp = _citizen_page(browser, base, citizen)
    cp.goto(f"{base}/{jobcenter.slug}/postfach/")
    expect(cp.get_by_test_id("decision-posted")).to_contain_text("kommt per Post")
    cp.get_by_role("link", name="Änderungsbescheid").click()
    expect(cp.get_by_test_id("posted-notice")).to_contain_text("schicken wir ihn Ihnen per Post")
    expect(cp.get_by_test_id("notified-on")).to_have_text(
        "wird hier angezeigt, sobald der Brief verschickt ist"
    )
    axe(cp)

    # The caseworker: the queue names the list, keyboard only from there on.
    _staff_login(page, base, sb)
    page.goto(f"{base}/backoffice/postfach/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Postfach: offene Anliegen")
    axe(page)
    link = page.get_by_test_id("post-list-link")
    expect(link).to_have_text("Bescheide für den Postversand (2)")
    link.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bescheide für den Postversand")
    rows = page.get_by_test_id("post-list-row")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="Ablehnungsbescheid").get_by_test_id("post-reason")).to_have_text(
        "keine Einwilligung: Brief"
    )
    expect(rows.filter(has_text="Änderungsbescheid").get_by_test_id("post-reason")).to_contain_text(
        "im Postfach nicht abgerufen"
    )
    axe(page)

    for title, reference in (
        ("Ablehnungsbescheid", letter.case.reference),
        ("Änderungsbescheid", case.reference),
    ):
        row = rows.filter(has_text=title)
        row.get_by_test_id("print-letter").focus()
        page.keyboard.press("Tab")
        name = re.compile(rf"^Als per Post versandt markieren\s*: {title}, {reference}$")
        button = row.get_by_role("button", name=name)
        expect(button).to_be_focused()
        page.keyboard.press("Enter")
        done = f"„{title}“ ({reference}) ist als per Post versandt markiert."
        expect(page.get_by_text(done)).to_be_visible()
        axe(page)
    expect(page.get_by_test_id("no-post-list")).to_be_visible()
    page.goto(f"{base}/backoffice/postfach/")
    expect(page.get_by_test_id("post-list-link")).to_have_text("Bescheide für den Postversand (0)")

    # The case page shows the posting and the day it counts as notified by post.
    late.refresh_from_db()
    page.goto(f"{base}/backoffice/vorgaenge/{case.public_id}/")
    expect(page.get_by_test_id("posted")).to_contain_text("per Post versandt am")
    expect(page.get_by_test_id("notified-on")).to_contain_text(
        f"per Post: {late.notified_by_post_on:%d.%m.%Y}"
    )
    axe(page)

    # The citizen sees it in the list and on the decision, in plain words and long dates.
    posted, day = _long(timezone.localtime(late.posted_at)), _long(late.notified_by_post_on)
    cp.goto(f"{base}/{jobcenter.slug}/postfach/")
    expect(cp.get_by_test_id("decision-posted")).to_have_text(
        f"am {posted} per Post an Sie verschickt, gilt am {day} als bekannt gegeben"
    )
    axe(cp)
    cp.get_by_role("link", name="Änderungsbescheid").click()
    expect(cp.get_by_test_id("posted-notice")).to_contain_text(
        f"Deshalb haben wir ihn Ihnen am {posted} per Post geschickt. "
        f"Er gilt am {day} als bekannt gegeben."
    )
    expect(cp.get_by_test_id("notified-on")).to_have_text(f"{late.notified_by_post_on:%d.%m.%Y}")
    axe(cp)
    cp.context.close()

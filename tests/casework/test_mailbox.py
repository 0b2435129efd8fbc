"""The citizen's mailbox: status in plain language, requests with deadlines, messages."""

import datetime as dt
import re

from django.urls import reverse
from django.utils import timezone

from jobcenter.casework import selectors, services
from jobcenter.casework.models import Case, Message
from jobcenter.intake import services as intake_services
from tests.accounts.fixtures import login_as, make_citizen
from tests.casework.factories import make_case
from tests.forms.answers import AENDERUNG_JOB_AND_BANK
from tests.intake.factories import make_draft


def test_mailbox_shows_status_requests_and_messages(client, jobcenter, staff):
    citizen = make_citizen("postfach@example.invalid")
    case = make_case(jobcenter, user=citizen)
    request = services.document_request_create(
        case=case,
        by=staff,
        items=[("mietvertrag", "Mietvertrag", "")],
        deadline=timezone.localdate() + dt.timedelta(days=14),
        message="Bitte schicken.",
    )
    someone_else = make_case(jobcenter, user=make_citizen("anders@example.invalid"))
    login_as(client, citizen)
    response = client.get(reverse("portal:mailbox", kwargs={"jobcenter": jobcenter.slug}))
    html = response.content.decode()
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert "Wir brauchen noch Unterlagen von Ihnen" in html
    assert "Mietvertrag" in html and request.deadline.strftime("%d.%m.%Y") in html
    assert "Bitte schicken." in html
    assert someone_else.reference not in html
    assert Message.objects.get(case=case).read_at is not None  # read once shown
    detail = client.get(
        reverse(
            "portal:mailbox_request",
            kwargs={"jobcenter": jobcenter.slug, "public_id": request.public_id},
        )
    )
    assert "§ 66" in detail.content.decode() and "Mietvertrag" in detail.content.decode()


def test_mailbox_needs_a_citizen_login(client, jobcenter, staff):
    url = reverse("portal:mailbox", kwargs={"jobcenter": jobcenter.slug})
    assert client.get(url).status_code == 302
    login_as(client, staff)
    assert client.get(url).status_code == 404


def test_my_submissions_links_the_mailbox(client, jobcenter):
    citizen = make_citizen("link@example.invalid")
    login_as(client, citizen)
    html = client.get(
        reverse("portal:my_submissions", kwargs={"jobcenter": jobcenter.slug})
    ).content.decode()
    assert reverse("portal:mailbox", kwargs={"jobcenter": jobcenter.slug}) in html


def test_the_citizen_replies_and_the_caseworker_reads_it(client, jobcenter, staff):
    citizen = make_citizen("antwort@example.invalid")
    case = make_case(jobcenter, user=citizen)
    services.message_send(case=case, by=staff, subject="Rückfrage", body="Seit wann?")
    login_as(client, citizen)
    reply = reverse(
        "portal:mailbox_reply", kwargs={"jobcenter": jobcenter.slug, "public_id": case.public_id}
    )
    assert (
        reply
        in client.get(
            reverse("portal:mailbox", kwargs={"jobcenter": jobcenter.slug})
        ).content.decode()
    )
    response = client.post(reply, {"nachricht": "Seit dem 1. Mai."}, follow=True)
    assert "Ihre Nachricht ist beim Jobcenter angekommen." in response.content.decode()
    client.post(reply, {"nachricht": "  "})
    incoming = Message.objects.get(case=case, direction="in")
    assert incoming.body == "Seit dem 1. Mai." and incoming.author == citizen
    login_as(client, staff)
    html = client.get(
        reverse("backoffice:case_detail", kwargs={"public_id": case.public_id})
    ).content.decode()
    assert "Seit dem 1. Mai." in html and "von der Person" in html


def test_my_submissions_and_the_mailbox_tell_the_same_status(client, jobcenter, staff):
    citizen = make_citizen("status@example.invalid")
    case = make_case(jobcenter, user=citizen)
    services.case_transition(case=case, to_state="in_bearbeitung", by=staff)
    login_as(client, citizen)
    mine = client.get(
        reverse("portal:my_submissions", kwargs={"jobcenter": jobcenter.slug})
    ).content.decode()
    box = client.get(reverse("portal:mailbox", kwargs={"jobcenter": jobcenter.slug}))
    assert "Ihr Antrag wird bearbeitet." in box.content.decode()
    assert "Ihr Antrag wird bearbeitet." in mine
    assert ">Eingegangen<" not in mine


def test_the_citizens_own_reply_is_shown_as_theirs(client, jobcenter, staff):
    citizen = make_citizen("absender@example.invalid")
    case = make_case(jobcenter, user=citizen)
    services.message_send(case=case, by=staff, subject="Rückfrage", body="Seit wann?")
    services.message_from_citizen(case=case, user=citizen, body="Seit dem 1. Mai.")
    login_as(client, citizen)
    html = client.get(
        reverse("portal:mailbox", kwargs={"jobcenter": jobcenter.slug})
    ).content.decode()
    senders = re.findall(r'data-testid="sender">([^<]*)<', html)
    assert len(senders) == 2
    reply_sender, question_sender = senders  # newest first
    assert reply_sender.startswith(f"Von Ihnen an das {jobcenter.name}")
    assert question_sender.startswith(f"Vom {jobcenter.name}")
    assert "Nachrichten vom Jobcenter" not in html


def test_the_status_of_a_request_says_where_the_requested_documents_are_listed(
    client, jobcenter, staff
):
    """The status is shown on "Meine Anträge" (no list of requests there) and in the mailbox
    (the list is above the applications): "Bitte sehen Sie unten nach" pointed nowhere. It names
    the mailbox section that lists them, and "Meine Anträge" links the mailbox."""
    citizen = make_citizen("wo@example.invalid")
    case = make_case(jobcenter, user=citizen)
    services.document_request_create(
        case=case,
        by=staff,
        items=[("mietvertrag", "Mietvertrag", "")],
        deadline=timezone.localdate() + dt.timedelta(days=14),
    )
    login_as(client, citizen)
    box_url = reverse("portal:mailbox", kwargs={"jobcenter": jobcenter.slug})
    box = client.get(box_url).content.decode()
    mine = client.get(
        reverse("portal:my_submissions", kwargs={"jobcenter": jobcenter.slug})
    ).content.decode()
    status = selectors.plain_status(Case.State.UNTERLAGEN_ANGEFORDERT)
    assert status in box and status in mine
    assert "unten" not in status
    section = re.search(r'<h2[^>]*id="requests-heading">([^<]+)</h2>', box).group(1)
    assert f"„{section}“" in status
    assert f'href="{box_url}"' in mine


def test_a_change_notice_is_called_a_notice_not_an_application(client, jobcenter, staff):
    """A Veränderungsmitteilung claims nothing: "Meine Anträge", the mailbox and the data export
    call it "Ihre Mitteilung", never "Ihr Antrag", in every state."""
    citizen = make_citizen("mitteilung@example.invalid")
    draft = make_draft(
        jobcenter, form_key="aenderung", answers=AENDERUNG_JOB_AND_BANK, user=citizen
    )
    submission = intake_services.submission_create(draft=draft, language="de", user=citizen)
    case = Case.objects.get(submission=submission)
    services.case_transition(case=case, to_state="in_bearbeitung", by=staff)
    login_as(client, citizen)
    mine = client.get(
        reverse("portal:my_submissions", kwargs={"jobcenter": jobcenter.slug})
    ).content.decode()
    box = client.get(reverse("portal:mailbox", kwargs={"jobcenter": jobcenter.slug}))
    for html in (mine, box.content.decode()):
        assert "Ihre Mitteilung wird bearbeitet." in html
        assert "Ihr Antrag wird bearbeitet." not in html
    assert selectors.citizen_statuses(citizen) == {
        submission.pk: "Ihre Mitteilung wird bearbeitet."
    }
    for state in Case.State.values:
        wording = selectors.plain_status(state, submission.form_ident)
        assert wording and "Antrag" not in wording, state

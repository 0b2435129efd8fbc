"""The two-way mailbox: messages with attachments, consent, decisions, the notified day."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from jobcenter.audit.models import AuditEntry
from jobcenter.casework.models import Case, RoutingRule
from jobcenter.core.models import OutgoingEmail
from jobcenter.mailbox import rules, selectors, services
from jobcenter.mailbox.models import Decision, DeliveryConsent, Post, Thread
from tests.accounts.fixtures import login_as, make_citizen, make_team
from tests.casework.factories import make_case
from tests.documents.corpus import simple_pdf


def _pdf(name="bescheid.pdf"):
    return SimpleUploadedFile(name, simple_pdf(), content_type="application/pdf")


def test_the_notified_day_is_the_fourth_day_after_the_notice():
    sent = timezone.make_aware(dt.datetime(2026, 3, 2, 23, 30))
    assert rules.notified_on(sent) == dt.date(2026, 3, 6)
    # not moved off a weekend: Friday → Tuesday... a Thursday notice lands on a Monday
    assert rules.notified_on(timezone.make_aware(dt.datetime(2026, 3, 5, 9))) == dt.date(2026, 3, 9)


def test_a_question_about_an_application_joins_its_case_and_the_caseworker_answers(
    client, jobcenter, staff
):
    citizen = make_citizen("frage@example.invalid")
    case = make_case(jobcenter, user=citizen)
    login_as(client, citizen)
    url = reverse("mailbox:write", kwargs={"jobcenter": jobcenter.slug})
    page = client.get(url)
    assert page.status_code == 200 and case.reference in page.content.decode()
    response = client.post(
        url,
        {
            "thema": "zahlung",
            "antrag": str(case.public_id),
            "betreff": "Zahlung März",
            "nachricht": "Wann kommt das Geld?",
            "anlagen": [_pdf("kontoauszug.pdf")],
        },
    )
    thread = Thread.objects.get()
    assert response.status_code == 302 and thread.case == case
    post = thread.posts.get()
    assert post.attachments.count() == 1
    assert post.attachments.get().upload.submission == case.submission
    # the caseworker sees it on the case page and answers from there
    login_as(client, staff)
    html = client.get(
        reverse("backoffice:case_detail", kwargs={"public_id": case.public_id})
    ).content.decode()
    assert "Wann kommt das Geld?" in html and "Anlage zur Nachricht" in html
    mail.outbox.clear()
    client.post(
        reverse("mailbox:staff_reply", kwargs={"public_id": thread.public_id}),
        {"antwort": "Am 1. April."},
    )
    answer = Post.objects.get(direction="out")
    assert answer.author == staff
    email = OutgoingEmail.objects.filter(purpose="mailbox:message").get()
    assert citizen.email in email.to
    assert "April" not in email.body and case.reference not in email.body
    assert "Zahlung" not in email.body and "Zahlung" not in email.subject
    assert AuditEntry.objects.filter(summary="Antwort im Postfach verschickt").exists()
    # the citizen reads it: shown as from the Jobcenter, their own question as theirs
    login_as(client, citizen)
    page = client.get(
        reverse(
            "mailbox:thread", kwargs={"jobcenter": jobcenter.slug, "public_id": thread.public_id}
        )
    ).content.decode()
    senders = re.findall(r'data-testid="sender">([^<]*)<', page)
    assert senders[0].startswith("Von Ihnen") and senders[1].startswith("Vom ")
    assert "Am 1. April." in page
    answer.refresh_from_db()
    assert answer.read_at is not None


def test_a_question_about_nothing_opens_a_new_case_routed_by_topic(client, jobcenter):
    team = make_team(jobcenter, "Leistung Zahlungen")
    RoutingRule.objects.create(
        jobcenter=jobcenter, position=1, kind="form", range_from="postfach_zahlung", team=team
    )
    citizen = make_citizen("neu@example.invalid")
    thread = services.thread_start(
        user=citizen, jobcenter=jobcenter, topic="zahlung", subject="", body="Frage"
    )
    case = Case.objects.get(pk=thread.case_id)
    assert case.team == team and case.form_key == "postfach_zahlung"
    assert case.submission.user == citizen and thread.subject == "Zahlung"


def test_an_infected_attachment_is_refused_and_nothing_is_sent(client, jobcenter):
    from tests.documents.corpus import eicar

    citizen = make_citizen("virus@example.invalid")
    case = make_case(jobcenter, user=citizen)
    login_as(client, citizen)
    url = reverse("mailbox:write", kwargs={"jobcenter": jobcenter.slug})
    response = client.post(
        url,
        {
            "thema": "sonstiges",
            "antrag": str(case.public_id),
            "nachricht": "Anbei",
            "anlagen": [SimpleUploadedFile("a.exe", eicar())],
        },
    )
    assert response.status_code == 200 and not Thread.objects.exists()


def test_consent_is_recorded_with_time_and_login_level(client, jobcenter):
    citizen = make_citizen("einwilligung@example.invalid")
    login_as(client, citizen, level="substantial")
    url = reverse("mailbox:consent")
    assert client.get(url).status_code == 200
    client.post(url, {"einwilligung": "ja"})
    consent = DeliveryConsent.objects.get()
    assert consent.given and consent.login_level == "substantial" and consent.at
    assert selectors.has_consent(citizen)
    client.post(url, {"einwilligung": "nein"})
    assert not selectors.has_consent(citizen) and DeliveryConsent.objects.count() == 2


def test_a_decision_goes_to_the_mailbox_with_consent_and_its_retrieval_is_recorded(
    client, jobcenter, staff
):
    citizen = make_citizen("bescheid@example.invalid")
    services.consent_set(user=citizen, given=True, login_level="substantial")
    case = make_case(jobcenter, user=citizen)
    login_as(client, staff)
    client.post(
        reverse("mailbox:staff_decision_send", kwargs={"public_id": case.public_id}),
        {"bezeichnung": "Bewilligungsbescheid", "datei": _pdf()},
    )
    decision = Decision.objects.get()
    assert decision.channel == "postfach" and decision.notice_sent_at
    assert OutgoingEmail.objects.filter(purpose="mailbox:decision").exists()
    expected = rules.notified_on(decision.notice_sent_at)
    login_as(client, citizen, level="substantial")
    box = client.get(reverse("portal:mailbox", kwargs={"jobcenter": jobcenter.slug}))
    assert "Bewilligungsbescheid" in box.content.decode()
    assert Decision.objects.get().retrieved_at is None  # listing is not retrieval
    kwargs = {"jobcenter": jobcenter.slug, "public_id": decision.public_id}
    page = client.get(reverse("mailbox:decision", kwargs=kwargs))
    assert expected.strftime("%d.%m.%Y") in page.content.decode()
    pdf = client.get(reverse("mailbox:decision_pdf", kwargs=kwargs))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    decision.refresh_from_db()
    assert decision.retrieved_at and decision.retrieved_level == "substantial"
    login_as(client, staff)
    html = client.get(
        reverse("backoffice:case_detail", kwargs={"public_id": case.public_id})
    ).content.decode()
    assert "abgerufen am" in html and expected.strftime("%d.%m.%Y") in html
    client.get(reverse("mailbox:staff_decision_pdf", kwargs={"public_id": decision.public_id}))
    assert AuditEntry.objects.filter(object_type="decision", action="view").exists()


def test_without_consent_the_decision_is_a_printable_letter(client, jobcenter, staff):
    citizen = make_citizen("papier@example.invalid")
    case = make_case(jobcenter, user=citizen)
    decision = services.decision_send(
        case=case, by=staff, title="Ablehnungsbescheid", data=simple_pdf()
    )
    assert decision.channel == "post" and decision.notice_sent_at is None
    assert not OutgoingEmail.objects.filter(purpose="mailbox:decision").exists()
    login_as(client, citizen)
    assert (
        client.get(
            reverse(
                "mailbox:decision",
                kwargs={"jobcenter": jobcenter.slug, "public_id": decision.public_id},
            )
        ).status_code
        == 404
    )
    login_as(client, staff)
    html = client.get(
        reverse("backoffice:case_detail", kwargs={"public_id": case.public_id})
    ).content.decode()
    assert 'data-testid="print-letter"' in html


def test_unretrieved_decisions_are_flagged_for_the_post(jobcenter, staff):
    citizen = make_citizen("spaet@example.invalid")
    services.consent_set(user=citizen, given=True, login_level="basic")
    case = make_case(jobcenter, user=citizen)
    decision = services.decision_send(case=case, by=staff, title="Bescheid", data=simple_pdf())
    today = timezone.localdate()
    assert services.decisions_flag_unretrieved(today=today) == 0
    assert services.decisions_flag_unretrieved(today=today + dt.timedelta(days=11)) == 1
    decision.refresh_from_db()
    assert decision.post_flagged_at is not None


def test_a_sent_decision_cannot_be_changed_a_correction_is_new(jobcenter, staff):
    citizen = make_citizen("korrektur@example.invalid")
    case = make_case(jobcenter, user=citizen)
    first = services.decision_send(case=case, by=staff, title="Bescheid", data=simple_pdf())
    second = services.decision_send(
        case=case, by=staff, title="Bescheid (berichtigt)", data=simple_pdf(), corrects=first
    )
    assert second.corrects == first and Decision.objects.count() == 2
    # no URL edits or deletes a decision or a message
    names = {p.name for p in __import__("jobcenter.mailbox.urls", fromlist=["x"]).urlpatterns}
    assert not {n for n in names if "edit" in n or "delete" in n or "loeschen" in n}


@pytest.mark.parametrize("choice", ["zustimmung", "ablehnung"])
def test_a_quick_decision_of_the_form_makes_and_sends_a_letter(
    monkeypatch, jobcenter, staff, choice
):
    from jobcenter.mailbox import selectors as mailbox_selectors

    monkeypatch.setattr(
        mailbox_selectors,
        "decision_choices",
        lambda case: (("zustimmung", "Zustimmung"), ("ablehnung", "Ablehnung")),
    )
    citizen = make_citizen(f"schnell-{choice}@example.invalid")
    case = make_case(jobcenter, user=citizen)
    decision = services.decision_quick(case=case, by=staff, choice=choice)
    assert decision.choice == choice and decision.channel == "post"
    assert decision.file.open("rb").read(4) == b"%PDF"
    with pytest.raises(services.MailboxError):
        services.decision_quick(case=case, by=staff, choice="vielleicht")


def test_form_definitions_declare_decision_choices():
    from jobcenter.forms.definition import FormDefinition

    assert FormDefinition.__dataclass_fields__["decision_choices"].default == ()


def test_the_mailbox_queue_lists_unanswered_questions_of_visible_cases_only(
    client, jobcenter, other_jobcenter, staff
):
    from tests.accounts.fixtures import make_staff

    citizen = make_citizen("warteschlange@example.invalid")
    closed = make_case(jobcenter, user=citizen)
    Case.objects.filter(pk=closed.pk).update(state=Case.State.UEBERGEBEN)
    question = services.thread_start(
        user=citizen,
        jobcenter=jobcenter,
        topic="zahlung",
        subject="Nach der Übergabe",
        body="Noch eine Frage",
        case=closed,
    )
    answered = services.thread_start(
        user=citizen, jobcenter=jobcenter, topic="termin", subject="Beantwortet", body="Termin?"
    )
    services.staff_reply(thread=answered, by=staff, body="Montag.")
    elsewhere = services.thread_start(
        user=citizen, jobcenter=other_jobcenter, topic="sonstiges", subject="Anderswo", body="?"
    )
    login_as(client, staff)
    url = reverse("mailbox:staff_inbox")
    html = client.get(url).content.decode()
    assert "Nach der Übergabe" in html and closed.reference in html
    assert "Beantwortet" not in html and "Anderswo" not in html
    assert f"#thread-{question.public_id}" in html
    assert AuditEntry.objects.filter(object_type="thread", object_id="offen").exists()
    # the citizen writes again in the answered thread: it is open again
    services.citizen_reply(thread=answered, user=citizen, body="Geht auch Dienstag?")
    assert "Beantwortet" in client.get(url).content.decode()
    login_as(client, make_staff(other_jobcenter, username="sb-anderswo"))
    html = client.get(url).content.decode()
    assert "Anderswo" in html and elsewhere.subject in html
    assert "Nach der Übergabe" not in html and "Beantwortet" not in html
    client.logout()
    assert client.get(url).status_code in (302, 404)

"""Retention × the mailbox: threads (messages both ways, attachments) and decisions (with their
PDFs) go with the case — from the disk and from S3, not in a dry run —, the threads also by the
message rule; a hold keeps them; a restricted case hides them from staff, not from the citizen;
an account deletion leaves the citizen's messages with the case; the data download has them."""

import datetime as dt
import io
import json
import uuid
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from jobcenter.casework.models import Case
from jobcenter.documents.models import Upload
from jobcenter.handover.models import Bundle
from jobcenter.mailbox import services as mailbox
from jobcenter.mailbox.models import Attachment, Decision, Post, Thread
from jobcenter.retention import services
from jobcenter.retention.models import LegalHold, RetentionRule
from tests.accounts.fixtures import login_as, make_citizen
from tests.casework.factories import make_case
from tests.documents.corpus import simple_pdf

pytestmark = pytest.mark.django_db
TZ = timezone.get_current_timezone()


def at(y, m, d, hh=12):
    return dt.datetime(y, m, d, hh, tzinfo=TZ)


def case_with_mailbox(jobcenter, staff, *, email, closed=None):
    """A closed case whose citizen wrote with an attachment, got an answer and a decision
    (opened in the mailbox) and a letter; returns (case, files, post)."""
    citizen = make_citizen(email)
    mailbox.consent_set(user=citizen, given=True, login_level="substantial")
    case = make_case(jobcenter, user=citizen)
    thread = mailbox.thread_start(
        user=citizen, jobcenter=jobcenter, topic="zahlung", subject="Geld", body="Wann?", case=case
    )
    name = default_storage.save("documents/test/anlage.pdf", ContentFile(b"%PDF-1.7 anlage"))
    upload = Upload.objects.create(
        jobcenter=jobcenter,
        submission=case.submission,
        user=citizen,
        doc_type="nachricht",
        doc_title="Anlage zur Nachricht",
        received_at=timezone.now(),
        status=Upload.Status.READY,
        file=name,
        size=15,
    )
    post = thread.posts.get()
    Attachment.objects.create(post=post, upload=upload)
    mailbox.staff_reply(thread=thread, by=staff, body="Morgen.")
    sent = mailbox.decision_send(case=case, by=staff, title="Bescheid", data=simple_pdf())
    mailbox.decision_retrieved(decision=sent, login_level="substantial")
    mailbox.consent_set(user=citizen, given=False, login_level="substantial")
    letter = mailbox.decision_send(case=case, by=staff, title="Brief", data=simple_pdf())
    assert letter.channel == "post"
    closed = closed or at(2026, 1, 15)
    Case.objects.filter(pk=case.pk).update(state=Case.State.UEBERGEBEN, state_changed_at=closed)
    case.refresh_from_db()
    files = [name, sent.file.name, letter.file.name]
    assert all(default_storage.exists(n) for n in files)
    return case, files, post


def _mailbox_rows(case) -> int:
    return (
        Thread.objects.filter(case=case).count()
        + Post.objects.filter(thread__case=case).count()
        + Decision.objects.filter(case=case).count()
    )


def test_the_mailbox_and_the_decision_files_go_with_the_case_not_in_a_dry_run(
    jobcenter, staff, media
):
    case, files, _post = case_with_mailbox(jobcenter, staff, email="weg@example.invalid")
    assert _mailbox_rows(case) == 1 + 2 + 2
    now = at(2036, 1, 15)
    services.shred(now=now, dry_run=True)
    assert _mailbox_rows(case) == 5
    assert all(default_storage.exists(n) for n in files)  # a dry run deletes no file
    services.shred(now=now)
    assert not Case.objects.filter(pk=case.pk).exists()
    assert not Thread.objects.exists() and not Post.objects.exists()
    assert not Decision.objects.exists() and not Attachment.objects.exists()
    assert not any(default_storage.exists(n) for n in files)


def test_the_decision_files_go_from_s3_too(jobcenter, staff, s3_storage):
    case, _files, _post = case_with_mailbox(jobcenter, staff, email="s3@example.invalid")
    stored = s3_storage()
    assert any(key.startswith("decisions/") for key in stored)
    services.shred(now=at(2036, 1, 15), dry_run=True)
    assert s3_storage() == stored
    services.shred(now=at(2036, 1, 15))
    assert not Case.objects.filter(pk=case.pk).exists()
    assert not [key for key in s3_storage() if key.startswith(("decisions/", "documents/"))]


def test_threads_follow_the_message_rule_and_a_hold_keeps_them(jobcenter, staff, media):
    RetentionRule.objects.create(
        jobcenter=jobcenter, category="message", period=1, unit="years", action="delete"
    )
    case, _files, post = case_with_mailbox(jobcenter, staff, email="regel@example.invalid")
    held, _held_files, _ = case_with_mailbox(jobcenter, staff, email="sperre@example.invalid")
    LegalHold.objects.create(
        jobcenter=jobcenter, case=held, reason="widerspruch", placed_at=timezone.now()
    )
    # the message's handover bundle (its files are a copy) goes with it
    part = default_storage.save("handover/test/nachricht.json", ContentFile(b"{}"))
    Bundle.objects.create(
        public_id=uuid.uuid4(),
        jobcenter=jobcenter,
        case=case,
        submission=case.submission,
        kind=Bundle.Kind.MESSAGE,
        post=post,
        parts=[{"name": "nachricht.json", "path": part}],
    )
    services.shred(now=at(2027, 1, 14))
    assert Thread.objects.filter(case=case).exists()
    run = services.shred(now=at(2027, 1, 15))
    assert not Thread.objects.filter(case=case).exists()
    assert not Bundle.objects.filter(post=post).exists() and not default_storage.exists(part)
    assert Case.objects.filter(pk=case.pk).exists()
    assert Decision.objects.filter(case=case).count() == 2  # decisions go with the case
    assert Thread.objects.filter(case=held).exists()  # held
    message = {"jobcenter": jobcenter.slug, "category": "message", "doc_type": ""}
    assert {**message, "action": "delete", "count": 1} in run.report


def test_a_restricted_case_hides_its_mailbox_from_staff_not_from_the_citizen(
    client, jobcenter, staff, media
):
    RetentionRule.objects.create(
        jobcenter=jobcenter, category="case", period=5, unit="years", action="restrict"
    )
    # closed six years ago: restricted (5 years), its messages not yet due (10 years)
    six_years_ago = timezone.now().replace(year=timezone.now().year - 6, month=3, day=1)
    case, _files, post = case_with_mailbox(
        jobcenter, staff, email="eingeschraenkt@example.invalid", closed=six_years_ago
    )
    decision = Decision.objects.filter(case=case, channel="postfach").get()
    staff_urls = [
        reverse("mailbox:staff_decision_pdf", kwargs={"public_id": decision.public_id}),
        reverse("backoffice:case_detail", kwargs={"public_id": case.public_id}),
    ]
    login_as(client, staff)
    assert [client.get(u).status_code for u in staff_urls] == [200, 200]
    services.shred()
    assert [client.get(u).status_code for u in staff_urls] == [404, 404]
    assert (
        client.post(
            reverse("mailbox:staff_reply", kwargs={"public_id": post.thread.public_id}),
            {"antwort": "Noch da?"},
        ).status_code
        == 404
    )
    login_as(client, case.submission.user)
    kwargs = {"jobcenter": jobcenter.slug, "public_id": decision.public_id}
    assert client.get(reverse("mailbox:decision", kwargs=kwargs)).status_code == 200
    thread_kwargs = {"jobcenter": jobcenter.slug, "public_id": post.thread.public_id}
    assert client.get(reverse("mailbox:thread", kwargs=thread_kwargs)).status_code == 200


def test_an_account_deletion_leaves_the_messages_with_the_case(jobcenter, staff, media):
    from jobcenter.accounts import services as accounts

    case, _files, _post = case_with_mailbox(jobcenter, staff, email="konto@example.invalid")
    accounts.account_delete(user=case.submission.user)
    thread = Thread.objects.get(case=case)
    assert thread.citizen is None and thread.posts.count() == 2
    assert Decision.objects.filter(case=case).count() == 2


def test_the_data_download_has_the_mailbox_messages_decisions_and_consents(
    client, jobcenter, staff, media
):
    case, _files, _post = case_with_mailbox(jobcenter, staff, email="daten@example.invalid")
    other, _, _ = case_with_mailbox(jobcenter, staff, email="andere@example.invalid")
    login_as(client, case.submission.user)
    response = client.get(reverse("retention:my_data"))
    archive = zipfile.ZipFile(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    messages = json.loads(archive.read("nachrichten.json"))
    assert [(m["richtung"], m["text"]) for m in messages] == [
        ("von Ihnen", "Wann?"),
        ("an Sie", "Morgen."),
    ]
    assert messages[0]["anlagen"] == ["Anlage zur Nachricht"] and messages[0]["thema"] == "Zahlung"
    decisions = json.loads(archive.read("bescheide.json"))
    assert [d["bezeichnung"] for d in decisions] == ["Bescheid", "Brief"]
    assert decisions[0]["abgerufen"] and decisions[0]["gilt_als_bekannt_gegeben_am"]
    assert decisions[1]["benachrichtigt"] is None
    for d in decisions:
        assert archive.read(d["datei"]).startswith(b"%PDF")
        assert d["vorgang"] == case.reference
    consents = json.loads(archive.read("einwilligungen.json"))
    assert [c["elektronische_bekanntgabe"] for c in consents] == ["erteilt", "widerrufen"]
    assert not any(other.reference in n for n in archive.namelist())
    assert other.reference not in archive.read("nachrichten.json").decode()

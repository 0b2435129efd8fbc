"""The mailbox in the e-file: every message (either way) and every decision with its proof of
delivery travel in bundles of their own, after the application bundle; a decision waiting in
the mailbox goes once its delivery is settled (retrieved, flagged for the post, or a letter).
Through the pull API and the folder transport."""

import datetime as dt
import hashlib
import io
import json
import subprocess
from pathlib import Path

import pikepdf
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from jobcenter.casework.models import CaseEvent
from jobcenter.handover import services as handover
from jobcenter.handover.models import Bundle, Transport
from jobcenter.mailbox import rules
from jobcenter.mailbox import services as mailbox
from tests.accounts.fixtures import login_as, make_citizen
from tests.documents.corpus import simple_pdf
from tests.handover.helpers import auth, complete, make_integration, make_ready_case
from tests.intake.factories import drain

pytestmark = pytest.mark.django_db


def _pull(token) -> dict[str, dict]:
    """Every offered bundle with its parts, checked against the manifest: {id: {kind, parts}}."""
    api = Client()
    page = json.loads(api.get("/api/v1/bundles", **auth(token)).content)
    found = {}
    for item in page["bundles"]:
        parts = {}
        for entry in item["parts"]:
            response = api.get(entry["href"], **auth(token))
            assert response.status_code == 200
            assert hashlib.sha256(response.content).hexdigest() == entry["sha256"]
            parts[entry["name"]] = response.content
        manifest = json.loads(parts["manifest.json"])
        for entry in manifest["parts"]:
            assert hashlib.sha256(parts[entry["name"]]).hexdigest() == entry["sha256"]
        found[item["id"]] = {"kind": item["kind"], "parts": parts}
    return found


def _of_kind(found, kind):
    return [b["parts"] for b in found.values() if b["kind"] == kind]


def test_messages_and_decisions_with_their_proof_reach_the_e_file_through_the_api(jobcenter, staff):
    _integration, token = make_integration(jobcenter)
    citizen = make_citizen("akte@example.invalid")
    mailbox.consent_set(user=citizen, given=True, login_level="substantial")
    case = make_ready_case(jobcenter, user=citizen)
    # before the case is complete: a question and its answer, a decision to the mailbox
    thread = mailbox.thread_start(
        user=citizen,
        jobcenter=jobcenter,
        topic="zahlung",
        subject="Zahlung März",
        body="Wann kommt das Geld?",
        case=case,
    )
    mailbox.staff_reply(thread=thread, by=staff, body="Am 1. April.")
    decision = mailbox.decision_send(
        case=case, by=staff, title="Bewilligungsbescheid", data=simple_pdf()
    )
    drain()
    assert not Bundle.objects.exists()  # nothing before the case is complete

    complete(case)
    drain()
    found = _pull(token)
    # the application, then both messages; the decision waits in the mailbox (not settled)
    assert sorted(b["kind"] for b in found.values()) == ["antrag", "nachricht", "nachricht"]
    messages = [json.loads(p["nachricht.json"]) for p in _of_kind(found, "nachricht")]
    assert {m["direction"] for m in messages} == {"von_person", "vom_jobcenter"}
    assert {m["body"] for m in messages} == {"Wann kommt das Geld?", "Am 1. April."}
    assert all(m["reference"] == case.reference and m["topic"] == "zahlung" for m in messages)
    for parts in _of_kind(found, "nachricht"):
        with pikepdf.open(io.BytesIO(parts["akte.pdf"])) as pdf:
            assert set(pdf.attachments) == {"metadaten.json", "nachricht.json"}

    # the citizen opens the decision: its delivery is settled, the proof goes to the e-file
    mailbox.decision_retrieved(decision=decision, login_level="substantial")
    drain()
    (parts,) = _of_kind(_pull(token), "bescheid")
    proof = json.loads(parts["zustellnachweis.json"])
    decision.refresh_from_db()
    assert proof["decision_id"] == str(decision.public_id)
    assert proof["channel"] == "postfach"
    assert proof["sent_at"] and proof["notice_sent_at"]
    assert proof["retrieved_at"] == decision.retrieved_at.isoformat()
    assert proof["retrieved_login_level"] == "substantial"
    assert proof["notified_on"] == rules.notified_on(decision.notice_sent_at).isoformat()
    assert proof["flagged_for_post_at"] is None
    assert proof["consent"]["login_level"] == "substantial" and proof["consent"]["given_at"]
    # the decision byte for byte as sent, and in the PDF for the e-file with the proof
    assert hashlib.sha256(parts["bescheid.pdf"]).hexdigest() == proof["sha256"] == decision.sha256
    with pikepdf.open(io.BytesIO(parts["akte.pdf"])) as pdf:
        assert set(pdf.attachments) == {"metadaten.json", "zustellnachweis.json"}
        assert len(pdf.pages) >= 2  # the proof's cover and the decision's page
    meta = json.loads(parts["metadaten.json"])
    assert meta["kind"] == "bescheid" and meta["decision"]["title"] == "Bewilligungsbescheid"
    bundle = Bundle.objects.get(decision=decision)
    ack = Client().post(f"/api/v1/bundles/{bundle.public_id}/acknowledge", **auth(token))
    assert ack.status_code == 200
    assert CaseEvent.objects.filter(
        case=case, text__startswith="Bescheid „Bewilligungsbescheid“ mit Zustellnachweis übergeben"
    ).exists()
    # a second retrieval changes nothing and makes no second bundle
    mailbox.decision_retrieved(decision=decision, login_level="normal")
    assert Bundle.objects.filter(decision=decision).count() == 1


def test_a_decision_not_retrieved_and_a_letter_go_once_posted_with_the_posting_time(
    client, jobcenter, staff
):
    _integration, token = make_integration(jobcenter)
    citizen = make_citizen("flagge@example.invalid")
    mailbox.consent_set(user=citizen, given=True, login_level="normal")
    case = make_ready_case(jobcenter, user=citizen)
    complete(case)
    drain()
    waiting = mailbox.decision_send(
        case=case, by=staff, title="Änderungsbescheid", data=simple_pdf()
    )
    drain()
    assert not Bundle.objects.filter(decision=waiting).exists()
    later = timezone.localdate() + dt.timedelta(days=11)
    assert mailbox.decisions_flag_unretrieved(today=later) == 1
    drain()
    # flagged, not posted yet: its proof is not complete, the e-file waits (also after a
    # retrieval: the letter goes out all the same, and the sweep does not take it either)
    mailbox.decision_retrieved(decision=waiting, login_level="normal")
    handover.transports_catch_up(jobcenter)
    drain()
    assert not Bundle.objects.filter(decision=waiting).exists()
    assert not _of_kind(_pull(token), "bescheid")
    # the caseworker marks it "per Post versandt" on the list: now it goes, with the posting
    login_as(client, staff)
    posted = client.post(
        reverse("mailbox:staff_decision_posted", kwargs={"public_id": waiting.public_id})
    )
    assert posted.status_code == 302
    drain()
    (parts,) = _of_kind(_pull(token), "bescheid")
    proof = json.loads(parts["zustellnachweis.json"])
    waiting.refresh_from_db()
    assert proof["decision_id"] == str(waiting.public_id)
    assert proof["retrieved_at"] == waiting.retrieved_at.isoformat()
    assert proof["flagged_for_post_at"] == waiting.post_flagged_at.isoformat()
    assert proof["posted_at"] == waiting.posted_at.isoformat()
    assert proof["notified_on_by_post"] == rules.notified_by_post_on(waiting.posted_at).isoformat()
    assert proof["rule_by_post"].startswith("§ 37 Abs. 2 SGB X")
    with pikepdf.open(io.BytesIO(parts["akte.pdf"])) as pdf:
        embedded = json.loads(pdf.attachments["zustellnachweis.json"].get_file().read_bytes())
        assert embedded["posted_at"] == proof["posted_at"]
    # marked again: nothing new
    client.post(reverse("mailbox:staff_decision_posted", kwargs={"public_id": waiting.public_id}))
    drain()
    assert Bundle.objects.filter(decision=waiting).count() == 1
    # consent withdrawn: the next decision is a letter (no notice); the e-file takes it once it
    # is marked as posted, with the posting time and the day it counts as notified
    mailbox.consent_set(user=citizen, given=False, login_level="normal")
    letter = mailbox.decision_send(
        case=case, by=staff, title="Erstattungsbescheid", data=simple_pdf(), corrects=waiting
    )
    drain()
    handover.transports_catch_up(jobcenter)
    drain()
    assert not Bundle.objects.filter(decision=letter).exists()
    client.post(reverse("mailbox:staff_decision_posted", kwargs={"public_id": letter.public_id}))
    drain()
    letter.refresh_from_db()
    proofs = [json.loads(p["zustellnachweis.json"]) for p in _of_kind(_pull(token), "bescheid")]
    (posted,) = [p for p in proofs if p["decision_id"] == str(letter.public_id)]
    assert posted["channel"] == "post" and posted["notice_sent_at"] is None
    assert posted["notified_on"] is None and posted["consent"] is None
    assert posted["flagged_for_post_at"] is None
    assert posted["posted_at"] == letter.posted_at.isoformat()
    assert posted["notified_on_by_post"] == rules.notified_by_post_on(letter.posted_at).isoformat()
    assert posted["rule_by_post"].startswith("§ 37 Abs. 2 SGB X")
    assert posted["corrects"] == str(waiting.public_id)
    client.post(reverse("mailbox:staff_decision_posted", kwargs={"public_id": letter.public_id}))
    drain()
    assert Bundle.objects.filter(decision=letter).count() == 1


def test_the_folder_gets_each_message_and_decision_as_a_directory(jobcenter, staff, settings):
    Transport.objects.create(jobcenter=jobcenter, kind="folder", name="Import", folder="mk/in")
    citizen = make_citizen("ordner@example.invalid")
    case = make_ready_case(jobcenter, user=citizen)
    complete(case)
    drain()
    folder = Path(settings.HANDOVER_FOLDER_ROOT) / "mk" / "in"
    assert len(list(folder.iterdir())) == 1  # the application
    # after the handover: a question, then a letter (no consent)
    mailbox.thread_start(
        user=citizen,
        jobcenter=jobcenter,
        topic="termin",
        subject="Termin",
        body="Geht Montag?",
        case=case,
    )
    decision = mailbox.decision_send(case=case, by=staff, title="Ablehnung", data=simple_pdf())
    drain()
    assert len(list(folder.iterdir())) == 2  # the letter waits until it is posted
    mailbox.decision_mark_posted(decision=decision, by=staff)
    drain()
    names = {
        p.name: p for p in folder.iterdir() if not p.name.startswith(".")
    }  # <reference>_<bundle id>
    message = Bundle.objects.get(kind="nachricht")
    letter = Bundle.objects.get(decision=decision)
    assert set(names) == {
        f"{case.reference}_{b.public_id}" for b in Bundle.objects.filter(case=case)
    }
    got = names[f"{case.reference}_{message.public_id}"]
    assert sorted(p.name for p in got.iterdir()) == [
        "akte.pdf",
        "manifest.json",
        "metadaten.json",
        "nachricht.json",
    ]
    assert json.loads((got / "nachricht.json").read_bytes())["body"] == "Geht Montag?"
    got = names[f"{case.reference}_{letter.public_id}"]
    assert sorted(p.name for p in got.iterdir()) == [
        "akte.pdf",
        "bescheid.pdf",
        "manifest.json",
        "metadaten.json",
        "zustellnachweis.json",
    ]
    manifest = json.loads((got / "manifest.json").read_bytes())
    for entry in manifest["parts"]:
        assert hashlib.sha256((got / entry["name"]).read_bytes()).hexdigest() == entry["sha256"]
    proof = json.loads((got / "zustellnachweis.json").read_bytes())
    assert proof["channel"] == "post" and proof["posted_at"]
    # the cover page of the e-file's PDF says when the letter was posted and when it counts
    cover = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(got / "akte.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    decision.refresh_from_db()
    assert "Per Post versandt am" in cover and "§ 37 Abs. 2 SGB X" in cover
    assert decision.notified_by_post_on.strftime("%d.%m.%Y") in cover


def test_the_same_decision_bundle_has_the_same_bytes(jobcenter, staff):
    from jobcenter.handover.bundle import build_parts

    make_integration(jobcenter)
    case = make_ready_case(jobcenter, user=make_citizen("gleich@example.invalid"))
    complete(case)
    drain()
    decision = mailbox.decision_send(case=case, by=staff, title="Bescheid", data=simple_pdf())
    mailbox.decision_mark_posted(decision=decision, by=staff)
    drain()
    bundle = Bundle.objects.get(decision=decision)
    first = {p.name: p.sha256 for p in build_parts(bundle, [])}
    assert first == {p.name: p.sha256 for p in build_parts(bundle, [])}
    assert first == {p["name"]: p["sha256"] for p in bundle.parts}


def test_messages_and_decisions_missed_without_a_transport_follow_when_one_is_enabled(
    jobcenter, staff
):
    from jobcenter.handover import services

    transport = Transport.objects.create(
        jobcenter=jobcenter, kind="folder", name="Import", folder="spaeter", enabled=False
    )
    citizen = make_citizen("nachholen@example.invalid")
    case = make_ready_case(jobcenter, user=citizen)
    complete(case)
    mailbox.thread_start(
        user=citizen, jobcenter=jobcenter, topic="sonstiges", subject="?", body="Hallo", case=case
    )
    letter = mailbox.decision_send(case=case, by=staff, title="Brief", data=simple_pdf())
    mailbox.decision_mark_posted(decision=letter, by=staff)
    drain()
    assert not Bundle.objects.exists()
    Transport.objects.filter(pk=transport.pk).update(enabled=True)
    services.transports_catch_up(jobcenter)
    drain()  # the application bundle, then (its build) the message and the letter
    services.transports_catch_up(jobcenter)  # idempotent
    drain()
    assert sorted(Bundle.objects.filter(case=case).values_list("kind", flat=True)) == [
        "antrag",
        "bescheid",
        "nachricht",
    ]
    assert all(b.deliveries.get().status == "done" for b in Bundle.objects.filter(case=case))
    # switched off again after the application went out: a later message waits, then follows
    Transport.objects.filter(pk=transport.pk).update(enabled=False)
    mailbox.thread_start(
        user=citizen, jobcenter=jobcenter, topic="termin", subject="!", body="Später", case=case
    )
    drain()
    assert Bundle.objects.filter(kind="nachricht").count() == 1
    Transport.objects.filter(pk=transport.pk).update(enabled=True)
    assert services.transports_catch_up(jobcenter)["bundles"] == 1
    drain()
    assert Bundle.objects.filter(kind="nachricht", status="done").count() == 2


def test_a_case_opened_by_a_message_is_handed_over_with_it(jobcenter, staff):
    """A message about no application opens a case of its own (form ``postfach_<topic>``): it
    has no form definition and no receipt, and is handed over all the same."""
    from jobcenter.casework.models import Case

    _integration, token = make_integration(jobcenter)
    citizen = make_citizen("ohneantrag@example.invalid")
    thread = mailbox.thread_start(
        user=citizen, jobcenter=jobcenter, topic="zahlung", subject="Geld", body="Wann?"
    )
    case = Case.objects.get(pk=thread.case_id)
    complete(case)
    drain()
    assert set(Bundle.objects.filter(case=case).values_list("kind", "status")) == {
        ("antrag", "done"),
        ("nachricht", "done"),
    }
    found = _pull(token)
    (application,) = _of_kind(found, "antrag")
    assert json.loads(application["antworten.json"]) == {"thema": "zahlung", "betreff": "Geld"}
    assert "antwortschema.json" not in application
    (message,) = _of_kind(found, "nachricht")
    assert json.loads(message["nachricht.json"])["body"] == "Wann?"

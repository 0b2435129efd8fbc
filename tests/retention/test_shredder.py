"""The shredder with a moved clock: each rule acts on its day and not before."""

import datetime as dt
import threading

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from jobcenter.audit.models import AuditEntry
from jobcenter.casework.models import Case, Customer, Household, Message
from jobcenter.documents.models import Upload
from jobcenter.intake.models import Draft, Receipt, Submission
from jobcenter.retention import services
from jobcenter.retention.models import DeletionRecord, LegalHold, Restriction, RetentionRule
from tests.casework.factories import make_case, make_customer
from tests.intake.factories import fake_receipt, make_draft

pytestmark = pytest.mark.django_db
TZ = timezone.get_current_timezone()


def at(y, m, d, hh=12, mm=0):
    return dt.datetime(y, m, d, hh, mm, tzinfo=TZ)


def closed_case(jobcenter, when, *, state=Case.State.UEBERGEBEN):
    case = make_case(jobcenter)
    Case.objects.filter(pk=case.pk).update(state=state, state_changed_at=when)
    fake_receipt(case.submission)
    name = default_storage.save("documents/test/doc.pdf", ContentFile(b"%PDF-1.7 doc"))
    Upload.objects.create(
        jobcenter=jobcenter,
        submission=case.submission,
        doc_type="mietvertrag",
        doc_title="Mietvertrag",
        received_at=when,
        status="ready",
        file=name,
    )
    Message.objects.create(case=case, direction="out", subject="Hallo", body="Text")
    case.refresh_from_db()
    return case


def files_of(case):
    return [
        Receipt.objects.get(submission=case.submission).file.name,
        *[u.file.name for u in Upload.objects.filter(submission=case.submission)],
    ]


def test_a_case_goes_ten_years_after_closing_with_its_files_not_a_day_earlier(jobcenter, media):
    case = closed_case(jobcenter, at(2026, 1, 15, 16, 30))
    names = files_of(case)
    assert all(default_storage.exists(n) for n in names)

    services.shred(now=at(2036, 1, 14, 23, 59))
    assert Case.objects.filter(pk=case.pk).exists()

    run = services.shred(now=at(2036, 1, 15, 0, 1))
    assert not Case.objects.filter(pk=case.pk).exists()
    assert not Submission.objects.filter(pk=case.submission_id).exists()
    assert not Message.objects.filter(case_id=case.pk).exists()
    assert not any(default_storage.exists(n) for n in names)
    assert {
        "jobcenter": jobcenter.slug,
        "category": "case",
        "doc_type": "",
        "action": "delete",
        "count": 1,
    } in run.report
    record = DeletionRecord.objects.get(run=run, category="case")
    assert record.count == 1
    # The record and the audit entry name the rule and the count, nothing of the case.
    entry = AuditEntry.objects.get(object_type="retention", object_id="case")
    for secret in (case.reference, case.last_name, str(case.public_id)):
        assert secret not in entry.summary and secret not in record.rule


def test_files_go_from_s3_too(jobcenter, s3_storage):
    case = closed_case(jobcenter, at(2026, 1, 15))
    assert len(s3_storage()) == 2
    services.shred(now=at(2036, 1, 15))
    assert s3_storage() == []
    assert not Case.objects.filter(pk=case.pk).exists()


def test_a_held_case_survives_until_released(jobcenter, staff, media):
    case = closed_case(jobcenter, at(2026, 1, 15))
    services.hold_place(case=case, reason=LegalHold.Reason.KLAGE, by=staff)
    assert AuditEntry.objects.filter(
        object_id=str(case.public_id), summary__contains="gesetzt"
    ).exists()
    services.shred(now=at(2040, 1, 1))
    assert Case.objects.filter(pk=case.pk).exists()
    assert Upload.objects.filter(submission=case.submission).exists()
    assert Message.objects.filter(case=case).exists()
    services.hold_release(case=case, by=staff)
    assert AuditEntry.objects.filter(
        object_id=str(case.public_id), summary__contains="aufgehoben"
    ).exists()
    services.shred(now=at(2040, 1, 1))
    assert not Case.objects.filter(pk=case.pk).exists()


def test_open_cases_stay(jobcenter, media):
    case = make_case(jobcenter)
    Case.objects.filter(pk=case.pk).update(state_changed_at=at(2000, 1, 1))
    services.shred(now=at(2040, 1, 1))
    assert Case.objects.filter(pk=case.pk).exists()


def test_restrict_instead_of_delete(jobcenter, media):
    RetentionRule.objects.create(
        jobcenter=jobcenter, category="case", period=5, unit="years", action="restrict"
    )
    case = closed_case(jobcenter, at(2026, 3, 1))
    services.shred(now=at(2031, 2, 28))
    assert not Restriction.objects.filter(case=case).exists()
    services.shred(now=at(2031, 3, 1))
    assert Restriction.objects.filter(case=case).exists()
    assert Case.objects.filter(pk=case.pk).exists()


def test_drafts_go_after_their_period_not_before_the_date_shown(jobcenter):
    draft = make_draft(jobcenter)
    Draft.objects.filter(pk=draft.pk).update(updated_at=at(2026, 1, 1, 8))
    services.shred(now=at(2026, 1, 31, 7, 59))
    assert Draft.objects.filter(pk=draft.pk).exists()
    services.shred(now=at(2026, 1, 31, 8, 1))
    assert not Draft.objects.filter(pk=draft.pk).exists()


def test_a_jobcenter_s_own_draft_period_is_the_date_the_citizen_sees(jobcenter):
    services.rule_set(jobcenter=jobcenter, category="draft", period=7, unit="days", action="delete")
    draft = make_draft(jobcenter)
    assert round((draft.expires_at - draft.created_at).total_seconds() / 86400) == 7
    Draft.objects.filter(pk=draft.pk).update(updated_at=at(2026, 1, 1, 8))
    services.shred(now=at(2026, 1, 8, 7, 59))
    assert Draft.objects.filter(pk=draft.pk).exists()
    services.shred(now=at(2026, 1, 8, 8, 1))
    assert not Draft.objects.filter(pk=draft.pk).exists()


def test_documents_by_type_and_messages_by_their_own_rules(jobcenter, media):
    RetentionRule.objects.create(
        jobcenter=jobcenter,
        category="document",
        doc_type="mietvertrag",
        period=2,
        unit="years",
        action="delete",
    )
    RetentionRule.objects.create(
        jobcenter=jobcenter, category="message", period=3, unit="years", action="delete"
    )
    case = closed_case(jobcenter, at(2026, 6, 1))
    upload = Upload.objects.get(submission=case.submission)
    services.shred(now=at(2028, 5, 31))
    assert Upload.objects.filter(pk=upload.pk).exists()
    services.shred(now=at(2028, 6, 1))
    assert not Upload.objects.filter(pk=upload.pk).exists()
    assert not default_storage.exists(upload.file.name)
    assert Message.objects.filter(case=case).exists()
    services.shred(now=at(2029, 6, 1))
    assert not Message.objects.filter(case=case).exists()
    assert Case.objects.filter(pk=case.pk).exists()


def test_customers_and_households_go_once_no_case_refers_to_them(jobcenter):
    customer = make_customer(jobcenter, bg_nummer="12345BG0000001")
    household = Household.objects.get(bg_nummer="12345BG0000001")
    Customer.objects.filter(pk=customer.pk).update(created_at=at(2026, 1, 1))
    Household.objects.filter(pk=household.pk).update(created_at=at(2026, 1, 1))
    services.shred(now=at(2035, 12, 31))
    assert Customer.objects.filter(pk=customer.pk).exists()
    services.shred(now=at(2036, 1, 1))
    assert not Customer.objects.filter(pk=customer.pk).exists()
    assert not Household.objects.filter(pk=household.pk).exists()


def test_audit_entries_go_after_two_years_but_the_retention_record_is_written(jobcenter):
    from unittest import mock

    from jobcenter.audit import services as audit

    # (entries cannot be changed afterwards, on PostgreSQL not even by SQL: write it "then")
    with mock.patch("django.utils.timezone.now", return_value=at(2026, 1, 1)):
        entry = audit.record(
            actor=None,
            jobcenter=jobcenter,
            action="view",
            object_type="case",
            object_id="x",
            summary="angesehen",
        )
    services.shred(now=at(2027, 12, 31))
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
    run = services.shred(now=at(2028, 1, 1))
    assert not AuditEntry.objects.filter(pk=entry.pk).exists()
    assert DeletionRecord.objects.filter(run=run, category="audit", count=1).exists()


def test_dry_run_reports_what_the_real_run_then_does(jobcenter, media):
    cases = [closed_case(jobcenter, at(2026, 1, 15)) for _ in range(2)]
    names = [n for c in cases for n in files_of(c)]
    draft = make_draft(jobcenter)
    Draft.objects.filter(pk=draft.pk).update(updated_at=at(2026, 1, 1))
    now = at(2036, 2, 1)
    assert [n for n in names if not default_storage.exists(n)] == []
    dry = services.shred(now=now, dry_run=True)
    assert Case.objects.filter(pk__in=[c.pk for c in cases]).count() == 2
    assert all(default_storage.exists(n) for n in names)
    assert not DeletionRecord.objects.exists()
    assert dry.report
    real = services.shred(now=now)
    assert real.report == dry.report
    assert not any(default_storage.exists(n) for n in names)


def test_a_second_run_finds_nothing(jobcenter, media):
    closed_case(jobcenter, timezone.now() - dt.timedelta(days=3700))
    first = services.shred()
    second = services.shred()
    assert {r["category"] for r in first.report} == {"case", "document", "message"}
    assert second.report == []


def test_the_command_dry_run(jobcenter, media, capsys):
    closed_case(jobcenter, at(2000, 1, 15))
    call_command("shred", "--dry-run")
    out = capsys.readouterr().out
    assert "case\t1 would be: delete" in out
    assert Case.objects.exists()


def test_rules_stay_within_limits(jobcenter):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.rule_set(
            jobcenter=jobcenter, category="case", period=2, unit="years", action="delete"
        )
    with pytest.raises(ValidationError):
        services.rule_set(
            jobcenter=jobcenter, category="draft", period=10, unit="days", action="restrict"
        )
    services.rule_set(
        jobcenter=jobcenter, category="case", period=12, unit="years", action="delete"
    )


def test_the_daily_job_runs_once_a_day(jobcenter, media):
    from tests.intake.factories import drain

    closed_case(jobcenter, at(2000, 1, 15))
    run = services.run_schedule()
    assert services.run_schedule() is None
    drain()
    run.refresh_from_db()
    assert run.status == "done" and run.report[0]["category"] == "case"
    assert not Case.objects.exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite has one writer at a time; the row locks matter on PostgreSQL",
)
def test_two_shredders_at_once_delete_each_item_once(demo_jobcenters, media):
    from jobcenter.tenants.models import Jobcenter

    jobcenter = Jobcenter.objects.order_by("pk").first()
    cases = [closed_case(jobcenter, at(2026, 1, 15)) for _ in range(6)]
    names = [n for c in cases for n in files_of(c)]
    runs, errors = [], []
    barrier = threading.Barrier(2)

    def work():
        try:
            barrier.wait()
            runs.append(services.shred(now=at(2036, 2, 1)))
        except Exception as exc:  # pragma: no cover - the assertion shows it
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    deleted = sum(r["count"] for run in runs for r in run.report if r["category"] == "case")
    assert deleted == 6
    assert not Case.objects.filter(pk__in=[c.pk for c in cases]).exists()
    assert not any(default_storage.exists(n) for n in names)


def _proc(db, *args):
    import subprocess
    import sys

    from tests.intake.external_db import ROOT

    return subprocess.Popen(
        [sys.executable, "-m", "tests.retention.procs", *args],
        cwd=ROOT,
        env=db.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.django_db(transaction=True)
def test_two_shredder_processes_at_once(tmp_path):
    """Two workers (processes) on one database, SQLite file or PostgreSQL: every case goes
    once, no run fails, every file is gone."""
    import json
    import time

    from tests.intake.external_db import ExternalDB

    db = ExternalDB(tmp_path)
    try:
        seeded = json.loads(_proc(db, "seed", "8").communicate(timeout=120)[0])
        start = str(time.time() + 3)
        procs = [_proc(db, "shred", start) for _ in range(2)]
        reports = []
        for p in procs:
            out, err = p.communicate(timeout=180)
            assert p.returncode == 0, err
            reports.append(json.loads(out.strip().splitlines()[-1]))
        deleted = sum(r["count"] for report in reports for r in report if r["category"] == "case")
        assert deleted == 8
        assert db.sql("SELECT count(*) FROM casework_case") == [[0]]
        assert db.sql("SELECT count(*) FROM intake_submission") == [[0]]
        assert [f for f in seeded["files"] if (db.media / f).exists()] == []
    finally:
        db.drop()


def test_hold_page_places_and_releases_and_is_audited(client, jobcenter, staff, media):
    from django.urls import reverse

    from tests.accounts.fixtures import login_as

    case = closed_case(jobcenter, at(2026, 1, 15))
    login_as(client, staff)
    url = reverse("retention:case_hold", kwargs={"public_id": case.public_id})
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason": "klage"}).status_code == 302
    assert LegalHold.objects.get(case=case, released_at=None).reason == "klage"
    assert "hold-active" in client.get(url).content.decode()
    client.post(url, {"release": "1"})
    assert not LegalHold.objects.filter(case=case, released_at=None).exists()
    assert AuditEntry.objects.filter(
        object_id=str(case.public_id), summary="Aufbewahrungssperre angesehen"
    ).exists()


def test_a_restricted_case_is_hidden_from_staff(client, jobcenter, staff, media):
    from django.urls import reverse

    from tests.accounts.fixtures import login_as

    RetentionRule.objects.create(
        jobcenter=jobcenter, category="case", period=5, unit="years", action="restrict"
    )
    case = closed_case(jobcenter, at(2000, 3, 1))
    login_as(client, staff)
    url = reverse("backoffice:case_detail", kwargs={"public_id": case.public_id})
    assert client.get(url).status_code == 200
    services.shred()
    assert client.get(url).status_code == 404


def test_the_citizen_downloads_everything_as_one_zip(client, jobcenter, media):
    import io
    import json
    import zipfile

    from django.urls import reverse

    from tests.accounts.fixtures import login_as, make_citizen

    citizen = make_citizen("zip@example.invalid")
    case = make_case(jobcenter, user=citizen)
    fake_receipt(case.submission)
    name = default_storage.save("documents/test/doc.pdf", ContentFile(b"%PDF-1.7 doc"))
    Upload.objects.create(
        jobcenter=jobcenter,
        submission=case.submission,
        doc_type="mietvertrag",
        doc_title="Mietvertrag",
        received_at=timezone.now(),
        status="ready",
        file=name,
    )
    Message.objects.create(case=case, direction="out", subject="Ihr Antrag", body="Bitte …")
    other = make_case(jobcenter)  # someone else's
    login_as(client, citizen)
    response = client.get(reverse("retention:my_data"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    names = archive.namelist()
    folder = f"antraege/{case.reference}"
    assert f"{folder}/antrag.json" in names
    assert archive.read(f"{folder}/eingangsbestaetigung.pdf") == b"%PDF-1.7 test"
    assert archive.read(f"{folder}/unterlagen/01-mietvertrag.pdf") == b"%PDF-1.7 doc"
    answers = json.loads(archive.read(f"{folder}/antrag.json"))["antworten"]
    assert answers == case.submission.answers
    assert [m["betreff"] for m in json.loads(archive.read("nachrichten.json"))] == ["Ihr Antrag"]
    assert not any(other.reference in n for n in names)
    assert json.loads(archive.read("konto.json"))["e_mail"] == "zip@example.invalid"


def test_only_a_signed_in_citizen_gets_an_archive(client, jobcenter, staff):
    from django.urls import reverse

    from tests.accounts.fixtures import login_as

    url = reverse("retention:my_data")
    assert client.get(url).status_code == 302  # to the login page
    login_as(client, staff)
    assert client.get(url).status_code == 404


def _handed_over(jobcenter, case, when):
    import uuid

    from jobcenter.handover.models import Bundle, Delivery, Transport

    name = default_storage.save("handover/test/akte.pdf", ContentFile(b"%PDF-1.7 bundle"))
    transport = Transport.objects.create(jobcenter=jobcenter, kind="api", name="Fachverfahren")
    bundle = Bundle.objects.create(
        public_id=uuid.uuid4(),
        jobcenter=jobcenter,
        case=case,
        submission=case.submission,
        kind="antrag",
        status="done",
        parts=[{"name": "akte.pdf", "path": name}],
    )
    Delivery.objects.create(bundle=bundle, transport=transport, status="done", done_at=when)
    return bundle, name


def test_bundle_files_and_submission_answers_after_the_handover(jobcenter, media):
    RetentionRule.objects.create(
        jobcenter=jobcenter, category="submission", period=30, unit="days", action="anonymise"
    )
    case = make_case(jobcenter)
    bundle, name = _handed_over(jobcenter, case, at(2026, 1, 10))
    services.shred(now=at(2026, 2, 8))
    assert Submission.objects.get(pk=case.submission_id).answers
    services.shred(now=at(2026, 2, 9))
    submission = Submission.objects.get(pk=case.submission_id)
    assert submission.answers == {} and submission.reference == case.reference
    assert default_storage.exists(name)
    services.shred(now=at(2026, 4, 10))
    bundle.refresh_from_db()
    assert bundle.parts == [] and not default_storage.exists(name)
    again = services.shred(now=at(2026, 4, 10))
    assert [r for r in again.report if r["category"] in ("bundle", "submission")] == []


def test_finished_e_mails_go_after_thirty_days_waiting_ones_stay(jobcenter):
    from jobcenter.core.models import OutgoingEmail

    def email(status):
        row = OutgoingEmail.objects.create(
            purpose="test",
            from_email="a@example.org",
            to=["b@example.org"],
            subject="Betreff",
            status=status,
        )
        OutgoingEmail.objects.filter(pk=row.pk).update(updated_at=at(2026, 3, 1))
        return row

    _sent, _failed, waiting = (email(s) for s in ("done", "failed", "pending"))
    services.shred(now=at(2026, 3, 30))
    assert OutgoingEmail.objects.count() == 3
    services.shred(now=at(2026, 4, 1))
    assert list(OutgoingEmail.objects.values_list("pk", flat=True)) == [waiting.pk]

"""End to end at the Django client level: a citizen submits through the wizard → a caseworker
completes the case in the back office → an API client pulls, verifies checksums and the JSON
Schema, acknowledges → the case page shows "übergeben", when and how. Also: the handover panel,
print on demand (audited), hand-over on arrival, the sweeper."""

import hashlib
import json
import re

import jsonschema
import pytest
from django.test import Client
from django.urls import reverse

from jobcenter.audit.models import AuditEntry
from jobcenter.casework.models import Case
from jobcenter.handover import jobs
from jobcenter.handover.models import Bundle, Delivery, HandoverSettings, Transport
from jobcenter.intake.models import Submission
from tests.accounts.fixtures import login_as, make_staff
from tests.handover.helpers import auth, complete, make_integration, make_ready_case
from tests.intake.factories import drain
from tests.portal.test_wizard import fill_nothing_changed
from tests.portal.wizard_helpers import BASE

pytestmark = pytest.mark.django_db


def test_citizen_submits_caseworker_completes_client_pulls_and_acknowledges(jobcenter):
    _integration, token = make_integration(jobcenter, "E-Akte Musterkreis")

    citizen = Client()
    fill_nothing_changed(citizen)
    html = citizen.get(f"{BASE}/pruefen/").content.decode()
    draft = re.search(r'name="entwurf" value="([0-9a-f-]+)"', html).group(1)
    assert citizen.post(f"{BASE}/absenden/", {"entwurf": draft}).status_code == 302
    submission = Submission.objects.get()
    drain()  # receipt PDF, e-mail, the intake's handover job (nothing: not yet complete)
    assert not Bundle.objects.exists()

    staff = Client()
    login_as(staff, make_staff(jobcenter))
    case = Case.objects.get(submission=submission)
    case_url = reverse("backoffice:case_detail", kwargs={"public_id": case.public_id})
    state_url = reverse("backoffice:case_state", kwargs={"public_id": case.public_id})
    for state in ("in_bearbeitung", "vollstaendig"):
        assert staff.post(state_url, {"state": state}).status_code == 302
    assert "bereitgestellt, noch nicht abgeholt" not in staff.get(case_url).content.decode()
    drain()  # builds the bundle
    assert "bereitgestellt, noch nicht abgeholt" in staff.get(case_url).content.decode()

    api = Client()
    page = json.loads(api.get("/api/v1/bundles", **auth(token)).content)
    (item,) = page["bundles"]
    parts = {}
    for entry in item["parts"]:
        response = api.get(entry["href"], **auth(token))
        assert response.status_code == 200
        parts[entry["name"]] = response.content
        assert hashlib.sha256(response.content).hexdigest() == entry["sha256"]
    manifest = json.loads(parts["manifest.json"])
    for entry in manifest["parts"]:
        assert hashlib.sha256(parts[entry["name"]]).hexdigest() == entry["sha256"]
    answers = json.loads(parts["antworten.json"])
    jsonschema.Draft202012Validator(json.loads(parts["antwortschema.json"])).validate(answers)
    assert answers["nachname"] == submission.answers["nachname"]
    assert json.loads(parts["metadaten.json"])["reference"] == submission.reference

    ack = api.post(f"/api/v1/bundles/{item['id']}/acknowledge", **auth(token))
    assert ack.status_code == 200

    case.refresh_from_db()
    assert case.state == "uebergeben"
    html = staff.get(case_url).content.decode()
    assert 'data-testid="handover-panel"' in html
    assert "E-Akte Musterkreis (Abruf-Schnittstelle (API))" in html
    assert "übergeben am" in html
    assert "Antrag übergeben: Abruf-Schnittstelle „E-Akte Musterkreis“ (bestätigt)" in html


def test_print_on_demand_is_one_pdf_and_audited(client, jobcenter, other_jobcenter):
    import io

    import pikepdf

    case = make_ready_case(jobcenter, documents=2)
    staff = make_staff(jobcenter)
    login_as(client, staff)
    url = reverse("handover:print", kwargs={"public_id": case.public_id})
    assert (
        f'href="{url}"'
        in client.get(
            reverse("backoffice:case_detail", kwargs={"public_id": case.public_id})
        ).content.decode()
    )
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    pdf = pikepdf.open(io.BytesIO(response.content))
    with pdf.open_outline() as outline:
        assert len(list(outline.root)) == 4  # cover, receipt, two documents
    assert AuditEntry.objects.filter(
        object_id=str(case.public_id), action="export", actor=staff
    ).exists()
    # Staff of another Jobcenter: 404.
    other = Client()
    login_as(other, make_staff(other_jobcenter))
    assert other.get(url).status_code == 404
    assert Client().get(url).status_code == 302  # anonymous → login


def test_without_transport_the_panel_says_hand_over_by_hand(client, jobcenter):
    case = make_ready_case(jobcenter)
    login_as(client, make_staff(jobcenter))
    html = client.get(
        reverse("backoffice:case_detail", kwargs={"public_id": case.public_id})
    ).content.decode()
    assert "keine digitale Übergabe eingerichtet" in html


def test_handover_on_arrival(jobcenter, settings):
    HandoverSettings.objects.create(jobcenter=jobcenter, trigger="eingang")
    Transport.objects.create(jobcenter=jobcenter, kind="folder", name="Import")
    case = make_ready_case(jobcenter)  # drain runs the intake's handover job
    drain()
    bundle = Bundle.objects.get(case=case)
    assert bundle.status == "done"
    case.refresh_from_db()
    assert case.state == "eingegangen"  # handed over on arrival; the caseworker goes on
    assert case.events.filter(kind="handover").count() == 1
    complete(case)  # completing later makes no second bundle
    drain()
    assert Bundle.objects.filter(case=case).count() == 1


def test_the_sweeper_requeues_a_job_whose_worker_died(jobcenter):
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    make_integration(jobcenter)
    case = make_ready_case(jobcenter)
    complete(case)
    bundle = Bundle.objects.get(case=case)
    # A worker took the job and died: running, lease expired, its task row finished.
    Bundle.objects.filter(pk=bundle.pk).update(status="running", lease_until=timezone.now())
    DBTaskResult.objects.filter(pk=bundle.task_id).delete()
    assert jobs.jobs_sweep(now=timezone.now() + timezone.timedelta(seconds=1)) == 1
    drain()
    bundle.refresh_from_db()
    assert bundle.status == "done" and bundle.attempts == 1


def test_what_was_missed_without_a_transport_is_handed_over_once_one_is_enabled(client, jobcenter):
    """A transport switched off: a bundle built meanwhile has no delivery, a case completed
    meanwhile has no bundle, a later document has none; the panel says so plainly. Switched on
    again in the admin: every one of them is delivered, once."""
    from django.core.management import call_command

    from jobcenter.documents.models import Upload
    from jobcenter.documents.signals import upload_ready
    from tests.handover.helpers import add_document

    folder = Transport.objects.create(jobcenter=jobcenter, kind="folder", name="Import")
    early = make_ready_case(jobcenter, vorname="Ada")
    complete(early)  # bundle made, not yet built
    Transport.objects.filter(pk=folder.pk).update(enabled=False)
    drain()  # built with no active transport: no delivery
    built = Bundle.objects.get(case=early)
    assert built.status == "done" and not built.deliveries.exists()
    later = add_document(
        early.submission, doc_type="miete", title="Mietvertrag", channel=Upload.CHANNEL_LATER
    )
    upload_ready.send(sender=Upload, upload_id=later.pk)
    missed = make_ready_case(jobcenter, vorname="Ben")
    complete(missed)
    drain()
    assert Bundle.objects.count() == 1

    staff = make_staff(jobcenter)
    login_as(client, staff)
    html = client.get(
        reverse("backoffice:case_detail", kwargs={"public_id": early.public_id})
    ).content.decode()
    assert "kein digitaler Übergabeweg aktiv" in html and "wird übermittelt" not in html

    operator = make_staff(jobcenter, roles=["administration"])
    operator.is_superuser = True
    operator.save()
    client.logout()
    login_as(client, operator)
    response = client.post(
        f"/admin/handover/transport/{folder.pk}/change/",
        {
            "jobcenter": jobcenter.pk,
            "kind": "folder",
            "name": "Import",
            "enabled": "on",
            "folder": "",
            "url": "",
            "secret": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    drain()
    bundles = Bundle.objects.order_by("pk")
    assert sorted((b.case_id, b.kind) for b in bundles) == sorted(
        [(early.pk, "antrag"), (missed.pk, "antrag"), (early.pk, "nachreichung")]
    )
    assert all(b.status == "done" for b in bundles)
    assert Delivery.objects.filter(status="done").count() == 3
    for case in (early, missed):
        case.refresh_from_db()
        assert case.state == "uebergeben"
    call_command("sweep_handover")  # idempotent: nothing more
    drain()
    assert Bundle.objects.count() == 3 and Delivery.objects.count() == 3

"""When a case is handed over, through the real flows: the paper intake with a scan, a
citizen's upload through the upload page, the pull API and the folder transport.

Only a complete case is handed over (and, after it, each later document); nothing while the case
is "Eingegangen" or "In Bearbeitung", however many documents arrive. Every case that becomes
complete is handed over exactly once and ends "Übergeben/erledigt".
"""

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from jobcenter.casework.models import Case
from jobcenter.handover.models import Bundle, HandoverSettings, Transport
from tests.accounts.fixtures import login_as, make_citizen, make_staff
from tests.documents.corpus import simple_pdf
from tests.documents.helpers import post_files, submission_with_documents, upload_url
from tests.handover.helpers import auth, make_integration
from tests.intake.factories import drain

pytestmark = pytest.mark.django_db


def _offered(token) -> list[dict]:
    return json.loads(Client().get("/api/v1/bundles", **auth(token)).content)["bundles"]


def _written(settings, subfolder) -> list[str]:
    folder = Path(settings.HANDOVER_FOLDER_ROOT) / subfolder
    if not folder.exists():
        return []
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def _state(staff_client, case, state):
    response = staff_client.post(
        reverse("backoffice:case_state", kwargs={"public_id": case.public_id}), {"state": state}
    )
    assert response.status_code == 302


def _citizen_uploads(owner, submission, name="nachweis.pdf"):
    client = Client()
    login_as(client, owner)
    response = post_files(
        client, upload_url(submission), [(name, simple_pdf(), "application/pdf")], art="sonstiges"
    )
    assert response.status_code == 302, response.content.decode()[:1000]


def test_a_paper_application_with_a_scan_waits_until_the_case_is_complete(jobcenter, settings):
    _integration, token = make_integration(jobcenter)
    Transport.objects.create(jobcenter=jobcenter, kind="folder", name="Import", folder="mk")
    staff = Client()
    login_as(staff, make_staff(jobcenter))
    scan = SimpleUploadedFile("scan.pdf", simple_pdf(2), content_type="application/pdf")
    response = staff.post(
        reverse("backoffice:paper_intake"),
        {
            "form_key": "wba",
            "received_on": timezone.localdate().isoformat(),
            "first_name": "Kim",
            "last_name": "Papier",
            "scan": [scan],
        },
    )
    assert response.status_code == 302
    case = Case.objects.get(channel="paper")
    drain()  # the scan is checked and normalised, the intake's jobs run
    assert case.submission.uploads.get().status == "ready"
    assert _offered(token) == [] and _written(settings, "mk") == []

    _state(staff, case, "in_bearbeitung")
    drain()
    assert _offered(token) == [] and _written(settings, "mk") == []
    assert not Bundle.objects.exists()

    _state(staff, case, "vollstaendig")
    drain()
    (offered,) = _offered(token)
    assert offered["kind"] == "antrag"
    assert _written(settings, "mk") == [f"{case.reference}_{offered['id']}"]
    case.refresh_from_db()
    assert case.state == "uebergeben"  # the folder was written
    assert Bundle.objects.filter(case=case).count() == 1


def test_a_citizen_upload_to_an_open_case_is_not_handed_over_early(jobcenter, settings):
    _integration, token = make_integration(jobcenter)
    Transport.objects.create(jobcenter=jobcenter, kind="folder", name="Import", folder="mk")
    owner = make_citizen()
    submission = submission_with_documents(jobcenter, user=owner)
    case = Case.objects.get(submission=submission)
    staff = Client()
    login_as(staff, make_staff(jobcenter))

    _citizen_uploads(owner, submission, "eingegangen.pdf")  # case "Eingegangen"
    drain()
    assert _offered(token) == [] and _written(settings, "mk") == []
    _state(staff, case, "in_bearbeitung")
    _citizen_uploads(owner, submission, "in-bearbeitung.pdf")
    drain()
    assert _offered(token) == [] and _written(settings, "mk") == []

    _state(staff, case, "vollstaendig")
    drain()
    (offered,) = _offered(token)
    assert offered["kind"] == "antrag"
    bundle = Bundle.objects.get(case=case)
    assert bundle.items.count() == 2  # both documents travel with the application
    case.refresh_from_db()
    assert case.state == "uebergeben"

    # After the handover, each later document gets a bundle of its own.
    _citizen_uploads(owner, submission, "spaeter.pdf")
    drain()
    kinds = sorted(b["kind"] for b in _offered(token))
    assert kinds == ["antrag", "nachreichung"]
    assert len(_written(settings, "mk")) == 2


def test_handed_over_on_arrival_the_complete_case_ends_handed_over(jobcenter):
    """A Jobcenter that chose "sofort bei Eingang": the application went out (and was
    acknowledged) before the caseworker marked the case complete; completing it then must not
    leave it "Vollständig" for good, nor hand it over a second time."""
    HandoverSettings.objects.create(jobcenter=jobcenter, trigger="eingang")
    _integration, token = make_integration(jobcenter)
    owner = make_citizen()
    submission = submission_with_documents(jobcenter, user=owner)
    case = Case.objects.get(submission=submission)
    drain()
    (offered,) = _offered(token)
    api = Client()
    assert (
        api.post(f"/api/v1/bundles/{offered['id']}/acknowledge", **auth(token)).status_code == 200
    )
    case.refresh_from_db()
    assert case.state == "eingegangen"

    staff = Client()
    login_as(staff, make_staff(jobcenter))
    _state(staff, case, "in_bearbeitung")
    _state(staff, case, "vollstaendig")
    drain()
    case.refresh_from_db()
    assert case.state == "uebergeben"
    assert Bundle.objects.filter(case=case).count() == 1
    assert _offered(token) == []


def test_a_case_left_complete_after_an_early_handover_is_caught_up(jobcenter):
    """Cases stuck "Vollständig" by an early handover (before it was refused) end handed over
    with the next sweep (``manage.py sweep_handover``), without a second bundle."""
    from django.core.management import call_command

    from jobcenter.casework.models import CaseEvent
    from jobcenter.handover import services

    _integration, token = make_integration(jobcenter)
    owner = make_citizen()
    submission = submission_with_documents(jobcenter, user=owner)
    case = Case.objects.get(submission=submission)
    services.bundles_create_for_case(case)  # what the early handover did
    drain()
    (offered,) = _offered(token)
    Client().post(f"/api/v1/bundles/{offered['id']}/acknowledge", **auth(token))
    Case.objects.filter(pk=case.pk).update(state="vollstaendig")
    call_command("sweep_handover")
    case.refresh_from_db()
    assert case.state == "uebergeben"
    assert CaseEvent.objects.filter(
        case=case, to_state="uebergeben", text__startswith="Antrag schon übergeben am"
    ).exists()
    assert Bundle.objects.filter(case=case).count() == 1

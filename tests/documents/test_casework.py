"""The documents on the case page, the staff download/view, and uploads against a request."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from jobcenter.audit.models import AuditEntry
from jobcenter.casework import services as casework
from jobcenter.casework.models import Case, CaseEvent, CaseworkSettings, DocumentRequest
from jobcenter.documents.models import Upload
from tests.accounts.fixtures import login_as, make_citizen, make_staff, make_team
from tests.documents import corpus
from tests.documents.helpers import (
    drain_documents,
    post_files,
    submission_with_documents,
    upload_url,
)


@pytest.fixture
def world(jobcenter, media):
    owner = make_citizen()
    submission = submission_with_documents(jobcenter, user=owner)
    case = Case.objects.get(submission=submission)
    return {"owner": owner, "submission": submission, "case": case, "staff": make_staff(jobcenter)}


def _upload(client, world, *, art="geburtsurkunde", person="Lea Musterfrau"):
    login_as(client, world["owner"])
    response = post_files(
        client,
        upload_url(world["submission"]),
        [("vertrag.pdf", corpus.simple_pdf(), "application/pdf")],
        art=art,
        person=person,
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    return Upload.objects.filter(submission=world["submission"]).order_by("-pk").first()


def _case_page(client, world):
    login_as(client, world["staff"])
    response = client.get(
        reverse("backoffice:case_detail", kwargs={"public_id": world["case"].public_id})
    )
    assert response.status_code == 200
    return response.content.decode()


def test_case_page_lists_documents_with_view_and_download(client, world):
    assert "Zu diesem Antrag sind keine Nachweise eingegangen." in _case_page(client, world)
    client.logout()
    upload = _upload(client, world)
    # Still being checked: listed, but nothing to open yet.
    html = _case_page(client, world)
    assert 'data-testid="case-document"' in html and "Lea Musterfrau" in html
    assert "wird geprüft" in html and "noch nicht verfügbar" in html
    assert str(upload.public_id) not in html
    client.logout()

    assert drain_documents() == 1
    upload.refresh_from_db()
    html = _case_page(client, world)
    download = reverse("documents:staff_download", kwargs={"upload_id": upload.public_id})
    assert f'href="{download}"' in html and f'href="{download}?ansicht=1"' in html
    assert upload.doc_title in html
    assert timezone.localtime(upload.received_at).strftime("%d.%m.%Y %H:%M") in html
    assert "nachgereicht" in html and "angenommen" in html
    assert "Virenprüfung" in html

    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")

    response = client.get(f"{download}?ansicht=1")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("inline;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]

    entries = AuditEntry.objects.filter(
        object_type="upload", object_id=str(upload.public_id), actor=world["staff"]
    ).order_by("id")
    assert [e.summary.split(":")[0] for e in entries] == [
        "Nachweis heruntergeladen",
        "Nachweis angesehen",
    ]


def test_later_uploads_show_with_their_own_receipt_time(client, world):
    first = _upload(client, world)
    Upload.objects.filter(pk=first.pk).update(received_at=timezone.now() - dt.timedelta(days=3))
    second = _upload(client, world, art="sonstiges")
    drain_documents()
    html = _case_page(client, world)
    first.refresh_from_db()
    for upload in (first, second):
        assert timezone.localtime(upload.received_at).strftime("%d.%m.%Y %H:%M") in html
    assert html.index(first.doc_title) < html.index(second.doc_title)  # oldest first


def test_download_only_for_staff_who_may_see_the_case(client, world, jobcenter, other_jobcenter):
    upload = _upload(client, world)
    drain_documents()
    url = reverse("documents:staff_download", kwargs={"upload_id": upload.public_id})
    for outsider, second_factor in (
        (world["owner"], None),
        (make_staff(other_jobcenter), None),
        (make_staff(jobcenter), False),
    ):
        login_as(client, outsider, second_factor=second_factor)
        assert client.get(url).status_code in (302, 404)
        assert client.get(f"{url}?ansicht=1").status_code in (302, 404)
        client.logout()
    assert client.get(url).status_code in (302, 404)

    # A protected case (§ 35 SGB I): only its team, not colleagues.
    team = make_team(jobcenter, "Beschäftigtenfälle")
    CaseworkSettings.objects.create(jobcenter=jobcenter, protected_team=team)
    Case.objects.filter(pk=world["case"].pk).update(is_protected=True)
    login_as(client, world["staff"])
    assert client.get(url).status_code == 404
    client.logout()
    login_as(client, make_staff(jobcenter, teams=[team]))
    assert client.get(url).status_code == 200


def test_forwarded_case_new_jobcenter_may_download(client, world, other_jobcenter):
    upload = _upload(client, world)
    drain_documents()
    url = reverse("documents:staff_download", kwargs={"upload_id": upload.public_id})
    casework.case_forward(
        case=world["case"],
        to_jobcenter=other_jobcenter,
        by=world["staff"],
        reason="Wohnort im Bezirk",
    )
    new_case = Case.objects.get(submission=world["submission"], jobcenter=other_jobcenter)
    colleague = make_staff(other_jobcenter)
    login_as(client, colleague)
    html = client.get(
        reverse("backoffice:case_detail", kwargs={"public_id": new_case.public_id})
    ).content.decode()
    assert url in html
    assert client.get(url).status_code == 200


def _due_now():
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.update(run_after=timezone.now() - dt.timedelta(seconds=1))


def _request(world, keys=("geburtsurkunde",)):
    return casework.document_request_create(
        case=world["case"],
        by=world["staff"],
        items=[(k, f"Titel {k}", "") for k in keys],
        message="Bitte nachreichen.",
        deadline=timezone.localdate() + dt.timedelta(days=14),
    )


def test_mailbox_request_links_to_the_upload_with_the_type_preselected(client, world):
    document_request = _request(world)
    login_as(client, world["owner"])
    page = client.get(
        reverse(
            "portal:mailbox_request",
            kwargs={
                "jobcenter": world["submission"].jobcenter.slug,
                "public_id": document_request.public_id,
            },
        )
    )
    assert page.status_code == 200
    link = f"{upload_url(world['submission'])}?art=geburtsurkunde"
    assert f'href="{link}"' in page.content.decode()
    html = client.get(link).content.decode()
    assert 'value="geburtsurkunde" selected' in html or 'value="geburtsurkunde" checked' in html


def test_upload_of_the_requested_type_answers_the_request(client, world):
    document_request = _request(world, keys=("geburtsurkunde", "sonstiges"))
    case = world["case"]
    case.refresh_from_db()
    assert case.state == Case.State.UNTERLAGEN_ANGEFORDERT

    upload = _upload(client, world, art="geburtsurkunde")
    item = document_request.items.get(document_key="geburtsurkunde")
    assert item.received_at is None  # not before it is scanned and stored
    assert drain_documents() == 1
    item.refresh_from_db()
    assert item.received_at == upload.received_at
    assert item.document_ref == str(upload.public_id)
    assert document_request.items.get(document_key="sonstiges").received_at is None
    case.refresh_from_db()
    assert case.state == Case.State.IN_BEARBEITUNG
    assert case.events.filter(kind=CaseEvent.Kind.DOCUMENT, text=item.title).exists()
    document_request.refresh_from_db()
    assert document_request.status == DocumentRequest.Status.OPEN

    _upload(client, world, art="sonstiges")
    drain_documents()
    document_request.refresh_from_db()
    assert document_request.status == DocumentRequest.Status.ANSWERED


def test_an_upload_waiting_for_the_scanner_answers_nothing_yet(
    client, world, clamd_down, settings, clamd_socket
):
    document_request = _request(world)
    upload = _upload(client, world, art="geburtsurkunde")
    _due_now()
    drain_documents()  # clamd still down: the job is retried later
    upload.refresh_from_db()
    assert upload.status == Upload.Status.CHECKING
    item = document_request.items.get()
    assert item.received_at is None
    world["case"].refresh_from_db()
    assert world["case"].state == Case.State.UNTERLAGEN_ANGEFORDERT

    settings.CLAMD_SOCKET = clamd_socket  # clamd is back; the retry is due
    _due_now()
    drain_documents()
    item.refresh_from_db()
    assert item.received_at == upload.received_at
    world["case"].refresh_from_db()
    assert world["case"].state == Case.State.IN_BEARBEITUNG


def test_malware_found_later_answers_nothing(client, world, clamd_down, settings, clamd_socket):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from jobcenter.documents import services as documents

    document_request = _request(world)
    data = corpus.simple_pdf().replace(b"%PDF-1.3", b"%PDF-1.3\n%" + corpus.eicar(), 1)
    documents.upload_receive(
        jobcenter=world["submission"].jobcenter,
        submission=world["submission"],
        files=[SimpleUploadedFile("x.pdf", data)],
        doc_type="geburtsurkunde",
        doc_title="Geburtsurkunde",
    )
    settings.CLAMD_SOCKET = clamd_socket
    drain_documents()
    assert (
        Upload.objects.get(submission=world["submission"], doc_type="geburtsurkunde").status
        == Upload.Status.FAILED
    )
    assert document_request.items.get().received_at is None


def test_upload_of_another_type_answers_nothing(client, world):
    document_request = _request(world)
    _upload(client, world, art="sonstiges")
    drain_documents()
    assert not document_request.items.filter(received_at__isnull=False).exists()
    world["case"].refresh_from_db()
    assert world["case"].state == Case.State.UNTERLAGEN_ANGEFORDERT


def test_refused_upload_answers_nothing(client, world):
    document_request = _request(world)
    login_as(client, world["owner"])
    response = post_files(
        client,
        upload_url(world["submission"]),
        [("x.exe", corpus.exe_renamed(), "application/pdf")],
        art="geburtsurkunde",
    )
    assert response.status_code == 200
    assert not document_request.items.filter(received_at__isnull=False).exists()


def test_a_forwarded_submission_belongs_to_the_new_jobcenter(
    client, world, jobcenter, other_jobcenter
):
    """§ 16 SGB I: the competent Jobcenter owns the documents, asks for more under its own
    address and sees the submission in its admin; receipt and receipt time stay."""
    from jobcenter.accounts.models import Role

    submission = world["submission"]
    received_at = submission.received_at
    before = _upload(client, world)
    drain_documents()
    assert Upload.objects.get(pk=before.pk).jobcenter == jobcenter
    new_case = casework.case_forward(
        case=world["case"],
        to_jobcenter=other_jobcenter,
        by=world["staff"],
        reason="Wohnort im Bezirk",
    )
    submission.refresh_from_db()
    assert submission.jobcenter == jobcenter and submission.received_at == received_at
    assert new_case.received_at == received_at
    assert Upload.objects.get(pk=before.pk).jobcenter == other_jobcenter

    # The new Jobcenter asks for a document: the mailbox links to its own upload page.
    colleague = make_staff(other_jobcenter)
    document_request = casework.document_request_create(
        case=new_case,
        by=colleague,
        items=[("geburtsurkunde", "Geburtsurkunde", "")],
        deadline=timezone.localdate() + dt.timedelta(days=14),
    )
    login_as(client, world["owner"])
    page = client.get(
        reverse(
            "portal:mailbox_request",
            kwargs={"jobcenter": other_jobcenter.slug, "public_id": document_request.public_id},
        )
    )
    link = reverse(
        "documents:upload",
        kwargs={"jobcenter": other_jobcenter.slug, "public_id": submission.public_id},
    )
    assert f'href="{link}?art=geburtsurkunde"' in page.content.decode()
    assert client.get(link).status_code == 200
    start = client.get(reverse("documents:start", kwargs={"jobcenter": other_jobcenter.slug}))
    assert submission.reference in start.content.decode()
    response = post_files(
        client,
        link,
        [("u.pdf", corpus.simple_pdf(), "application/pdf")],
        art="geburtsurkunde",
        person="Lea Musterfrau",
    )
    assert response.status_code == 302
    after = Upload.objects.filter(submission=submission).order_by("-pk").first()
    assert after.jobcenter == other_jobcenter
    drain_documents()
    assert document_request.items.get().received_at == after.received_at
    new_case.refresh_from_db()
    assert new_case.state == Case.State.IN_BEARBEITUNG

    # Staff of the new Jobcenter: the download is in their audit log; the admin lists it.
    login_as(client, colleague)
    url = reverse("documents:staff_download", kwargs={"upload_id": before.public_id})
    assert client.get(url).status_code == 200
    assert AuditEntry.objects.filter(
        object_id=str(before.public_id), jobcenter=other_jobcenter
    ).exists()
    for owner in (other_jobcenter, jobcenter):
        login_as(client, make_staff(owner, roles=[Role.ADMINISTRATION]))
        html = client.get("/admin/intake/submission/").content.decode()
        assert submission.reference in html


def test_a_submission_not_forwarded_stays_out_of_other_jobcenters(client, world, other_jobcenter):
    from jobcenter.accounts.models import Role

    login_as(client, world["owner"])
    link = reverse(
        "documents:upload",
        kwargs={"jobcenter": other_jobcenter.slug, "public_id": world["submission"].public_id},
    )
    assert client.get(link).status_code == 404
    login_as(client, make_staff(other_jobcenter, roles=[Role.ADMINISTRATION]))
    html = client.get("/admin/intake/submission/").content.decode()
    assert world["submission"].reference not in html


def test_an_unscanned_document_is_marked_wherever_staff_open_it(client, world, settings):
    """Without a virus scanner (``DOCUMENTS_SCANNER=none``) the file is stored "nicht geprüft":
    the case page, the links and the downloaded or viewed file say so."""
    settings.DOCUMENTS_SCANNER = "none"
    upload = _upload(client, world)
    assert drain_documents() == 1
    html = _case_page(client, world)
    assert 'data-testid="case-document-unscanned"' in html
    assert "Achtung: nicht auf Schadsoftware geprüft" in html
    download = reverse("documents:staff_download", kwargs={"upload_id": upload.public_id})
    for url in (download, f"{download}?ansicht=1"):
        response = client.get(url)
        assert response.status_code == 200
        assert "NICHT-VIRENGEPRUEFT" in response["Content-Disposition"]
        assert response["X-Virus-Scan"] == "not-scanned"


def test_a_scanned_document_carries_no_such_mark(client, world, clamd):
    upload = _upload(client, world)
    assert drain_documents() == 1
    html = _case_page(client, world)
    assert 'data-testid="case-document-unscanned"' not in html
    response = client.get(
        reverse("documents:staff_download", kwargs={"upload_id": upload.public_id})
    )
    assert "NICHT-VIRENGEPRUEFT" not in response["Content-Disposition"]
    assert response["X-Virus-Scan"] == "clean"


def test_a_request_for_a_document_the_answers_did_not_call_for_can_be_answered(client, world):
    """Like the demo: a WBA with nothing changed calls for no document, and the Jobcenter asks
    for bank statements. The upload page must offer that type (preselected from the mailbox)
    besides "Sonstiges", and the upload answers the request."""
    from tests.forms.answers import WBA_NOTHING_CHANGED
    from tests.intake.factories import make_submission

    submission = make_submission(
        world["submission"].jobcenter, answers=WBA_NOTHING_CHANGED, user=world["owner"]
    )
    case = Case.objects.get(submission=submission)
    document_request = casework.document_request_create(
        case=case,
        by=world["staff"],
        items=[("kontoauszuege", "Kontoauszüge der letzten drei Monate", "")],
        deadline=timezone.localdate() + dt.timedelta(days=14),
    )
    login_as(client, world["owner"])
    html = client.get(f"{upload_url(submission)}?art=kontoauszuege").content.decode()
    assert 'value="kontoauszuege" selected' in html
    assert "Kontoauszüge der letzten drei Monate" in html
    response = post_files(
        client,
        upload_url(submission),
        [("auszug.pdf", corpus.simple_pdf(), "application/pdf")],
        art="kontoauszuege",
        person="Kim Musterfrau",
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert drain_documents() == 1
    document_request.refresh_from_db()
    assert document_request.status == DocumentRequest.Status.ANSWERED

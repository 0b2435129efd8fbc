"""The document beside the answers: a frame of the staff PDF view on the case page, allowed by
the case page's CSP (frame-src 'self') and by the PDF's own (frame-ancestors 'self', still
sandboxed); the download stays unframeable."""

import pytest
from django.urls import reverse

from jobcenter.audit.models import AuditEntry
from jobcenter.casework.models import Case
from tests.accounts.fixtures import login_as, make_citizen, make_staff
from tests.casework.factories import make_case
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


def _ready_upload(client, world):
    login_as(client, world["owner"])
    response = post_files(
        client,
        upload_url(world["submission"]),
        [("urkunde.pdf", corpus.simple_pdf(), "application/pdf")],
        art="geburtsurkunde",
        person="Lea Musterfrau",
    )
    assert response.status_code == 302
    client.logout()
    assert drain_documents() == 1
    return world["submission"].uploads.order_by("-pk").first()


def _case_url(case):
    return reverse("backoffice:case_detail", kwargs={"public_id": case.public_id})


def test_the_chosen_document_is_shown_beside_the_answers(client, world):
    upload = _ready_upload(client, world)
    login_as(client, world["staff"])
    page = client.get(_case_url(world["case"]), {"liste": "meine"})
    html = page.content.decode()
    # Not loaded before the caseworker picks it; the link keeps the queue.
    assert 'data-testid="document-viewer"' not in html
    link = f"{_case_url(world['case'])}?liste=meine&amp;dokument={upload.public_id}#dokument"
    assert f'href="{link}"' in html
    assert "frame-src 'self'" in page["Content-Security-Policy"]

    page = client.get(_case_url(world["case"]), {"liste": "meine", "dokument": upload.public_id})
    html = page.content.decode()
    view = reverse("documents:staff_download", kwargs={"upload_id": upload.public_id})
    assert 'data-testid="document-viewer"' in html and "bo-beside--viewing" in html
    assert f'<iframe class="bo-viewer__frame" src="{view}?ansicht=1"' in html
    # Fallbacks when the browser shows no PDF in a frame.
    assert f'href="{view}?ansicht=1" target="_blank"' in html and f'href="{view}"' in html

    framed = client.get(f"{view}?ansicht=1")
    assert framed.status_code == 200
    policy = framed["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in policy and "sandbox" in policy
    assert "default-src 'none'" in policy and framed["X-Frame-Options"] == "SAMEORIGIN"
    assert AuditEntry.objects.filter(
        object_type="upload", object_id=str(upload.public_id), summary__startswith="Nachweis ang"
    ).exists()
    download = client.get(view)
    assert "frame-ancestors 'none'" in download["Content-Security-Policy"]
    assert download["X-Frame-Options"] == "DENY"


def test_a_document_of_another_case_is_not_shown(client, world, jobcenter):
    upload = _ready_upload(client, world)
    other = make_case(jobcenter)
    login_as(client, world["staff"])
    html = client.get(_case_url(other), {"dokument": upload.public_id}).content.decode()
    assert 'data-testid="document-viewer"' not in html
    html = client.get(_case_url(world["case"]), {"dokument": "kaputt"}).content.decode()
    assert 'data-testid="document-viewer"' not in html

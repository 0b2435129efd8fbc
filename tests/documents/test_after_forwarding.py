"""After forwarding (§ 16 SGB I), what reaches the competent Jobcenter stays there.

A WBA forwarded from Musterkreis to Beispielstadt; Beispielstadt requests a document and the
citizen uploads it. Musterkreis keeps what it received before the forwarding (its old case:
list, download, print version, history), but sees nothing that arrived afterwards; reads by its
staff are in its own audit log. Beispielstadt sees everything of the application.
"""

import datetime as dt
import io

import pikepdf
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from jobcenter.audit.models import AuditEntry
from jobcenter.casework import services as casework
from jobcenter.casework.models import Case, CaseEvent, DocumentRequest
from jobcenter.documents.models import Upload
from tests.accounts.fixtures import login_as, make_citizen, make_staff
from tests.documents import corpus
from tests.documents.helpers import (
    drain_documents,
    post_files,
    submission_with_documents,
    upload_url,
)

pytestmark = pytest.mark.django_db


def _upload(owner, submission, *, jobcenter, art, person="Lea Musterfrau") -> Upload:
    client = Client()
    login_as(client, owner)
    url = reverse(
        "documents:upload", kwargs={"jobcenter": jobcenter.slug, "public_id": submission.public_id}
    )
    response = post_files(
        client, url, [("u.pdf", corpus.simple_pdf(), "application/pdf")], art=art, person=person
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    drain_documents()
    return Upload.objects.filter(submission=submission).order_by("-pk").first()


def _outline(pdf_bytes) -> list[str]:
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf, pdf.open_outline() as outline:
        return [item.title for item in outline.root]


@pytest.fixture
def forwarded(jobcenter, other_jobcenter, media):
    owner = make_citizen()
    submission = submission_with_documents(jobcenter, user=owner)
    old_case = Case.objects.get(submission=submission)
    old_staff, new_staff = make_staff(jobcenter), make_staff(other_jobcenter)
    # Musterkreis asks for two documents; one arrives (the case is "in Bearbeitung" again, the
    # request still open), then it forwards the case.
    casework.document_request_create(
        case=old_case,
        by=old_staff,
        items=[("geburtsurkunde", "Geburtsurkunde", ""), ("sonstiges", "Sonstiges", "")],
        deadline=timezone.localdate() + dt.timedelta(days=14),
    )
    before = _upload(owner, submission, jobcenter=jobcenter, art="sonstiges")
    new_case = casework.case_forward(
        case=old_case, to_jobcenter=other_jobcenter, by=old_staff, reason="Wohnort im Bezirk"
    )
    old_case.refresh_from_db()
    casework.document_request_create(
        case=new_case,
        by=new_staff,
        items=[("geburtsurkunde", "Geburtsurkunde", "")],
        deadline=timezone.localdate() + dt.timedelta(days=14),
    )
    after = _upload(owner, submission, jobcenter=other_jobcenter, art="geburtsurkunde")
    return {
        "owner": owner,
        "submission": submission,
        "old_case": old_case,
        "new_case": new_case,
        "old_staff": old_staff,
        "new_staff": new_staff,
        "before": before,
        "after": after,
    }


def _client(user) -> Client:
    client = Client()
    login_as(client, user)
    return client


def _download(upload) -> str:
    return reverse("documents:staff_download", kwargs={"upload_id": upload.public_id})


def test_the_old_jobcenter_sees_only_what_it_received(forwarded, jobcenter):
    w = forwarded
    assert w["after"].status == Upload.Status.READY
    old = _client(w["old_staff"])
    html = old.get(
        reverse("backoffice:case_detail", kwargs={"public_id": w["old_case"].public_id})
    ).content.decode()
    assert _download(w["before"]) in html
    assert _download(w["after"]) not in html
    assert "Geburtsurkunde" not in html.split('id="documents-heading"')[1].split("</section>")[0]

    assert old.get(_download(w["after"])).status_code == 404
    assert old.get(f"{_download(w['after'])}?ansicht=1").status_code == 404
    assert old.get(_download(w["before"])).status_code == 200
    # The read is in Musterkreis's own audit log (the reader's Jobcenter), never in the other.
    entry = AuditEntry.objects.get(object_id=str(w["before"].public_id), actor=w["old_staff"])
    assert entry.jobcenter == jobcenter

    response = old.get(reverse("handover:print", kwargs={"public_id": w["old_case"].public_id}))
    assert response.status_code == 200
    titles = _outline(response.content)
    assert len(titles) == 3  # cover, receipt, the one document received before the forwarding
    assert not any("Geburtsurkunde" in t for t in titles)


def test_the_old_case_history_and_requests_stay_as_they_were(forwarded):
    w = forwarded
    old_case, new_case = w["old_case"], w["new_case"]
    received = CaseEvent.objects.filter(case=old_case, kind=CaseEvent.Kind.DOCUMENT)
    assert list(received.values_list("text", flat=True)) == ["Sonstiges"]  # before forwarding
    assert old_case.state == Case.State.WEITERGELEITET
    # Musterkreis's open request was taken back with the forwarding; Beispielstadt's answered.
    assert old_case.document_requests.get().status == DocumentRequest.Status.CANCELLED
    assert new_case.document_requests.get().status == DocumentRequest.Status.ANSWERED
    assert CaseEvent.objects.filter(
        case=new_case, kind=CaseEvent.Kind.DOCUMENT, text="Geburtsurkunde"
    ).exists()


def test_the_new_jobcenter_sees_everything_of_the_application(forwarded, other_jobcenter):
    w = forwarded
    new = _client(w["new_staff"])
    html = new.get(
        reverse("backoffice:case_detail", kwargs={"public_id": w["new_case"].public_id})
    ).content.decode()
    assert _download(w["before"]) in html and _download(w["after"]) in html
    for upload in (w["before"], w["after"]):
        assert new.get(_download(upload)).status_code == 200
        assert (
            AuditEntry.objects.get(object_id=str(upload.public_id), actor=w["new_staff"]).jobcenter
            == other_jobcenter
        )
    response = new.get(reverse("handover:print", kwargs={"public_id": w["new_case"].public_id}))
    assert len(_outline(response.content)) == 4  # cover, receipt, both documents


def test_a_reply_to_the_old_case_does_not_reach_the_old_jobcenter(forwarded, jobcenter):
    w = forwarded
    citizen = _client(w["owner"])
    response = citizen.post(
        reverse(
            "portal:mailbox_reply",
            kwargs={"jobcenter": jobcenter.slug, "public_id": w["old_case"].public_id},
        ),
        {"nachricht": "Hier noch eine Frage"},
    )
    assert response.status_code == 404
    assert not w["old_case"].messages.filter(direction="in").exists()


def test_the_old_cases_bundle_built_after_the_forwarding_holds_only_its_documents(
    forwarded, jobcenter
):
    """A Jobcenter handing over on arrival: the old case's application bundle is built after
    the forwarding (the worker was busy) — it must not carry the new Jobcenter's document."""
    from jobcenter.handover import services as handover
    from jobcenter.handover.models import Bundle, Transport
    from tests.intake.factories import drain

    w = forwarded
    Transport.objects.create(jobcenter=jobcenter, kind="api", name="E-Akte")
    bundle = Bundle.objects.create(
        public_id=handover.bundle_uuid(w["old_case"]),
        jobcenter=jobcenter,
        case=w["old_case"],
        submission=w["submission"],
        kind=Bundle.Kind.APPLICATION,
    )
    handover.RUNNER.enqueue(bundle)
    drain()
    bundle.refresh_from_db()
    assert bundle.status == "done"
    assert list(bundle.items.values_list("upload_id", flat=True)) == [w["before"].pk]


def test_upload_url_is_still_under_either_jobcenter(forwarded):
    """Unchanged: the citizen may upload under the receiving and the competent address."""
    w = forwarded
    citizen = _client(w["owner"])
    assert citizen.get(upload_url(w["submission"])).status_code == 200


def test_the_new_jobcenter_hands_over_everything_the_old_one_nothing(
    forwarded, jobcenter, other_jobcenter
):
    """Forwarding × documents × handover: completed at Beispielstadt, the application with both
    documents goes to Beispielstadt's E-Akte only; a document sent later follows it there."""
    import json

    from jobcenter.handover.models import Bundle
    from tests.handover.helpers import auth, make_integration
    from tests.intake.factories import drain

    w = forwarded
    _old_integration, old_token = make_integration(jobcenter)
    _new_integration, new_token = make_integration(other_jobcenter)
    new = _client(w["new_staff"])
    # The answered request left the case "in Bearbeitung".
    response = new.post(
        reverse("backoffice:case_state", kwargs={"public_id": w["new_case"].public_id}),
        {"state": "vollstaendig"},
    )
    assert response.status_code == 302
    drain()

    def offered(token):
        return json.loads(Client().get("/api/v1/bundles", **auth(token)).content)["bundles"]

    assert offered(old_token) == []
    (application,) = offered(new_token)
    bundle = Bundle.objects.get(public_id=application["id"])
    assert bundle.case == w["new_case"]
    assert set(bundle.items.values_list("upload_id", flat=True)) == {w["before"].pk, w["after"].pk}
    later = _upload(w["owner"], w["submission"], jobcenter=other_jobcenter, art="sonstiges")
    drain()
    assert offered(old_token) == []
    assert sorted(b["kind"] for b in offered(new_token)) == ["antrag", "nachreichung"]
    assert Bundle.objects.get(upload=later).case == w["new_case"]

"""Submitting from the check page: receipt page, idempotency (double click, retried POST, back
button, two tabs), the secret link, "Meine Anträge"."""

import re
import uuid
from unittest import mock

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from jobcenter.intake.models import Submission
from jobcenter.intake.selectors import receipt_token
from tests.accounts.fixtures import login_as, make_citizen
from tests.intake.factories import fake_receipt, make_submission
from tests.portal.test_wizard import fill_nothing_changed
from tests.portal.wizard_helpers import BASE, PERSON, submit

pytestmark = pytest.mark.django_db
CHECK = f"{BASE}/pruefen/"
SEND = f"{BASE}/absenden/"


def draft_id(client) -> str:
    html = client.get(CHECK).content.decode()
    return re.search(r'name="entwurf" value="([0-9a-f-]+)"', html).group(1)


@pytest.fixture
def filled(client, jobcenter):
    fill_nothing_changed(client)
    return client


def test_check_page_has_the_submit_button_and_sending_shows_the_receipt(filled):
    page = filled.get(CHECK).content.decode()
    assert "Antrag absenden" in page and "Absenden folgt in Kürze" not in page
    response = filled.post(SEND, {"entwurf": draft_id(filled)})
    assert response.status_code == 302
    (submission,) = Submission.objects.all()
    assert response["Location"].startswith(
        f"/musterkreis/eingang/{submission.public_id}/{receipt_token(submission)}/"
    )
    receipt_page = filled.get(response["Location"])
    html = receipt_page.content.decode()
    assert submission.reference in html and "Ihr Antrag ist abgeschickt" in html
    assert "no-store" in receipt_page["Cache-Control"]
    assert "wird gerade erstellt" in html  # the worker has not run yet


def test_double_click_retried_post_and_second_tab_give_one_submission(filled):
    public_id = draft_id(filled)
    second_tab = Client()
    second_tab.cookies = filled.cookies  # same browser, another tab
    first = filled.post(SEND, {"entwurf": public_id})
    again = filled.post(SEND, {"entwurf": public_id})
    other = second_tab.post(SEND, {"entwurf": public_id})
    assert first["Location"] == again["Location"] == other["Location"]
    assert Submission.objects.count() == 1


def test_back_button_after_sending_shows_the_receipt_again(filled):
    public_id = draft_id(filled)
    sent = filled.post(SEND, {"entwurf": public_id})
    back = filled.get(CHECK)
    assert back.status_code == 302
    assert back["Location"] == sent["Location"].split("?")[0]
    # …and a stale copy of the check page submitted again changes nothing.
    assert filled.post(SEND, {"entwurf": public_id})["Location"] == sent["Location"]
    assert Submission.objects.count() == 1


def test_a_request_killed_after_commit_is_answered_by_the_retry(filled):
    """The connection dies after the commit but before the response; the browser retries."""
    public_id = draft_id(filled)
    filled.raise_request_exception = False
    with mock.patch(
        "jobcenter.portal.submissions.link_url",
        side_effect=ConnectionResetError("client went away"),
    ):
        lost = filled.post(SEND, {"entwurf": public_id})
    assert lost.status_code == 500
    assert Submission.objects.count() == 1  # committed before the crash
    retried = filled.post(SEND, {"entwurf": public_id})
    (submission,) = Submission.objects.all()
    assert (
        retried.status_code == 302
        and submission.reference in filled.get(retried["Location"]).content.decode()
    )


def test_someone_elses_draft_cannot_be_submitted(filled):
    public_id = draft_id(filled)
    stranger = Client()
    response = stranger.post(SEND, {"entwurf": public_id})
    assert response.status_code == 302 and not Submission.objects.exists()
    assert stranger.post(SEND, {"entwurf": "kein-uuid"}).status_code == 302


def test_an_incomplete_draft_goes_back_to_the_check_page(client, jobcenter):
    from jobcenter.intake.models import Draft

    submit(client, f"{BASE}/person/", PERSON)
    assert 'name="entwurf"' not in client.get(CHECK).content.decode()  # no button yet
    response = client.post(SEND, {"entwurf": str(Draft.objects.get().public_id)})
    assert response["Location"] == CHECK and not Submission.objects.exists()


def test_a_wrong_token_or_jobcenter_answers_404(jobcenter, other_jobcenter):
    submission = make_submission(jobcenter)
    fake_receipt(submission)
    token = receipt_token(submission)
    client = Client()
    good = f"/musterkreis/eingang/{submission.public_id}/{token}/"
    assert client.get(good).status_code == 200
    assert client.get(good + "eingangsbestaetigung.pdf").status_code == 200
    assert client.get(f"/musterkreis/eingang/{submission.public_id}/{'0' * 64}/").status_code == 404
    assert client.get(f"/musterkreis/eingang/{uuid.uuid4()}/{token}/").status_code == 404
    assert (
        client.get(f"/{other_jobcenter.slug}/eingang/{submission.public_id}/{token}/").status_code
        == 404
    )


def test_a_receipt_download_is_a_pdf_attachment(jobcenter):
    from jobcenter.intake import jobs

    submission = make_submission(jobcenter)
    jobs.receipt_store(submission)
    url = f"/musterkreis/eingang/{submission.public_id}/{receipt_token(submission)}/"
    response = Client().get(url + "eingangsbestaetigung.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert f"Eingangsbestaetigung-{submission.reference}.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "Eingangsbestätigung herunterladen" in Client().get(url).content.decode()


def test_meine_antraege_lists_only_my_submissions(jobcenter, other_jobcenter):
    me, someone = make_citizen(), make_citizen()
    mine = [make_submission(jobcenter, user=me), make_submission(other_jobcenter, user=me)]
    fake_receipt(mine[0])
    theirs = make_submission(jobcenter, user=someone)
    client = Client()
    login_as(client, me)
    html = client.get("/musterkreis/antraege/").content.decode()
    for submission in mine:
        assert submission.reference in html
    assert theirs.reference not in html
    assert f"/musterkreis/antraege/{mine[0].public_id}/eingangsbestaetigung.pdf" in html
    assert "wird erstellt" in html  # the second one has no receipt yet
    assert client.get(f"/musterkreis/antraege/{theirs.public_id}/").status_code == 404


def test_meine_antraege_needs_a_login(client, jobcenter):
    response = client.get("/musterkreis/antraege/")
    assert response.status_code == 302 and "/konto/anmelden/" in response["Location"]


def test_a_signed_in_citizen_submission_belongs_to_the_account(jobcenter):
    me = make_citizen()
    client = Client()
    login_as(client, me)
    fill_nothing_changed(client)
    client.post(SEND, {"entwurf": draft_id(client)})
    (submission,) = Submission.objects.all()
    assert submission.user == me
    assert submission.reference in client.get("/musterkreis/antraege/").content.decode()


def test_a_stale_check_page_does_not_send_answers_it_never_showed(filled):
    """Check page open in tab A, an answer changed in tab B, "Absenden" in tab A: refused, the
    check page comes back with the new answer and a message; sending from it then works, and
    the stale page's button afterwards still ends on the same receipt (idempotency)."""
    tab_a = filled.get(CHECK).content.decode()
    public_id = re.search(r'name="entwurf" value="([0-9a-f-]+)"', tab_a).group(1)
    shown = re.search(r'name="revision" value="(\d+)"', tab_a).group(1)
    assert "0170 9999999" not in tab_a

    tab_b = submit(
        filled,
        f"{BASE}/person/?von=pruefen",
        {**PERSON, "telefon": "0170 9999999", "von": "pruefen"},
    )
    assert tab_b.status_code == 302

    refused = filled.post(SEND, {"entwurf": public_id, "revision": shown})
    assert refused.status_code == 302 and refused["Location"] == f"{CHECK}?geaendert=1"
    assert not Submission.objects.exists()
    page = filled.get(refused["Location"]).content.decode()
    assert "Ihr Antrag ist noch nicht abgeschickt" in page and "0170 9999999" in page
    current = re.search(r'name="revision" value="(\d+)"', page).group(1)
    assert current != shown

    sent = filled.post(SEND, {"entwurf": public_id, "revision": current})
    (submission,) = Submission.objects.all()
    assert submission.answers["telefon"] == "0170 9999999"
    assert (
        filled.post(SEND, {"entwurf": public_id, "revision": shown})["Location"] == sent["Location"]
    )
    assert Submission.objects.count() == 1


def test_a_submit_looks_up_no_case_of_the_submission_it_creates(filled):
    """The submission is inserted in the submit's own transaction, so no case of it can exist
    yet: neither the case opening nor the upload hand-over asks (each lookup was a statement
    under the lock that serialises submits, docs/PERFORMANCE.md)."""
    public_id = draft_id(filled)
    with CaptureQueriesContext(connection) as queries:
        response = filled.post(SEND, {"entwurf": public_id})
    assert response.status_code == 302
    case_reads = [
        q["sql"] for q in queries if q["sql"].startswith("SELECT") and '"casework_case"' in q["sql"]
    ]
    assert case_reads == []
    (submission,) = Submission.objects.all()
    assert submission.cases.get().jobcenter == submission.jobcenter


@pytest.mark.parametrize("with_receipt", [True, False])
def test_the_receipt_page_reads_the_receipt_with_the_submission(jobcenter, with_receipt):
    """Where the submit redirects every citizen: the submission, its Jobcenter and its receipt
    (made later by the worker, or not yet) in one statement."""
    submission = make_submission(jobcenter)
    if with_receipt:
        fake_receipt(submission)
    url = f"/musterkreis/eingang/{submission.public_id}/{receipt_token(submission)}/"
    with CaptureQueriesContext(connection) as queries:
        html = Client().get(url).content.decode()
    assert not [q for q in queries if q["sql"].startswith('SELECT "intake_receipt"')]
    assert ("Eingangsbestätigung herunterladen" in html) is with_receipt
    assert ("wird gerade erstellt" in html) is not with_receipt


def test_the_case_opening_looks_up_the_numbers_given_once(filled):
    """Whether the BG-Nummer of a WBA names a known customer and whether a flagged (§ 35 SGB I)
    person is behind it is one lookup, not two: the case opening runs under the lock that
    serialises submits (docs/PERFORMANCE.md)."""
    with CaptureQueriesContext(connection) as queries:
        response = filled.post(SEND, {"entwurf": draft_id(filled)})
    assert response.status_code == 302
    member_reads = [
        q["sql"]
        for q in queries
        if q["sql"].startswith("SELECT") and '"casework_householdmember"' in q["sql"]
    ]
    assert len(member_reads) == 1, member_reads

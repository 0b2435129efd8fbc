"""A change notice is not an application: its receipt (page, PDF, e-mail) says what it is.

What sending means comes from the form definition (``FormKind``), so every output decides it the
same way and a new form only has to say which kind it is.
"""

import subprocess

import pytest
from django.test import Client

from jobcenter.forms import selectors as forms
from jobcenter.intake import jobs
from jobcenter.intake.models import Draft
from jobcenter.portal.submissions import link_url
from jobcenter.receipts import selectors as receipts
from jobcenter.receipts.pdf import render_receipt_pdf
from tests.forms.answers import AENDERUNG_JOB_AND_BANK, WBA_JOB_AND_PERSON
from tests.intake.factories import make_draft

pytestmark = pytest.mark.django_db
CLAIM = "zählt für Ihren Anspruch"


def _submit(jobcenter, form_key, answers):
    from jobcenter.intake import services

    draft = make_draft(
        jobcenter, form_key=form_key, answers={**answers, "email": "kim@example.invalid"}
    )
    assert Draft.objects.filter(pk=draft.pk).exists()
    return services.submission_create(draft=draft, language="de")


def _pdf_text(submission, tmp_path) -> str:
    path = tmp_path / "r.pdf"
    path.write_bytes(render_receipt_pdf(submission))
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_kind_comes_from_the_definition():
    assert forms.latest("aenderung").kind == forms.FormKind.NOTICE
    for key in ("wba", "erstantrag", "antrag_gesichert"):
        assert forms.latest(key).kind == forms.FormKind.APPLICATION, key


def test_a_change_notice_receipt_says_it_is_a_notice(jobcenter, tmp_path):
    submission = _submit(jobcenter, "aenderung", AENDERUNG_JOB_AND_BANK)
    page = Client().get(link_url(submission) + "?neu=1").content.decode()
    assert "Ihre Mitteilung ist eingegangen" in page
    assert "Ihre Mitteilung ist abgeschickt" in page
    assert "Ihr Antrag ist eingegangen" not in page and CLAIM not in page
    assert "kein neuer Antrag" in page

    text = " ".join(_pdf_text(submission, tmp_path).split())
    assert "Ihre Mitteilung „Veränderungsmitteilung“ ist online bei uns eingegangen" in text
    assert "Ihr Antrag" not in text

    mail = receipts.confirmation_email(
        submission, recipient="kim@example.invalid", receipt_url=jobs.receipt_link(submission)
    )
    assert mail.subject.startswith("Ihre Mitteilung ist eingegangen")
    assert "Ihre Mitteilung „Veränderungsmitteilung“" in mail.body
    assert "Ihr Antrag" not in mail.body


def test_an_application_receipt_still_says_application(jobcenter):
    submission = _submit(jobcenter, "wba", WBA_JOB_AND_PERSON)
    page = Client().get(link_url(submission) + "?neu=1").content.decode()
    assert "Ihr Antrag ist eingegangen" in page and CLAIM in page
    mail = receipts.confirmation_email(
        submission, recipient="kim@example.invalid", receipt_url=jobs.receipt_link(submission)
    )
    assert mail.subject.startswith("Ihr Antrag ist eingegangen")

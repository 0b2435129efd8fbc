"""The receipt lists what arrived with the application and what is still missing — from the
same checklist as the check page (page, PDF and e-mail)."""

import subprocess

import pytest
from django.urls import reverse

from jobcenter.intake import services as intake
from jobcenter.intake.models import Submission
from jobcenter.receipts import selectors as receipts
from jobcenter.receipts.pdf import render_receipt_pdf
from tests.documents import corpus
from tests.documents.helpers import post_files
from tests.forms.answers import WBA_JOB_AND_PERSON
from tests.intake.factories import make_draft

pytestmark = pytest.mark.django_db


def test_a_document_uploaded_from_the_check_page_is_on_the_receipt(
    client, jobcenter, media, tmp_path
):
    draft = make_draft(
        jobcenter, answers={**WBA_JOB_AND_PERSON, "email": "kim@example.invalid"}, session_key="abc"
    )
    session = client.session
    session[intake.DRAFT_OWNER_SESSION_KEY] = "abc"
    session.save()
    kwargs = {"jobcenter": jobcenter.slug, "form": "weiterbewilligung"}
    post_files(
        client,
        reverse("documents:draft_upload", kwargs=kwargs),
        [("urkunde.pdf", corpus.simple_pdf(), "application/pdf")],
        art="geburtsurkunde",
        person="Lea Musterfrau",
    )
    response = client.post(
        reverse("portal:wizard_submit", kwargs=kwargs),
        {"entwurf": str(draft.public_id)},
        follow=True,
    )
    submission = Submission.objects.get()
    page = response.content.decode()
    received = page[page.index('id="nachweise-erhalten"') :]
    received = received[: received.index("</ul>")]
    missing = page[page.index('id="nachweise-fehlen"') :]
    missing = missing[: missing.index("</ul>")]
    assert "Geburtsurkunde des Kindes" in received and "eingegangen am" in received
    assert "Geburtsurkunde" not in missing
    assert (
        'data-document="lohnabrechnung"' in missing or 'data-document="arbeitsvertrag"' in missing
    )

    path = tmp_path / "r.pdf"
    path.write_bytes(render_receipt_pdf(submission))
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert "Mit diesem Antrag wurden keine Nachweise hochgeladen" not in text
    got = text[text.index("Bereits erhalten") : text.index("Noch einzureichen")]
    assert "Geburtsurkunde des Kindes" in got and "eingegangen am" in got
    assert "Geburtsurkunde" not in text[text.index("Noch einzureichen") :]

    mail = receipts.confirmation_email(
        submission, recipient="kim@example.invalid", receipt_url="https://example.invalid/x"
    )
    assert "Nachweise erhalten: 1 Dokument" in mail.body
    assert "Noch einzureichen:" in mail.body
    assert "Geburtsurkunde" not in mail.body  # which ones would tell about the person

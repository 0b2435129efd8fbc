"""Browser journey: complete a WBA, send it, see the reference, download the receipt PDF with the
answers, and find the confirmation e-mail on a real SMTP server. axe-core on every screen."""

import re
import subprocess

import pytest
from playwright.sync_api import expect

from jobcenter.intake.models import Submission
from tests.e2e.test_wizard_journeys import nothing_changed, start
from tests.intake.factories import drain
from tests.receipts.smtp import SMTPServer, use_smtp


@pytest.fixture
def smtp(settings):
    server = SMTPServer().start()
    use_smtp(settings, server.port)
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }


def test_send_a_wba_and_get_the_receipt_and_the_email(
    page, live_server, axe, smtp, settings, tmp_path, demo_jobcenters
):
    settings.PUBLIC_BASE_URL = live_server.url
    j = start(page, live_server, "Weiterbewilligungsantrag stellen", "Angaben zu Ihrer Person", axe)
    page.locator("#f-email").fill("kim@example.invalid")
    nothing_changed(j)

    page.get_by_role("button", name="Antrag absenden").click()
    j.arrived("Ihr Antrag ist eingegangen")
    submission = Submission.objects.get()
    expect(page.locator("#eingangsnummer")).to_have_text(submission.reference)
    assert re.fullmatch(r"MK-\d{4}-\d{6}-\d", submission.reference)

    drain()  # the worker: receipt, e-mail, handover
    page.reload()
    axe(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Eingangsbestätigung herunterladen (PDF)").click()
    path = tmp_path / "receipt.pdf"
    download_info.value.save_as(path)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    for expected in (
        submission.reference,
        "Kim",
        "Musterfrau",
        "27.03.1980",
        "Haben sich Ihre Wohnkosten geändert?",
    ):
        assert expected in text, expected

    (message,) = smtp.messages
    assert message["To"] == "kim@example.invalid"
    body = message.get_content()
    assert submission.reference in body and "Musterfrau" not in body
    link = re.search(r"http://\S+/eingang/\S+/", body).group(0)
    page.goto(link)
    j.arrived("Ihr Antrag ist eingegangen")

"""The citizen's own data in the browser: the download from the account page holds what the
mailbox shows; the account deletion page says what the Jobcenter keeps. axe on every page."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from jobcenter.casework.models import Message
from tests.accounts.fixtures import PASSWORD, make_citizen
from tests.casework.factories import make_case
from tests.intake.factories import fake_receipt

pytestmark = pytest.mark.django_db(transaction=True)


def test_download_my_data_holds_what_the_mailbox_shows(
    page, live_server, jobcenter, axe, settings, tmp_path
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
    citizen = make_citizen("daten@example.invalid")
    case = make_case(jobcenter, user=citizen)
    fake_receipt(case.submission)
    Message.objects.create(
        case=case,
        direction="out",
        subject="Rückfrage zur Miete",
        body="Bitte schicken Sie uns den Mietvertrag.",
    )
    base = live_server.url

    page.goto(f"{base}/konto/anmelden/")
    page.get_by_role("textbox", name="E-Mail-Adresse").fill(citizen.email)
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Anmelden", exact=True).last.click()

    page.goto(f"{base}/{jobcenter.slug}/postfach/")
    expect(page.get_by_test_id("case-status")).to_contain_text(case.reference)
    expect(page.get_by_role("heading", name="Rückfrage zur Miete")).to_be_visible()
    shown = page.locator("main").inner_text()

    page.goto(f"{base}/konto/")
    axe(page)
    with page.expect_download() as info:
        page.get_by_test_id("my-data").click()
    download = info.value
    assert download.suggested_filename.startswith("meine-daten-")
    archive = zipfile.ZipFile(io.BytesIO(Path(download.path()).read_bytes()))
    messages = json.loads(archive.read("nachrichten.json"))
    assert [m["betreff"] for m in messages] == ["Rückfrage zur Miete"]
    assert all(m["text"] in shown for m in messages)
    application = json.loads(archive.read(f"antraege/{case.reference}/antrag.json"))
    assert application["eingangsnummer"] in shown
    assert application["status"] in shown
    assert f"antraege/{case.reference}/eingangsbestaetigung.pdf" in archive.namelist()

    page.goto(f"{base}/konto/loeschen/")
    expect(page.get_by_test_id("kept-applications")).to_contain_text("Aufbewahrungsfristen")
    axe(page)

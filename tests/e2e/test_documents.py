"""Browser journey on a phone: find the application by reference and birth date, photograph three
pages of a document, get one PDF; the checklist updates; a refused file explains itself. axe-core
on every screen (0 violations)."""

import io

import pikepdf
import pytest
from playwright.sync_api import expect

from jobcenter.documents.models import Upload
from tests.documents import corpus
from tests.documents.helpers import drain_documents, submission_with_documents
from tests.e2e.conftest import PHONE


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }


@pytest.mark.parametrize("viewport", [PHONE], indirect=True)
def test_photos_from_a_phone_become_one_pdf(page, live_server, axe, jobcenter, tmp_path):
    submission = submission_with_documents(jobcenter)
    page.goto(f"{live_server.url}/{jobcenter.slug}/")
    page.get_by_role("link", name="Unterlagen nachreichen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Unterlagen nachreichen")
    axe(page)
    page.get_by_label("Eingangsnummer").fill(submission.reference)
    born = page.get_by_role("group", name="Geburtsdatum der antragstellenden Person")
    born.get_by_label("Tag").fill("27")
    born.get_by_label("Monat").fill("3")
    born.get_by_label("Jahr").fill("1980")
    page.get_by_role("button", name="Antrag suchen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Unterlagen hochladen")
    checklist = page.locator("#checkliste")
    item = checklist.locator('[data-document="geburtsurkunde"]')
    expect(item).to_have_attribute("data-status", "missing")
    camera = page.locator("#foto-aufnehmen")
    expect(camera).to_have_attribute("capture", "environment")
    expect(camera).to_have_attribute("accept", "image/*")
    axe(page)

    # A refused file first: the message says what is wrong, at the top and at the field.
    page.get_by_label("Welcher Nachweis ist das?").select_option(label="Geburtsurkunde des Kindes")
    page.get_by_label("Zu welcher Person gehört der Nachweis?").select_option("Lea Musterfrau")
    page.locator("#datei-waehlen").set_input_files(
        files=[
            {"name": "bild.svg", "mimeType": "image/svg+xml", "buffer": corpus.svg_with_script()}
        ]
    )
    page.get_by_role("button", name="Hochladen").click()
    expect(page.locator("#error-summary")).to_contain_text("„bild.svg“ ist eine SVG-Grafik")
    expect(page.locator("#dateien_error")).to_contain_text("SVG-Grafik")
    axe(page)
    assert not Upload.objects.exists()

    photos = [
        {
            "name": f"IMG_20261124_{n}.jpg",
            "mimeType": "image/jpeg",
            "buffer": corpus.photo(1500, 2000, text=f"Seite {n}", orientation=1 if n else 6),
        }
        for n in range(1, 4)
    ]
    page.get_by_label("Welcher Nachweis ist das?").select_option(label="Geburtsurkunde des Kindes")
    page.get_by_label("Zu welcher Person gehört der Nachweis?").select_option("Lea Musterfrau")
    page.locator("#foto-aufnehmen").set_input_files(files=photos)
    page.get_by_role("button", name="Hochladen").click()
    expect(page.locator("#upload-done")).to_contain_text("Geburtsurkunde des Kindes")
    expect(item).to_have_attribute("data-status", "checking")
    axe(page)

    assert drain_documents() == 1  # the background worker
    page.reload()
    expect(item).to_have_attribute("data-status", "uploaded")
    expect(checklist.locator('[data-document="arbeitsvertrag"]')).to_have_attribute(
        "data-status", "missing"
    )
    axe(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="PDF herunterladen").click()
    path = tmp_path / "nachweis.pdf"
    download_info.value.save_as(path)
    with pikepdf.open(io.BytesIO(path.read_bytes())) as pdf:
        assert len(pdf.pages) == 3
    upload = Upload.objects.get()
    assert upload.person == "Lea Musterfrau" and upload.files.count() == 3


def test_upload_without_javascript(browser, live_server, jobcenter, citizen_login):
    """A signed-in owner, no JavaScript: a plain multipart post, then the confirmation."""
    owner, cookies = citizen_login
    submission = submission_with_documents(jobcenter, user=owner)
    context = browser.new_context(java_script_enabled=False, locale="de-DE")
    context.add_cookies(cookies(live_server.url))
    page = context.new_page()
    page.goto(f"{live_server.url}/{jobcenter.slug}/unterlagen/")
    page.get_by_role("link", name=submission.reference, exact=False).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Unterlagen hochladen")
    page.get_by_label("Welcher Nachweis ist das?").select_option(label="Arbeitsvertrag")
    page.get_by_label("Zu welcher Person gehört der Nachweis?").select_option("Kim Musterfrau")
    page.locator("#datei-waehlen").set_input_files(
        files=[
            {"name": "vertrag.pdf", "mimeType": "application/pdf", "buffer": corpus.simple_pdf(2)}
        ]
    )
    page.get_by_role("button", name="Hochladen").click()
    expect(page.locator("#upload-done")).to_contain_text("Arbeitsvertrag")
    expect(page.locator('[data-document="arbeitsvertrag"]')).to_have_attribute(
        "data-status", "checking"
    )
    context.close()


@pytest.fixture
def citizen_login(db):
    """A citizen and a function giving the session cookie of a logged-in client for a URL."""
    from django.test import Client

    from tests.accounts.fixtures import login_as, make_citizen

    owner = make_citizen()
    client = login_as(Client(), owner)

    def cookies(url):
        return [
            {"name": name, "value": morsel.value, "url": url}
            for name, morsel in client.cookies.items()
        ]

    return owner, cookies

"""The hostile-upload suite: every file of ``corpus.HOSTILE`` through the upload page (Django's
test client, a real clamd), then the background job.

Each file is refused with its own message naming it, or accepted and disarmed: the PDF stored
for staff has no action, script, form, annotation or embedded file left. Malformed files may go
either way, but are never a server error (the client re-raises any exception in a view) and
never stored as anything but a clean PDF. One command:
``.venv/bin/pytest -q tests/documents/test_hostile_uploads.py``.
"""

import io

import pikepdf
import pytest
from django.core.files.storage import default_storage

from jobcenter.documents import pdfclean
from jobcenter.documents.models import Upload
from tests.accounts.fixtures import login_as, make_citizen
from tests.documents import corpus
from tests.documents.helpers import (
    drain_documents,
    post_files,
    stored_files,
    submission_with_documents,
    upload_url,
)

ERROR = "Das hat nicht geklappt"


def assert_inert(data: bytes) -> None:
    """No action, script, annotation, form or embedded file anywhere in the PDF."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert not pdfclean.inspect(pdf)
        for key in ("/OpenAction", "/AA", "/AcroForm", "/Names", "/Outlines"):
            assert key not in pdf.Root, key
        for page in pdf.pages:
            assert set(page.obj.keys()) <= pdfclean.PAGE_KEYS
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary):
                assert "/S" not in obj or str(obj.S) not in pdfclean.ALL_ACTIONS


@pytest.fixture
def owner_client(client, jobcenter):
    owner = make_citizen()
    submission = submission_with_documents(jobcenter, user=owner)
    login_as(client, owner)
    return client, submission


@pytest.mark.parametrize("key", list(corpus.HOSTILE))
def test_hostile_file_is_refused_or_disarmed(key, owner_client, clamd, media):
    client, submission = owner_client
    name, build, expected = corpus.HOSTILE[key]
    response = post_files(client, upload_url(submission), [(name, build(), "application/pdf")])
    assert response.status_code in (200, 302), response.status_code
    html = response.content.decode() if response.status_code == 200 else ""
    refused = ERROR in html
    if expected not in (corpus.DISARMED, corpus.HANDLED):
        assert refused, f"{key}: accepted, expected refusal {expected}"
        assert name in html  # the message names the file
        assert not Upload.objects.exists()
        assert stored_files(media) == []
        return
    if refused:
        assert expected == corpus.HANDLED, f"{key}: refused, expected it disarmed"
        assert name in html
        assert stored_files(media) == []
        return
    drain_documents()
    upload = Upload.objects.get()
    if upload.status == Upload.Status.FAILED:
        assert expected == corpus.HANDLED, f"{key}: {upload.last_error}"
        assert upload.last_error
        page = client.get(upload_url(submission)).content.decode()
        assert upload.last_error in page  # the citizen sees why
        assert stored_files(media) == []
        return
    assert upload.status == Upload.Status.READY
    with default_storage.open(upload.file.name, "rb") as fh:
        assert_inert(fh.read())


def test_the_corpus_covers_every_class():
    expectations = {expected for _name, _build, expected in corpus.HOSTILE.values()}
    assert {
        "virus",
        "archive",
        "image_too_large",
        "polyglot",
        "svg",
        "html",
        "executable",
        "pdf_javascript",
        "pdf_embedded",
        "pdf_encrypted",
        "pdf_broken",
        corpus.DISARMED,
        corpus.HANDLED,
    } <= expectations
    assert len(corpus.HOSTILE) >= 70


def test_a_filled_in_form_keeps_what_it_shows():
    """Disarming flattens a field's appearance into the page instead of dropping it."""
    from jobcenter.documents import normalise

    out, pages = normalise.build_pdf([("application/pdf", io.BytesIO(corpus.pdf_filled_form()))])
    with out, pikepdf.open(out) as pdf:
        page = pdf.pages[0]
        assert pages == 1 and "/Annots" not in page.obj
        assert len(page.Resources.XObject) == 1  # the field's appearance, now page content
        assert b" Do" in b"".join(c.read_bytes() for c in page.obj.Contents)

"""File fields of a form: upload right on the wizard page (multipart), refusals at the field."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jobcenter.documents.models import Upload
from jobcenter.forms import selectors as forms
from jobcenter.forms import services as form_registry
from jobcenter.forms.definition import FormDefinition, Page
from jobcenter.forms.fields import Document, DocumentNeed, FileField
from tests.documents import corpus
from tests.portal.wizard_helpers import revision_of

MIETVERTRAG = Document("mietvertrag", "Mietvertrag")


@pytest.fixture
def wba_with_upload_page():
    old = forms.latest("wba")
    page = Page(
        key="nachweise",
        title="Nachweise",
        fields=(
            FileField(
                key="mietvertrag_datei", label="Mietvertrag", documents=(DocumentNeed(MIETVERTRAG),)
            ),
        ),
    )
    new = form_registry.register(
        FormDefinition(
            key="wba",
            version="2099-1",
            title=old.title,
            description=old.description,
            pages=(page, *old.pages),
        )
    )
    yield new
    form_registry.unregister(new.ident)


def _url(jobcenter):
    return reverse(
        "portal:wizard_page",
        kwargs={"jobcenter": jobcenter.slug, "form": "weiterbewilligung", "page": "nachweise"},
    )


def test_a_file_field_takes_photos_and_files(client, jobcenter, wba_with_upload_page, media):
    page = client.get(_url(jobcenter))
    html = page.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert 'capture="environment"' in html and 'name="mietvertrag_datei"' in html
    response = client.post(
        _url(jobcenter),
        {
            "revision": revision_of(page),
            "aktion": "weiter",
            "mietvertrag_datei": [
                SimpleUploadedFile("s1.jpg", corpus.photo(300, 400)),
                SimpleUploadedFile("s2.jpg", corpus.photo(300, 400)),
            ],
        },
    )
    assert response.status_code == 302
    upload = Upload.objects.get()
    assert upload.doc_type == "mietvertrag" and upload.files.count() == 2
    assert upload.draft is not None and upload.channel == Upload.CHANNEL_FORM
    again = client.get(_url(jobcenter)).content.decode()
    assert "„Mietvertrag“ hochgeladen am" in again


def test_a_refused_file_shows_at_the_field(client, jobcenter, wba_with_upload_page, media):
    page = client.get(_url(jobcenter))
    response = client.post(
        _url(jobcenter),
        {
            "revision": revision_of(page),
            "aktion": "weiter",
            "mietvertrag_datei": [SimpleUploadedFile("vertrag.pdf", corpus.exe_renamed())],
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "„vertrag.pdf“ ist ein Programm" in html
    assert 'id="f-mietvertrag_datei-error"' in html and 'href="#f-mietvertrag_datei"' in html
    assert not Upload.objects.exists()


def test_the_check_page_shows_which_documents_are_uploaded(client, jobcenter, media):
    from jobcenter.intake import services as intake
    from tests.documents.helpers import post_files
    from tests.forms.answers import WBA_JOB_AND_PERSON
    from tests.intake.factories import make_draft

    make_draft(jobcenter, answers=WBA_JOB_AND_PERSON, session_key="abc")
    session = client.session
    session[intake.DRAFT_OWNER_SESSION_KEY] = "abc"
    session.save()
    check = reverse(
        "portal:wizard_check", kwargs={"jobcenter": jobcenter.slug, "form": "weiterbewilligung"}
    )
    html = client.get(check).content.decode()
    assert 'data-document="geburtsurkunde" data-status="missing"' in html
    upload = reverse(
        "documents:draft_upload", kwargs={"jobcenter": jobcenter.slug, "form": "weiterbewilligung"}
    )
    assert upload in html
    post_files(
        client,
        upload,
        [("a.pdf", corpus.simple_pdf(), "application/pdf")],
        art="geburtsurkunde",
        person="Lea Musterfrau",
    )
    html = client.get(check).content.decode()
    assert 'data-document="geburtsurkunde" data-status="checking"' in html


def test_an_oversize_file_in_a_file_field_is_explained(
    client, jobcenter, wba_with_upload_page, media, settings
):
    settings.DOCUMENTS_MAX_FILE_MB = 1
    page = client.get(_url(jobcenter))
    response = client.post(
        _url(jobcenter),
        {
            "revision": revision_of(page),
            "aktion": "weiter",
            "mietvertrag_datei": [SimpleUploadedFile("gross.jpg", corpus.oversize(1))],
        },
    )
    assert response.status_code == 200
    assert "„gross.jpg“ ist größer als 1 MB" in response.content.decode()
    assert not Upload.objects.exists()


def test_staff_download_through_the_api(client, jobcenter, other_jobcenter, media):
    from jobcenter.documents import selectors, services
    from tests.accounts.fixtures import login_as, make_staff
    from tests.documents.helpers import drain_documents, submission_with_documents

    submission = submission_with_documents(jobcenter)
    services.upload_receive(
        jobcenter=jobcenter,
        submission=submission,
        files=[SimpleUploadedFile("a.pdf", corpus.simple_pdf())],
        doc_type="sonstiges",
        doc_title="Sonstiges",
    )
    drain_documents()
    (upload,) = selectors.documents_for_submission(submission)
    url = selectors.staff_download_url(upload)
    login_as(client, make_staff(other_jobcenter))
    assert client.get(url).status_code == 404
    login_as(client, make_staff(jobcenter))
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_id_photo_on_the_erstantrag_counts_as_the_id(client, jobcenter, media):
    """The ID page's file field has no document of its own; the page needs the ID: the photo is
    filed as the ID and the check page no longer asks for it."""
    from tests.portal.test_erstantrag import FULL, secure
    from tests.portal.wizard_helpers import date_parts, submit

    secure(client)
    submit(
        client,
        f"{FULL}/person/",
        {
            "vorname": "Kim",
            "nachname": "Musterfrau",
            **date_parts("geburtsdatum", "1980-03-27"),
            "geburtsname": "",
            "geburtsort": "Köln",
            "geschlecht": "weiblich",
            "deutsch": "ja",
            "rv_nummer": "",
        },
    )
    page = client.get(f"{FULL}/ausweis/")
    assert page.status_code == 200
    response = client.post(
        f"{FULL}/ausweis/",
        {
            "revision": revision_of(page),
            "aktion": "weiter",
            "ausweis_datei": [
                SimpleUploadedFile("ausweis.jpg", corpus.photo(), content_type="image/jpeg")
            ],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    upload = Upload.objects.get()
    assert upload.doc_type == "ausweis" and "Personalausweis" in upload.doc_title
    html = client.get(f"{FULL}/pruefen/").content.decode()
    assert 'data-document="ausweis" data-status="checking"' in html

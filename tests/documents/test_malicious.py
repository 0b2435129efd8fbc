"""The malicious-file corpus: every file is refused, each with its own message, and nothing of
it is stored anywhere (not even in quarantine). Runs against a real clamd."""

import pytest

from jobcenter.documents import services
from jobcenter.documents.models import Upload
from tests.accounts.fixtures import login_as, make_citizen
from tests.documents import corpus
from tests.documents.helpers import post_files, stored_files, submission_with_documents, upload_url


@pytest.fixture
def owner_client(client, jobcenter):
    owner = make_citizen()
    submission = submission_with_documents(jobcenter, user=owner)
    login_as(client, owner)
    return client, submission


@pytest.mark.parametrize("key", sorted(corpus.MALICIOUS))
def test_each_malicious_file_is_refused_through_the_page(key, owner_client, clamd, media):
    client, submission = owner_client
    name, build, _code = corpus.MALICIOUS[key]
    response = post_files(client, upload_url(submission), [(name, build(), "application/pdf")])
    assert response.status_code == 200
    html = response.content.decode()
    assert "Das hat nicht geklappt" in html
    assert name in html  # the message names the file
    assert not Upload.objects.exists()
    assert stored_files(media) == []


def test_every_refusal_has_its_own_code_and_message(jobcenter, clamd, media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    submission = submission_with_documents(jobcenter)
    seen = {}
    for key, (name, build, code) in corpus.MALICIOUS.items():
        with pytest.raises(services.UploadRejected) as refused:
            services.upload_receive(
                jobcenter=jobcenter,
                submission=submission,
                files=[SimpleUploadedFile(name, build())],
                doc_type="sonstiges",
                doc_title="Sonstiges",
            )
        (problem,) = refused.value.problems
        assert problem.code == code, key
        seen[key] = problem.message.replace(name, "")
    # EICAR plain and zipped share "malware found"; every other problem reads differently.
    distinct = {m for k, m in seen.items() if k != "eicar_zip"}
    assert len(distinct) == len(seen) - 1
    assert stored_files(media) == []


def test_an_oversize_file_is_skipped_while_it_streams_in(owner_client, settings, media):
    settings.DOCUMENTS_MAX_FILE_MB = 1
    client, submission = owner_client
    response = post_files(
        client, upload_url(submission), [("riesig.jpg", corpus.oversize(1), "image/jpeg")]
    )
    html = response.content.decode()
    assert "„riesig.jpg“ ist größer als 1 MB" in html
    assert not Upload.objects.exists()
    assert stored_files(media) == []


def test_too_many_files_are_refused_as_a_whole(owner_client, settings, media):
    settings.DOCUMENTS_MAX_FILES = 2
    client, submission = owner_client
    page = corpus.photo(200, 300, gps=False)
    response = post_files(
        client, upload_url(submission), [(f"seite{n}.jpg", page, "image/jpeg") for n in range(3)]
    )
    assert "höchstens 2 Dateien auf einmal" in response.content.decode()
    assert not Upload.objects.exists()
    assert stored_files(media) == []


def test_one_bad_file_refuses_the_whole_document(owner_client, clamd, media):
    client, submission = owner_client
    response = post_files(
        client,
        upload_url(submission),
        [
            ("seite1.jpg", corpus.photo(300, 400), "image/jpeg"),
            ("seite2.pdf", corpus.eicar(), "application/pdf"),
        ],
    )
    assert "Schadsoftware" in response.content.decode()
    assert not Upload.objects.exists()
    assert stored_files(media) == []


def test_no_file_chosen(owner_client, media):
    client, submission = owner_client
    response = post_files(client, upload_url(submission), [])
    assert "mindestens eine Datei" in response.content.decode()


def test_a_document_type_must_be_chosen(owner_client, media):
    client, submission = owner_client
    response = post_files(
        client, upload_url(submission), [("a.jpg", corpus.photo(200, 200), "image/jpeg")], art=""
    )
    assert "um welchen Nachweis es sich handelt" in response.content.decode()
    assert not Upload.objects.exists()

"""The admin lists uploads and says which virus scanner is configured."""

from django.core.files.uploadedfile import SimpleUploadedFile

from jobcenter.documents import services
from tests.accounts.fixtures import login_as, make_staff
from tests.documents import corpus
from tests.documents.helpers import submission_with_documents


def _admin(client, jobcenter):
    user = make_staff(jobcenter)
    user.is_superuser = user.is_staff = True
    user.save()
    login_as(client, user)


def test_without_a_scanner_the_admin_says_files_are_not_scanned(client, jobcenter, media):
    submission = submission_with_documents(jobcenter)
    upload = services.upload_receive(
        jobcenter=jobcenter,
        submission=submission,
        files=[SimpleUploadedFile("a.pdf", corpus.simple_pdf())],
        doc_type="sonstiges",
        doc_title="Sonstiges",
    )
    _admin(client, jobcenter)
    listing = client.get("/admin/documents/upload/").content.decode()
    assert "NICHT auf Schadsoftware geprüft" in listing
    detail = client.get(f"/admin/documents/upload/{upload.pk}/change/").content.decode()
    assert "nicht geprüft (kein Virenscanner eingerichtet)" in detail


def test_with_clamd_the_admin_names_it(client, jobcenter, clamd):
    _admin(client, jobcenter)
    assert "ClamAV (clamd)" in client.get("/admin/documents/upload/").content.decode()

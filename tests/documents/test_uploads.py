"""Good uploads: photos become one clean PDF; the checklist; fail-closed scanning; S3 storage."""

import datetime as dt
import io

import pikepdf
import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from PIL import Image

from jobcenter.documents import selectors, services
from jobcenter.documents.models import Upload, UploadFile
from tests.accounts.fixtures import login_as, make_citizen
from tests.documents import corpus
from tests.documents.helpers import (
    drain_documents,
    post_files,
    stored_files,
    submission_with_documents,
    upload_url,
)
from tests.intake.factories import make_draft


def birth(day, month, year) -> dict:
    """The birth date as the three boxes send it."""
    return {
        "geburtsdatum-tag": str(day),
        "geburtsdatum-monat": str(month),
        "geburtsdatum-jahr": str(year),
    }


def _due_now():
    DBTaskResult.objects.update(run_after=timezone.now() - dt.timedelta(seconds=1))


@pytest.fixture
def owner_client(client, jobcenter):
    owner = make_citizen()
    submission = submission_with_documents(jobcenter, user=owner)
    login_as(client, owner)
    return client, submission


def _pdf_images(data: bytes) -> list[Image.Image]:
    images = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert "/Metadata" not in pdf.Root
        for page in pdf.pages:
            for _name, raw in page.get_images().items():
                images.append(pikepdf.PdfImage(raw).as_pil_image())
    return images


def test_three_photos_become_one_pdf_without_metadata(owner_client, clamd, media):
    client, submission = owner_client
    pages = [
        corpus.photo(1200, 1600, text="Seite 1"),
        corpus.photo(1600, 1200, text="Seite 2", orientation=6),  # held sideways
        corpus.photo(4000, 3000, text="Seite 3"),
    ]
    response = post_files(
        client,
        upload_url(submission),
        [(f"IMG_{n}.jpg", p, "image/jpeg") for n, p in enumerate(pages)],
        art="geburtsurkunde",
        person="Lea Musterfrau",
    )
    assert response.status_code == 302
    upload = Upload.objects.get()
    assert upload.status == Upload.Status.CHECKING
    assert upload.submission == submission and upload.person == "Lea Musterfrau"
    assert {f.scan for f in upload.files.all()} == {UploadFile.Scan.CLEAN}
    # Before the job ran there is nothing to download, only quarantine.
    assert all(name.startswith("quarantine/") for name in stored_files(media))
    assert client.get(response["Location"]).status_code == 200

    assert drain_documents() == 1
    upload.refresh_from_db()
    assert upload.status == Upload.Status.READY and upload.pages == 3
    assert stored_files(media) == [upload.file.name]  # originals deleted (policy default)
    with upload.file.open("rb") as f:
        data = f.read()
    images = _pdf_images(data)
    assert len(images) == 3
    assert images[1].width < images[1].height  # EXIF orientation applied
    assert max(images[2].size) <= 3508  # scaled down to A4 at 300 dpi
    for image in images:
        assert not image.getexif().get(0x8825)  # no GPS
    assert b"TestCam" not in data

    page = client.get(upload_url(submission)).content.decode()
    assert 'data-document="geburtsurkunde" data-status="uploaded"' in page
    assert 'data-document="arbeitsvertrag" data-status="missing"' in page


def test_a_pdf_and_a_photo_are_merged_and_originals_kept_by_policy(owner_client, media, settings):
    settings.DOCUMENTS_KEEP_ORIGINALS = True
    client, submission = owner_client
    post_files(
        client,
        upload_url(submission),
        [
            ("lohn.pdf", corpus.simple_pdf(2), "application/pdf"),
            ("seite3.png", corpus.photo(800, 1000, fmt="PNG"), "image/png"),
        ],
        art="lohnabrechnung",
    )
    drain_documents()
    upload = Upload.objects.get()
    assert upload.status == Upload.Status.READY and upload.pages == 3
    # Without a scanner ("none") the files say so.
    assert {f.scan for f in upload.files.all()} == {UploadFile.Scan.UNSCANNED}
    assert len(stored_files(media)) == 3  # two originals (quarantine) + the PDF


def test_heic_photos_are_accepted(owner_client, media):
    import pillow_heif

    client, submission = owner_client
    image = Image.new("RGB", (600, 800), "white")
    out = io.BytesIO()
    pillow_heif.from_pillow(image).save(out, format="HEIF")
    response = post_files(
        client, upload_url(submission), [("IMG_0001.HEIC", out.getvalue(), "image/heic")]
    )
    assert response.status_code == 302
    drain_documents()
    assert Upload.objects.get().status == Upload.Status.READY


def test_scanner_down_keeps_the_file_in_quarantine_until_a_retry_scans_it(
    owner_client, clamd_down, media, settings, clamd_socket
):
    client, submission = owner_client
    response = post_files(
        client, upload_url(submission), [("a.jpg", corpus.photo(300, 400), "image/jpeg")]
    )
    assert response.status_code == 302
    upload = Upload.objects.get()
    assert upload.files.get().scan == UploadFile.Scan.PENDING
    # Worker runs while clamd is still down: retried later, nothing delivered.
    _due_now()
    drain_documents()
    upload.refresh_from_db()
    assert upload.status == Upload.Status.CHECKING and upload.attempts == 1
    assert "clamd" in upload.last_error
    assert not upload.file
    assert all(name.startswith("quarantine/") for name in stored_files(media))
    task = DBTaskResult.objects.filter(status="READY", task_path__endswith="run_upload_job").get()
    assert task.run_after > timezone.now()  # backoff

    settings.CLAMD_SOCKET = clamd_socket  # clamd is back
    _due_now()
    drain_documents()
    upload.refresh_from_db()
    assert upload.status == Upload.Status.READY
    assert upload.files.get().scan == UploadFile.Scan.CLEAN


def test_malware_found_by_the_retry_is_deleted(
    jobcenter, clamd_down, media, settings, clamd_socket
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    submission = submission_with_documents(jobcenter)
    # A clean-looking PDF that carries the test signature in a comment.
    data = corpus.simple_pdf().replace(b"%PDF-1.3", b"%PDF-1.3\n%" + corpus.eicar(), 1)
    upload = services.upload_receive(
        jobcenter=jobcenter,
        submission=submission,
        files=[SimpleUploadedFile("x.pdf", data)],
        doc_type="sonstiges",
        doc_title="Sonstiges",
    )
    settings.CLAMD_SOCKET = clamd_socket
    drain_documents()
    upload.refresh_from_db()
    assert upload.status == Upload.Status.FAILED
    assert "Schadsoftware" in upload.last_error
    assert upload.files.get().scan == UploadFile.Scan.INFECTED
    assert stored_files(media) == []


def test_sweeper_requeues_a_lost_task(jobcenter, media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    submission = submission_with_documents(jobcenter)
    services.upload_receive(
        jobcenter=jobcenter,
        submission=submission,
        files=[SimpleUploadedFile("a.pdf", corpus.simple_pdf())],
        doc_type="sonstiges",
        doc_title="Sonstiges",
    )
    DBTaskResult.objects.all().delete()  # the worker lost it
    assert services.uploads_sweep(now=timezone.now() + dt.timedelta(hours=1)) == 1
    drain_documents()
    assert Upload.objects.get().status == Upload.Status.READY


def test_sweeper_requeues_a_check_whose_worker_died_once_its_lease_ran_out(
    jobcenter, media, settings, monkeypatch
):
    """A worker killed in the middle of a check leaves its task "running" for good: the
    sweeper hands the upload on once the check's lease ran out, as for every other job,
    not only after the long grace for lost queue entries."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from jobcenter.documents import normalise

    settings.DOCUMENTS_JOB_LEASE_SECONDS = 8
    submission = submission_with_documents(jobcenter)
    upload = services.upload_receive(
        jobcenter=jobcenter,
        submission=submission,
        files=[SimpleUploadedFile("a.pdf", corpus.simple_pdf())],
        doc_type="sonstiges",
        doc_title="Sonstiges",
    )
    DBTaskResult.objects.update(status="RUNNING")  # taken by the worker that then dies

    class WorkerKilled(BaseException):
        pass

    def killed(*args, **kwargs):
        raise WorkerKilled

    monkeypatch.setattr(normalise, "build_pdf", killed)
    started = timezone.now()
    with pytest.raises(WorkerKilled):
        services.upload_process(upload_id=upload.pk)
    monkeypatch.undo()
    assert services.uploads_sweep(now=started + dt.timedelta(seconds=5)) == 0
    assert services.uploads_sweep(now=started + dt.timedelta(seconds=30)) == 1
    drain_documents()
    assert Upload.objects.get().status == Upload.Status.READY


def test_upload_on_s3_storage(owner_client, s3_storage, clamd):
    client, submission = owner_client
    post_files(
        client,
        upload_url(submission),
        [
            ("s1.jpg", corpus.photo(600, 800), "image/jpeg"),
            ("s2.jpg", corpus.photo(600, 800), "image/jpeg"),
        ],
        art="arbeitsvertrag",
    )
    assert all(k.startswith("quarantine/") for k in s3_storage())
    drain_documents()
    upload = Upload.objects.get()
    assert upload.status == Upload.Status.READY
    assert s3_storage() == [upload.file.name]
    download = reverse(
        "documents:download",
        kwargs={
            "jobcenter": submission.jobcenter.slug,
            "public_id": submission.public_id,
            "upload_id": upload.public_id,
        },
    )
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert default_storage.exists(upload.file.name)


def test_download_headers(owner_client, media):
    client, submission = owner_client
    post_files(client, upload_url(submission), [("a.pdf", corpus.simple_pdf(), "application/pdf")])
    drain_documents()
    upload = Upload.objects.get()
    response = client.get(
        reverse(
            "documents:download",
            kwargs={
                "jobcenter": submission.jobcenter.slug,
                "public_id": submission.public_id,
                "upload_id": upload.public_id,
            },
        )
    )
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]


def test_nothing_to_download_while_checking(owner_client, media):
    client, submission = owner_client
    post_files(client, upload_url(submission), [("a.pdf", corpus.simple_pdf(), "application/pdf")])
    upload = Upload.objects.get()
    response = client.get(
        reverse(
            "documents:download",
            kwargs={
                "jobcenter": submission.jobcenter.slug,
                "public_id": submission.public_id,
                "upload_id": upload.public_id,
            },
        )
    )
    assert response.status_code == 404


def test_find_by_reference_and_birth_date(client, jobcenter, media):
    submission = submission_with_documents(jobcenter)
    start = reverse("documents:start", kwargs={"jobcenter": jobcenter.slug})
    assert client.get(upload_url(submission)).status_code == 404
    wrong = client.post(start, {"eingangsnummer": submission.reference, **birth(1, 1, 1990)})
    assert "keinen Antrag" in wrong.content.decode()
    right = client.post(
        start, {"eingangsnummer": submission.reference.lower(), **birth(27, 3, 1980)}
    )
    assert right["Location"] == upload_url(submission)
    page = client.get(upload_url(submission))
    assert page.status_code == 200
    # A later upload gets its own receipt time and shows with the submission.
    post_files(client, upload_url(submission), [("a.pdf", corpus.simple_pdf(), "application/pdf")])
    (upload,) = selectors.documents_for_submission(submission)
    assert upload.received_at > submission.received_at
    assert upload.channel == Upload.CHANNEL_LATER


def test_too_many_wrong_tries_lock_the_search(client, jobcenter, media):
    submission = submission_with_documents(jobcenter)
    start = reverse("documents:start", kwargs={"jobcenter": jobcenter.slug})
    for _ in range(8):
        client.post(start, {"eingangsnummer": submission.reference, **birth(1, 1, 1990)})
    locked = client.post(start, {"eingangsnummer": submission.reference, **birth(27, 3, 1980)})
    assert "Zu viele Versuche" in locked.content.decode()


def test_uploads_with_the_form_go_with_the_submission(client, jobcenter, media):
    from jobcenter.intake import services as intake
    from tests.forms.answers import WBA_JOB_AND_PERSON

    draft = make_draft(jobcenter, answers=WBA_JOB_AND_PERSON, session_key="abc")
    session = client.session
    session[intake.DRAFT_OWNER_SESSION_KEY] = "abc"
    session.save()
    url = reverse(
        "documents:draft_upload", kwargs={"jobcenter": jobcenter.slug, "form": "weiterbewilligung"}
    )
    page = client.get(url).content.decode()
    assert 'data-document="geburtsurkunde" data-status="missing"' in page
    post_files(
        client,
        url,
        [("a.pdf", corpus.simple_pdf(), "application/pdf")],
        art="geburtsurkunde",
        person="Lea Musterfrau",
    )
    upload = Upload.objects.get()
    assert upload.draft == draft and upload.channel == Upload.CHANNEL_FORM
    submission = intake.submission_create(draft=draft, language="de")
    upload.refresh_from_db()
    assert upload.submission == submission and upload.draft is None
    assert list(selectors.documents_for_submission(submission)) == [upload]


def test_removing_an_upload_from_a_draft_deletes_its_files(client, jobcenter, media):
    from jobcenter.intake import services as intake

    make_draft(jobcenter, session_key="abc")
    session = client.session
    session[intake.DRAFT_OWNER_SESSION_KEY] = "abc"
    session.save()
    url = reverse(
        "documents:draft_upload", kwargs={"jobcenter": jobcenter.slug, "form": "weiterbewilligung"}
    )
    post_files(client, url, [("a.pdf", corpus.simple_pdf(), "application/pdf")])
    upload = Upload.objects.get()
    assert stored_files(media)
    client.post(
        reverse(
            "documents:draft_remove",
            kwargs={
                "jobcenter": jobcenter.slug,
                "form": "weiterbewilligung",
                "upload_id": upload.public_id,
            },
        )
    )
    assert not Upload.objects.exists()
    assert stored_files(media) == []


def test_start_page_lists_the_service(client, jobcenter):
    page = client.get(reverse("portal:start", kwargs={"jobcenter": jobcenter.slug}))
    assert "Unterlagen nachreichen" in page.content.decode()


def test_guessing_birth_dates_is_limited_per_reference_across_sessions(jobcenter, settings, media):
    from django.test import Client

    settings.DOCUMENTS_FIND_MAX_FAILURES = 3
    submission = submission_with_documents(jobcenter)
    start = reverse("documents:start", kwargs={"jobcenter": jobcenter.slug})
    for day in range(1, 4):
        Client().post(start, {"eingangsnummer": submission.reference, **birth(day, 1, 1990)})
    fresh = Client().post(start, {"eingangsnummer": submission.reference, **birth(27, 3, 1980)})
    assert "Zu viele Versuche" in fresh.content.decode()
    other = submission_with_documents(jobcenter)
    ok = Client().post(start, {"eingangsnummer": other.reference, **birth(27, 3, 1980)})
    assert ok.status_code == 302


@pytest.mark.parametrize("weasyprint_loaded", [False, True])
def test_a_photo_that_breaks_while_normalising_is_refused_with_a_message(
    owner_client, media, weasyprint_loaded
):
    if weasyprint_loaded:  # it sets PIL's LOAD_TRUNCATED_IMAGES globally on import
        import weasyprint  # noqa: F401
    client, submission = owner_client
    truncated = corpus.photo(1200, 1600)[:5000]  # the header is fine, the picture is cut off
    response = post_files(client, upload_url(submission), [("kaputt.jpg", truncated, "image/jpeg")])
    assert response.status_code == 302
    drain_documents()
    upload = Upload.objects.get()
    assert upload.status == Upload.Status.FAILED
    assert stored_files(media) == []
    page = client.get(upload_url(submission)).content.decode()
    assert "beschädigt" in page
    assert 'data-document="geburtsurkunde" data-status="missing"' in page


def test_draft_upload_without_a_draft_goes_to_the_form(client, jobcenter):
    url = reverse(
        "documents:draft_upload", kwargs={"jobcenter": jobcenter.slug, "form": "weiterbewilligung"}
    )
    assert client.get(url)["Location"].endswith("/weiterbewilligung/")

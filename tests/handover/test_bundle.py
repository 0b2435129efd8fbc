"""The export bundle: parts, checksums, JSON Schema, PDF/A with bookmarks, determinism."""

import hashlib
import io
import json

import jsonschema
import pikepdf
import pytest
from django.core.files.storage import default_storage

from jobcenter.forms import selectors as forms
from jobcenter.handover import services
from jobcenter.handover.bundle import build_parts
from jobcenter.handover.models import Bundle
from tests.casework.factories import make_customer
from tests.handover.helpers import complete, make_integration, make_ready_case
from tests.intake.factories import drain

pytestmark = pytest.mark.django_db


def _built(jobcenter, **kwargs) -> Bundle:
    make_integration(jobcenter)
    case = make_ready_case(jobcenter, documents=2, **kwargs)
    complete(case)
    drain()
    return Bundle.objects.get(case=case, upload__isnull=True)


def test_a_complete_case_gives_one_bundle_with_every_part(jobcenter):
    bundle = _built(jobcenter)
    assert bundle.status == "done"
    assert bundle.part_names == [
        "akte.pdf",
        "antworten.json",
        "antwortschema.json",
        "metadaten.json",
        "manifest.json",
    ]
    parts = dict(services.bundle_parts(bundle))
    manifest = json.loads(parts["manifest.json"])
    assert {p["name"] for p in manifest["parts"]} == set(parts) - {"manifest.json"}
    for entry in manifest["parts"]:
        assert hashlib.sha256(parts[entry["name"]]).hexdigest() == entry["sha256"]
        assert len(parts[entry["name"]]) == entry["size"]

    answers = json.loads(parts["antworten.json"])
    schema = json.loads(parts["antwortschema.json"])
    assert schema == json.loads(
        json.dumps(forms.form_json_schema(forms.get(bundle.submission.form_ident)))
    )
    jsonschema.Draft202012Validator(schema).validate(answers)
    assert answers == bundle.submission.answers

    meta = json.loads(parts["metadaten.json"])
    assert meta["reference"] == bundle.submission.reference
    assert meta["jobcenter"]["slug"] == jobcenter.slug
    assert meta["channel"] == "online"
    assert [d["title"] for d in meta["documents"]] == ["Nachweis 1", "Nachweis 2"]
    assert meta["documents"][0]["person"] == "Kim Musterfrau"
    assert meta["customer"] == {"kundennummer": None, "bg_nummer": None}  # not matched yet


def test_the_pdf_is_pdfa_with_a_bookmark_per_document(jobcenter):
    bundle = _built(jobcenter)
    pdf = pikepdf.open(io.BytesIO(dict(services.bundle_parts(bundle))["akte.pdf"]))
    assert pdf.open_metadata().pdfa_status == "3B"
    assert "/OutputIntents" in pdf.Root
    with pdf.open_outline() as outline:
        titles = [item.title for item in outline.root]
    assert titles[0] == "Übergabeblatt"
    assert titles[1] == "Eingangsbestätigung und Angaben"
    assert titles[2].startswith("Nachweis 1 – Kim Musterfrau")
    assert titles[3].startswith("Nachweis 2")
    assert set(pdf.attachments) == {"antworten.json", "metadaten.json"}
    assert len(pdf.pages) >= 1 + 1 + 2 + 2  # cover, receipt, 2 × 2 document pages


def test_building_again_gives_identical_bytes(jobcenter):
    bundle = _built(jobcenter)
    from jobcenter.documents.models import Upload

    uploads = list(
        Upload.objects.filter(pk__in=bundle.items.values("upload_id")).order_by("received_at", "pk")
    )
    again = {p.name: p.data for p in build_parts(bundle, uploads)}
    stored = dict(services.bundle_parts(bundle))
    for name in ("antworten.json", "antwortschema.json", "metadaten.json", "manifest.json"):
        assert again[name] == stored[name], name
    assert again["akte.pdf"] == stored["akte.pdf"]


def test_matched_numbers_are_in_the_metadata(jobcenter):
    from jobcenter.casework import services as casework

    make_integration(jobcenter)
    case = make_ready_case(jobcenter, bg_nummer="12345BG0000042")
    customer = make_customer(jobcenter, kundennummer="123A456789", bg_nummer="12345BG0000042")
    casework.case_link_customer(case=case, customer=customer, by=None)
    complete(case)
    drain()
    bundle = Bundle.objects.get(case=case)
    meta = json.loads(dict(services.bundle_parts(bundle))["metadaten.json"])
    assert meta["customer"] == {"kundennummer": "123A456789", "bg_nummer": "12345BG0000042"}


def test_no_transport_no_bundle(jobcenter):
    case = make_ready_case(jobcenter)
    complete(case)
    drain()
    assert not Bundle.objects.exists()
    case.refresh_from_db()
    assert case.state == "vollstaendig"  # the manual button stays


def test_parts_are_stored_once_under_the_bundle(jobcenter):
    bundle = _built(jobcenter)
    for info in bundle.parts:
        assert default_storage.exists(info["path"])
        assert str(bundle.public_id) in info["path"]


def test_a_document_ready_before_the_build_goes_into_the_application_bundle(jobcenter):
    from jobcenter.documents.models import Upload
    from jobcenter.documents.signals import upload_ready
    from tests.handover.helpers import add_document

    make_integration(jobcenter)
    case = make_ready_case(jobcenter, documents=1)
    complete(case)  # the bundle is made, its build job waits
    late = add_document(case.submission, doc_type="spaet", title="Spät gekommen")
    upload_ready.send(sender=Upload, upload_id=late.pk)
    drain()
    (bundle,) = Bundle.objects.filter(case=case)
    assert bundle.items.count() == 2
    meta = json.loads(dict(services.bundle_parts(bundle))["metadaten.json"])
    assert [d["title"] for d in meta["documents"]] == ["Nachweis 1", "Spät gekommen"]


def test_the_cover_sheet_names_reference_receipt_time_and_contents(jobcenter, tmp_path):
    import shutil
    import subprocess

    from django.utils import timezone

    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext is missing: apt-get install poppler-utils")
    bundle = _built(jobcenter)
    pdf = tmp_path / "akte.pdf"
    pdf.write_bytes(dict(services.bundle_parts(bundle))["akte.pdf"])
    text = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    reference = bundle.submission.reference
    assert f"Übergabe {reference}" in text
    assert timezone.localtime(bundle.case.received_at).strftime("%d.%m.%Y") in text
    assert "Eingangsbestätigung mit den Angaben des Antrags" in text
    assert "Nachweis 1 – Kim Musterfrau" in text and "2 Seiten" in text


def test_an_overlapping_second_run_never_touches_the_recorded_parts(jobcenter, monkeypatch):
    """Run B builds while run A records (admin retry, a re-queued slow build): B's files go,
    A's recorded files stay byte for byte."""
    from pathlib import Path

    make_integration(jobcenter)
    case = make_ready_case(jobcenter, documents=1)
    complete(case)
    bundle = Bundle.objects.get(case=case)
    original = services.build_parts
    state = {"nested": False}

    def build_while_another_run_records(bundle_arg, uploads):
        parts = original(bundle_arg, uploads)
        if not state["nested"]:
            state["nested"] = True
            services.bundle_build(bundle.pk)  # run A finishes first
        return parts

    monkeypatch.setattr(services, "build_parts", build_while_another_run_records)
    services.bundle_build(bundle.pk)  # run B
    bundle.refresh_from_db()
    assert bundle.status == "done" and len(bundle.parts) == 5
    for info in bundle.parts:
        with default_storage.open(info["path"], "rb") as fh:
            assert hashlib.sha256(fh.read()).hexdigest() == info["sha256"]
    run_dirs = {Path(info["path"]).parent for info in bundle.parts}
    assert len(run_dirs) == 1  # one run's directory; the other run deleted its own files
    bundle_dir = Path(default_storage.path(str(next(iter(run_dirs)).parent)))
    files = {p.relative_to(bundle_dir).parent.name for p in bundle_dir.rglob("*") if p.is_file()}
    assert files == {next(iter(run_dirs)).name}  # (an empty directory may stay)


def test_retry_refuses_a_job_running_under_a_valid_lease(jobcenter):
    import datetime as dt

    from django.utils import timezone

    from jobcenter.handover import jobs

    make_integration(jobcenter)
    case = make_ready_case(jobcenter)
    complete(case)
    bundle = Bundle.objects.get(case=case)
    Bundle.objects.filter(pk=bundle.pk).update(
        status="running", lease_until=timezone.now() + dt.timedelta(minutes=5)
    )
    assert jobs.job_retry(bundle) is False
    Bundle.objects.filter(pk=bundle.pk).update(lease_until=timezone.now() - dt.timedelta(seconds=1))
    assert jobs.job_retry(bundle) is True


def test_a_protected_case_is_marked_in_metadata_and_on_the_cover(jobcenter, tmp_path):
    import subprocess

    from jobcenter.casework.models import Case

    make_integration(jobcenter)
    plain = make_ready_case(jobcenter, documents=0)
    protected = make_ready_case(jobcenter, documents=0, vorname="Eva")
    Case.objects.filter(pk=protected.pk).update(is_protected=True)
    for case in (plain, protected):
        complete(Case.objects.get(pk=case.pk))
    drain()
    for case, flag in ((plain, False), (protected, True)):
        parts = dict(services.bundle_parts(Bundle.objects.get(case=case)))
        assert json.loads(parts["metadaten.json"])["protected"] is flag
        pdf = tmp_path / f"{case.pk}.pdf"
        pdf.write_bytes(parts["akte.pdf"])
        text = subprocess.run(
            ["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        assert ("GESCHÜTZTER FALL (§ 35 SGB I)" in text) is flag


def _assert_no_active_content(pdf: pikepdf.Pdf, attachments: set[str]) -> None:
    """PDF/A-3b forbids actions that run or leave the document and undeclared attachments."""
    assert "/AA" not in pdf.Root
    assert "/OpenAction" not in pdf.Root or isinstance(pdf.Root.OpenAction, pikepdf.Array)
    names = pdf.Root.get("/Names", pikepdf.Dictionary())
    assert "/JavaScript" not in names
    assert set(pdf.attachments) == attachments
    for page in pdf.pages:
        assert "/AA" not in page.obj
        for annot in page.obj.get("/Annots", []):
            assert "/AA" not in annot
            assert annot.get("/Subtype") not in ("/FileAttachment", "/RichMedia", "/Screen")
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            assert "/JS" not in obj
            assert obj.get("/S") not in (
                "/JavaScript",
                "/Launch",
                "/SubmitForm",
                "/ImportData",
                "/GoToR",
                "/GoToE",
            )


def test_the_akte_carries_no_active_content_of_a_stored_document(jobcenter):
    """A document stored with actions in it (before the upload check knew them) is disarmed on
    its way into the e-file: no JavaScript, Launch, additional actions or attachments."""
    from django.core.files.base import ContentFile

    from tests.documents import corpus

    make_integration(jobcenter)
    case = make_ready_case(jobcenter, documents=3)
    hostile = [
        corpus.pdf_js_openaction_inline(),
        corpus.pdf_js_page_aa_inline(),
        corpus.pdf_launch_link_inline(),
    ]
    for upload, data in zip(case.submission.uploads.order_by("pk"), hostile, strict=True):
        upload.file = default_storage.save(
            f"documents/test/hostile-{upload.pk}.pdf", ContentFile(data)
        )
        upload.save()
    complete(case)
    drain()
    bundle = Bundle.objects.get(case=case, upload__isnull=True)
    data = dict(services.bundle_parts(bundle))["akte.pdf"]
    pdf = pikepdf.open(io.BytesIO(data))
    assert pdf.open_metadata().pdfa_status == "3B"
    _assert_no_active_content(pdf, {"antworten.json", "metadaten.json"})
    embedded = [
        obj
        for obj in pdf.objects
        if isinstance(obj, pikepdf.Stream) and obj.get("/Type") == "/EmbeddedFile"
    ]
    assert len(embedded) == 2  # only the declared PDF/A-3 attachments


def test_an_unscanned_document_is_marked_in_metadata_bookmark_and_cover(jobcenter, tmp_path):
    from jobcenter.documents.models import UploadFile

    make_integration(jobcenter)
    case = make_ready_case(jobcenter, documents=2)
    first, second = case.submission.uploads.order_by("pk")
    UploadFile.objects.create(
        upload=first,
        original_name="a.pdf",
        content_type="application/pdf",
        size=1,
        sha256="0" * 64,
        scan=UploadFile.Scan.UNSCANNED,
        scanner="none",
    )
    UploadFile.objects.create(
        upload=second,
        original_name="b.pdf",
        content_type="application/pdf",
        size=1,
        sha256="0" * 64,
        scan=UploadFile.Scan.CLEAN,
        scanner="clamd",
    )
    complete(case)
    drain()
    bundle = Bundle.objects.get(case=case, upload__isnull=True)
    parts = dict(services.bundle_parts(bundle))
    meta = json.loads(parts["metadaten.json"])
    assert [d["virus_scan"] for d in meta["documents"]] == ["not_scanned", "clean"]
    pdf = pikepdf.open(io.BytesIO(parts["akte.pdf"]))
    with pdf.open_outline() as outline:
        titles = [item.title for item in outline.root]
    assert titles[2].endswith("nicht auf Schadsoftware geprüft")
    assert not titles[3].endswith("nicht auf Schadsoftware geprüft")
    path = tmp_path / "akte.pdf"
    path.write_bytes(parts["akte.pdf"])
    import subprocess

    text = subprocess.run(
        ["pdftotext", "-l", "1", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "nicht auf Schadsoftware geprüft" in " ".join(text.split())

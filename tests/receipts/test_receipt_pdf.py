"""The receipt PDF: PDF/A-3a markers, tagged, fonts embedded, JSON attachment, the answers."""

import json
import subprocess

import jsonschema
import pikepdf
import pytest

from jobcenter.forms import selectors as forms
from jobcenter.intake import jobs
from jobcenter.intake.models import Receipt
from tests.forms.answers import WBA_JOB_AND_PERSON
from tests.intake.factories import make_submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored(jobcenter):
    submission = make_submission(jobcenter, answers=WBA_JOB_AND_PERSON)
    receipt = jobs.receipt_store(submission)
    with receipt.file.open("rb") as f:
        data = f.read()
    return submission, receipt, data


def test_receipt_is_pdf_a_3a_and_tagged(stored, tmp_path):
    _submission, _receipt, data = stored
    path = tmp_path / "r.pdf"
    path.write_bytes(data)
    with pikepdf.open(path) as pdf:
        assert pdf.open_metadata().pdfa_status == "3A"
        assert "/OutputIntents" in pdf.Root
        assert "/StructTreeRoot" in pdf.Root  # tagged: readable with a screen reader
        assert str(pdf.Root.Lang) == "de"
        assert pdf.Root.MarkInfo.Marked
    check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_every_font_is_embedded_and_it_is_fira_sans(stored, tmp_path):
    path = tmp_path / "r.pdf"
    path.write_bytes(stored[2])
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in out.splitlines()[2:]]
    assert rows
    for row in rows:
        assert "Fira" in row[0], row
        assert row[-5] == "yes", f"not embedded: {row}"


def test_answers_are_attached_as_json_valid_against_the_schema(stored, tmp_path):
    submission, _receipt, data = stored
    path = tmp_path / "r.pdf"
    path.write_bytes(data)
    with pikepdf.open(path) as pdf:
        files = {name: spec.get_file().read_bytes() for name, spec in pdf.attachments.items()}
        relationship = pdf.attachments["antworten.json"].obj.get("/AFRelationship")
    assert set(files) == {"antworten.json", "antwortschema.json"}
    answers = json.loads(files["antworten.json"])
    assert answers == submission.answers
    schema = forms.form_json_schema(forms.get(submission.form_ident))
    jsonschema.validate(answers, schema)
    assert json.loads(files["antwortschema.json"]) == json.loads(json.dumps(schema))
    assert str(relationship) == "/Data"


def test_receipt_text_has_letterhead_reference_answers_and_documents(stored, tmp_path):
    submission, _receipt, data = stored
    path = tmp_path / "r.pdf"
    path.write_bytes(data)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    for expected in (
        submission.jobcenter.name,
        submission.jobcenter.street,
        "Eingangsbestätigung",
        submission.reference,
        "Weiterbewilligungsantrag",
        "Kim",
        "Musterfrau",
        "27.03.1980",
        "12345BG0012345",
        "Lea",
        "Geburtsurkunde des Kindes",
        "Noch einzureichen",
        "Seite 1 von",
    ):
        assert expected in text, expected


def test_the_receipt_is_stored_once(stored, media_in_tmp):
    submission, receipt, _data = stored
    again = jobs.receipt_store(submission)
    assert again.pk == receipt.pk
    assert Receipt.objects.count() == 1
    assert len(list(media_in_tmp.rglob("*.pdf"))) == 1


def test_a_leftover_file_from_a_killed_run_is_replaced(jobcenter, media_in_tmp):
    submission = make_submission(jobcenter)
    leftover = media_in_tmp / jobs.receipt_path(submission)
    leftover.parent.mkdir(parents=True)
    leftover.write_bytes(b"half a pdf")
    receipt = jobs.receipt_store(submission)
    assert receipt.file.name == jobs.receipt_path(submission)
    assert leftover.read_bytes().startswith(b"%PDF")
    assert len(list(media_in_tmp.rglob("*.pdf"))) == 1


def test_receipt_is_in_the_language_of_the_application(jobcenter, tmp_path):
    from jobcenter.receipts.pdf import render_receipt_pdf

    submission = make_submission(jobcenter, answers=WBA_JOB_AND_PERSON, language="en")
    path = tmp_path / "r.pdf"
    path.write_bytes(render_receipt_pdf(submission))
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Confirmation of receipt" in text or "confirmation of receipt" in text.lower()
    assert "Page 1 of" in text and "Seite 1 von" not in text

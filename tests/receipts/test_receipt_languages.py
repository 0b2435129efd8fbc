"""The receipt in two languages: the citizen's language first, then the German version, with
an embedded font that has Arabic and Cyrillic glyphs and Arabic shaped (the words are read back
in order).

The checks of the citizen's language compare with the catalogue: a language whose catalogue is
not yet translated (or not compiled) fails with the msgid that is missing.

How the Arabic receipt is read back: WeasyPrint (HarfBuzz) sets an Arabic line as glyphs in
visual order, and the lam-alef ligature (لا) is one glyph whose ToUnicode entry is U+0644 U+0627,
lam then alef, in reading order (checked below) — the PDF is right. pdftotext (poppler 22.12)
splits a glyph with several code points into as many pseudo-characters, placed left to right
inside the glyph's box, and then reverses the right-to-left word by position: the ligature comes
out as alef-lam ("االستالم" for "الاستلام"). xpdf handles this case ("right-to-left ligatures" in
TextPage::addChar), poppler does not; pdfminer.six shows the PDF's visual order with the
ligature whole; the same PDF read with pypdf gives the words in order. Nothing in the PDF can
steer poppler here (it hands an /ActualText span to the same addChar), so Arabic is read with
pypdf and strictly, and Latin and Cyrillic with pdftotext (docs/DECISIONS.md, "Reading the Arabic
receipt back").
"""

import io
import os
import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
from django.utils import translation
from pypdf import PdfReader

from jobcenter.receipts.pdf import receipt_languages, render_receipt_pdf
from tests.forms.answers import WBA_JOB_AND_PERSON
from tests.intake.factories import make_submission

pytestmark = pytest.mark.django_db

# A few msgids of the receipt; each must come out translated, before its German original.
MSGIDS = ("Eingangsbestätigung", "Ihre Angaben", "Noch einzureichen")
# Free text stays as typed: an Arabic and a Cyrillic employer name (synthetic).
ARABIC_TEXT = "مخبز كورن الصغير"
# The alefs that form a ligature with a lam before them: ا أ إ آ
LAM_ALEF_SECONDS = {"\u0627", "\u0623", "\u0625", "\u0622"}
CYRILLIC_TEXT = "Пекарня Корн"


def _pdf_text(data: bytes, tmp_path, language: str = "de") -> str:
    path = tmp_path / "r.pdf"
    path.write_bytes(data)
    if os.environ.get("TEST_ARTIFACTS"):  # to look at: pdftoppm -png receipt-*.pdf
        Path(os.environ["TEST_ARTIFACTS"]).mkdir(parents=True, exist_ok=True)
        (Path(os.environ["TEST_ARTIFACTS"]) / f"receipt-{tmp_path.name}.pdf").write_bytes(data)
    if translation.get_language_info(language)["bidi"]:
        # poppler reverses the ligatures of right-to-left words (module docstring).
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _to_unicode_of_ligatures(data: bytes) -> dict[str, set[str]]:
    """Font name → the text each lam-alef glyph stands for in the font's ToUnicode map."""
    found: dict[str, set[str]] = {}
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                if "/ToUnicode" not in font:
                    continue
                cmap = font.ToUnicode.read_bytes().decode("latin-1")
                for target in re.findall(r"<[0-9a-fA-F]+>\s*<([0-9a-fA-F]{8,})>", cmap):
                    text = bytes.fromhex(target).decode("utf-16-be")
                    # lam and one of the alefs, in either order: which order is the question
                    if len(text) == 2 and "\u0644" in text and set(text) & LAM_ALEF_SECONDS:
                        found.setdefault(str(font.BaseFont), set()).add(text)
    return found


def _fonts(data: bytes, tmp_path) -> list[list[str]]:
    path = tmp_path / "f.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    return [line.split() for line in out.stdout.splitlines()[2:]]


def _receipt(jobcenter, language: str, employer: str) -> bytes:
    answers = {**WBA_JOB_AND_PERSON}
    answers["einkommen"] = [{**answers["einkommen"][0], "zahlende_stelle": employer}]
    submission = make_submission(jobcenter, answers=answers, language=language)
    return submission, render_receipt_pdf(submission)


@pytest.mark.parametrize(
    ("language", "employer"), [("en", CYRILLIC_TEXT), ("uk", CYRILLIC_TEXT), ("ar", ARABIC_TEXT)]
)
def test_receipt_carries_the_citizens_language_then_german(jobcenter, tmp_path, language, employer):
    submission, data = _receipt(jobcenter, language, employer)
    text = _pdf_text(data, tmp_path, language)
    german_start = text.index("Deutsche Fassung")
    citizen, german = text[:german_start], text[german_start:]
    for msgid in MSGIDS:
        with translation.override(language):
            translated = translation.gettext(msgid)
        assert translated != msgid, f"{language}: {msgid!r} is not translated (catalogue)"
        # A right-to-left text with a German term in brackets comes out as runs in either order
        # (and a bracket drawn mirrored is read as its mirror: a glyph has one ToUnicode entry);
        # each run must be whole, letter for letter.
        for run in filter(None, (part.strip() for part in re.split(r"[()]", translated))):
            assert run in citizen, f"{language}: {run!r} of {translated!r} missing before German"
        assert msgid in german, f"German version lacks {msgid!r}"
    # References and typed text come out whole and in order, in both versions.
    assert citizen.count(submission.reference) >= 1 and german.count(submission.reference) >= 1
    assert employer in citizen and employer in german


def test_arabic_is_shaped_with_an_embedded_arabic_font_and_reads_in_order(jobcenter, tmp_path):
    _submission, data = _receipt(jobcenter, "ar", ARABIC_TEXT)
    fonts = _fonts(data, tmp_path)
    assert any("Noto-Sans-Arabic" in row[0] for row in fonts), fonts
    assert all(row[-5] == "yes" for row in fonts), f"not all embedded: {fonts}"
    # The words come back in logical (reading) order only when the glyphs were shaped and set
    # right to left as one run.
    text = _pdf_text(data, tmp_path, "ar")
    assert ARABIC_TEXT in text
    # The ligature stands for lam then alef, in reading order, in every font that uses it.
    ligatures = _to_unicode_of_ligatures(data)
    assert ligatures, "no lam-alef ligature glyph: is Arabic shaped?"
    for font, texts in ligatures.items():
        assert all(t[0] == "\u0644" for t in texts), (font, texts)
    with translation.override("ar"):
        receipt_number = translation.gettext("Eingangsnummer")
    assert "لا" in receipt_number and receipt_number in text


def test_german_receipt_has_one_version():
    class Submission:
        language = "de"

    assert receipt_languages(Submission()) == ["de"]


def test_the_arabic_date_is_one_left_to_right_run(jobcenter, tmp_path):
    """Dates are set left to right inside the Arabic text (<bdi dir="ltr">). Django's Arabic
    short date format carries right-to-left marks ("d\u200f/m\u200f/Y"), which inside that run
    printed "04/12/2026, 09:30:00" as "0409:30:00 ,2026/12/" (config/formats/ar)."""
    from django.utils import formats, timezone

    submission, data = _receipt(jobcenter, "ar", ARABIC_TEXT)
    received = timezone.localtime(submission.received_at)
    with translation.override("ar"):
        date = formats.date_format(received, "SHORT_DATE_FORMAT")
    assert date == received.strftime("%d/%m/%Y")
    assert f"{date}, {received:%H:%M:%S}" in _pdf_text(data, tmp_path, "ar")

"""The receipt (Eingangsbestätigung) as PDF/A-3a, made with WeasyPrint.

- **PDF/A-3a**: archivable (fonts embedded, output intent, XMP metadata) and tagged (structure
  tree, document language), so screen readers can read it. PDF/A-3 allows embedded files:
- **attachments**: ``antworten.json`` — the answers exactly as submitted, valid against the
  form version's JSON Schema — and ``antwortschema.json``, that schema. A caseworker system can
  read the data back out of the one file the citizen keeps.
- **content**: the Jobcenter's letterhead, reference, receipt time, the answers rendered by the
  form engine's renderer in ``PDF`` mode (the same walk as the check page), and the documents:
  those that arrived and those the answers call for that are still missing (the check page's
  checklist, ``documents.selectors.checklist_for_submission``).
- **fonts**: Fira Sans from ``receipts/fonts`` (shipped, not system fonts), so every machine
  renders the same bytes of text.

The stylesheet and the font configuration are built once per process: loading the fonts is the
most expensive part of a small document.
"""

from __future__ import annotations

import atexit
import json
from functools import lru_cache
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone, translation

from jobcenter.forms import service as forms
from jobcenter.receipts.content import documents_of

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
ATTACHMENT_NAME = "antworten.json"
SCHEMA_NAME = "antwortschema.json"
PDF_VARIANT = "pdf/a-3a"


@lru_cache(maxsize=8)
def _style(language: str):
    """Stylesheet and fonts, parsed once per process and language (the footer is translated)."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    with translation.override(language):
        text = render_to_string("receipts/receipt.css")
    css = CSS(string=text, base_url=f"{FONTS_DIR.as_uri()}/", font_config=fonts)
    return css, fonts


# Drop the cached fonts while the interpreter is still whole (FontConfiguration.__del__ fails
# during interpreter teardown otherwise).
atexit.register(_style.cache_clear)


def receipt_attachments(submission) -> list[tuple[str, bytes]]:
    definition = forms.get(submission.form_ident)
    answers = json.dumps(submission.answers, ensure_ascii=False, indent=2, sort_keys=True)
    schema = json.dumps(forms.form_json_schema(definition), ensure_ascii=False, indent=2)
    return [(ATTACHMENT_NAME, answers.encode()), (SCHEMA_NAME, schema.encode())]


def receipt_html(submission) -> str:
    definition = forms.get(submission.form_ident)
    with translation.override(submission.language or "de"):
        return render_to_string("receipts/receipt.html", {
            "submission": submission,
            "jobcenter": submission.jobcenter,
            "definition": definition,
            "received_at": timezone.localtime(submission.received_at),
            "sections": forms.render_answers(definition, submission.answers,
                                             mode=forms.Mode.PDF),
            **documents_of(submission),
            "language": submission.language or "de",
        })


def render_receipt_pdf(submission) -> bytes:
    from weasyprint import HTML, Attachment

    css, fonts = _style(submission.language or "de")
    attachments = [
        Attachment(string=data.decode(), name=name, base_url=None, relationship="Data",
                   description=name)
        for name, data in receipt_attachments(submission)
    ]
    document = HTML(string=receipt_html(submission), base_url=f"{FONTS_DIR.as_uri()}/")
    return document.write_pdf(stylesheets=[css], font_config=fonts, pdf_variant=PDF_VARIANT,
                              attachments=attachments, uncompressed_pdf=False,
                              pdf_identifier=submission.public_id.hex.encode())

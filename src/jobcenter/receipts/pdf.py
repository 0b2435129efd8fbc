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
- **languages**: the citizen's language first, then the German version (``receipt_languages``);
  Arabic is set right to left, references and dates stay left to right inside it.
- **fonts**: Fira Sans from ``receipts/fonts`` (shipped, not system fonts: Latin and Cyrillic),
  and for Arabic "Noto Sans Arabic" from Debian's ``fonts-noto-core`` (found by fontconfig);
  WeasyPrint embeds and shapes both (HarfBuzz).

The font configuration and the stylesheet that loads the fonts are built once per process (one
for every language: loading the fonts is the most expensive part of a process's first receipt),
the translated page footer once per language; ``warm_up`` does it before a worker's first job.
"""

from __future__ import annotations

import atexit
import json
from functools import lru_cache
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone, translation

from jobcenter.forms import selectors as forms
from jobcenter.receipts.content import documents_of

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
ATTACHMENT_NAME = "antworten.json"
SCHEMA_NAME = "antwortschema.json"
PDF_VARIANT = "pdf/a-3a"


@lru_cache(maxsize=1)
def _base_style():
    """The stylesheet with the fonts and the layout, and the one font configuration it loads:
    parsed once per process, whatever the languages (decoding the WOFF2 fonts is the most
    expensive part of a process's first receipt)."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    text = render_to_string("receipts/receipt.css")
    return CSS(string=text, base_url=f"{FONTS_DIR.as_uri()}/", font_config=fonts), fonts


@lru_cache(maxsize=16)
def _page_style(language: str):
    """The pages and their translated footer, once per process and language; it names the
    fonts of ``_base_style``'s configuration and loads none itself."""
    from weasyprint import CSS

    _css, fonts = _base_style()
    with translation.override(language):
        text = render_to_string("receipts/receipt_page.css")
    return CSS(string=text, font_config=fonts)


def _style(language: str):
    """The receipt's stylesheets in ``language`` and the font configuration they share."""
    css, fonts = _base_style()
    return [css, _page_style(language)], fonts


def warm_up() -> None:
    """Do once what a process's first receipt would otherwise pay for (the worker calls this
    before it takes its first job): import WeasyPrint, load the fonts and the stylesheets, and
    write a one-line PDF/A through the same path, so that the first real receipt costs what
    every later one does."""
    from weasyprint import HTML

    stylesheets, fonts = _style("de")
    HTML(string='<html lang="de"><p class="reference">Eingangsbestätigung</p></html>').write_pdf(
        stylesheets=stylesheets, font_config=fonts, pdf_variant=PDF_VARIANT
    )


# Drop the cached fonts while the interpreter is still whole (FontConfiguration.__del__ fails
# during interpreter teardown otherwise).
atexit.register(_page_style.cache_clear)
atexit.register(_base_style.cache_clear)


def receipt_attachments(submission) -> list[tuple[str, bytes]]:
    definition = forms.get(submission.form_ident)
    answers = json.dumps(submission.answers, ensure_ascii=False, indent=2, sort_keys=True)
    schema = json.dumps(forms.form_json_schema(definition), ensure_ascii=False, indent=2)
    return [(ATTACHMENT_NAME, answers.encode()), (SCHEMA_NAME, schema.encode())]


def receipt_languages(submission) -> list[str]:
    """The citizen's language first, then German (the Jobcenter's) when that is another one."""
    language = submission.language or "de"
    return [language] if language == "de" else [language, "de"]


def _receipt_body(submission, definition, language: str) -> str:
    with translation.override(language):
        return render_to_string(
            "receipts/_receipt_body.html",
            {
                "submission": submission,
                "definition": definition,
                "received_at": timezone.localtime(submission.received_at),
                "sections": forms.render_answers(
                    definition, submission.answers, mode=forms.Mode.PDF
                ),
                **documents_of(submission),
            },
        )


def receipt_html(submission) -> str:
    """The receipt in the citizen's language with the German version after it, so the citizen
    can show it to anyone and the Jobcenter reads it."""
    definition = forms.get(submission.form_ident)
    languages = receipt_languages(submission)
    versions = [
        {
            "language": code,
            "direction": "rtl" if translation.get_language_info(code)["bidi"] else "ltr",
            "body": _receipt_body(submission, definition, code),
        }
        for code in languages
    ]
    with translation.override(languages[0]):
        return render_to_string(
            "receipts/receipt.html",
            {
                "submission": submission,
                "jobcenter": submission.jobcenter,
                "definition": definition,
                "versions": versions,
                "language": languages[0],
                "direction": versions[0]["direction"],
            },
        )


def render_receipt_pdf(submission) -> bytes:
    from weasyprint import HTML, Attachment

    stylesheets, fonts = _style(submission.language or "de")
    attachments = [
        Attachment(
            string=data.decode(), name=name, base_url=None, relationship="Data", description=name
        )
        for name, data in receipt_attachments(submission)
    ]
    document = HTML(string=receipt_html(submission), base_url=f"{FONTS_DIR.as_uri()}/")
    return document.write_pdf(
        stylesheets=stylesheets,
        font_config=fonts,
        pdf_variant=PDF_VARIANT,
        attachments=attachments,
        uncompressed_pdf=False,
        pdf_identifier=submission.public_id.hex.encode(),
    )

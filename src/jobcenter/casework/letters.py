"""The letter of a document request (Mitwirkungsaufforderung) for a person without an online
account: printed and posted by the Jobcenter instead of the mailbox message.

A PDF made with WeasyPrint and the receipts' fonts (the same letterhead as the receipt): the
Jobcenter's address, the person's postal address (from the answers, through the casework
services' ``applicant_facts``), the documents with whom they are for, the deadline, the
caseworker's message, the legal notice that was given with the request (§§ 60, 66 SGB I, as
stored on the request) with a plain-language explanation, and how to send the documents:
online with the reference number and birth date, by post or in person. Always in German (the
language of the administrative procedure, § 19 SGB X); no personal data leave the PDF.
"""

from __future__ import annotations

import atexit
from functools import lru_cache

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from jobcenter.casework.models import DocumentRequest
from jobcenter.casework.services import applicant_facts
from jobcenter.forms import selectors as form_engine
from jobcenter.receipts.pdf import FONTS_DIR


@lru_cache(maxsize=1)
def _style():
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    css = CSS(
        string=render_to_string("casework/request_letter.css"),
        base_url=f"{FONTS_DIR.as_uri()}/",
        font_config=fonts,
    )
    return css, fonts


atexit.register(_style.cache_clear)


def upload_address(document_request: DocumentRequest) -> str:
    """Where the person uploads without an account: the Jobcenter's "Unterlagen nachreichen"
    page, which asks for the reference number and the birth date."""
    path = reverse("documents:start", kwargs={"jobcenter": document_request.case.jobcenter.slug})
    return f"{settings.PUBLIC_BASE_URL.rstrip('/')}{path}"


def letter_html(document_request: DocumentRequest) -> str:
    case = document_request.case
    facts = applicant_facts(case.submission)
    if not facts["street"] and case.customer is not None:
        # A continuation application asks for no address: the customer's is the one we know.
        facts.update(
            street=case.customer.street, postcode=case.customer.postcode, city=case.customer.city
        )
    definition = form_engine.get(case.submission.form_ident)
    with translation.override("de"):
        return render_to_string(
            "casework/request_letter.html",
            {
                "request": document_request,
                "case": case,
                "jobcenter": case.jobcenter,
                "facts": facts,
                "form_title": str(definition.title) if definition else case.form_key,
                "items": list(document_request.items.all()),
                "today": timezone.localdate(),
                "received_on": timezone.localtime(case.received_at).date(),
                "upload_address": upload_address(document_request),
            },
        )


def render_request_letter(document_request: DocumentRequest) -> bytes:
    from weasyprint import HTML

    css, fonts = _style()
    document = HTML(string=letter_html(document_request), base_url=f"{FONTS_DIR.as_uri()}/")
    return document.write_pdf(
        stylesheets=[css],
        font_config=fonts,
        pdf_variant="pdf/ua-1",
        pdf_identifier=document_request.public_id.hex.encode(),
    )

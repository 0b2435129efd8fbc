"""The letter of a quick decision (``FormDefinition.decision_choices``, e.g. consent to an
absence): a PDF with the letterhead of today's letters (casework/letters.py: the receipts' fonts
and the request letter's style), the person's address, the decision and the legal remedy.
Always in German (§ 19 SGB X). Delivered like an uploaded decision: to the mailbox with consent,
else printed and posted."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone, translation

from jobcenter.casework.services import applicant_facts
from jobcenter.forms import selectors as forms
from jobcenter.receipts.pdf import FONTS_DIR


def letter_html(case, *, choice: str, label: str) -> str:
    facts = applicant_facts(case.submission)
    if not facts["street"] and case.customer is not None:
        facts.update(
            street=case.customer.street, postcode=case.customer.postcode, city=case.customer.city
        )
    definition = forms.get(case.submission.form_ident)
    with translation.override("de"):
        return render_to_string(
            "mailbox/decision_letter.html",
            {
                "case": case,
                "jobcenter": case.jobcenter,
                "facts": facts,
                "form_title": str(definition.title) if definition else case.form_key,
                "choice": choice,
                "label": label,
                "today": timezone.localdate(),
                "received_on": timezone.localtime(case.received_at).date(),
            },
        )


def render_decision_letter(case, *, choice: str, label: str) -> bytes:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    css = CSS(
        string=render_to_string("casework/request_letter.css"),
        base_url=f"{FONTS_DIR.as_uri()}/",
        font_config=fonts,
    )
    document = HTML(
        string=letter_html(case, choice=choice, label=label), base_url=f"{FONTS_DIR.as_uri()}/"
    )
    return document.write_pdf(stylesheets=[css], font_config=fonts, pdf_variant="pdf/ua-1")

"""The confirmation e-mail: reference, receipt time and the receipt link — no social data.

E-mail is not a confidential channel, so the message names neither the person nor any answer;
it says only that *an* application with this reference arrived, when, how many documents came
with it and how many are still missing (not which: their names tell about the person), and where
to read the receipt (a link that needs no login but cannot be guessed).
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jobcenter.forms import selectors as forms
from jobcenter.receipts.content import documents_of

# Heads the German version after the citizen's language; German on purpose (it is that part).
GERMAN_DIVIDER = "— Deutsche Fassung —"


def _confirmation_text(submission, definition, *, language: str, receipt_url: str):
    with translation.override(language):
        context = {
            "submission": submission,
            "jobcenter": submission.jobcenter,
            "form_title": str(definition.title) if definition else submission.form_key,
            "received_at": timezone.localtime(submission.received_at),
            "receipt_url": receipt_url,
            "is_notice": bool(definition and definition.is_notice),
            # Only how many: which documents (e.g. a Mutterpass) would tell about the person.
            **{k: len(v) for k, v in documents_of(submission).items()},
        }
        subject = (
            _("Ihre Mitteilung ist eingegangen – %(reference)s")
            if context["is_notice"]
            else _("Ihr Antrag ist eingegangen – %(reference)s")
        ) % {"reference": submission.reference}
        return subject, render_to_string("receipts/confirmation_email.txt", context)


def confirmation_email(submission, *, recipient: str, receipt_url: str) -> EmailMessage:
    """In the language of the submission, then the German version (as the receipt PDF), so the
    citizen can show it to anyone and the Jobcenter reads it. The outbox stores this text."""
    definition = forms.get(submission.form_ident)
    subject, body = _confirmation_text(
        submission, definition, language=submission.language or "de", receipt_url=receipt_url
    )
    if (submission.language or "de") != "de":
        _subject, german = _confirmation_text(
            submission, definition, language="de", receipt_url=receipt_url
        )
        body = f"{body.rstrip()}\n\n{GERMAN_DIVIDER}\n\n{german}"
    message = EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[recipient]
    )
    message.extra_headers["Auto-Submitted"] = "auto-generated"
    return message

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

from jobcenter.forms import service as forms
from jobcenter.receipts.content import documents_of


def confirmation_email(submission, *, recipient: str, receipt_url: str) -> EmailMessage:
    definition = forms.get(submission.form_ident)
    with translation.override(submission.language or "de"):
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
        subject = (_("Ihre Mitteilung ist eingegangen – %(reference)s")
                   if context["is_notice"] else _("Ihr Antrag ist eingegangen – %(reference)s")
                   ) % {"reference": submission.reference}
        body = render_to_string("receipts/confirmation_email.txt", context)
    message = EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL,
                           to=[recipient])
    message.extra_headers["Auto-Submitted"] = "auto-generated"
    return message

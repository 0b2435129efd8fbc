"""The "Link zum Weitermachen" e-mail: form title, Jobcenter, link, date — no social data.

Like the confirmation e-mail (receipts/mail.py): e-mail is not a confidential channel, so the
message names neither the person nor any answer. It only says that answers to *a* form are kept
until a date, and carries the link that opens them again (whoever has the link can read and
change them; the message says so).
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _


def resume_link_email(
    *, form_title: str, jobcenter, expires_at, link: str, recipient: str
) -> EmailMessage:
    context = {
        "form_title": form_title,
        "jobcenter": jobcenter,
        "expires_at": timezone.localtime(expires_at),
        "link": link,
    }
    subject = _("Ihr Link zum Weitermachen – %(form)s") % {"form": form_title}
    body = render_to_string("intake/resume_link_email.txt", context)
    message = EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[recipient]
    )
    message.extra_headers["Auto-Submitted"] = "auto-generated"
    return message

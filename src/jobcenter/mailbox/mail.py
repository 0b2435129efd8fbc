"""The mailbox's notice e-mail: only that there is something new, and the link to the login.
No name, no case, no content (e-mail is not a confidential channel for social data)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from jobcenter.accounts.language import language_of


def notice_email(user, jobcenter, *, kind: str) -> EmailMessage:
    with translation.override(language_of(user, fallback="de")):
        link = settings.PUBLIC_BASE_URL.rstrip("/") + reverse(
            "portal:mailbox", kwargs={"jobcenter": jobcenter.slug}
        )
        if kind == "decision":
            subject = _("Neues Dokument in Ihrem Postfach – %(jc)s")
        else:
            subject = _("Neue Nachricht in Ihrem Postfach – %(jc)s")
        message = EmailMessage(
            subject=subject % {"jc": jobcenter.name},
            body=render_to_string(
                "mailbox/notice.txt", {"jobcenter": jobcenter, "link": link, "kind": kind}
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[user.email],
        )
    message.extra_headers["Auto-Submitted"] = "auto-generated"
    return message

"""Background work of the casework app: the mailbox announcement e-mail.

The e-mail only says that there is something new in the mailbox of the Jobcenter and links to it;
it names neither the person nor the case nor any document (e-mail is not a confidential channel;
the social data stay behind the login). Sent through the durable outbox (core/mail.py), queued
in the transaction of the change, so a committed request always gets its e-mail and a rolled-back
one never does. ``send_mailbox_notice`` runs tasks queued before the outbox existed.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from jobcenter.accounts.language import language_of
from jobcenter.casework.models import Case


@task()
def send_mailbox_notice(case_id: int, kind: str) -> str:
    case = Case.objects.select_related("jobcenter", "submission__user").filter(pk=case_id).first()
    if case is None or not case.submission.user_id or not case.submission.user.email:
        return "no recipient"
    mailbox_notice_email(case, kind=kind).send(fail_silently=False)
    return "sent"


def mailbox_notice_email(case, *, kind: str) -> EmailMessage:
    # The outbox keeps the finished text: written in the citizen's language of today (their
    # account's choice), else the language they applied in.
    recipient = case.submission.user
    with translation.override(language_of(recipient, fallback=case.submission.language)):
        link = settings.PUBLIC_BASE_URL.rstrip("/") + reverse(
            "portal:mailbox", kwargs={"jobcenter": case.jobcenter.slug}
        )
        context = {"jobcenter": case.jobcenter, "link": link, "kind": kind}
        if kind == "reminder":
            subject = _("Erinnerung: Frist in Ihrem Postfach – %(jc)s")
        else:
            subject = _("Neue Nachricht in Ihrem Postfach – %(jc)s")
        message = EmailMessage(
            subject=subject % {"jc": case.jobcenter.name},
            body=render_to_string("casework/mailbox_notice.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[case.submission.user.email],
        )
    message.extra_headers["Auto-Submitted"] = "auto-generated"
    return message

"""The citizen's own data (GDPR Art. 15 and 20) as one ZIP archive.

Everything the service holds about the signed-in account: the account itself, each submitted
application (answers as JSON, the receipt PDF, the documents handed in), the Jobcenter's
requests for documents, every message in both directions (the case messages and the mailbox's
threads with their attachments), the decisions and letters with their delivery (PDFs and
``bescheide.json``), the consents to electronic delivery, and unsent drafts. Machine-readable
JSON plus the original PDFs, with a short text that says what is inside. Built in memory: one
person's applications are a few megabytes.
"""

from __future__ import annotations

import io
import json
import re
import zipfile

from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

from jobcenter.casework import selectors as casework
from jobcenter.casework.models import DocumentRequest, Message
from jobcenter.documents.models import Upload
from jobcenter.intake import selectors as intake
from jobcenter.intake.models import Draft
from jobcenter.mailbox.models import Decision, DeliveryConsent, Post, Thread


def _json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, default=str).encode()


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "datei"


def _read(name: str) -> bytes | None:
    try:
        with default_storage.open(name, "rb") as fh:
            return fh.read()
    except (FileNotFoundError, OSError):
        return None


def _iso(value):
    return timezone.localtime(value).isoformat() if value else None


def citizen_archive(*, user) -> tuple[bytes, str]:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "konto.json",
            _json(
                {
                    "e_mail": user.email,
                    "vorname": user.first_name,
                    "nachname": user.last_name,
                    "angelegt": _iso(user.date_joined),
                    "letzte_anmeldung": _iso(user.last_login),
                    "e_mail_bestaetigt": _iso(user.email_verified_at),
                    "servicekonten": [
                        {
                            "aussteller": i.issuer,
                            "kennung": i.subject,
                            "verknuepft": _iso(i.created_at),
                        }
                        for i in user.oidc_identities.all()
                    ],
                }
            ),
        )
        status = casework.citizen_statuses(user)
        for submission in intake.submissions_of_user(user=user):
            folder = f"antraege/{_safe(submission.reference)}"
            archive.writestr(
                f"{folder}/antrag.json",
                _json(
                    {
                        "eingangsnummer": submission.reference,
                        "jobcenter": submission.jobcenter.name,
                        "formular": submission.form_ident,
                        "eingegangen": _iso(submission.received_at),
                        "status": status.get(submission.pk, ""),
                        "antworten": submission.answers,
                    }
                ),
            )
            receipt = intake.receipt_of(submission)
            if receipt is not None and (data := _read(receipt.file.name)):
                archive.writestr(f"{folder}/eingangsbestaetigung.pdf", data)
            uploads = Upload.objects.filter(submission=submission, status=Upload.Status.READY)
            for n, upload in enumerate(uploads.order_by("received_at", "pk"), start=1):
                if upload.file and (data := _read(upload.file.name)):
                    archive.writestr(
                        f"{folder}/unterlagen/{n:02d}-{_safe(upload.doc_type)}.pdf", data
                    )
        archive.writestr(
            "nachrichten.json",
            _json(
                [
                    {
                        "jobcenter": m.case.jobcenter.name,
                        "vorgang": m.case.reference,
                        "richtung": "an Sie"
                        if m.direction == Message.Direction.TO_CITIZEN
                        else "von Ihnen",
                        "betreff": m.subject,
                        "text": m.body,
                        "gesendet": _iso(m.created_at),
                        "gelesen": _iso(m.read_at),
                    }
                    for m in Message.objects.filter(case__submission__user=user)
                    .select_related("case__jobcenter")
                    .order_by("created_at", "id")
                ]
                + _mailbox_messages(user)
            ),
        )
        _decisions(archive, user)
        archive.writestr(
            "einwilligungen.json",
            _json(
                [
                    {
                        "elektronische_bekanntgabe": "erteilt" if c.given else "widerrufen",
                        "zeitpunkt": _iso(c.at),
                        "vertrauensniveau": c.login_level,
                    }
                    for c in DeliveryConsent.objects.filter(user=user).order_by("at", "id")
                ]
            ),
        )
        archive.writestr(
            "unterlagen_angefordert.json",
            _json(
                [
                    {
                        "jobcenter": r.case.jobcenter.name,
                        "vorgang": r.case.reference,
                        "frist": r.deadline.isoformat(),
                        "status": r.get_status_display(),
                        "nachricht": r.message,
                        "rechtsfolgenbelehrung": r.legal_notice,
                        "unterlagen": [i.title for i in r.items.all()],
                    }
                    for r in DocumentRequest.objects.filter(case__submission__user=user)
                    .select_related("case__jobcenter")
                    .prefetch_related("items")
                ]
            ),
        )
        archive.writestr(
            "entwuerfe.json",
            _json(
                [
                    {
                        "jobcenter": d.jobcenter.name,
                        "formular": d.form_ident,
                        "antworten": d.answers,
                        "zuletzt_gespeichert": _iso(d.updated_at),
                        "geloescht_am": _iso(d.expires_at),
                    }
                    for d in Draft.objects.filter(
                        user=user, submitted_at__isnull=True
                    ).select_related("jobcenter")
                ]
            ),
        )
        archive.writestr(
            "LIESMICH.txt",
            _(
                "Ihre Daten bei Jobcenter Online (Art. 15 und 20 DSGVO)\n\nkonto.json: "
                "Ihr Konto. antraege/: je Antrag die Antworten (antrag.json), die "
                "Eingangsbestätigung und die eingereichten Unterlagen. "
                "nachrichten.json: alle Nachrichten zwischen Ihnen und dem Jobcenter. "
                "bescheide/: die Bescheide und Schreiben des Jobcenters, bescheide.json: "
                "wann sie versandt, bereitgestellt und abgerufen wurden. einwilligungen.json: "
                "Ihre Einwilligungen in die elektronische Bekanntgabe. "
                "unterlagen_angefordert.json: was das Jobcenter bei Ihnen angefordert "
                "hat. entwuerfe.json: noch nicht abgeschickte "
                "Anträge.\n\nVerantwortlich für Ihre Anträge ist das jeweilige "
                "Jobcenter. Es bewahrt Anträge und Unterlagen nach seinen "
                "Aufbewahrungsfristen auf (in der Regel 10 Jahre nach Abschluss) und "
                "löscht sie danach.\n"
            ).encode(),
        )
    stamp = timezone.localdate().isoformat()
    return buffer.getvalue(), f"meine-daten-{stamp}.zip"


def _mailbox_messages(user) -> list[dict]:
    """The mailbox's threads the person wrote (and the Jobcenter's answers in them)."""
    posts = (
        Post.objects.filter(thread__in=Thread.objects.filter(citizen=user))
        .select_related("thread__case__jobcenter")
        .prefetch_related("attachments__upload")
        .order_by("created_at", "id")
    )
    return [
        {
            "jobcenter": p.thread.case.jobcenter.name,
            "vorgang": p.thread.case.reference,
            "richtung": "an Sie" if p.direction == Post.Direction.TO_CITIZEN else "von Ihnen",
            "thema": str(p.thread.get_topic_display()),
            "betreff": p.thread.subject,
            "text": p.body,
            "gesendet": _iso(p.created_at),
            "gelesen": _iso(p.read_at),
            "anlagen": [a.upload.doc_title for a in p.attachments.all()],
        }
        for p in posts
    ]


def _decisions(archive, user) -> None:
    """Every decision or letter of the person's applications: the PDF and how it was sent."""
    rows = []
    decisions = (
        Decision.objects.filter(case__submission__user=user)
        .select_related("case__jobcenter")
        .order_by("sent_at", "id")
    )
    for n, decision in enumerate(decisions, start=1):
        name = f"bescheide/{n:02d}-{_safe(decision.title)}.pdf"
        if decision.file and (data := _read(decision.file.name)):
            archive.writestr(name, data)
        rows.append(
            {
                "datei": name,
                "jobcenter": decision.case.jobcenter.name,
                "vorgang": decision.case.reference,
                "bezeichnung": decision.title,
                "weg": str(decision.get_channel_display()),
                "versandt": _iso(decision.sent_at),
                "benachrichtigt": _iso(decision.notice_sent_at),
                "gilt_als_bekannt_gegeben_am": decision.notified_on.isoformat()
                if decision.notified_on
                else None,
                "abgerufen": _iso(decision.retrieved_at),
            }
        )
    archive.writestr("bescheide.json", _json(rows))

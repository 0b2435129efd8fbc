"""Building an export bundle: its parts, byte for byte.

A bundle has these parts (``PART_*``):

- ``akte.pdf``: one PDF/A-3b for the e-file — a cover sheet (Jobcenter, reference, receipt
  time, numbers, contents), the stored receipt (the answers as the citizen saw them), then each
  document's normalised PDF, its pages disarmed once more (no annotations, actions, forms or
  attachments: ``documents.pdfclean``); one bookmark per part and per document.
  ``antworten.json`` and ``metadaten.json`` are embedded too (PDF/A-3 allows attachments).
- ``antworten.json``: the submission's answers exactly as stored (valid against the schema).
- ``antwortschema.json``: the form version's JSON Schema (forms.form_json_schema, the function
  behind ``manage.py export_form_schema``).
- ``metadaten.json``: Jobcenter, reference, receipt time, ``protected`` (§ 35 SGB I: the case
  is visible only to the protected team; the cover sheet says so too), the customer's and BG
  numbers if the case is linked to a customer, channel, documents with type, person and checksum.
- ``manifest.json``: SHA-256 and size of every other part.

Deterministic: JSON is written with sorted keys and no generation time; the PDF takes its dates
from the receipt time and is saved with a content-derived file id, so building the same bundle
again gives the same bytes (tests/handover/test_bundle.py). A later upload's bundle
(``nachreichung``) has a cover, the one document, metadata and manifest.

The mailbox's items travel in bundles of their own, made after the application bundle:

- ``bescheid``: a decision once its delivery is settled (a letter, retrieved, or flagged for
  the post and then marked as posted) — ``akte.pdf`` is a cover with the proof of delivery
  followed by the decision's pages; ``bescheid.pdf`` the decision byte for byte as sent (the
  SHA-256 in the proof); ``zustellnachweis.json`` is that proof (``mailbox.selectors
  .proof_of_delivery``: sent, notice, consent, notified day by § 37 Abs. 2a SGB X, retrieval
  with login level, post flag, posting and notified day by § 37 Abs. 2 SGB X), also embedded
  in the PDF.
- ``nachricht``: one message either way — ``akte.pdf`` shows it, ``nachricht.json`` holds it;
  its attachments are documents and travel in their own bundles (named by id).
"""

from __future__ import annotations

import atexit
import datetime as dt
import hashlib
import io
import json
import uuid
from dataclasses import dataclass
from functools import lru_cache

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jobcenter.documents import pdfclean
from jobcenter.documents.models import UNSCANNED_NOTE
from jobcenter.forms import selectors as forms
from jobcenter.intake import selectors as intake
from jobcenter.mailbox import selectors as mailbox
from jobcenter.mailbox.models import Decision, Topic
from jobcenter.receipts import selectors as receipts
from jobcenter.receipts.pdf import FONTS_DIR

FORMAT = "jobcenter-online-bundle/1"
NAMESPACE = uuid.UUID("5b0f3c1e-7d2a-4c61-9a55-0c8c7e1f2d10")
PART_PDF = "akte.pdf"
PART_ANSWERS = "antworten.json"
PART_SCHEMA = "antwortschema.json"
PART_META = "metadaten.json"
PART_MANIFEST = "manifest.json"
PART_PROOF = "zustellnachweis.json"
PART_MESSAGE = "nachricht.json"
PART_DECISION = "bescheid.pdf"  # the decision byte for byte as sent (its SHA-256 is the proof's)
MEDIA_TYPES = {".pdf": "application/pdf", ".json": "application/json"}


@dataclass(frozen=True)
class Part:
    name: str
    data: bytes

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.name[self.name.rfind(".") :]]

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def bundle_uuid(case, upload=None, *, decision=None, post=None) -> uuid.UUID:
    """The same case (and document, decision or message) always gives the same bundle id."""
    if decision is not None:
        return uuid.uuid5(NAMESPACE, f"{case.public_id}/bescheid/{decision.public_id}")
    if post is not None:
        return uuid.uuid5(NAMESPACE, f"{case.public_id}/nachricht/{post.public_id}")
    return uuid.uuid5(NAMESPACE, f"{case.public_id}/{upload.public_id if upload else 'antrag'}")


def dumps(value) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def _iso(value: dt.datetime | dt.date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat()
    return value.isoformat()


def metadata(bundle, uploads) -> dict:
    case, submission = bundle.case, bundle.submission
    return {
        "format": FORMAT,
        "bundle_id": str(bundle.public_id),
        "kind": bundle.kind,
        "jobcenter": {"slug": case.jobcenter.slug, "name": case.jobcenter.name},
        "case_id": str(case.public_id),
        "submission_id": str(submission.public_id),
        "reference": submission.reference,
        "form": {
            "key": submission.form_key,
            "version": submission.form_version,
            "ident": submission.form_ident,
        },
        "received_at": _iso(case.received_at),
        # § 35 SGB I: a protected case (employee or relative); the e-file restricts access.
        "protected": bool(case.is_protected),
        "channel": submission.channel,
        "language": submission.language,
        "applicant": {
            "first_name": case.first_name,
            "last_name": case.last_name,
            "birth_date": _iso(case.birth_date),
        },
        # The numbers of the customer and household the caseworker linked (None until matched);
        # ``stated`` is what the applicant wrote in the form.
        "customer": {
            "kundennummer": (case.customer.kundennummer or None) if case.customer_id else None,
            "bg_nummer": (case.household.bg_nummer or None) if case.household_id else None,
        },
        "stated": {"kundennummer": case.kundennummer or None, "bg_nummer": case.bg_nummer or None},
        "documents": [
            {
                "id": str(u.public_id),
                "type": u.doc_type,
                "title": u.doc_title,
                "person": u.person or None,
                "received_at": _iso(u.received_at),
                "channel": u.channel,
                "pages": u.pages,
                "sha256": u.sha256,
                # "not_scanned": stored while no virus scanner was configured.
                "virus_scan": "not_scanned" if u.unscanned else "clean",
            }
            for u in uploads
        ],
    }


@lru_cache(maxsize=1)
def _cover_style():
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    css = CSS(
        string=render_to_string("handover/cover.css"),
        base_url=f"{FONTS_DIR.as_uri()}/",
        font_config=fonts,
    )
    return css, fonts


atexit.register(_cover_style.cache_clear)  # as receipts/pdf.py: fonts go before teardown


def _cover_pdf(
    meta: dict, *, title: str, form_title: str, channel: str, with_receipt: bool
) -> bytes:
    from weasyprint import HTML

    css, fonts = _cover_style()
    with translation.override("de"):  # the e-file is kept in German
        html = render_to_string(
            "handover/cover.html",
            {
                "meta": meta,
                "title": title,
                "form_title": form_title,
                "channel": channel,
                "jobcenter": {"name": meta["jobcenter"]["name"]},
                "received_at": dt.datetime.fromisoformat(meta["received_at"]),
                "birth_date": _german(meta["applicant"]["birth_date"]),
                "documents": [{**d, "date": _german(d["received_at"])} for d in meta["documents"]],
                "with_receipt": with_receipt,
            },
        )
    return HTML(string=html, base_url=f"{FONTS_DIR.as_uri()}/").write_pdf(
        stylesheets=[css],
        font_config=fonts,
        pdf_variant="pdf/a-3b",
        pdf_identifier=meta["bundle_id"].replace("-", "").encode(),
    )


def _german(iso: str | None) -> str:
    return dt.date.fromisoformat(iso[:10]).strftime("%d.%m.%Y") if iso else ""


def _pdf_date(value: dt.datetime) -> str:
    text = value.strftime("D:%Y%m%d%H%M%S%z")  # +0100
    return f"{text[:-2]}'{text[-2:]}'"


def merge_pdf(
    *,
    cover: bytes,
    sections: list[tuple[str, bytes]],
    attachments: list[Part],
    title: str,
    when: dt.datetime,
) -> bytes:
    """Cover + sections (title, PDF bytes) as one PDF with bookmarks and attachments."""
    import pikepdf

    out = pikepdf.open(io.BytesIO(cover))
    sources = []
    outline_items = [pikepdf.OutlineItem(_("Übergabeblatt"), 0)]
    for name, data in sections:
        start = len(out.pages)
        src = pikepdf.open(io.BytesIO(data))
        sources.append(src)
        # Documents stored before their check knew every kind of active content must not carry
        # it into the e-file (PDF/A-3b forbids it): only the drawn pages are taken over.
        pdfclean.disarm_pages(src)
        pdfclean.scrub(src)
        out.pages.extend(src.pages)
        outline_items.append(pikepdf.OutlineItem(name, start))
    if found := pdfclean.inspect(out):
        raise ValueError(f"active content in the bundle PDF: {found}")
    with out.open_outline() as outline:
        outline.root.clear()  # WeasyPrint's own bookmarks (the cover's headings)
        outline.root.extend(outline_items)
    for part in attachments:
        out.attachments[part.name] = pikepdf.AttachedFileSpec(
            out,
            part.data,
            description=part.name,
            filename=part.name,
            mime_type=part.media_type,
            relationship=pikepdf.Name.Data,
        )
    local = timezone.localtime(when)
    with out.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:title"] = title
        meta["xmp:CreateDate"] = local.isoformat()
        meta["xmp:ModifyDate"] = local.isoformat()
        meta["xmp:MetadataDate"] = local.isoformat()
    out.docinfo["/Title"] = title
    out.docinfo["/CreationDate"] = _pdf_date(local)
    out.docinfo["/ModDate"] = _pdf_date(local)
    buffer = io.BytesIO()
    out.save(buffer, deterministic_id=True)
    for src in sources:
        src.close()
    out.close()
    return buffer.getvalue()


def _receipt_bytes(submission, definition) -> bytes | None:
    """The stored receipt, else one rendered now; ``None`` for a case without a form (opened by
    a mailbox message: its message travels in a bundle of its own)."""
    receipt = intake.receipt_of(submission)
    if receipt is not None:
        with receipt.file.open("rb") as fh:
            return fh.read()
    if definition is None:
        return None

    return receipts.render_receipt_pdf(submission)


def _document_title(upload) -> str:
    date = timezone.localtime(upload.received_at).strftime("%d.%m.%Y")
    person = f" – {upload.person}" if upload.person else ""
    warning = f" – {UNSCANNED_NOTE}" if upload.unscanned else ""
    return f"{upload.doc_title}{person} ({date}){warning}"


def build_parts(bundle, uploads) -> list[Part]:
    """Every part of ``bundle`` with the given (ready) documents, manifest last."""
    with translation.override("de"):  # the e-file is kept in German, whoever triggers it
        if bundle.kind in ("bescheid", "nachricht"):
            return _build_mailbox_parts(bundle)
        return _build_parts(bundle, uploads)


def _manifest(bundle, parts: list[Part]) -> Part:
    manifest = {
        "format": FORMAT,
        "bundle_id": str(bundle.public_id),
        "reference": bundle.submission.reference,
        "parts": [
            {"name": p.name, "media_type": p.media_type, "sha256": p.sha256, "size": len(p.data)}
            for p in sorted(parts, key=lambda p: p.name)
        ],
    }
    return Part(PART_MANIFEST, dumps(manifest))


def _local(iso: str | None, *, with_time: bool = True) -> str:
    if not iso:
        return ""
    value = dt.datetime.fromisoformat(iso) if "T" in iso else dt.date.fromisoformat(iso)
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value)
        return value.strftime("%d.%m.%Y, %H:%M:%S Uhr" if with_time else "%d.%m.%Y")
    return value.strftime("%d.%m.%Y")


def _mailbox_cover(meta: dict, *, title: str, **context) -> bytes:
    from weasyprint import HTML

    css, fonts = _cover_style()
    html = render_to_string(
        "handover/mailbox_cover.html",
        {
            "meta": meta,
            "title": title,
            "jobcenter": {"name": meta["jobcenter"]["name"]},
            "birth_date": _german(meta["applicant"]["birth_date"]),
            **context,
        },
    )
    return HTML(string=html, base_url=f"{FONTS_DIR.as_uri()}/").write_pdf(
        stylesheets=[css],
        font_config=fonts,
        pdf_variant="pdf/a-3b",
        pdf_identifier=meta["bundle_id"].replace("-", "").encode(),
    )


def _build_mailbox_parts(bundle) -> list[Part]:
    """A decision with its proof of delivery, or one message (see the module's docstring)."""
    meta = metadata(bundle, [])
    sections: list[tuple[str, bytes]] = []
    extra: list[Part] = []
    if bundle.kind == "bescheid":
        decision = bundle.decision
        proof = mailbox.proof_of_delivery(decision)
        meta["decision"] = {k: proof[k] for k in ("decision_id", "title", "sha256", "corrects")}
        record = Part(PART_PROOF, dumps(proof))
        title = _("Bescheid „%(title)s“ mit Zustellnachweis") % {"title": decision.title}
        with decision.file.open("rb") as fh:
            original = fh.read()
        sections.append((decision.title, original))
        extra.append(Part(PART_DECISION, original))
        when = decision.sent_at
        context = {
            "proof": proof,
            "channel": str(Decision.Channel(decision.channel).label),
            "dates": {
                "sent_at": _local(proof["sent_at"]),
                "notice_sent_at": _local(proof["notice_sent_at"]),
                "notified_on": _local(proof["notified_on"]),
                "retrieved_at": _local(proof["retrieved_at"]),
                "flagged_for_post_at": _local(proof["flagged_for_post_at"]),
                "posted_at": _local(proof["posted_at"]),
                "notified_on_by_post": _local(proof["notified_on_by_post"]),
                "consent": _local((proof["consent"] or {}).get("given_at")),
            },
        }
    else:
        post = bundle.post
        message = mailbox.post_record(post)
        meta["message"] = {k: message[k] for k in ("message_id", "thread_id", "direction")}
        record = Part(PART_MESSAGE, dumps(message))
        title = (
            _("Nachricht der Person %(reference)s")
            if post.direction == "in"
            else _("Nachricht des Jobcenters %(reference)s")
        ) % {"reference": bundle.submission.reference}
        when = post.created_at
        context = {
            "message": message,
            "topic": str(Topic(post.thread.topic).label),
            "dates": {"sent_at": _local(message["sent_at"])},
        }
    meta_part = Part(PART_META, dumps(meta))
    cover = _mailbox_cover(meta, title=title, **context)
    pdf = merge_pdf(
        cover=cover, sections=sections, attachments=[meta_part, record], title=title, when=when
    )
    parts = [Part(PART_PDF, pdf), *extra, record, meta_part]
    parts.append(_manifest(bundle, parts))
    return parts


def _build_parts(bundle, uploads) -> list[Part]:
    submission = bundle.submission
    definition = forms.get(submission.form_ident)
    meta = metadata(bundle, uploads)
    meta_part = Part(PART_META, dumps(meta))
    parts: list[Part] = []
    application = bundle.kind == "antrag"
    if application:
        parts.append(Part(PART_ANSWERS, dumps(submission.answers)))
        if definition is not None:
            parts.append(Part(PART_SCHEMA, dumps(forms.form_json_schema(definition))))
    parts.append(meta_part)
    title = (
        _("Übergabe %(reference)s") if application else _("Nachgereichte Unterlage %(reference)s")
    ) % {"reference": submission.reference}
    sections = []
    receipt = _receipt_bytes(submission, definition) if application else None
    if receipt is not None:
        sections.append((_("Eingangsbestätigung und Angaben"), receipt))
    for upload in uploads:
        with upload.file.open("rb") as fh:
            sections.append((_document_title(upload), fh.read()))
    cover = _cover_pdf(
        meta,
        title=title,
        form_title=str(definition.title) if definition else submission.form_key,
        channel=submission.get_channel_display(),
        with_receipt=receipt is not None,
    )
    pdf = merge_pdf(
        cover=cover,
        sections=sections,
        attachments=[p for p in parts if p.name in (PART_ANSWERS, PART_META)],
        title=title,
        when=bundle.case.received_at,
    )
    parts.insert(0, Part(PART_PDF, pdf))
    parts.append(_manifest(bundle, parts))
    return parts

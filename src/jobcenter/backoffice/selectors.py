"""Reads of the back-office pages that span apps: the audit log with what its entries name.

The audit log stores what was touched as a type and a public id (``case`` + UUID). The page
shows it as people read it — a case reference and the applicant, a customer's name and
Kundennummer, a BG-Nummer, a document and its case — resolved for a whole page at once (one
query per kind of object, whatever the number of entries). § 35 SGB I: the name of a protected
case or customer is shown only to the Jobcenter's protected team; everybody else reads
"geschützt" (the reference of a protected case is no personal data and stays).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jobcenter.accounts import access
from jobcenter.audit import selectors as audit
from jobcenter.casework.models import Case, Customer, Household
from jobcenter.casework.selectors import REFERENCE_RE, may_see_protected
from jobcenter.documents.models import Upload
from jobcenter.handover.models import Transport

PAGE_SIZE = 100


@dataclass
class AuditFilters:
    object_id: str = ""
    actor_id: int | None = None
    action: str = ""
    since: dt.date | None = None
    until: dt.date | None = None  # inclusive day
    before: int | None = None  # keyset: entries with a smaller id


@dataclass
class ObjectLabel:
    text: str
    url: str = ""


@dataclass
class AuditPage:
    rows: list
    more: bool


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def audit_page(request, jobcenter, filters: AuditFilters) -> AuditPage:
    """One page of the log of ``jobcenter`` (None: every Jobcenter), newest first, each entry
    with ``label`` (an ``ObjectLabel``)."""
    entries = audit.entries_for_jobcenter(
        jobcenter=jobcenter,
        object_id=filters.object_id,
        actor_id=filters.actor_id,
        action=filters.action,
        since=_day_start(filters.since) if filters.since else None,
        until=_day_start(filters.until + dt.timedelta(days=1)) if filters.until else None,
    )
    if filters.before is not None:
        entries = entries.filter(id__lt=filters.before)
    rows = list(entries[: PAGE_SIZE + 1])
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    labels = object_labels(request, jobcenter, [(e.object_type, e.object_id) for e in rows])
    for entry in rows:
        entry.label = labels.get((entry.object_type, entry.object_id)) or ObjectLabel(
            f"{entry.object_type} {entry.object_id}"
        )
    return AuditPage(rows=rows, more=more)


def object_labels(request, jobcenter, pairs) -> dict[tuple[str, str], ObjectLabel]:
    """Labels for (object_type, object_id) pairs: one query per kind of object."""
    ids: dict[str, set[str]] = defaultdict(set)
    for object_type, object_id in pairs:
        if _is_uuid(object_id):
            ids[object_type].add(object_id)
    sees_protected = may_see_protected(request.user) if ids["case"] | ids["customer"] else False
    links = access.works_on_cases(request.user)
    scope = {} if jobcenter is None else {"jobcenter": jobcenter}
    labels: dict[tuple[str, str], ObjectLabel] = {}
    if ids["case"]:
        for case in Case.objects.filter(public_id__in=ids["case"], **scope).only(
            "public_id", "reference", "first_name", "last_name", "is_protected"
        ):
            hidden = case.is_protected and not sees_protected
            name = _("geschützt (§ 35 SGB I)") if hidden else case.applicant_name
            url = (
                ""
                if hidden or not links
                else reverse("backoffice:case_detail", kwargs={"public_id": case.public_id})
            )
            labels[("case", str(case.public_id))] = ObjectLabel(
                f"{_('Vorgang')} {case.reference} – {name or '–'}", url
            )
    if ids["customer"]:
        for customer in Customer.objects.filter(public_id__in=ids["customer"], **scope).only(
            "public_id", "first_name", "last_name", "kundennummer", "is_protected"
        ):
            if customer.is_protected and not sees_protected:
                labels[("customer", str(customer.public_id))] = ObjectLabel(
                    _("Geschützte Person (§ 35 SGB I)")
                )
                continue
            text = f"{_('Kundin/Kunde')} {customer}"
            if customer.kundennummer:
                text += f" ({customer.kundennummer})"
            url = (
                reverse("backoffice:customer_detail", kwargs={"public_id": customer.public_id})
                if links
                else ""
            )
            labels[("customer", str(customer.public_id))] = ObjectLabel(text, url)
    if ids["household"]:
        for household in Household.objects.filter(public_id__in=ids["household"], **scope):
            labels[("household", str(household.public_id))] = ObjectLabel(
                f"{_('Bedarfsgemeinschaft')} {household}"
            )
    if ids["upload"]:
        for public_id, title, reference in Upload.objects.filter(
            public_id__in=ids["upload"], **scope
        ).values_list("public_id", "doc_title", "submission__reference"):
            text = f"{_('Unterlage')} „{title}“"
            if reference:
                text += f" – {reference}"
            labels[("upload", str(public_id))] = ObjectLabel(text)
    if ids["transport"]:
        for public_id, name in Transport.objects.filter(
            public_id__in=ids["transport"], **scope
        ).values_list("public_id", "name"):
            labels[("transport", str(public_id))] = ObjectLabel(f"{_('Übergabeweg')} {name}")
    return labels


def _is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def audit_object_id(request, jobcenter, text: str) -> str:
    """What the "object" filter means: a case reference (e.g. MK-2026-000123-4) stands for its
    case; anything else is taken as the object's id."""
    text = text.strip()
    if REFERENCE_RE.match(text.upper()):
        scope = {} if jobcenter is None else {"jobcenter": jobcenter}
        found = (
            Case.objects.filter(reference=text.upper(), **scope)
            .values_list("public_id", flat=True)
            .first()
        )
        if found is not None:
            return str(found)
    return text

"""The one module other apps import from ``jobcenter.audit``.

``record(...)`` writes one entry; call it in the same transaction as the change it records (so
a rolled-back change leaves no entry, and a committed one always has its entry), and from views
for reads of personal data. ``entries_for_jobcenter`` is what administrators see.
"""

from __future__ import annotations

from jobcenter.audit.models import AuditEntry

Action = AuditEntry.Action


def record(*, actor, jobcenter, action: str, object_type: str, object_id, summary: str,
           reason: str = "", actor_name: str = "") -> AuditEntry:
    """``actor`` is the user (or None); ``actor_name`` names an actor without an account (e.g.
    an integration of the pull API) — otherwise the user's name, or "system"."""
    entry = AuditEntry(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=(actor_name or getattr(actor, "username", "") or "system")[:150],
        jobcenter=jobcenter, action=action, object_type=object_type,
        object_id=str(object_id)[:64], summary=str(summary)[:300], reason=str(reason)[:300],
    )
    entry.save()
    return entry


def entries_for_jobcenter(*, jobcenter, object_type: str = "", object_id: str = "",
                          actor_name: str = "", actor_id: int | None = None, action: str = "",
                          since=None, until=None):
    """Newest first; ``jobcenter=None`` means every Jobcenter (platform operators).
    ``since``/``until`` are aware datetimes (from inclusive, until exclusive)."""
    qs = AuditEntry.objects.all()
    if jobcenter is not None:
        qs = qs.filter(jobcenter=jobcenter)
    if object_type:
        qs = qs.filter(object_type=object_type)
    if object_id:
        qs = qs.filter(object_id=object_id)
    if actor_name:
        qs = qs.filter(actor_name=actor_name)
    if actor_id is not None:
        qs = qs.filter(actor_id=actor_id)
    if action:
        qs = qs.filter(action=action)
    if since is not None:
        qs = qs.filter(at__gte=since)
    if until is not None:
        qs = qs.filter(at__lt=until)
    return qs.order_by("-at", "-id")


def entries_for_object(*, object_type: str, object_id) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(object_type=object_type, object_id=str(object_id))
                .order_by("-at", "-id"))


def entries_erase(*, jobcenter, before, platform: bool = False) -> int:
    """Delete the entries of a Jobcenter (or, ``platform=True``, those of no Jobcenter) older
    than ``before``: the end of their retention period, run by the retention shredder only.

    The model refuses deletes; on PostgreSQL the trigger lets a delete through only inside a
    transaction that set ``jobcenter.retention`` (``SET LOCAL``, so it ends with the
    transaction); updates stay refused."""
    from django.db import connection, transaction
    from django.db.models import QuerySet

    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL jobcenter.retention = 'on'")
        qs = QuerySet(model=AuditEntry).filter(at__lt=before)
        qs = qs.filter(jobcenter__isnull=True) if platform else qs.filter(jobcenter=jobcenter)
        deleted, _ = qs.delete()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL jobcenter.retention = 'off'")
    return deleted

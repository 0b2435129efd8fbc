"""Writes of the audit log (reads: ``selectors.py``).

``record(...)`` writes one entry; call it in the same transaction as the change it records (so
a rolled-back change leaves no entry, and a committed one always has its entry), and from views
for reads of personal data. ``entries_erase`` is the retention shredder's only way to delete.
"""

from __future__ import annotations

from jobcenter.audit.models import AuditEntry

Action = AuditEntry.Action


def record(
    *,
    actor,
    jobcenter,
    action: str,
    object_type: str,
    object_id,
    summary: str,
    reason: str = "",
    actor_name: str = "",
) -> AuditEntry:
    """``actor`` is the user (or None); ``actor_name`` names an actor without an account (e.g.
    an integration of the pull API) — otherwise the user's name, or "system"."""
    entry = AuditEntry(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=(actor_name or getattr(actor, "username", "") or "system")[:150],
        jobcenter=jobcenter,
        action=action,
        object_type=object_type,
        object_id=str(object_id)[:64],
        summary=str(summary)[:300],
        reason=str(reason)[:300],
    )
    entry.save()
    return entry


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

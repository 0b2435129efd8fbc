"""Reads of the audit log: the entries of a Jobcenter (the back office's audit page) or of one
object (a case's history of views)."""

from __future__ import annotations

from jobcenter.audit.models import AuditEntry


def entries_for_jobcenter(
    *,
    jobcenter,
    object_type: str = "",
    object_id: str = "",
    actor_name: str = "",
    actor_id: int | None = None,
    action: str = "",
    since=None,
    until=None,
):
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
    return list(
        AuditEntry.objects.filter(object_type=object_type, object_id=str(object_id)).order_by(
            "-at", "-id"
        )
    )

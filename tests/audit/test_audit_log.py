"""The audit log is append-only for the application."""

import pytest
from django.db import DatabaseError, connection, transaction

from jobcenter.audit import selectors as audit_selectors
from jobcenter.audit import services as audit
from jobcenter.audit.models import AuditEntry, AuditImmutable


def _entry(staff, jobcenter):
    return audit.record(
        actor=staff,
        jobcenter=jobcenter,
        action=audit.Action.VIEW,
        object_type="case",
        object_id="abc",
        summary="Vorgang angesehen",
    )


def test_an_entry_records_who_what_when(staff, jobcenter):
    entry = _entry(staff, jobcenter)
    assert (entry.actor, entry.actor_name, entry.action) == (staff, staff.username, "view")
    assert entry.at is not None


def test_entries_cannot_be_changed_or_deleted_by_the_application(staff, jobcenter):
    entry = _entry(staff, jobcenter)
    entry.summary = "anders"
    with pytest.raises(AuditImmutable):
        entry.save()
    with pytest.raises(AuditImmutable):
        entry.delete()
    with pytest.raises(AuditImmutable):
        AuditEntry.objects.filter(pk=entry.pk).update(summary="x")
    with pytest.raises(AuditImmutable):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).summary == "Vorgang angesehen"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigger exists on PostgreSQL")
def test_the_database_refuses_raw_updates_on_postgresql(staff, jobcenter):
    entry = _entry(staff, jobcenter)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET summary = 'x' WHERE id = %s", [entry.pk])
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk])


def test_entries_survive_the_deletion_of_the_account(staff, jobcenter):
    entry = _entry(staff, jobcenter)
    staff.delete()
    kept = AuditEntry.objects.get(pk=entry.pk)
    assert kept.actor_name == entry.actor_name


def test_listing_is_scoped_to_the_jobcenter(staff, jobcenter, other_jobcenter):
    _entry(staff, jobcenter)
    audit.record(
        actor=staff,
        jobcenter=other_jobcenter,
        action="view",
        object_type="case",
        object_id="x",
        summary="s",
    )
    assert audit_selectors.entries_for_jobcenter(jobcenter=jobcenter).count() == 1
    assert audit_selectors.entries_for_jobcenter(jobcenter=None).count() == 2

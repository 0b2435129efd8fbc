"""The audit trail: who saw or changed which personal data, when, and why (for exports).

Append-only for the application (OWASP ASVS 5.0 16.4.2: the application cannot change the log
it writes): ``save()`` only inserts, and
``delete()``, queryset ``update()``/``delete()`` raise ``AuditImmutable``. On PostgreSQL a trigger
(migration 0002) additionally refuses UPDATE and DELETE on the table, so a bug elsewhere in the
application cannot rewrite history either. Removing entries after the retention period is an
operator's task outside the application (a database role that may delete).

An entry keeps the actor's username as text as well as the id (no database constraint, nothing
cascades), so it stays readable and unchanged after the account is deleted.
``object_type``/``object_id`` name what was touched (``case``, ``customer``…, the object's public
id); ``summary`` says what happened in words, without repeating the data.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditImmutable(Exception):
    """Audit entries are never changed or deleted by the application."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditImmutable("audit entries cannot be changed")

    def delete(self):
        raise AuditImmutable("audit entries cannot be deleted")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AuditImmutable("audit entries cannot be changed")


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        VIEW = "view", _("angesehen")
        CHANGE = "change", _("geändert")
        CREATE = "create", _("angelegt")
        EXPORT = "export", _("exportiert")

    at = models.DateTimeField(_("Zeitpunkt"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Person"),
        db_constraint=False,
    )
    actor_name = models.CharField(_("Benutzername"), max_length=150)
    jobcenter = models.ForeignKey(
        "tenants.Jobcenter",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Jobcenter"),
        null=True,
        blank=True,
    )
    action = models.CharField(_("Aktion"), max_length=10, choices=Action.choices)
    object_type = models.CharField(_("Art des Objekts"), max_length=40)
    object_id = models.CharField(_("Objekt"), max_length=64)
    summary = models.CharField(_("Was"), max_length=300)
    reason = models.CharField(_("Grund"), max_length=300, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("Protokolleintrag")
        verbose_name_plural = _("Protokoll")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["jobcenter", "-at"], name="audit_jc_at_idx"),
            models.Index(fields=["object_type", "object_id"], name="audit_object_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_type}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditImmutable("audit entries cannot be changed")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditImmutable("audit entries cannot be deleted")

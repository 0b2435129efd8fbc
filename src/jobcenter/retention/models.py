"""Retention: a Jobcenter's own rules, legal holds, restrictions, and the record of each run.

- ``RetentionRule``: a Jobcenter's own period and action for one category (rules.CATEGORIES),
  for documents optionally for one document type. Without a row the default of the category
  applies. ``clean()`` keeps the rule inside the category's limits.
- ``LegalHold``: a case under objection or court proceedings (Widerspruch, Klage) is kept,
  with everything in it, until a member of staff releases the hold.
- ``Restriction``: a case whose rule says "restrict" (§ 84 SGB X) instead of delete: it stays in
  the database but no member of staff sees it any more.
- ``ShredRun``: one run of the shredder (a durable job: a row plus a django-tasks-db task) with
  its report; ``DeletionRecord``: per run, Jobcenter, category and action how many items went
  under which rule. Neither holds personal data: no names, no references, no ids of what went.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jobcenter.retention import rules


class RetentionRule(models.Model):
    jobcenter = models.ForeignKey(
        "tenants.Jobcenter",
        on_delete=models.CASCADE,
        related_name="retention_rules",
        verbose_name=_("Jobcenter"),
    )
    category = models.CharField(
        _("Kategorie"), max_length=20, choices=[(k, c.label) for k, c in rules.CATEGORIES.items()]
    )
    doc_type = models.CharField(
        _("Art des Nachweises"),
        max_length=50,
        blank=True,
        help_text=_("Nur für Unterlagen: leer gilt für alle Arten."),
    )
    period = models.PositiveIntegerField(_("Frist"))
    unit = models.CharField(_("Einheit"), max_length=10, choices=rules.UNITS)
    action = models.CharField(_("Was dann geschieht"), max_length=10, choices=rules.ACTIONS)

    class Meta:
        verbose_name = _("Aufbewahrungsregel")
        verbose_name_plural = _("Aufbewahrungsregeln")
        constraints = [
            models.UniqueConstraint(
                fields=["jobcenter", "category", "doc_type"], name="retention_rule_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.period} {self.get_unit_display()}"

    @property
    def as_period(self) -> rules.Period:
        return rules.Period(self.period, self.unit)

    def clean(self):
        category = rules.CATEGORIES.get(self.category)
        if category is None:
            return
        if not category.per_jobcenter:
            raise ValidationError({"category": _("Diese Frist gilt für die ganze Installation.")})
        if self.doc_type and self.category != "document":
            raise ValidationError({"doc_type": _("Eine Art gibt es nur bei Unterlagen.")})
        if self.action and self.action not in category.actions:
            raise ValidationError({"action": _("Für diese Kategorie nicht möglich.")})
        if self.period is not None and self.unit:
            days = self.as_period.approx_days()
            if not category.minimum.approx_days() <= days <= category.maximum.approx_days():
                raise ValidationError(
                    {
                        "period": _("Die Frist muss zwischen %(min)s und %(max)s liegen.")
                        % {"min": category.minimum, "max": category.maximum}
                    }
                )


class LegalHold(models.Model):
    class Reason(models.TextChoices):
        WIDERSPRUCH = "widerspruch", _("Widerspruchsverfahren")
        KLAGE = "klage", _("Klageverfahren")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    jobcenter = models.ForeignKey(
        "tenants.Jobcenter", on_delete=models.PROTECT, related_name="+", verbose_name=_("Jobcenter")
    )
    case = models.ForeignKey(
        "casework.Case",
        on_delete=models.CASCADE,
        related_name="legal_holds",
        verbose_name=_("Vorgang"),
    )
    reason = models.CharField(_("Grund"), max_length=20, choices=Reason.choices)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    placed_at = models.DateTimeField(_("Gesetzt am"))
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    released_at = models.DateTimeField(_("Aufgehoben am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Aufbewahrungssperre")
        verbose_name_plural = _("Aufbewahrungssperren")
        ordering = ["-placed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(released_at=None), name="retention_one_active_hold"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.get_reason_display()}"

    @property
    def is_active(self) -> bool:
        return self.released_at is None


class Restriction(models.Model):
    """A case kept under § 84 SGB X: hidden from every member of staff."""

    jobcenter = models.ForeignKey("tenants.Jobcenter", on_delete=models.PROTECT, related_name="+")
    case = models.OneToOneField(
        "casework.Case", on_delete=models.CASCADE, related_name="restriction"
    )
    since = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.case_id} ({self.since:%Y-%m-%d})"


class ShredRun(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("wartet")
        RUNNING = "running", _("läuft")
        DONE = "done", _("erledigt")
        FAILED = "failed", _("fehlgeschlagen")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # A scheduled (daily) run has its day: one per day, however often it is scheduled.
    day = models.DateField(_("Tag"), null=True, blank=True, unique=True)
    dry_run = models.BooleanField(_("Probelauf"), default=False)
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(_("Letzter Fehler"), blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    # [{"jobcenter": slug, "category": key, "doc_type": "", "action": …, "count": n}, …]
    report = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("Löschlauf")
        verbose_name_plural = _("Löschläufe")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} ({self.get_status_display()})"


class DeletionRecord(models.Model):
    """That items were deleted, anonymised or restricted, how many and under which rule."""

    run = models.ForeignKey(ShredRun, on_delete=models.PROTECT, related_name="records")
    at = models.DateTimeField(db_index=True)
    jobcenter = models.ForeignKey(
        "tenants.Jobcenter", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    category = models.CharField(max_length=20)
    doc_type = models.CharField(max_length=50, blank=True)
    action = models.CharField(max_length=10, choices=rules.ACTIONS)
    rule = models.CharField(max_length=200)
    count = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("Löschnachweis")
        verbose_name_plural = _("Löschnachweise")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d} {self.category} {self.action} {self.count}"

"""Handover without paper: export bundles and the transports that deliver them.

- **Transport** (Übergabeweg): how one Jobcenter receives its bundles — the pull API (an
  integration with its own token, stored as a SHA-256 hash), a folder (below
  ``HANDOVER_FOLDER_ROOT``) or an HTTP push endpoint (HMAC-signed). A Jobcenter may have several;
  one without any keeps the manual "Übergeben/erledigt" button.
- **HandoverSettings**: when a Jobcenter's cases are handed over: when the caseworker marks the
  case "vollständig" (the default) or right on arrival (the intake's handover job).
- **Bundle**: one export of a case — the application with every document that is ready
  (kind ``antrag``), one document that arrived later (kind ``nachreichung``), a decision sent
  through the mailbox with its proof of delivery (kind ``bescheid``, once that delivery is
  settled) or one mailbox message either way (kind ``nachricht``). Its parts (PDF/A,
  answers JSON, JSON Schema, metadata, manifest) are built once by a durable job and stored; the
  bundle id is derived from the case and the document (uuid5), so a rebuild gives the same bytes.
  ``BundleItem`` records which document is in which bundle: every document of a case travels in
  exactly one bundle.
- **Delivery**: one bundle to one transport, a durable job of its own (folder write, push) or,
  for the pull API, the offer that ends with the client's acknowledgement. ``done_at`` is when it
  was handed over; the first delivery of an application bundle moves the case to "übergeben".
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jobcenter.core.models import JobFields, JobState


class HandoverSettings(models.Model):
    class Trigger(models.TextChoices):
        COMPLETE = "vollstaendig", _("wenn der Vorgang vollständig ist")
        ARRIVAL = "eingang", _("sofort bei Eingang")

    jobcenter = models.OneToOneField(
        "tenants.Jobcenter",
        on_delete=models.CASCADE,
        related_name="handover_settings",
        verbose_name=_("Jobcenter"),
    )
    trigger = models.CharField(
        _("Übergabe"), max_length=20, choices=Trigger.choices, default=Trigger.COMPLETE
    )

    class Meta:
        verbose_name = _("Einstellungen Übergabe")
        verbose_name_plural = _("Einstellungen Übergabe")

    def __str__(self) -> str:
        return str(self.jobcenter)


class Transport(models.Model):
    class Kind(models.TextChoices):
        API = "api", _("Abruf-Schnittstelle (API)")
        FOLDER = "folder", _("Ordner")
        PUSH = "push", _("HTTP-Übermittlung")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    jobcenter = models.ForeignKey(
        "tenants.Jobcenter",
        on_delete=models.CASCADE,
        related_name="transports",
        verbose_name=_("Jobcenter"),
    )
    kind = models.CharField(_("Art"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("Bezeichnung"), max_length=100)
    enabled = models.BooleanField(_("aktiv"), default=True)
    folder = models.CharField(
        _("Unterordner"),
        max_length=200,
        blank=True,
        help_text=_("Ordner: relativ zum Übergabeverzeichnis des Servers (HANDOVER_FOLDER_ROOT)."),
    )
    url = models.URLField(
        _("Adresse (URL)"),
        max_length=500,
        blank=True,
        help_text=_("HTTP-Übermittlung: Empfänger der POST-Anfragen."),
    )
    secret = models.CharField(
        _("Signaturschlüssel"),
        max_length=200,
        blank=True,
        help_text=_("HTTP-Übermittlung: gemeinsamer Schlüssel für die HMAC-SHA256-Signatur."),
    )
    # API: only the SHA-256 of the token is kept; the token is shown once when it is made.
    token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    token_hint = models.CharField(
        _("Zugangsschlüssel (Anfang)"), max_length=16, blank=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Übergabeweg")
        verbose_name_plural = _("Übergabewege")
        ordering = ["jobcenter", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"

    def clean(self):
        from pathlib import PurePosixPath

        if self.kind == self.Kind.FOLDER:
            path = PurePosixPath(self.folder or ".")
            if path.is_absolute() or ".." in path.parts:
                raise ValidationError({"folder": _("Bitte einen Unterordner ohne „..“ angeben.")})
        if self.kind == self.Kind.PUSH:
            if not self.url.startswith(("https://", "http://")):
                raise ValidationError({"url": _("Bitte die Adresse des Empfängers angeben.")})
            if len(self.secret) < 16:
                raise ValidationError({"secret": _("Bitte mindestens 16 Zeichen angeben.")})


class Bundle(JobFields):
    class Kind(models.TextChoices):
        APPLICATION = "antrag", _("Antrag mit Unterlagen")
        LATER = "nachreichung", _("Nachgereichte Unterlage")
        DECISION = "bescheid", _("Bescheid mit Zustellnachweis")
        MESSAGE = "nachricht", _("Nachricht im Postfach")

    public_id = models.UUIDField(unique=True, editable=False)
    jobcenter = models.ForeignKey(
        "tenants.Jobcenter",
        on_delete=models.PROTECT,
        related_name="bundles",
        verbose_name=_("Jobcenter"),
    )
    case = models.ForeignKey(
        "casework.Case", on_delete=models.PROTECT, related_name="bundles", verbose_name=_("Vorgang")
    )
    submission = models.ForeignKey(
        "intake.Submission",
        on_delete=models.PROTECT,
        related_name="bundles",
        verbose_name=_("Antrag"),
    )
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    upload = models.ForeignKey(
        "documents.Upload",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bundles",
        verbose_name=_("Nachgereichte Unterlage"),
    )
    # The mailbox: a decision once its delivery is settled (kind ``bescheid``), or one message
    # either way (kind ``nachricht``).
    decision = models.ForeignKey(
        "mailbox.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bundles",
        verbose_name=_("Bescheid"),
    )
    post = models.ForeignKey(
        "mailbox.Post",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bundles",
        verbose_name=_("Nachricht"),
    )
    # [{"name", "path", "sha256", "size", "media_type"}, …] once built (PDF first, manifest
    # last; a list, because PostgreSQL's jsonb does not keep the order of an object's keys).
    parts = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        verbose_name = _("Übergabepaket")
        verbose_name_plural = _("Übergabepakete")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(kind="antrag"),
                name="handover_one_application_bundle_2",
            ),
            models.UniqueConstraint(fields=["case", "upload"], name="handover_bundle_upload"),
            models.UniqueConstraint(fields=["decision"], name="handover_bundle_decision"),
            models.UniqueConstraint(fields=["post"], name="handover_bundle_post"),
        ]

    def __str__(self) -> str:
        return f"{self.submission.reference} · {self.get_kind_display()}"

    @property
    def is_ready(self) -> bool:
        return self.status == JobState.DONE

    def part_info(self, name: str) -> dict | None:
        return next((p for p in self.parts if p["name"] == name), None)

    @property
    def part_names(self) -> list[str]:
        return [p["name"] for p in self.parts]


class BundleItem(models.Model):
    """A document inside a bundle (each document of a case is in one bundle only)."""

    bundle = models.ForeignKey(Bundle, on_delete=models.CASCADE, related_name="items")
    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="+")
    upload = models.ForeignKey("documents.Upload", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "upload"], name="handover_item_once_per_case")
        ]

    def __str__(self) -> str:
        return f"{self.bundle_id}:{self.upload_id}"


class Delivery(JobFields):
    bundle = models.ForeignKey(
        Bundle, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("Übergabepaket")
    )
    transport = models.ForeignKey(
        Transport,
        on_delete=models.PROTECT,
        related_name="deliveries",
        verbose_name=_("Übergabeweg"),
    )
    # HTTP push: the receiver's status code of the last attempt.
    response_status = models.PositiveIntegerField(_("Antwort (HTTP)"), null=True, blank=True)

    class Meta:
        verbose_name = _("Übermittlung")
        verbose_name_plural = _("Übermittlungen")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["bundle", "transport"], name="handover_delivery_once")
        ]
        indexes = [
            models.Index(
                fields=["transport", "status", "bundle"], name="handover_delivery_offer_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.bundle} → {self.transport}"

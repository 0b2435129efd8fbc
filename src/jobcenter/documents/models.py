"""Uploaded documents (Nachweise): what the citizen handed in, and the files behind it.

An ``Upload`` is one document as handed in at one time: its type (a ``forms.fields.Document``
key such as ``mietvertrag``), the person it belongs to, its own receipt time (``received_at``),
and — once checked and normalised — one PDF (``file``). It belongs to one Jobcenter and either to
a draft (uploaded while filling in a form; moved to the submission on "Absenden") or to a
submission (uploaded with it or later, "Unterlagen nachreichen").

An ``UploadFile`` is one file of it as the browser sent it (several photos of one document). It
is stored under ``quarantine/`` with a random name and stays there: it is never delivered. Only
after every file of the upload passed the virus scan does the background job build the
normalised PDF under ``documents/`` — the only file anyone can download. Files that fail a check
are never written to storage at all.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Upload(models.Model):
    class Status(models.TextChoices):
        CHECKING = "checking", _("wird geprüft")
        READY = "ready", _("angenommen")
        FAILED = "failed", _("abgelehnt")

    CHANNEL_FORM = "form"
    CHANNEL_LATER = "later"
    CHANNELS = [(CHANNEL_FORM, _("mit dem Antrag")), (CHANNEL_LATER, _("nachgereicht"))]

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    jobcenter = models.ForeignKey(
        "tenants.Jobcenter",
        on_delete=models.PROTECT,
        related_name="uploads",
        verbose_name=_("Jobcenter"),
    )
    draft = models.ForeignKey(
        "intake.Draft", on_delete=models.CASCADE, null=True, blank=True, related_name="uploads"
    )
    submission = models.ForeignKey(
        "intake.Submission",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="uploads",
        verbose_name=_("Antrag"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="uploads",
    )
    doc_type = models.CharField(_("Art des Nachweises"), max_length=50)
    doc_title = models.CharField(_("Bezeichnung"), max_length=300)
    person = models.CharField(_("Person"), max_length=200, blank=True)
    channel = models.CharField(
        _("Eingangsweg"), max_length=10, choices=CHANNELS, default=CHANNEL_LATER
    )
    received_at = models.DateTimeField(_("Eingegangen am"), db_index=True)
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.CHECKING, db_index=True
    )
    file = models.FileField(_("Dokument (PDF)"), max_length=300, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    pages = models.PositiveIntegerField(default=0)
    # The background job: attempts, when the next one is due, the last problem.
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    last_error = models.TextField(_("Letzter Fehler"), blank=True)
    ready_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Nachweis")
        verbose_name_plural = _("Nachweise")
        ordering = ["received_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(draft__isnull=False) | models.Q(submission__isnull=False),
                name="documents_upload_has_owner",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.doc_title} ({self.public_id})"

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY and bool(self.file)

    @property
    def unscanned(self) -> bool:
        """A file of it was stored without a virus scan (no scanner configured): staff must be
        told wherever they can open it."""
        return any(f.scan == UploadFile.Scan.UNSCANNED for f in self.files.all())


UNSCANNED_NOTE = _("nicht auf Schadsoftware geprüft")


class UploadFile(models.Model):
    class Scan(models.TextChoices):
        PENDING = "pending", _("wartet auf Virenprüfung")
        CLEAN = "clean", _("ohne Befund")
        UNSCANNED = "unscanned", _("nicht geprüft (kein Virenscanner eingerichtet)")
        INFECTED = "infected", _("Schadsoftware gefunden")

    upload = models.ForeignKey(Upload, on_delete=models.CASCADE, related_name="files")
    position = models.PositiveIntegerField(default=0)
    original_name = models.CharField(_("Dateiname"), max_length=255)
    content_type = models.CharField(_("Dateityp (erkannt)"), max_length=100)
    size = models.PositiveBigIntegerField(_("Größe"))
    sha256 = models.CharField(max_length=64)
    file = models.FileField(_("Datei (Quarantäne)"), max_length=300, blank=True)
    scan = models.CharField(
        _("Virenprüfung"), max_length=10, choices=Scan.choices, default=Scan.PENDING
    )
    scanner = models.CharField(_("Virenscanner"), max_length=20, blank=True)
    signature = models.CharField(_("Befund"), max_length=200, blank=True)
    scanned_at = models.DateTimeField(_("Geprüft am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Datei")
        verbose_name_plural = _("Dateien")
        ordering = ["upload", "position"]

    def __str__(self) -> str:
        return self.original_name


class FindAttempt(models.Model):
    """A failed "Antrag suchen" (reference number + birth date), counted per reference.

    Limits guessing the birth date of a known reference across sessions
    (``DOCUMENTS_FIND_MAX_FAILURES`` per ``DOCUMENTS_FIND_WINDOW_MINUTES``).
    """

    jobcenter = models.ForeignKey("tenants.Jobcenter", on_delete=models.CASCADE, related_name="+")
    reference = models.CharField(max_length=24)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["jobcenter", "reference", "created_at"], name="documents_find_ref_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.created_at:%Y-%m-%d %H:%M}"

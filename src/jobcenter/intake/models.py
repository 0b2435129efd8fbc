"""Drafts: the answers of a form that is being filled in, saved on every page.

A ``Draft`` belongs to exactly one Jobcenter (tenant rule) and to an owner: the browser session
(``session_key``: a random key the wizard keeps in the session data, which survives the session
key change at login) now, a citizen account (``user``) once accounts exist — at least one of the
two is set (database constraint). It stores the identifier of the form version it was started with,
so a new version of the form never reinterprets answers given to an old one.

Two tabs, one draft: every write bumps ``revision`` and records, per page, the revision that
last wrote it (``page_revisions``). A page POST carries the revision the tab last saw; if the page
was written since then by someone else (another tab) with different answers, the write is refused
and the citizen is shown both versions (``services.DraftConflict``), so nothing is lost silently.

``pending_input`` keeps the raw, not-yet-valid input of a page the citizen left with "Zurück",
so the page shows it again exactly as typed. It is not part of ``answers`` (which always fit the
form's JSON Schema).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jobcenter.core.models import JobFields, JobState


class Draft(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    jobcenter = models.ForeignKey(
        "tenants.Jobcenter",
        on_delete=models.PROTECT,
        related_name="drafts",
        verbose_name=_("Jobcenter"),
    )
    form_key = models.CharField(_("Formular"), max_length=50)
    form_version = models.CharField(_("Formularversion"), max_length=20)
    answers = models.JSONField(_("Antworten"), default=dict, blank=True)
    pending_input = models.JSONField(default=dict, blank=True)
    page_revisions = models.JSONField(default=dict, blank=True)
    revision = models.PositiveIntegerField(default=0)
    current_page = models.CharField(max_length=50, blank=True)
    # NULL, not "", means "no session owner" — the owner constraint below relies on it.
    session_key = models.CharField(max_length=40, null=True, blank=True)  # noqa: DJ001
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="drafts",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    expires_at = models.DateTimeField(_("Gespeichert bis"), db_index=True)
    # Set when the draft became a Submission: the wizard no longer shows it, its answers are
    # emptied (they live on in the submission), and a repeated "Absenden" finds the submission.
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The full Erstantrag continues the application whose date was secured first;
    # discarding this draft leaves that submission untouched.
    secured_submission = models.ForeignKey(
        "intake.Submission",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="continuing_drafts",
        verbose_name=_("Gesicherter Antrag"),
    )

    class Meta:
        verbose_name = _("Entwurf")
        verbose_name_plural = _("Entwürfe")
        constraints = [
            models.CheckConstraint(
                condition=Q(session_key__isnull=False) | Q(user__isnull=False),
                name="intake_draft_has_owner",
            ),
        ]
        indexes = [
            models.Index(
                fields=["jobcenter", "form_key", "session_key"], name="intake_draft_session_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.form_ident} ({self.public_id})"

    @property
    def form_ident(self) -> str:
        return f"{self.form_key}@{self.form_version}"


# --- Submissions ---------------------------------------------------------------------


class ImmutableSubmission(Exception):
    """A submission is the legal record of what arrived when; it is never changed or deleted."""


class SubmissionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableSubmission("submissions cannot be changed")

    def delete(self):
        raise ImmutableSubmission("submissions cannot be deleted")

    def bulk_update(self, objs, fields, batch_size=None):
        raise ImmutableSubmission("submissions cannot be changed")


class Submission(models.Model):
    """An application as it arrived: frozen answers, receipt time, reference.

    Immutable in the model layer: ``save()`` only inserts, ``delete()`` and queryset ``update()``
    / ``delete()`` raise ``ImmutableSubmission``. The only column that can still change is
    ``user`` when the citizen's account is deleted (``SET_NULL`` through the collector): the link
    to the account is not part of what was submitted.

    ``received_at`` is taken from the server clock inside the creating transaction (the
    application counts from that day, § 37 SGB II). ``draft_public_id`` is unique: one draft
    gives exactly one submission, however often "Absenden" is pressed.
    """

    CHANNEL_ONLINE = "online"
    CHANNEL_PAPER = "paper"  # registered by staff from a paper application (back office)
    CHANNELS = [(CHANNEL_ONLINE, _("Online")), (CHANNEL_PAPER, _("Papier"))]

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(_("Eingangsnummer"), max_length=24, unique=True)
    jobcenter = models.ForeignKey(
        "tenants.Jobcenter",
        on_delete=models.PROTECT,
        related_name="submissions",
        verbose_name=_("Jobcenter"),
    )
    form_key = models.CharField(_("Formular"), max_length=50)
    form_version = models.CharField(_("Formularversion"), max_length=20)
    answers = models.JSONField(_("Antworten"))
    language = models.CharField(_("Sprache"), max_length=10)
    channel = models.CharField(
        _("Eingangsweg"), max_length=20, choices=CHANNELS, default=CHANNEL_ONLINE
    )
    received_at = models.DateTimeField(_("Eingegangen am"), db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submissions",
        verbose_name=_("Konto"),
    )
    draft_public_id = models.UUIDField(unique=True, editable=False)
    # How the sender was logged in when submitting (accounts.session.change_verification):
    # a change of bank account or address from a login below "substantial" without a second
    # factor is accepted, but the caseworker sees "identity not verified" and can check first.
    identity = models.JSONField(_("Anmeldung beim Absenden"), default=dict, blank=True)
    # A full Erstantrag names the "Antrag gesichert" submission it completes (same application,
    # same application date).
    secured_submission = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="completions",
        verbose_name=_("Gesicherter Antrag"),
    )

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("Antrag (eingegangen)")
        verbose_name_plural = _("Anträge (eingegangen)")
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["jobcenter", "-received_at"], name="intake_sub_jc_received_idx")
        ]

    def __str__(self) -> str:
        return self.reference

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableSubmission("submissions cannot be changed")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableSubmission("submissions cannot be deleted")

    @property
    def form_ident(self) -> str:
        return f"{self.form_key}@{self.form_version}"


class ReferenceCounter(models.Model):
    """The last number given out per Jobcenter and year (row-locked while counting)."""

    jobcenter = models.ForeignKey("tenants.Jobcenter", on_delete=models.CASCADE)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["jobcenter", "year"], name="intake_refcounter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.jobcenter_id}/{self.year}: {self.last}"


class Receipt(models.Model):
    """The stored receipt PDF of a submission (written once by the receipt job)."""

    submission = models.OneToOneField(Submission, on_delete=models.PROTECT, related_name="receipt")
    file = models.FileField(_("Datei"), max_length=200)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Eingangsbestätigung")
        verbose_name_plural = _("Eingangsbestätigungen")

    def __str__(self) -> str:
        return self.file.name


class SubmissionJob(JobFields):
    """One step after a submission (receipt, e-mail, handover) and its state.

    The queue itself is django-tasks-db; this row is what the sweeper and administrators look at:
    attempts, the last error, when the next attempt is due, and a lease while a worker runs it
    (a worker killed mid-job leaves an expired lease, which the sweeper re-enqueues).
    """

    class Kind(models.TextChoices):
        RECEIPT = "receipt", _("Eingangsbestätigung (PDF)")
        EMAIL = "email", _("Bestätigung per E-Mail")
        HANDOVER = "handover", _("Übergabe")

    Status = JobState

    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="jobs")
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    # The columns as they were before the shared ``JobFields`` (no migration for a label).
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Folgeaufgabe")
        verbose_name_plural = _("Folgeaufgaben")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "kind"], name="intake_job_unique_kind")
        ]

    def __str__(self) -> str:
        return f"{self.submission_id}:{self.kind}"

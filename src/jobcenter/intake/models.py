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


class Draft(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    jobcenter = models.ForeignKey(
        "tenants.Jobcenter", on_delete=models.PROTECT, related_name="drafts",
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
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True,
        related_name="drafts",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    expires_at = models.DateTimeField(_("Gespeichert bis"), db_index=True)

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
            models.Index(fields=["jobcenter", "form_key", "session_key"],
                         name="intake_draft_session_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.form_ident} ({self.public_id})"

    @property
    def form_ident(self) -> str:
        return f"{self.form_key}@{self.form_version}"

"""What every app shares: the state of a durable job (``JobFields``) and the e-mail outbox."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobState(models.TextChoices):
    PENDING = "pending", _("wartet")
    RUNNING = "running", _("läuft")
    DONE = "done", _("erledigt")
    FAILED = "failed", _("fehlgeschlagen")


class JobFields(models.Model):
    """The state of a durable, retried job run by ``core.jobs.JobRunner``."""

    status = models.CharField(
        _("Status"),
        max_length=10,
        choices=JobState.choices,
        default=JobState.PENDING,
        db_index=True,
    )
    attempts = models.PositiveIntegerField(_("Versuche"), default=0)
    next_attempt_at = models.DateTimeField(_("Nächster Versuch"), null=True, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(_("Letzter Fehler"), blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(_("Angelegt"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    done_at = models.DateTimeField(_("Erledigt am"), null=True, blank=True)

    class Meta:
        abstract = True


class OutgoingEmail(JobFields):
    """An e-mail to send, as a durable, retried job (the pattern of intake's SubmissionJob).

    Written in the transaction of the change that causes it, so a committed change always gets
    its e-mail and a rolled-back one never does; sent by the worker, retried with backoff while
    the mail server is away (core/mail.py). After sending, the body is blanked: it may hold a
    link that works like a password (reset, confirmation) and is not needed any more.
    """

    Status = JobState

    purpose = models.CharField(_("Anlass"), max_length=64)
    from_email = models.CharField(max_length=254)
    to = models.JSONField(_("An"))
    subject = models.CharField(_("Betreff"), max_length=998)
    body = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True)
    done_at = models.DateTimeField(_("Gesendet am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Ausgehende E-Mail")
        verbose_name_plural = _("Ausgehende E-Mails")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.purpose} #{self.pk}"

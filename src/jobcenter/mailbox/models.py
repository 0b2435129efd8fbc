"""The two-way mailbox and the electronic delivery of decisions.

- **DeliveryConsent**: every opt-in and opt-out of electronic delivery (§ 37 Abs. 2a SGB X,
  § 36a SGB I), append-only: the current state is the newest row. Each row keeps the time and
  the login level of the session that gave or withdrew it.
- **Thread** (Anliegen): what a citizen writes about, on a topic, always within a case: the case
  of the application it is about, or a new case opened for it (routed by the Jobcenter's
  routing rules on the form key ``postfach_<topic>``), so it lands in a team's queue.
- **Post**: one message of a thread, either way. Never changed after it is sent (only
  ``read_at`` is set); a correction is a new message.
- **Attachment**: an upload (documents app: checks, virus scan, one PDF) sent with a post.
- **Decision** (Bescheid or letter): a PDF a caseworker sends from a case. With consent it goes
  to the mailbox (notice e-mail, retrieval recorded, notified day by ``rules.notified_on``);
  without consent it is a printable letter for the post. One not retrieved in time is flagged
  for the post. A letter and a flagged decision are marked as posted by a caseworker
  (``posted_at``) once the letter went out. Never changed or deleted by staff; a correction is
  a new decision that names the one it corrects.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jobcenter.mailbox.rules import counts_as_notified_on, notified_by_post_on, notified_on


class Topic(models.TextChoices):
    ANTRAG = "antrag", _("Antrag")
    ZAHLUNG = "zahlung", _("Zahlung")
    UNTERLAGEN = "unterlagen", _("Unterlagen")
    TERMIN = "termin", _("Termin")
    SONSTIGES = "sonstiges", _("Sonstiges")


class DeliveryConsent(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="delivery_consents"
    )
    given = models.BooleanField(_("Einwilligung erteilt"))
    at = models.DateTimeField(_("Zeitpunkt"))
    login_level = models.CharField(_("Vertrauensniveau der Anmeldung"), max_length=20)
    login_method = models.CharField(_("Anmeldeweg"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("Einwilligung in die elektronische Bekanntgabe")
        verbose_name_plural = _("Einwilligungen in die elektronische Bekanntgabe")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.user_id} {'ja' if self.given else 'nein'} {self.at:%Y-%m-%d %H:%M}"


class Thread(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="threads")
    # The account may be deleted; the citizen's messages stay with the case (the e-file).
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="mailbox_threads",
    )
    topic = models.CharField(_("Thema"), max_length=20, choices=Topic.choices)
    subject = models.CharField(_("Betreff"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Anliegen")
        verbose_name_plural = _("Anliegen")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.subject


class Post(models.Model):
    class Direction(models.TextChoices):
        FROM_CITIZEN = "in", _("von der Person")
        TO_CITIZEN = "out", _("vom Jobcenter")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    direction = models.CharField(max_length=3, choices=Direction.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("Nachricht"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Nachricht")
        verbose_name_plural = _("Nachrichten")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.thread_id} {self.direction} {self.created_at:%Y-%m-%d %H:%M}"


class Attachment(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="attachments")
    upload = models.ForeignKey("documents.Upload", on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return str(self.upload_id)


class Decision(models.Model):
    class Channel(models.TextChoices):
        MAILBOX = "postfach", _("Postfach (elektronische Bekanntgabe)")
        POST = "post", _("Brief per Post")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="decisions")
    title = models.CharField(_("Bezeichnung"), max_length=200)
    file = models.FileField(_("Dokument (PDF)"), max_length=300)
    sha256 = models.CharField(max_length=64)
    # A quick decision of the form (FormDefinition.decision_choices): its key; "" for an upload.
    choice = models.CharField(max_length=50, blank=True)
    corrects = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="corrections"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sent_at = models.DateTimeField(_("Versendet am"))
    channel = models.CharField(_("Weg"), max_length=10, choices=Channel.choices)
    # The mailbox: when the notice e-mail was queued (§ 37 Abs. 2a SGB X), the first retrieval
    # after login (time and login level), and when it was flagged for the post.
    notice_sent_at = models.DateTimeField(_("Benachrichtigt am"), null=True, blank=True)
    retrieved_at = models.DateTimeField(_("Abgerufen am"), null=True, blank=True)
    retrieved_level = models.CharField(max_length=20, blank=True)
    post_flagged_at = models.DateTimeField(_("Für den Postversand markiert"), null=True, blank=True)
    # A letter (channel "post") or a flagged decision once a caseworker marked it as posted
    # (first marking counts): it counts as notified on ``rules.notified_by_post_on``
    # (§ 37 Abs. 2 SGB X).
    posted_at = models.DateTimeField(_("Per Post versandt am"), null=True, blank=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Bescheid/Schreiben")
        verbose_name_plural = _("Bescheide/Schreiben")
        ordering = ["-sent_at", "-id"]
        indexes = [
            models.Index(
                fields=["channel", "retrieved_at", "post_flagged_at"], name="mailbox_dec_due_idx"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def notified_on(self):
        return notified_on(self.notice_sent_at) if self.notice_sent_at else None

    @property
    def notified_by_post_on(self):
        return notified_by_post_on(self.posted_at) if self.posted_at else None

    @property
    def goes_by_post(self) -> bool:
        """A letter (no consent) or a decision flagged because it was not retrieved in time."""
        return self.channel == self.Channel.POST or self.post_flagged_at is not None

    @property
    def counts_as_notified_on(self):
        """The day that counts (``rules.counts_as_notified_on``): what both sides are shown."""
        return counts_as_notified_on(
            notice_sent_at=self.notice_sent_at,
            post_flagged_at=self.post_flagged_at,
            posted_at=self.posted_at,
        )

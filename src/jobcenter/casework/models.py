"""Casework: cases (Vorgänge), customers and households, routing, document requests, messages.

- A **Case** is the back-office side of one submission (online or paper). It is opened by the
  submission hook inside the submitting transaction, so no submission is ever without a case.
  It copies the few applicant facts the inbox filters and searches by (name, birth date, numbers,
  postcode) from the answers once, so listing and searching a million cases never reads the
  answers JSON and needs no join (indexes below; bench/inbox_latency.py measures it).
- **Workflow**: ``Case.State`` and ``TRANSITIONS`` are the only allowed moves
  (services.case_transition refuses everything else); every change is a ``CaseEvent``.
- **Forwarding** (§ 16 SGB I): the case of the wrong Jobcenter ends as "weitergeleitet" and a new
  case of the competent one is opened for the same submission, with the original receipt time.
  At most one case per submission is not "weitergeleitet" (database constraint).
- **Protected cases** (§ 35 SGB I): cases of the Jobcenter's own employees and their relatives
  are visible only to the members of the Jobcenter's protected team
  (``CaseworkSettings.protected_team``); selectors.visible_cases applies the rule.
- **Customer** and **Household** (Bedarfsgemeinschaft, BG-Nummer) with members and roles; a case
  is linked to one customer and household after matching.
- **DocumentRequest** (Mitwirkungsaufforderung, §§ 60, 66 SGB I) with one item per missing
  document, a deadline and the legal notice; the citizen's upload answers an item
  (services.document_request_item_received — the seam for the documents app).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobcenter.casework.normalise import norm_name, phonetic


class CaseworkSettings(models.Model):
    """Per-Jobcenter settings of the back office (one row, created on first use)."""

    jobcenter = models.OneToOneField(
        "tenants.Jobcenter",
        on_delete=models.CASCADE,
        related_name="casework_settings",
        verbose_name=_("Jobcenter"),
    )
    document_deadline_days = models.PositiveIntegerField(
        _("Frist für Unterlagen (Tage)"),
        default=14,
        help_text=_("Vorschlag für die Frist einer Mitwirkungsaufforderung."),
    )
    reminder_days_before = models.PositiveIntegerField(
        _("Erinnerung (Tage vor Fristende)"), default=3
    )
    protected_team = models.ForeignKey(
        "accounts.Team",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Team für geschützte Fälle"),
        help_text=_(
            "Nur dieses Team sieht Fälle von Beschäftigten und ihren Angehörigen (§ 35 SGB I)."
        ),
    )

    class Meta:
        verbose_name = _("Einstellungen Sachbearbeitung")
        verbose_name_plural = _("Einstellungen Sachbearbeitung")

    def __str__(self) -> str:
        return str(self.jobcenter)


class RoutingRule(models.Model):
    """Assigns a new case to a team (and optionally a person) on arrival.

    Rules of a Jobcenter are tried by ``position``; the first that matches wins. ``surname``
    compares the first letters of the normalised surname with ``range_from``–``range_to``
    (inclusive, e.g. "a"–"k"), ``postcode`` the five-digit postcode, ``form`` the form key.
    """

    class Kind(models.TextChoices):
        SURNAME = "surname", _("Nachname (Anfangsbuchstaben)")
        POSTCODE = "postcode", _("Postleitzahl")
        FORM = "form", _("Formular")

    jobcenter = models.ForeignKey(
        "tenants.Jobcenter",
        on_delete=models.CASCADE,
        related_name="routing_rules",
        verbose_name=_("Jobcenter"),
    )
    position = models.PositiveIntegerField(_("Reihenfolge"), default=10)
    kind = models.CharField(_("Art"), max_length=10, choices=Kind.choices)
    range_from = models.CharField(_("von"), max_length=50)
    range_to = models.CharField(
        _("bis"), max_length=50, blank=True, help_text=_("Leer: genau der Wert „von“.")
    )
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.CASCADE, related_name="+", verbose_name=_("Team")
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Person"),
    )

    class Meta:
        verbose_name = _("Verteilregel")
        verbose_name_plural = _("Verteilregeln")
        ordering = ["jobcenter", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.range_from}–{self.range_to} → {self.team.name}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.team_id and self.jobcenter_id and self.team.jobcenter_id != self.jobcenter_id:
            raise ValidationError({"team": _("Das Team gehört zu einem anderen Jobcenter.")})
        profile = getattr(self.assignee, "staff_profile", None) if self.assignee_id else None
        if self.assignee_id and (profile is None or profile.jobcenter_id != self.jobcenter_id):
            raise ValidationError({"assignee": _("Die Person gehört nicht zu diesem Jobcenter.")})


class Customer(models.Model):
    """A person known to the Jobcenter (Kundin/Kunde)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    jobcenter = models.ForeignKey(
        "tenants.Jobcenter",
        on_delete=models.PROTECT,
        related_name="customers",
        verbose_name=_("Jobcenter"),
    )
    kundennummer = models.CharField(_("Kundennummer"), max_length=10, blank=True)
    first_name = models.CharField(_("Vorname"), max_length=100)
    last_name = models.CharField(_("Nachname"), max_length=100)
    last_name_norm = models.CharField(max_length=100, editable=False)
    first_name_norm = models.CharField(max_length=100, editable=False)
    # Kölner Phonetik of the surname: matching and the customer search find spelling variants
    # and typos ("Meier" for "Meyer") by this index.
    last_name_phon = models.CharField(max_length=100, editable=False, blank=True, default="")
    birth_date = models.DateField(_("Geburtsdatum"), null=True, blank=True)
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postcode = models.CharField(_("Postleitzahl"), max_length=5, blank=True)
    city = models.CharField(_("Ort"), max_length=100, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    # § 35 SGB I: an employee of this Jobcenter or a relative of one.
    is_protected = models.BooleanField(_("Beschäftigtenfall (geschützt)"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Kundin/Kunde")
        verbose_name_plural = _("Kundinnen und Kunden")
        constraints = [
            models.UniqueConstraint(
                fields=["jobcenter", "kundennummer"],
                condition=~Q(kundennummer=""),
                name="casework_customer_kdnr_unique",
            ),
        ]
        indexes = [
            models.Index(
                fields=["jobcenter", "last_name_norm", "birth_date"], name="casework_cust_name_idx"
            ),
            models.Index(fields=["jobcenter", "birth_date"], name="casework_cust_birth_idx"),
            models.Index(fields=["jobcenter", "postcode"], name="casework_cust_plz_idx"),
            models.Index(fields=["jobcenter", "last_name_phon"], name="casework_cust_phon_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def save(self, *args, **kwargs):
        self.last_name_norm = norm_name(self.last_name)
        self.first_name_norm = norm_name(self.first_name)
        self.last_name_phon = phonetic(self.last_name)
        super().save(*args, **kwargs)


class Household(models.Model):
    """A Bedarfsgemeinschaft (BG) with its BG-Nummer."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    jobcenter = models.ForeignKey(
        "tenants.Jobcenter",
        on_delete=models.PROTECT,
        related_name="households",
        verbose_name=_("Jobcenter"),
    )
    bg_nummer = models.CharField(_("BG-Nummer"), max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Bedarfsgemeinschaft")
        verbose_name_plural = _("Bedarfsgemeinschaften")
        constraints = [
            models.UniqueConstraint(
                fields=["jobcenter", "bg_nummer"],
                condition=~Q(bg_nummer=""),
                name="casework_household_bg_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.bg_nummer or str(_("BG ohne Nummer"))


class HouseholdMember(models.Model):
    class Role(models.TextChoices):
        ANTRAGSTELLER = "antragsteller", _("Antragstellende Person")
        PARTNER = "partner", _("Partnerin/Partner")
        KIND = "kind", _("Kind")
        SONSTIGE = "sonstige", _("Sonstige Person")

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="members")
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("Mitglied der BG")
        verbose_name_plural = _("Mitglieder der BG")
        constraints = [
            models.UniqueConstraint(
                fields=["household", "customer"], name="casework_member_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.customer} ({self.get_role_display()})"


# The states in which someone still has work on a case (selectors.OPEN_STATES, as enum members);
# the work queues' partial indexes cover these. Plain strings: Case.State does not exist yet here.
QUEUE_STATES = ("eingegangen", "in_bearbeitung", "unterlagen_angefordert", "vollstaendig")


class Case(models.Model):
    class State(models.TextChoices):
        EINGEGANGEN = "eingegangen", _("Eingegangen")
        IN_BEARBEITUNG = "in_bearbeitung", _("In Bearbeitung")
        UNTERLAGEN_ANGEFORDERT = "unterlagen_angefordert", _("Unterlagen angefordert")
        VOLLSTAENDIG = "vollstaendig", _("Vollständig")
        UEBERGEBEN = "uebergeben", _("Übergeben/erledigt")
        ZURUECKGEZOGEN = "zurueckgezogen", _("Zurückgezogen")
        WEITERGELEITET = "weitergeleitet", _("Weitergeleitet")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    jobcenter = models.ForeignKey(
        "tenants.Jobcenter",
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("Jobcenter"),
    )
    submission = models.ForeignKey(
        "intake.Submission",
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("Antrag"),
    )
    forwarded_from = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="forwarded_to"
    )
    state = models.CharField(
        _("Status"), max_length=30, choices=State.choices, default=State.EINGEGANGEN
    )
    team = models.ForeignKey(
        "accounts.Team",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("Team"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_cases",
        verbose_name=_("Bearbeitung"),
    )
    customer = models.ForeignKey(
        Customer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("Kundin/Kunde"),
    )
    household = models.ForeignKey(
        Household,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("Bedarfsgemeinschaft"),
    )
    is_protected = models.BooleanField(_("Geschützter Fall (§ 35 SGB I)"), default=False)
    # Protected by hand (case_set_protected). is_protected = protected_by_hand or a flagged
    # customer belongs to the case (services._protection_of keeps the two in step).
    protected_by_hand = models.BooleanField(_("Von Hand geschützt (§ 35 SGB I)"), default=False)
    # Copied from the submission at arrival (see the module docstring).
    reference = models.CharField(_("Eingangsnummer"), max_length=24, db_index=True)
    form_key = models.CharField(_("Formular"), max_length=50)
    channel = models.CharField(_("Eingangsweg"), max_length=20)
    received_at = models.DateTimeField(_("Eingegangen am"))  # the legal date, kept on forwarding
    first_name = models.CharField(_("Vorname"), max_length=100, blank=True)
    last_name = models.CharField(_("Nachname"), max_length=100, blank=True)
    last_name_norm = models.CharField(max_length=100, blank=True)
    birth_date = models.DateField(_("Geburtsdatum"), null=True, blank=True)
    bg_nummer = models.CharField(_("BG-Nummer"), max_length=20, blank=True)
    kundennummer = models.CharField(_("Kundennummer"), max_length=10, blank=True)
    postcode = models.CharField(_("Postleitzahl"), max_length=5, blank=True)
    # What a general message is about (forms' Role.TOPIC), for routing; "" for other forms.
    topic = models.CharField(_("Thema"), max_length=50, blank=True)
    # Keys of the form's case flags the answers met on arrival (forms.selectors.flags_shown).
    flags = models.JSONField(_("Hinweise"), default=list, blank=True)
    # One of them is urgent (``CaseFlag.urgent``): the inbox's "nur dringende" filters on it.
    urgent = models.BooleanField(_("Dringend"), default=False)
    # "Known" once linked to a customer, or when the numbers given match one on arrival.
    known_customer = models.BooleanField(_("Bekannte Kundin/bekannter Kunde"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    state_changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Vorgang")
        verbose_name_plural = _("Vorgänge")
        constraints = [
            models.UniqueConstraint(
                fields=["submission"],
                condition=~Q(state="weitergeleitet"),
                name="casework_one_open_case_per_submission",
            ),
        ]
        indexes = [
            models.Index(fields=["jobcenter", "-received_at", "-id"], name="casework_inbox_idx"),
            # "nur dringende": few rows, so a partial index keeps the filter cheap at any size.
            models.Index(
                fields=["jobcenter", "-received_at", "-id"],
                condition=Q(urgent=True),
                name="casework_inbox_urgent_idx",
            ),
            models.Index(
                fields=["jobcenter", "state", "-received_at", "-id"],
                name="casework_inbox_state_idx",
            ),
            models.Index(
                fields=["jobcenter", "assignee", "-received_at", "-id"],
                name="casework_inbox_assignee_idx",
            ),
            models.Index(
                fields=["jobcenter", "team", "-received_at", "-id"], name="casework_inbox_team_idx"
            ),
            # The work queues ("Meine Fälle", the team's) read open cases oldest first and stop
            # after a page: over the open cases only, so the walk does not pass years of closed
            # ones, and the planner does not sort a whole caseload (selectors.queue_entries).
            # The inbox's "mir zugewiesen" / team filters count their open cases (up to
            # INBOX_COUNT_LIMIT) from these too: with the state and the protection flag in the
            # index that count never reads the table (PostgreSQL; at 1 M cases it read 10,000
            # rows from the heap, docs/PERFORMANCE.md P5).
            models.Index(
                fields=["jobcenter", "assignee", "received_at", "id"],
                condition=Q(state__in=QUEUE_STATES),
                include=["state", "is_protected"],
                name="casework_queue_assignee_idx",
            ),
            models.Index(
                fields=["jobcenter", "team", "received_at", "id"],
                condition=Q(state__in=QUEUE_STATES),
                include=["state", "is_protected"],
                name="casework_queue_team_idx",
            ),
            models.Index(fields=["jobcenter", "last_name_norm", "id"], name="casework_name_idx"),
            # Equal birth date, newest first: the page stops after 50 rows, no sort.
            models.Index(
                fields=["jobcenter", "birth_date", "-received_at", "-id"],
                name="casework_birth_recv_idx",
            ),
            models.Index(fields=["jobcenter", "bg_nummer"], name="casework_bg_idx"),
            models.Index(fields=["jobcenter", "kundennummer"], name="casework_kdnr_idx"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def applicant_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_open(self) -> bool:
        return self.state not in TERMINAL


S = Case.State
TERMINAL = frozenset({S.UEBERGEBEN, S.ZURUECKGEZOGEN, S.WEITERGELEITET})
# The allowed moves; every other (from, to) is refused. Forwarding has its own service
# (it opens the new case), requesting documents too (it creates the request).
TRANSITIONS: dict[str, frozenset[str]] = {
    S.EINGEGANGEN: frozenset(
        {S.IN_BEARBEITUNG, S.UNTERLAGEN_ANGEFORDERT, S.ZURUECKGEZOGEN, S.WEITERGELEITET}
    ),
    S.IN_BEARBEITUNG: frozenset(
        {S.UNTERLAGEN_ANGEFORDERT, S.VOLLSTAENDIG, S.ZURUECKGEZOGEN, S.WEITERGELEITET}
    ),
    S.UNTERLAGEN_ANGEFORDERT: frozenset({S.IN_BEARBEITUNG, S.VOLLSTAENDIG, S.ZURUECKGEZOGEN}),
    S.VOLLSTAENDIG: frozenset({S.IN_BEARBEITUNG, S.UNTERLAGEN_ANGEFORDERT, S.UEBERGEBEN}),
    S.UEBERGEBEN: frozenset(),
    S.ZURUECKGEZOGEN: frozenset(),
    S.WEITERGELEITET: frozenset(),
}


class CaseEvent(models.Model):
    """One entry of a case's history: who did what when."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Eingegangen")
        ROUTED = "routed", _("Automatisch verteilt")
        STATE = "state", _("Status geändert")
        ASSIGNED = "assigned", _("Zugewiesen")
        LINKED = "linked", _("Kundin/Kunde zugeordnet")
        CUSTOMER_CREATED = "customer_created", _("Kundin/Kunde und BG angelegt")
        NOTE = "note", _("Notiz")
        REQUEST = "request", _("Unterlagen angefordert")
        DOCUMENT = "document", _("Unterlage eingegangen")
        REMINDER = "reminder", _("Erinnerung verschickt")
        FORWARDED = "forwarded", _("Weitergeleitet")
        MESSAGE = "message", _("Nachricht verschickt")
        PROTECTED = "protected", _("Schutz geändert")
        HANDOVER = "handover", _("Übergeben")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    from_state = models.CharField(max_length=30, blank=True)
    to_state = models.CharField(max_length=30, blank=True)
    text = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["case", "at"], name="casework_event_case_idx")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"

    @property
    def from_label(self) -> str:
        return Case.State(self.from_state).label if self.from_state in Case.State.values else ""

    @property
    def to_label(self) -> str:
        return Case.State(self.to_state).label if self.to_state in Case.State.values else ""


class Note(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("Notiz"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.text[:30]}"


class DocumentRequest(models.Model):
    """A Mitwirkungsaufforderung (§§ 60, 66 SGB I): missing documents, deadline, legal notice.

    The documents app lets the citizen upload against one of its items and then calls
    ``casework.services.document_request_item_received`` (the seam; see services.py).
    """

    class Status(models.TextChoices):
        OPEN = "open", _("offen")
        ANSWERED = "answered", _("beantwortet")
        CANCELLED = "cancelled", _("zurückgenommen")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="document_requests")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    deadline = models.DateField(_("Frist"))
    message = models.TextField(_("Nachricht an die Person"), blank=True, max_length=3000)
    legal_notice = models.TextField(_("Rechtsfolgenbelehrung"))
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    reminded_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Mitwirkungsaufforderung")
        verbose_name_plural = _("Mitwirkungsaufforderungen")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "deadline"], name="casework_req_due_idx")]

    def __str__(self) -> str:
        return f"{self.case} bis {self.deadline}"

    @property
    def is_overdue(self) -> bool:
        return self.status == self.Status.OPEN and self.deadline < timezone.localdate()


class DocumentRequestItem(models.Model):
    request = models.ForeignKey(DocumentRequest, on_delete=models.CASCADE, related_name="items")
    document_key = models.CharField(max_length=50)
    title = models.CharField(_("Unterlage"), max_length=200)
    reasons = models.CharField(max_length=300, blank=True)
    received_at = models.DateTimeField(null=True, blank=True)
    # Filled by the documents app: the id of the stored upload that answered this item.
    document_ref = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class Message(models.Model):
    """A message between the Jobcenter and the citizen about a case (shown in the mailbox)."""

    class Direction(models.TextChoices):
        TO_CITIZEN = "out", _("an die Person")
        FROM_CITIZEN = "in", _("von der Person")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="messages")
    direction = models.CharField(max_length=3, choices=Direction.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    subject = models.CharField(_("Betreff"), max_length=200)
    body = models.TextField(_("Nachricht"), max_length=5000)
    document_request = models.ForeignKey(
        DocumentRequest, on_delete=models.SET_NULL, null=True, blank=True, related_name="messages"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.subject

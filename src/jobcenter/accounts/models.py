"""Accounts of the two audiences, kept apart by ``User.kind``.

- **Citizens** log in with e-mail and password (``CitizenBackend``) or with a state account through
  OpenID Connect (``OidcIdentity`` keys the account on issuer + ``sub``). Their username is an
  internal random handle; the e-mail address is unique among citizens.
- **Staff** log in with a username, a password and always a TOTP code (django-otp). Each staff
  member belongs to exactly one Jobcenter (``StaffProfile.jobcenter``), to one or more ``Team``\\ s
  of it, and holds one or more ``Role``\\ s.
- ``UserSession`` records which sessions belong to whom, so logout, deactivation, deletion and
  "end other sessions" end them on the server.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    CITIZEN = "citizen", _("Bürgerin oder Bürger")
    STAFF = "staff", _("Mitarbeitende")
    # Only for the demo identity provider (development and tests): never logs in to the service.
    IDP_DEMO = "idp_demo", _("Demo-Identität (Test-IdP)")


class JobcenterUserManager(UserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        # A superuser is a platform operator; it logs in through the staff login (with TOTP).
        extra_fields.setdefault("kind", Kind.STAFF)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    kind = models.CharField(
        _("Art des Kontos"), max_length=10, choices=Kind.choices, default=Kind.CITIZEN
    )
    email_verified_at = models.DateTimeField(_("E-Mail bestätigt am"), null=True, blank=True)
    # The language the citizen chose last (switcher); e-mails and receipts follow it. Empty
    # until a choice is known; staff always work in German.
    language = models.CharField(_("Sprache"), max_length=10, blank=True, default="")

    objects = JobcenterUserManager()

    class Meta:
        verbose_name = _("Konto")
        verbose_name_plural = _("Konten")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=Q(kind="citizen") & ~Q(email=""),
                name="accounts_citizen_email_unique",
            ),
        ]

    @property
    def is_citizen(self) -> bool:
        return self.kind == Kind.CITIZEN

    @property
    def is_staff_member(self) -> bool:
        return self.kind == Kind.STAFF

    def __str__(self) -> str:
        if self.kind == Kind.CITIZEN:
            return self.email or self.get_full_name() or self.username
        return self.username


class Role(models.TextChoices):
    SACHBEARBEITUNG = "sachbearbeitung", _("Sachbearbeitung")
    TEAMLEITUNG = "teamleitung", _("Teamleitung")
    STATISTIK = "statistik", _("Statistik")
    ADMINISTRATION = "administration", _("Administration")


class Team(models.Model):
    jobcenter = models.ForeignKey(
        "tenants.Jobcenter",
        on_delete=models.PROTECT,
        related_name="teams",
        verbose_name=_("Jobcenter"),
    )
    name = models.CharField(_("Name"), max_length=100)

    class Meta:
        verbose_name = _("Team")
        verbose_name_plural = _("Teams")
        ordering = ["jobcenter", "name"]
        constraints = [
            models.UniqueConstraint(fields=["jobcenter", "name"], name="accounts_team_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.jobcenter.reference_prefix})"


class StaffProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="staff_profile",
        verbose_name=_("Konto"),
    )
    jobcenter = models.ForeignKey(
        "tenants.Jobcenter",
        on_delete=models.PROTECT,
        related_name="staff",
        verbose_name=_("Jobcenter"),
    )
    teams = models.ManyToManyField(
        Team, related_name="members", blank=True, verbose_name=_("Teams")
    )
    roles = models.JSONField(
        _("Rollen"), default=list, blank=True, help_text=_("Eine oder mehrere der festen Rollen.")
    )

    class Meta:
        verbose_name = _("Mitarbeiterprofil")
        verbose_name_plural = _("Mitarbeiterprofile")

    def __str__(self) -> str:
        return f"{self.user.username} ({self.jobcenter.reference_prefix})"

    def has_role(self, role: str) -> bool:
        return role in (self.roles or [])


class OidcIdentity(models.Model):
    """A state account (BundID, Land portal) linked to a citizen account: issuer + subject."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="oidc_identities",
    )
    issuer = models.CharField(max_length=300)
    subject = models.CharField(max_length=255)
    last_assurance_level = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_login_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Verknüpftes Servicekonto")
        verbose_name_plural = _("Verknüpfte Servicekonten")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="accounts_oidc_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.issuer} / {self.subject}"


class UserSession(models.Model):
    """One login session of a user, so it can be ended on the server."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="login_sessions",
    )
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField(null=True, blank=True)
    user_agent = models.CharField(max_length=200, blank=True)
    method = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%Y-%m-%d %H:%M})"


from jobcenter.accounts.passkey_models import Passkey  # noqa: E402, F401  (a model of this app)
from jobcenter.accounts.saml.models import SamlLoginRequest  # noqa: E402, F401  (registers the model)

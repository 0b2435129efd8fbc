"""The tenant: a Jobcenter (the authority that decides on the application).

One installation can serve many Jobcenters; every later model that holds personal data belongs to
exactly one of them. A Jobcenter is found from the applicant's postcode through its
``PostcodeRange`` rows, which must not overlap between Jobcenters.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# Paths at the top of the URL tree that a Jobcenter's slug must not shadow.
RESERVED_SLUGS = frozenset(
    {
        "admin",
        "static",
        "media",
        "healthz",
        "i18n",
        "impressum",
        "datenschutz",
        "barrierefreiheit",
        "api",
        "backoffice",
        "konto",
        "demo-idp",
        "account",
        "finden",
    }
)

postcode_validator = RegexValidator(
    r"^\d{5}$", _("Bitte geben Sie eine fünfstellige Postleitzahl an.")
)
prefix_validator = RegexValidator(r"^[A-Z]{2,4}$", _("Zwei bis vier Großbuchstaben, z. B. MK."))


class Jobcenter(models.Model):
    slug = models.SlugField(
        _("Kurzname in der Adresse"),
        unique=True,
        max_length=50,
        help_text=_("Erscheint in der Internetadresse, z. B. /musterkreis/."),
    )
    name = models.CharField(_("Name"), max_length=200)
    reference_prefix = models.CharField(
        _("Kürzel für Aktenzeichen"),
        max_length=4,
        unique=True,
        validators=[prefix_validator],
        help_text=_("Steht vor jeder Eingangsnummer, z. B. MK-2026-004711-7."),
    )
    street = models.CharField(_("Straße und Hausnummer"), max_length=200)
    postcode = models.CharField(_("Postleitzahl"), max_length=5, validators=[postcode_validator])
    city = models.CharField(_("Ort"), max_length=100)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    website = models.URLField(_("Internetseite"), blank=True)
    opening_hours = models.TextField(_("Öffnungszeiten"), blank=True)
    logo = models.ImageField(_("Logo"), upload_to="jobcenter-logos/", blank=True)
    represented_by = models.CharField(
        _("Vertreten durch"),
        max_length=200,
        blank=True,
        help_text=_("Für das Impressum, z. B. die Geschäftsführung."),
    )
    dpo_email = models.EmailField(_("E-Mail der/des Datenschutzbeauftragten"), blank=True)
    supervisory_authority = models.TextField(
        _("Aufsichtsbehörde (Datenschutz)"),
        blank=True,
    )
    accessibility_contact = models.EmailField(
        _("Kontakt für Barrieren"),
        blank=True,
        help_text=_("Wohin Menschen Barrieren melden können (Feedback-Mechanismus nach BITV 2.0)."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Jobcenter")
        verbose_name_plural = _("Jobcenter")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("Dieser Kurzname ist reserviert.")})


class PostcodeRange(models.Model):
    """An inclusive range of postcodes a Jobcenter is competent for (§ 36 SGB II)."""

    jobcenter = models.ForeignKey(
        Jobcenter, on_delete=models.CASCADE, related_name="postcode_ranges"
    )
    first = models.CharField(_("von PLZ"), max_length=5, validators=[postcode_validator])
    last = models.CharField(_("bis PLZ"), max_length=5, validators=[postcode_validator])

    class Meta:
        verbose_name = _("Postleitzahlenbereich")
        verbose_name_plural = _("Postleitzahlenbereiche")
        ordering = ["first"]
        indexes = [models.Index(fields=["first", "last"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(first__lte=models.F("last")), name="postcode_range_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first}–{self.last}"

    def clean(self) -> None:
        if self.first and self.last and self.first > self.last:
            raise ValidationError(_("Der Bereich muss mit der kleineren Postleitzahl beginnen."))
        overlapping = PostcodeRange.objects.filter(first__lte=self.last, last__gte=self.first)
        if self.pk:
            overlapping = overlapping.exclude(pk=self.pk)
        clash = overlapping.select_related("jobcenter").first()
        if clash:
            raise ValidationError(
                _("Überschneidet sich mit %(range)s von %(jobcenter)s.")
                % {"range": clash, "jobcenter": clash.jobcenter}
            )

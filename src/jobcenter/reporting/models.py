"""Reporting: the monthly summary the statistics page reads (docs/DECISIONS.md "Statistics").

The history figures (applications per channel, processing times) are aggregated from the
cases and their events by ``services.summary_rebuild`` — nightly (``manage.py
build_statistics``) or on request from the page — into two small tables with one row per
Jobcenter, month, form (and channel or milestone). The page then reads a few hundred rows
instead of scanning a million cases. Figures of "now" (backlog, overdue requests, online-form
completion) are counted live: they are small, indexed reads.

The rows hold only counts and durations, never a person.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

ALL_FORMS = ""  # form_key of the rows that count every form together


class ChannelMonth(models.Model):
    """Applications received in a month (receipt date, local time) per form and channel."""

    jobcenter = models.ForeignKey(
        "tenants.Jobcenter", on_delete=models.CASCADE, related_name="+", verbose_name=_("Jobcenter")
    )
    month = models.DateField(_("Monat"))  # the first day of the month
    form_key = models.CharField(_("Formular"), max_length=50)
    channel = models.CharField(_("Eingangsweg"), max_length=20)
    count = models.PositiveIntegerField(_("Anzahl"))
    built_at = models.DateTimeField(_("Berechnet am"))

    class Meta:
        verbose_name = _("Eingänge je Monat")
        verbose_name_plural = _("Eingänge je Monat")
        constraints = [
            models.UniqueConstraint(
                fields=["jobcenter", "month", "form_key", "channel"],
                name="reporting_channelmonth_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.form_key} {self.channel}: {self.count}"


class DurationMonth(models.Model):
    """Processing time of the cases that reached a milestone in a month (per form and all).

    ``milestone`` is the state reached for the first time ("vollstaendig", "uebergeben");
    the duration runs from the receipt time of the application to that event. ``form_key``
    ``ALL_FORMS`` holds the figures over every form (percentiles cannot be added up).
    """

    jobcenter = models.ForeignKey(
        "tenants.Jobcenter", on_delete=models.CASCADE, related_name="+", verbose_name=_("Jobcenter")
    )
    month = models.DateField(_("Monat"))
    form_key = models.CharField(_("Formular"), max_length=50, blank=True)
    milestone = models.CharField(_("Meilenstein"), max_length=30)
    count = models.PositiveIntegerField(_("Anzahl"))
    median_days = models.FloatField(_("Median (Tage)"))
    p90_days = models.FloatField(_("90. Perzentil (Tage)"))
    built_at = models.DateTimeField(_("Berechnet am"))

    class Meta:
        verbose_name = _("Bearbeitungszeit je Monat")
        verbose_name_plural = _("Bearbeitungszeiten je Monat")
        constraints = [
            models.UniqueConstraint(
                fields=["jobcenter", "month", "form_key", "milestone"],
                name="reporting_durationmonth_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.form_key or '*'} {self.milestone}: {self.median_days}"

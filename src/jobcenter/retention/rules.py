"""The retention categories: what each covers, from which event its period counts, the default
rule with its legal basis, which actions are allowed, and the limits a Jobcenter's own rule must
stay within. docs/RETENTION.md is the same table in words; keep the two in step.

A period is a number of days, months or years. An item is due on the calendar day (Europe/Berlin)
``anchor day + period`` — from the start of that day, never before. A month or year added to the
31st (or 29 February) lands on the last day of the shorter month.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DELETE, ANONYMISE, RESTRICT = "delete", "anonymise", "restrict"
ACTIONS = [
    (DELETE, _("löschen")),
    (ANONYMISE, _("anonymisieren")),
    (RESTRICT, _("einschränken (§ 84 SGB X)")),
]
DAYS, MONTHS, YEARS = "days", "months", "years"
UNITS = [(DAYS, _("Tage")), (MONTHS, _("Monate")), (YEARS, _("Jahre"))]


@dataclass(frozen=True)
class Period:
    value: int
    unit: str

    def approx_days(self) -> int:
        return self.value * {DAYS: 1, MONTHS: 30, YEARS: 365}[self.unit]

    def add_to(self, day: dt.date) -> dt.date:
        if self.unit == DAYS:
            return day + dt.timedelta(days=self.value)
        months = self.value * (12 if self.unit == YEARS else 1)
        return _add_months(day, months)

    def subtract_from(self, day: dt.date) -> dt.date:
        """The latest anchor day that is due on ``day`` (inverse of ``add_to``)."""
        if self.unit == DAYS:
            return day - dt.timedelta(days=self.value)
        months = self.value * (12 if self.unit == YEARS else 1)
        back = _add_months(day, -months)
        # 31 March − 1 month = 28/29 February; every anchor day up to the month's end whose
        # due day (clamped) is ``day`` or earlier is due as well.
        last = calendar.monthrange(back.year, back.month)[1]
        if day.day == calendar.monthrange(day.year, day.month)[1]:
            back = back.replace(day=last)
        return back

    def __str__(self) -> str:
        label = {DAYS: _("Tage"), MONTHS: _("Monate"), YEARS: _("Jahre")}[self.unit]
        return f"{self.value} {label}"


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def cutoff(period: Period, now: dt.datetime) -> dt.datetime:
    """Everything whose anchor lies before the returned moment is due at ``now``."""
    today = timezone.localdate(now)
    latest_anchor_day = period.subtract_from(today)
    start = dt.datetime.combine(latest_anchor_day + dt.timedelta(days=1), dt.time.min)
    return timezone.make_aware(start)


@dataclass(frozen=True)
class Category:
    key: str
    label: str
    anchor: str
    default: Period
    default_action: str
    actions: tuple[str, ...]
    minimum: Period
    maximum: Period
    basis: str
    per_jobcenter: bool = True


CATEGORIES: dict[str, Category] = {
    c.key: c
    for c in [
        Category(
            "draft",
            _("Entwurf (nicht abgeschickt)"),
            _("letzte Speicherung"),
            Period(30, DAYS),
            DELETE,
            (DELETE,),
            Period(1, DAYS),
            Period(90, DAYS),
            _("Art. 5 Abs. 1 lit. e DSGVO; noch kein Antrag, nur so lange wie zum Ausfüllen nötig"),
        ),
        Category(
            "draft_secured",
            _("Fortsetzung eines gesicherten Antrags (nicht abgeschickt)"),
            _("letzte Speicherung"),
            Period(30, DAYS),
            DELETE,
            (DELETE,),
            Period(1, DAYS),
            Period(180, DAYS),
            _("Art. 5 Abs. 1 lit. e DSGVO; der gesicherte Antrag selbst bleibt als Vorgang"),
        ),
        Category(
            "case",
            _("Vorgang mit Antrag, Eingangsbestätigung, Unterlagen, Nachrichten"),
            _("Abschluss des Vorgangs"),
            Period(10, YEARS),
            DELETE,
            (DELETE, RESTRICT),
            Period(5, YEARS),
            Period(30, YEARS),
            _(
                "Aktenplan SGB II: 10 Jahre nach Abschluss, abgeleitet aus der Frist von 10 "
                "Jahren für die Rücknahme einer rechtswidrigen Bewilligung (§ 45 Abs. 3 Satz 3 "
                "SGB X i. V. m. § 40 Abs. 1 SGB II) und der VV-ZBR BHO; § 84 SGB X: "
                "Einschränkung statt Löschung"
            ),
        ),
        Category(
            "submission",
            _("Antworten eines übergebenen Antrags"),
            _("Übergabe bestätigt"),
            Period(10, YEARS),
            ANONYMISE,
            (ANONYMISE,),
            Period(30, DAYS),
            Period(30, YEARS),
            _("§ 84 Abs. 2 SGB X; nach bestätigter Übergabe führt die Fachanwendung die Akte"),
        ),
        Category(
            "document",
            _("Unterlage (je Art einstellbar)"),
            _("Abschluss des Vorgangs"),
            Period(10, YEARS),
            DELETE,
            (DELETE,),
            Period(1, YEARS),
            Period(30, YEARS),
            _("Aktenplan SGB II; BSG 14.05.2020, B 14 AS 7/19 R (Kontoauszüge)"),
        ),
        Category(
            "message",
            _("Nachricht"),
            _("Abschluss des Vorgangs"),
            Period(10, YEARS),
            DELETE,
            (DELETE,),
            Period(1, YEARS),
            Period(30, YEARS),
            _("Teil der Akte: Aktenplan SGB II"),
        ),
        Category(
            "customer",
            _("Kundin/Kunde"),
            _("Anlage, frühestens wenn kein Vorgang mehr auf sie verweist"),
            Period(10, YEARS),
            DELETE,
            (DELETE, ANONYMISE),
            Period(1, YEARS),
            Period(30, YEARS),
            _("Art. 17 DSGVO, § 84 SGB X: ohne Vorgang kein Zweck mehr"),
        ),
        Category(
            "household",
            _("Bedarfsgemeinschaft"),
            _("Anlage, frühestens wenn kein Vorgang mehr auf sie verweist"),
            Period(10, YEARS),
            DELETE,
            (DELETE,),
            Period(1, YEARS),
            Period(30, YEARS),
            _("Art. 17 DSGVO, § 84 SGB X: ohne Vorgang kein Zweck mehr"),
        ),
        Category(
            "bundle",
            _("Dateien eines Übergabepakets"),
            _("Übergabe bestätigt"),
            Period(90, DAYS),
            DELETE,
            (DELETE,),
            Period(7, DAYS),
            Period(10, YEARS),
            _("Kopie für die Übergabe; die Akte führt danach die Fachanwendung"),
        ),
        Category(
            "audit",
            _("Protokolleintrag"),
            _("Zeitpunkt des Eintrags"),
            Period(2, YEARS),
            DELETE,
            (DELETE,),
            Period(1, YEARS),
            Period(10, YEARS),
            _(
                "Art. 5 Abs. 2, Art. 32 DSGVO (Nachweis); Festlegung des Projekts, mit der/dem "
                "Datenschutzbeauftragten abzustimmen"
            ),
        ),
        Category(
            "outbox",
            _("Erledigte Hintergrundaufgaben (E-Mail-Versand, Belege, Übergabe)"),
            _("Erledigung"),
            Period(30, DAYS),
            DELETE,
            (DELETE,),
            Period(30, DAYS),
            Period(30, DAYS),
            _("Art. 5 Abs. 1 lit. c und e DSGVO; nur für die Fehlersuche"),
            per_jobcenter=False,
        ),
    ]
}

ORDER = [
    "draft",
    "draft_secured",
    "message",
    "document",
    "submission",
    "bundle",
    "case",
    "customer",
    "household",
    "outbox",
    "audit",
]

"""The statistics page as tables and charts: one shape for the HTML page and the CSV export.

``build_report`` calls the selectors once each and turns their figures into ``Table``\\ s (every
cell a finished German-formatted string, the first cell of a row its header) and SVG charts.
The page shows each chart followed by its table; ``/export/<key>.csv`` writes the same table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from jobcenter.casework.models import Case
from jobcenter.forms import selectors as forms
from jobcenter.reporting import charts, selectors
from jobcenter.reporting.models import ALL_FORMS

DASH = "–"


@dataclass
class Table:
    key: str
    caption: str
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)
    chart: str = ""
    note: str = ""
    detail: bool = False  # long: shown folded (a <details>, no JavaScript)


def form_label(form_key: str) -> str:
    if form_key == ALL_FORMS:
        return _("Alle Formulare")
    definition = forms.latest(form_key)
    return str(definition.title) if definition else form_key


def short_label(form_key: str) -> str:
    """Short names for chart axes and legends (the tables use the full titles)."""
    names = {
        ALL_FORMS: _("Alle"),
        "erstantrag": _("Erstantrag"),
        "antrag_gesichert": _("Datum gesichert"),
        "wba": _("WBA"),
        "aenderung": _("Änderung"),
    }
    if form_key in names:
        return str(names[form_key])
    definition = forms.latest(form_key)
    return str(definition.short_title or definition.title) if definition else form_key


def page_label(form_key: str, form_version: str, page_key: str) -> str:
    definition = forms.get(f"{form_key}@{form_version}")
    if definition is None or not page_key:
        return page_key or DASH
    page = definition.page(page_key) or definition.page(page_key.rsplit("-", 1)[0])
    return f"{page.title} ({page_key})" if page is not None else page_key


def num(value, decimals: int = 0) -> str:
    if value is None:
        return DASH
    return number_format(round(value, decimals), decimal_pos=decimals)


def pct(value) -> str:
    return DASH if value is None else f"{num(value, 1)} %"


def signed(value) -> str:
    if value is None:
        return DASH
    return ("+" if value > 0 else "") + num(value, 1)


def month_label(month: dt.date) -> str:
    return date_format(month, "m/Y")


def _short_month(month: dt.date) -> str:
    return date_format(month, "m/y")


def build_report(
    *,
    jobcenter,
    first: dt.date,
    last: dt.date,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
) -> dict:
    months = selectors.months_between(first, last)
    ticks = [_short_month(m) for m in months]
    period = f"{month_label(months[0])}–{month_label(months[-1])}"
    tables: list[Table] = []

    # --- applications per channel ---
    channel = selectors.channel_by_month(jobcenter=jobcenter, first=first, last=last)
    overall, per_form = channel[-1], channel[:-1]
    t = Table(
        "eingaenge",
        _("Eingänge je Monat, alle Formulare (%(period)s)") % {"period": period},
        [_("Monat"), _("Online"), _("Papier"), _("Gesamt"), _("Online-Anteil")],
    )
    for m in months:
        c = overall.cells[m]
        t.rows.append([month_label(m), num(c.online), num(c.paper), num(c.total), pct(c.share)])
    c = overall.total
    t.rows.append([_("Summe"), num(c.online), num(c.paper), num(c.total), pct(c.share)])
    peak = max(months, key=lambda m: overall.cells[m].total)
    t.chart = charts.stacked_bars(
        chart_id="ch-eingaenge",
        title=t.caption,
        desc=_(
            "Gestapelte Säulen je Monat: online (dunkel) und auf Papier (hell) eingegangene "
            "Anträge. Insgesamt %(total)s, davon %(share)s online; die meisten im Monat "
            "%(peak)s."
        )
        % {"total": num(c.total), "share": pct(c.share), "peak": month_label(peak)},
        categories=ticks,
        series=[
            charts.Series(_("Online"), [overall.cells[m].online for m in months]),
            charts.Series(_("Papier"), [overall.cells[m].paper for m in months]),
        ],
    )
    tables.append(t)

    share_series = [*per_form, overall]
    t = Table(
        "anteil",
        _("Online-Anteil je Formular und Monat (%(period)s)") % {"period": period},
        [_("Monat")] + [form_label(s.form_key) for s in share_series],
    )
    for m in months:
        t.rows.append([month_label(m)] + [pct(s.cells[m].share) for s in share_series])
    trends = ", ".join(f"{form_label(s.form_key)}: {signed(s.trend)}" for s in share_series)
    t.chart = charts.lines(
        chart_id="ch-anteil",
        title=t.caption,
        top=100,
        unit=" %",
        desc=_(
            "Linien: Anteil der online eingegangenen Anträge je Formular in Prozent; Monate "
            "ohne Eingang haben keinen Punkt. Veränderung vom ersten zum letzten Monat mit "
            "Daten in Prozentpunkten: %(trends)s."
        )
        % {"trends": trends},
        categories=ticks,
        series=[
            charts.Series(short_label(s.form_key), [s.cells[m].share for m in months])
            for s in share_series
        ],
    )
    tables.append(t)

    t = Table(
        "trend",
        _("Eingangsweg je Formular im Zeitraum (%(period)s)") % {"period": period},
        [
            _("Formular"),
            _("Online"),
            _("Papier"),
            _("Gesamt"),
            _("Online-Anteil"),
            _("Anteil im ersten Monat mit Daten"),
            _("Anteil im letzten Monat mit Daten"),
            _("Trend (Prozentpunkte)"),
        ],
    )
    for s in share_series:
        shares = [s.cells[m].share for m in months if s.cells[m].share is not None]
        total = s.total
        t.rows.append(
            [
                form_label(s.form_key),
                num(total.online),
                num(total.paper),
                num(total.total),
                pct(total.share),
                pct(shares[0] if shares else None),
                pct(shares[-1] if shares else None),
                signed(s.trend),
            ]
        )
    tables.append(t)

    t = Table(
        "formulare",
        _("Eingänge je Formular und Monat (%(period)s)") % {"period": period},
        [_("Formular"), _("Monat"), _("Online"), _("Papier"), _("Gesamt"), _("Online-Anteil")],
        detail=True,
    )
    for s in per_form:
        for m in months:
            c = s.cells[m]
            t.rows.append(
                [
                    form_label(s.form_key),
                    month_label(m),
                    num(c.online),
                    num(c.paper),
                    num(c.total),
                    pct(c.share),
                ]
            )
    tables.append(t)

    # --- processing time ---
    durations = selectors.durations_by_month(jobcenter=jobcenter, first=first, last=last)
    all_forms = {s.milestone: s for s in durations if s.form_key == ALL_FORMS}
    done, handed = all_forms[Case.State.VOLLSTAENDIG], all_forms[Case.State.UEBERGEBEN]
    t = Table(
        "bearbeitung",
        _("Bearbeitungszeit in Tagen ab Eingang, alle Formulare (%(period)s)") % {"period": period},
        [
            _("Monat"),
            _("vollständig: Anzahl"),
            _("vollständig: Median"),
            _("vollständig: 90. Perzentil"),
            _("übergeben: Anzahl"),
            _("übergeben: Median"),
            _("übergeben: 90. Perzentil"),
        ],
    )
    for m in months:
        a, b = done.cells[m], handed.cells[m]
        t.rows.append(
            [
                month_label(m),
                num(a.count),
                num(a.median_days, 1),
                num(a.p90_days, 1),
                num(b.count),
                num(b.median_days, 1),
                num(b.p90_days, 1),
            ]
        )
    t.chart = charts.lines(
        chart_id="ch-bearbeitung",
        title=t.caption,
        unit="",
        decimals=0,
        desc=_(
            "Linien je Monat, in dem die Fälle den Stand erreichten: Median und "
            "90. Perzentil der Tage vom Eingang bis „vollständig“ und bis „übergeben“. "
            "Monate ohne solche Fälle haben keinen Punkt."
        ),
        categories=ticks,
        series=[
            charts.Series(_("vollständig, Median"), [done.cells[m].median_days for m in months]),
            charts.Series(
                _("vollständig, 90. Perzentil"), [done.cells[m].p90_days for m in months]
            ),
            charts.Series(_("übergeben, Median"), [handed.cells[m].median_days for m in months]),
            charts.Series(
                _("übergeben, 90. Perzentil"), [handed.cells[m].p90_days for m in months]
            ),
        ],
    )
    tables.append(t)

    t = Table(
        "bearbeitung_formular",
        _("Bearbeitungszeit in Tagen je Formular und Monat (%(period)s)") % {"period": period},
        [
            _("Formular"),
            _("erreichter Stand"),
            _("Monat"),
            _("Anzahl"),
            _("Median"),
            _("90. Perzentil"),
        ],
        detail=True,
    )
    for s in durations:
        if s.form_key == ALL_FORMS:
            continue
        for m in months:
            cell = s.cells[m]
            t.rows.append(
                [
                    form_label(s.form_key),
                    str(Case.State(s.milestone).label),
                    month_label(m),
                    num(cell.count),
                    num(cell.median_days, 1),
                    num(cell.p90_days, 1),
                ]
            )
    tables.append(t)

    # --- backlog and overdue requests ---
    backlog = selectors.backlog(jobcenter=jobcenter, today=today)
    t = Table(
        "rueckstand",
        _("Offene Vorgänge nach Alter in Tagen seit Eingang und Status"),
        [_("Status")]
        + [_("%(band)s Tage") % {"band": b} for b in backlog["bands"]]
        + [_("Gesamt")],
    )
    # Said on the page and its printout, so the sum can be checked against the inbox.
    t.note = _(
        "Alle offenen Vorgänge des Jobcenters, wie sie der Posteingang unter „alle offenen“ "
        "zählt. Geschützte Vorgänge (§ 35 SGB I) sind mitgezählt; im Posteingang sieht sie "
        "nur das zuständige Team."
    )
    for row in backlog["rows"]:
        t.rows.append([str(row["label"])] + [num(v) for v in row["counts"]] + [num(row["total"])])
    t.rows.append([_("Summe")] + [num(v) for v in backlog["totals"]] + [num(backlog["total"])])
    t.chart = charts.stacked_bars(
        chart_id="ch-rueckstand",
        title=t.caption,
        desc=_(
            "Gestapelte Säulen je Altersgruppe (Tage seit Eingang), nach Status. "
            "Insgesamt %(total)s offene Vorgänge."
        )
        % {"total": num(backlog["total"])},
        categories=[_("%(band)s Tage") % {"band": b} for b in backlog["bands"]],
        series=[charts.Series(str(row["label"]), row["counts"]) for row in backlog["rows"]],
    )
    tables.append(t)

    overdue = selectors.overdue_requests(jobcenter=jobcenter, today=today)
    t = Table(
        "fristen",
        _("Überfällige Unterlagen-Anforderungen nach Tagen über der Frist"),
        [_("Formular")]
        + [_("%(band)s Tage") % {"band": b} for b in overdue["bands"]]
        + [_("Gesamt")],
    )
    for row in overdue["rows"]:
        t.rows.append(
            [form_label(row["form_key"])] + [num(v) for v in row["counts"]] + [num(row["total"])]
        )
    t.rows.append([_("Summe")] + [num(v) for v in overdue["totals"]] + [num(overdue["total"])])
    tables.append(t)

    # --- completion of the online forms ---
    completion = selectors.completion(jobcenter=jobcenter, now=now)
    window = {"days": completion["window_days"], "stale": completion["abandoned_after_days"]}
    t = Table(
        "abschluss",
        _("Online-Formulare: begonnen und abgesendet (letzte %(days)s Tage)") % window,
        [
            _("Formular"),
            _("begonnen"),
            _("abgesendet"),
            _("Abschlussquote"),
            _("verlassen"),
            _("in Arbeit"),
            _("Median Minuten bis Absenden"),
            _("90. Perzentil Minuten"),
        ],
    )
    for row in completion["rows"]:
        t.rows.append(
            [
                form_label(row["form_key"]),
                num(row["started"]),
                num(row["submitted"]),
                pct(row["rate"]),
                num(row["abandoned"]),
                num(row["in_progress"]),
                num(row["median_minutes"], 1),
                num(row["p90_minutes"], 1),
            ]
        )
    t.note = (
        _(
            "Gezählt werden Entwürfe, die in den letzten %(days)s Tagen begonnen wurden "
            "(ältere löscht die Aufbewahrungsregel). Ein Entwurf beginnt mit der ersten "
            "gespeicherten Seite mit einer Frage; „verlassen“: nicht abgesendet und seit "
            "%(stale)s Tagen unverändert."
        )
        % window
    )
    t.chart = charts.stacked_bars(
        chart_id="ch-abschluss",
        title=t.caption,
        desc=_(
            "Gestapelte Säulen je Formular: abgesendete, verlassene und noch in Arbeit "
            "befindliche Entwürfe."
        ),
        categories=[short_label(r["form_key"]) for r in completion["rows"]],
        series=[
            charts.Series(_("abgesendet"), [r["submitted"] for r in completion["rows"]]),
            charts.Series(_("verlassen"), [r["abandoned"] for r in completion["rows"]]),
            charts.Series(_("in Arbeit"), [r["in_progress"] for r in completion["rows"]]),
        ],
    )
    tables.append(t)

    t = Table(
        "abbrueche",
        _("Seiten, auf denen verlassene Entwürfe zuletzt gespeichert wurden"),
        [_("Formular"), _("Zuletzt gespeicherte Seite"), _("Anzahl")],
    )
    for row in completion["leave_pages"]:
        t.rows.append(
            [
                form_label(row["form_key"]),
                page_label(row["form_key"], row["form_version"], row["current_page"]),
                num(row["n"]),
            ]
        )
    tables.append(t)

    return {
        "tables": {t.key: t for t in tables},
        "period": period,
        "built_at": selectors.summary_built_at(jobcenter=jobcenter),
    }


TABLE_KEYS = (
    "eingaenge",
    "anteil",
    "trend",
    "formulare",
    "bearbeitung",
    "bearbeitung_formular",
    "rueckstand",
    "fristen",
    "abschluss",
    "abbrueche",
)

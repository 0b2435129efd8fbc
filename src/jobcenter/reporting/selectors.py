"""Reads of the reporting app: every figure of the statistics page, for one Jobcenter.

History (per month of a period): applications per form and channel, processing times — read
from the monthly summary (models.py; built by services.summary_rebuild). Now: open backlog by
age band and state, overdue document requests, completion of the online forms — counted live
with one GROUP BY each. Every function takes the Jobcenter explicitly; the view passes the
staff member's own, so another Jobcenter's rows are never read. Only counts leave here.

Definitions (docs/STATISTICS.md has them for readers):
- an application is a case of this Jobcenter that was not forwarded to another one, counted in
  the month of its receipt time (Europe/Berlin);
- processing time runs from the receipt time to the first time a case reached "vollständig"
  or "übergeben", counted in the month it reached that state (median, 90th percentile);
- the backlog is every open case, aged in whole days since receipt;
- a document request is overdue when it is open and its deadline lies before today;
- completion counts the drafts started in the last ``DRAFT_EXPIRY_DAYS`` days (older drafts
  are deleted by the retention rule, so a longer window would undercount the abandoned ones).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import (
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Max,
    OuterRef,
    Q,
    Subquery,
)
from django.utils import timezone

from jobcenter.casework.models import TERMINAL, Case, DocumentRequest
from jobcenter.intake.models import Draft, Submission
from jobcenter.reporting import percentiles
from jobcenter.reporting.models import ALL_FORMS, ChannelMonth, DurationMonth
from jobcenter.reporting.services import MILESTONES

AGE_BANDS = ((0, 7), (8, 14), (15, 30), (31, 60), (61, None))  # days since receipt, inclusive
OVERDUE_BANDS = ((1, 7), (8, 14), (15, None))  # days past the deadline
ABANDONED_AFTER_DAYS = 7
CHANNELS = (Submission.CHANNEL_ONLINE, Submission.CHANNEL_PAPER)
OPEN_STATES = [s for s in Case.State.values if s not in TERMINAL]


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(month: dt.date, n: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    months, month = [], month_start(first)
    while month <= last:
        months.append(month)
        month = add_months(month, 1)
    return months


def default_period(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The last twelve months including the current one."""
    last = month_start(today or timezone.localdate())
    return add_months(last, -11), last


# --- applications per channel ----------------------------------------------------------------


@dataclass
class ChannelCell:
    online: int = 0
    paper: int = 0

    @property
    def total(self) -> int:
        return self.online + self.paper

    @property
    def share(self) -> float | None:
        """Online share in percent; None for a month without applications."""
        return 100.0 * self.online / self.total if self.total else None


@dataclass
class ChannelSeries:
    form_key: str  # ALL_FORMS for the sum over all forms
    cells: dict[dt.date, ChannelCell] = field(default_factory=dict)

    @property
    def total(self) -> ChannelCell:
        return ChannelCell(
            sum(c.online for c in self.cells.values()), sum(c.paper for c in self.cells.values())
        )

    @property
    def trend(self) -> float | None:
        """Change of the online share in percentage points, first to last month with data."""
        shares = [c.share for c in self.cells.values() if c.share is not None]
        return shares[-1] - shares[0] if len(shares) >= 2 else None


def channel_by_month(*, jobcenter, first: dt.date, last: dt.date) -> list[ChannelSeries]:
    """One series per form that has applications in the period, then the sum of all forms."""
    months = months_between(first, last)
    by_form: dict[str, ChannelSeries] = {}
    overall = ChannelSeries(ALL_FORMS, {m: ChannelCell() for m in months})
    rows = ChannelMonth.objects.filter(
        jobcenter=jobcenter, month__gte=months[0], month__lte=months[-1]
    ).values_list("month", "form_key", "channel", "count")
    for month, form_key, channel, count in rows:
        series = by_form.setdefault(
            form_key, ChannelSeries(form_key, {m: ChannelCell() for m in months})
        )
        name = "online" if channel == Submission.CHANNEL_ONLINE else "paper"
        for cell in (series.cells[month], overall.cells[month]):
            setattr(cell, name, getattr(cell, name) + count)
    return [by_form[k] for k in sorted(by_form)] + [overall]


# --- processing time -------------------------------------------------------------------------


@dataclass
class DurationCell:
    count: int = 0
    median_days: float | None = None
    p90_days: float | None = None


@dataclass
class DurationSeries:
    form_key: str
    milestone: str
    cells: dict[dt.date, DurationCell] = field(default_factory=dict)


def durations_by_month(*, jobcenter, first: dt.date, last: dt.date) -> list[DurationSeries]:
    """Per milestone: one series per form with data in the period, then all forms."""
    months = months_between(first, last)
    series: dict[tuple[str, str], DurationSeries] = {}
    for milestone in MILESTONES:
        series[(milestone, ALL_FORMS)] = DurationSeries(
            ALL_FORMS, milestone, {m: DurationCell() for m in months}
        )
    rows = DurationMonth.objects.filter(
        jobcenter=jobcenter, month__gte=months[0], month__lte=months[-1]
    )
    for row in rows:
        key = (row.milestone, row.form_key)
        if key not in series:
            series[key] = DurationSeries(
                row.form_key, row.milestone, {m: DurationCell() for m in months}
            )
        series[key].cells[row.month] = DurationCell(row.count, row.median_days, row.p90_days)
    order = {m: i for i, m in enumerate(MILESTONES)}
    return sorted(
        series.values(), key=lambda s: (order[s.milestone], s.form_key == ALL_FORMS, s.form_key)
    )


def summary_built_at(*, jobcenter) -> dt.datetime | None:
    return ChannelMonth.objects.filter(jobcenter=jobcenter).aggregate(at=Max("built_at"))["at"]


# --- backlog and overdue requests (now) ------------------------------------------------------


def _band_label(lo: int, hi: int | None) -> str:
    return f"{lo}–{hi}" if hi is not None else f"≥ {lo}"


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def backlog(*, jobcenter, today: dt.date | None = None) -> dict:
    """Open cases by state (rows) and age band (columns): ``{"bands", "rows", "totals"}``.

    Age in whole calendar days since the day of receipt (a case received today is 0 days old).
    """
    today = today or timezone.localdate()
    aggregates = {}
    for i, (lo, hi) in enumerate(AGE_BANDS):
        q = Q(received_at__lt=_day_start(today - dt.timedelta(days=lo - 1)))
        if hi is not None:
            q &= Q(received_at__gte=_day_start(today - dt.timedelta(days=hi)))
        aggregates[f"b{i}"] = Count("pk", filter=q)
    found = {
        row["state"]: row
        for row in Case.objects.filter(jobcenter=jobcenter, state__in=OPEN_STATES)
        .order_by()
        .values("state")
        .annotate(**aggregates)
    }
    rows = []
    for state in OPEN_STATES:
        row = found.get(state, {})
        counts = [row.get(f"b{i}", 0) for i in range(len(AGE_BANDS))]
        rows.append(
            {
                "state": state,
                "label": Case.State(state).label,
                "counts": counts,
                "total": sum(counts),
            }
        )
    totals = [sum(r["counts"][i] for r in rows) for i in range(len(AGE_BANDS))]
    return {
        "bands": [_band_label(lo, hi) for lo, hi in AGE_BANDS],
        "rows": rows,
        "totals": totals,
        "total": sum(totals),
    }


def overdue_requests(*, jobcenter, today: dt.date | None = None) -> dict:
    """Open document requests past their deadline, by days overdue and by form."""
    today = today or timezone.localdate()
    aggregates = {}
    for i, (lo, hi) in enumerate(OVERDUE_BANDS):
        q = Q(deadline__lte=today - dt.timedelta(days=lo))
        if hi is not None:
            q &= Q(deadline__gte=today - dt.timedelta(days=hi))
        aggregates[f"b{i}"] = Count("pk", filter=q)
    # Driven by the (status, deadline) index: the cost grows with the overdue requests, not with
    # the Jobcenter's cases (a join let PostgreSQL hash all of them: 200 ms at 900 k cases).
    case = Case.objects.filter(pk=OuterRef("case_id"))
    found = {
        row["form_key"]: row
        for row in DocumentRequest.objects.filter(
            status=DocumentRequest.Status.OPEN, deadline__lt=today
        )
        .annotate(
            jobcenter_id=Subquery(case.values("jobcenter_id")[:1]),
            form_key=Subquery(case.values("form_key")[:1]),
        )
        .filter(jobcenter_id=jobcenter.pk)
        .order_by()
        .values("form_key")
        .annotate(**aggregates)
    }
    rows = []
    for form_key in sorted(found):
        counts = [found[form_key][f"b{i}"] for i in range(len(OVERDUE_BANDS))]
        rows.append({"form_key": form_key, "counts": counts, "total": sum(counts)})
    totals = [sum(r["counts"][i] for r in rows) for i in range(len(OVERDUE_BANDS))]
    return {
        "bands": [_band_label(lo, hi) for lo, hi in OVERDUE_BANDS],
        "rows": rows,
        "totals": totals,
        "total": sum(totals),
    }


# --- completion of the online forms ----------------------------------------------------------


def completion_window_days() -> int:
    return settings.DRAFT_EXPIRY_DAYS


def completion(*, jobcenter, now: dt.datetime | None = None) -> dict:
    """Drafts started in the window, per form: started, submitted, abandoned, in progress, and
    the median / 90th percentile time from the first answered page to "Absenden".

    A draft is created when the first page with a question is saved (not when the start page
    is looked at), so ``created_at`` is the time of the first real answer. Abandoned: not sent
    and untouched for ``ABANDONED_AFTER_DAYS`` days; ``leave_pages`` counts the last page they
    saved.
    """
    now = now or timezone.now()
    since = now - dt.timedelta(days=completion_window_days())
    stale = now - dt.timedelta(days=ABANDONED_AFTER_DAYS)
    drafts = Draft.objects.filter(jobcenter=jobcenter, created_at__gte=since)
    counts = {
        row["form_key"]: row
        for row in drafts.order_by()
        .values("form_key")
        .annotate(
            started=Count("pk"),
            submitted=Count("pk", filter=Q(submitted_at__isnull=False)),
            abandoned=Count("pk", filter=Q(submitted_at__isnull=True, updated_at__lt=stale)),
        )
    }
    took = percentiles.grouped(
        drafts.filter(submitted_at__isnull=False).annotate(
            took=ExpressionWrapper(
                F("submitted_at") - F("created_at"), output_field=DurationField()
            )
        ),
        ["form_key"],
        "took",
    )
    rows = []
    for form_key in sorted(counts):
        c = counts[form_key]
        _n, (median, p90) = took.get((form_key,), (0, (None, None)))
        rows.append(
            {
                "form_key": form_key,
                "started": c["started"],
                "submitted": c["submitted"],
                "abandoned": c["abandoned"],
                "in_progress": c["started"] - c["submitted"] - c["abandoned"],
                "rate": 100.0 * c["submitted"] / c["started"] if c["started"] else None,
                "median_minutes": median / 60 if median is not None else None,
                "p90_minutes": p90 / 60 if p90 is not None else None,
            }
        )
    leave = (
        drafts.filter(submitted_at__isnull=True, updated_at__lt=stale)
        .order_by()
        .values("form_key", "form_version", "current_page")
        .annotate(n=Count("pk"))
        .order_by("form_key", "-n", "current_page")
    )
    return {
        "since": since,
        "window_days": completion_window_days(),
        "abandoned_after_days": ABANDONED_AFTER_DAYS,
        "rows": rows,
        "leave_pages": [dict(row) for row in leave],
    }

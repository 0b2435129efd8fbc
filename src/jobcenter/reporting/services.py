"""Writes of the reporting app: (re)building the monthly summary of a Jobcenter.

``summary_rebuild`` recomputes every month of one Jobcenter from the cases and their events in
one transaction (delete + bulk insert), so the page never sees half a summary. All counting and
the percentiles happen in the database (GROUP BY; percentile_cont on PostgreSQL, a sorted
stream on SQLite — see percentiles.py). A full rebuild is simpler and safer than an incremental
one: paper applications are registered with their (earlier) stamp date, and a case can reach a
state weeks after it arrived, so any month can change.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import connection, transaction
from django.db.models import (
    Count,
    DateTimeField,
    DurationField,
    ExpressionWrapper,
    F,
    Min,
    OuterRef,
    Subquery,
)
from django.db.models.functions import TruncMonth
from django.utils import timezone

from jobcenter.casework.models import Case, CaseEvent
from jobcenter.reporting import percentiles
from jobcenter.reporting.models import ALL_FORMS, ChannelMonth, DurationMonth
from jobcenter.tenants.models import Jobcenter

MILESTONES = (Case.State.VOLLSTAENDIG, Case.State.UEBERGEBEN)
DAY = 86400.0


def _month(value) -> dt.date:
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.date().replace(day=1)
    return value.replace(day=1)


def counted_cases(jobcenter):
    """The cases a Jobcenter counts: its own, without those it forwarded to another one."""
    return Case.objects.filter(jobcenter=jobcenter).exclude(state=Case.State.WEITERGELEITET)


def milestone_cases(jobcenter, milestone: str):
    """Counted cases with the time they first reached ``milestone`` and how long it took."""
    first = (
        CaseEvent.objects.filter(case=OuterRef("pk"), to_state=milestone)
        .order_by()
        .values("case")
        .annotate(first=Min("at"))
        .values("first")[:1]
    )
    return (
        counted_cases(jobcenter)
        .annotate(reached=Subquery(first, output_field=DateTimeField()))
        .filter(reached__isnull=False)
        .annotate(
            month=TruncMonth("reached"),
            took=ExpressionWrapper(F("reached") - F("received_at"), output_field=DurationField()),
        )
    )


# PostgreSQL: one pass per milestone — the first event per case by a hash join and GROUP BY
# (no per-case subquery), then both groupings (per form, all forms) in one GROUPING SETS query.
_PG_DURATIONS = """
    WITH firsts AS (
        SELECT c.form_key, min(e.at) AS reached, min(e.at) - c.received_at AS took
        FROM casework_caseevent e JOIN casework_case c ON c.id = e.case_id
        WHERE c.jobcenter_id = %(jc)s AND c.state <> %(forwarded)s AND e.to_state = %(milestone)s
        GROUP BY c.id
    )
    SELECT date_trunc('month', reached AT TIME ZONE %(tz)s)::date AS month,
           CASE WHEN grouping(form_key) = 1 THEN '' ELSE form_key END AS form_key, count(*),
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM took)),
           percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM took))
    FROM firsts
    GROUP BY GROUPING SETS ((1, form_key), (1))
"""


def _durations(jobcenter, milestone: str) -> list[tuple]:
    """``(month, form_key or ALL_FORMS, count, median seconds, p90 seconds)`` rows."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute(
                _PG_DURATIONS,
                {
                    "jc": jobcenter.pk,
                    "milestone": str(milestone),
                    "forwarded": str(Case.State.WEITERGELEITET),
                    "tz": settings.TIME_ZONE,
                },
            )
            return [(m, f, n, float(p50), float(p90)) for m, f, n, p50, p90 in cur.fetchall()]
    # Elsewhere (SQLite, the embedded default): the portable ORM query and percentiles.py.
    qs = milestone_cases(jobcenter, milestone)
    rows = [
        (m, form, n, p50, p90)
        for (m, form), (n, (p50, p90)) in percentiles.grouped(
            qs, ["month", "form_key"], "took"
        ).items()
    ]
    rows += [
        (m, ALL_FORMS, n, p50, p90)
        for (m,), (n, (p50, p90)) in percentiles.grouped(qs, ["month"], "took").items()
    ]
    return rows


@transaction.atomic
def summary_rebuild(*, jobcenter, now: dt.datetime | None = None) -> tuple[int, int]:
    """Recompute the summary of ``jobcenter``; returns (channel rows, duration rows).

    The Jobcenter's row is locked first, so two rebuilds (the nightly job and the button) run
    one after the other instead of inserting the same months twice.
    """
    Jobcenter.objects.select_for_update().filter(pk=jobcenter.pk).first()
    built_at = now or timezone.now()
    channel_rows = [
        ChannelMonth(
            jobcenter=jobcenter,
            month=_month(row["month"]),
            form_key=row["form_key"],
            channel=row["channel"],
            count=row["n"],
            built_at=built_at,
        )
        for row in counted_cases(jobcenter)
        .annotate(month=TruncMonth("received_at"))
        .order_by()
        .values("month", "form_key", "channel")
        .annotate(n=Count("pk"))
    ]
    duration_rows = [
        DurationMonth(
            jobcenter=jobcenter,
            month=_month(month),
            form_key=form_key,
            milestone=milestone,
            count=n,
            median_days=median / DAY,
            p90_days=p90 / DAY,
            built_at=built_at,
        )
        for milestone in MILESTONES
        for month, form_key, n, median, p90 in _durations(jobcenter, milestone)
    ]
    ChannelMonth.objects.filter(jobcenter=jobcenter).delete()
    DurationMonth.objects.filter(jobcenter=jobcenter).delete()
    ChannelMonth.objects.bulk_create(channel_rows, batch_size=1000)
    DurationMonth.objects.bulk_create(duration_rows, batch_size=1000)
    return len(channel_rows), len(duration_rows)


def summary_rebuild_all(*, now: dt.datetime | None = None) -> dict[str, tuple[int, int]]:
    return {jc.slug: summary_rebuild(jobcenter=jc, now=now) for jc in Jobcenter.objects.all()}

"""Median and 90th percentile per group, computed by the database on every backend.

PostgreSQL has ``percentile_cont`` (an ordered-set aggregate): one GROUP BY query.
SQLite has no percentile function; there the database sorts the values by group and value
(``ORDER BY group…, value``) and Python walks the sorted stream once, keeping only the group's
position and the two neighbours of each wanted rank — memory does not grow with the number of
rows (the rows come in chunks through ``iterator()``), and nothing is sorted in Python.

Both give the same figure: linear interpolation between the closest ranks, as
``percentile_cont`` defines it (value at position p·(n−1) of the sorted values, 0-based).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from django.db import connection
from django.db.models import Aggregate, Count, DurationField, FloatField, QuerySet

PS = (0.5, 0.9)


class PercentileCont(Aggregate):
    function = "percentile_cont"
    name = "PercentileCont"
    template = "%(function)s(%(percentile)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    allow_distinct = False

    def __init__(self, expression, percentile: float, **extra):
        super().__init__(expression, percentile=float(percentile), **extra)


def _seconds(value) -> float:
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    return float(value)


def grouped(
    qs: QuerySet, groups: Sequence[str], value: str, ps: Sequence[float] = PS
) -> dict[tuple, tuple[int, list[float]]]:
    """``{group values: (count, [percentile per p])}`` of the annotation ``value`` of ``qs``.

    ``value`` names an annotation or field of ``qs`` (a duration or a number); rows where it is
    NULL are left out. Durations come back in seconds.
    """
    qs = qs.filter(**{f"{value}__isnull": False})
    if connection.vendor == "postgresql":
        output = qs.query.annotations.get(value)
        output = getattr(output, "output_field", None)
        is_duration = isinstance(output, DurationField)
        aggregates = {"n": Count("pk")}
        for i, p in enumerate(ps):
            aggregates[f"p{i}"] = PercentileCont(
                value, p, output_field=DurationField() if is_duration else FloatField()
            )
        out = {}
        for row in qs.order_by().values(*groups).annotate(**aggregates):
            key = tuple(row[g] for g in groups)
            out[key] = (row["n"], [_seconds(row[f"p{i}"]) for i in range(len(ps))])
        return out
    counts = {
        tuple(row[g] for g in groups): row["n"]
        for row in qs.order_by().values(*groups).annotate(n=Count("pk"))
    }
    # For every group: the 0-based ranks whose values are needed.
    out = {}
    current, index, found = None, 0, {}
    wanted: dict[int, list[int]] = {}

    def finish():
        n = counts[current]
        values = []
        for p in ps:
            pos = p * (n - 1)
            lo, hi = math.floor(pos), math.ceil(pos)
            values.append(found[lo] + (found[hi] - found[lo]) * (pos - lo))
        out[current] = (n, values)

    rows = qs.order_by(*groups, value).values_list(*groups, value).iterator(chunk_size=2000)
    for row in rows:
        key, v = tuple(row[:-1]), row[-1]
        if key != current:
            if current is not None:
                finish()
            current, index, found = key, 0, {}
            n = counts[key]
            wanted = {}
            for p in ps:
                pos = p * (n - 1)
                wanted.setdefault(math.floor(pos), []).append(p)
                wanted.setdefault(math.ceil(pos), []).append(p)
        if index in wanted:
            found[index] = _seconds(v)
        index += 1
    if current is not None:
        finish()
    return out

"""Server-rendered, accessible SVG charts (no JavaScript, no inline styles).

Each chart is an ``<svg role="img" aria-labelledby="…">`` with a ``<title>`` and a ``<desc>``
(the description says what is shown and the extremes); the page puts the full data table right
after the chart, so screen-reader users get every number. Colours come from classes in
``reporting/reporting.css`` (strict CSP: no style attributes); series also differ by dash pattern
and marker shape, so colour is never the only cue. Coordinates are plain numbers; every text is
escaped.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 72
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2")


@dataclass
class Series:
    name: str
    values: Sequence[float | None]


def _fmt(value: float, decimals: int = 0) -> str:
    return number_format(round(value, decimals), decimal_pos=decimals)


def _nice_max(value: float) -> float:
    """The smallest "round" top of the axis ≥ value whose quarters (the grid lines) are round."""
    if value <= 4:
        return 4.0
    quarter = value / 4
    magnitude = 10 ** math.floor(math.log10(quarter))
    steps = (
        (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 10)
        if magnitude >= 10
        else (1, 2, 3, 4, 5, 6, 7, 8, 10)
    )
    return 4 * next(step * magnitude for step in steps if step * magnitude >= quarter)


def _frame(
    chart_id: str, title: str, desc: str, body: list[str], height: float = HEIGHT
) -> SafeString:
    return mark_safe(  # noqa: S308  # nosec B308 B703  # every text above went through escape()
        f'<svg class="rp-chart" role="img" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" xmlns="http://www.w3.org/2000/svg" '
        f'focusable="false"><title id="{chart_id}-t">{escape(title)}</title>'
        f'<desc id="{chart_id}-d">{escape(desc)}</desc>' + "".join(body) + "</svg>"
    )


def _axes(categories: Sequence[str], top: float, unit: str, decimals: int) -> tuple[list, float]:
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    body = ['<g aria-hidden="true">']
    for i in range(5):
        value = top * i / 4
        y = TOP + plot_h - plot_h * i / 4
        body.append(
            f'<line class="rp-grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
        )
        body.append(
            f'<text class="rp-tick" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">'
            f"{escape(_fmt(value, decimals))}{escape(unit)}</text>"
        )
    step = plot_w / max(len(categories), 1)
    for i, label in enumerate(categories):
        x = LEFT + step * (i + 0.5)
        body.append(
            f'<text class="rp-tick" x="{x:.1f}" y="{TOP + plot_h + 16}" '
            f'text-anchor="middle">{escape(label)}</text>'
        )
    body.append(
        f'<line class="rp-axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{TOP + plot_h}" '
        f'y2="{TOP + plot_h}"/>'
    )
    return body, step


def _legend(names: Sequence[str], kind: str) -> tuple[list[str], float]:
    """Legend entries below the plot, wrapped into rows; returns (markup, total height)."""
    body, x = [], LEFT
    y = HEIGHT - BOTTOM + 44
    for i, name in enumerate(names):
        width = 36 + 7 * len(name)
        if x > LEFT and x + width > WIDTH - RIGHT:
            x, y = LEFT, y + 18
        if kind == "bar":
            body.append(f'<rect class="rp-s{i}" x="{x}" y="{y - 10}" width="12" height="12"/>')
        else:
            dash = DASHES[i % len(DASHES)]
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            body.append(
                f'<line class="rp-l{i}" x1="{x}" x2="{x + 22}" y1="{y - 4}" '
                f'y2="{y - 4}"{dash_attr}/>'
            )
            body.append(_marker(i, x + 11, y - 4))
        body.append(f'<text class="rp-legend" x="{x + 28}" y="{y}">{escape(name)}</text>')
        x += width
    body.append("</g>")
    return body, y + 12


def _marker(i: int, x: float, y: float) -> str:
    if i % 2:
        return f'<rect class="rp-m{i}" x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7"/>'
    return f'<circle class="rp-m{i}" cx="{x:.1f}" cy="{y:.1f}" r="3.5"/>'


def stacked_bars(
    *,
    chart_id: str,
    title: str,
    desc: str,
    categories: Sequence[str],
    series: Sequence[Series],
    unit: str = "",
) -> SafeString:
    """Vertical bars per category, the series stacked (counts)."""
    totals = [sum((s.values[i] or 0) for s in series) for i in range(len(categories))]
    top = _nice_max(max(totals, default=0))
    body, step = _axes(categories, top, unit, 0)
    plot_h = HEIGHT - TOP - BOTTOM
    width = min(step * 0.6, 48)
    for i in range(len(categories)):
        x = LEFT + step * (i + 0.5) - width / 2
        base = TOP + plot_h
        for n, s in enumerate(series):
            value = s.values[i] or 0
            if not value:
                continue
            h = plot_h * value / top
            base -= h
            body.append(
                f'<rect class="rp-s{n}" x="{x:.1f}" y="{base:.1f}" width="{width:.1f}" '
                f'height="{h:.1f}"/>'
            )
    legend, height = _legend([s.name for s in series], "bar")
    return _frame(chart_id, title, desc, body + legend, height)


def lines(
    *,
    chart_id: str,
    title: str,
    desc: str,
    categories: Sequence[str],
    series: Sequence[Series],
    unit: str = "",
    top: float | None = None,
    decimals: int = 0,
) -> SafeString:
    """One line per series; a missing value (None) breaks the line."""
    values = [v for s in series for v in s.values if v is not None]
    top = top or _nice_max(max(values, default=0))
    body, step = _axes(categories, top, unit, decimals)
    plot_h = HEIGHT - TOP - BOTTOM
    for n, s in enumerate(series):
        segments, current = [], []
        points = []
        for i, value in enumerate(s.values):
            if value is None:
                if current:
                    segments.append(current)
                current = []
                continue
            point = (LEFT + step * (i + 0.5), TOP + plot_h - plot_h * min(value, top) / top)
            current.append(point)
            points.append(point)
        if current:
            segments.append(current)
        dash = DASHES[n % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        for segment in segments:
            if len(segment) > 1:
                coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in segment)
                body.append(f'<polyline class="rp-l{n}" fill="none" points="{coords}"{dash_attr}/>')
        body.extend(_marker(n, x, y) for x, y in points)
    legend, height = _legend([s.name for s in series], "line")
    return _frame(chart_id, title, desc, body + legend, height)

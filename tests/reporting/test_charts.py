"""The SVG charts: accessible names, escaped text, gaps for months without data, round axes."""

import re

from django.core.management import call_command

from jobcenter.reporting import charts


def test_a_chart_has_a_title_a_description_and_no_style_or_script():
    svg = charts.stacked_bars(
        chart_id="c1",
        title="Eingänge <2026>",
        desc="A & B",
        categories=["01/26", "02/26"],
        series=[charts.Series("Online", [3, 0]), charts.Series("Papier", [1, 2])],
    )
    assert svg.startswith('<svg class="rp-chart" role="img"')
    assert 'aria-labelledby="c1-t c1-d"' in svg
    assert '<title id="c1-t">Eingänge &lt;2026&gt;</title>' in svg
    assert '<desc id="c1-d">A &amp; B</desc>' in svg
    assert "style=" not in svg and "<script" not in svg
    # three bars (a zero draws none) and two legend swatches
    assert len(re.findall(r"<rect class=\"rp-s\d\"", svg)) == 3 + 2


def test_a_month_without_a_value_breaks_the_line():
    svg = charts.lines(
        chart_id="c2",
        title="t",
        desc="d",
        categories=["a", "b", "c", "d"],
        series=[charts.Series("S", [10, None, 20, 30])],
        top=100,
    )
    assert svg.count("<polyline") == 1  # "a" alone has no segment; "c"–"d" is one line
    assert svg.count('<circle class="rp-m0"') == 3 + 1  # three points and the legend marker


def test_axis_tops_are_round():
    assert [charts._nice_max(v) for v in (0, 3, 5, 41, 237, 99.9)] == [4, 4, 8, 48, 240, 100]


def test_the_nightly_command_builds_every_jobcenter(demo_jobcenters, capsys):
    call_command("build_statistics")
    out = capsys.readouterr().out
    assert all(jc.slug in out for jc in demo_jobcenters)

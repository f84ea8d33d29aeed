"""The dashboard's bar charts: SVG drawn on the server, readable without
JavaScript, with the small-cell rule and escaped labels."""

from decimal import Decimal

from django.utils import translation

from market.impact.charts import bar_chart_svg
from market.impact.tables import SUPPRESSED, Column, Table


def _table(rows, *, chart="learners", kind="people", key="regions"):
    return Table(
        key=key,
        title="Learners by region",
        definition="D",
        columns=[Column("region", "Region", "text"), Column(chart, "Learners", kind)],
        rows=rows,
        chart=chart,
    )


def test_a_small_table_is_drawn_as_bars_with_a_title_and_a_text_alternative():
    table = _table([["Baku", 20], ["Ganja", SUPPRESSED], ["Lankaran", 10]])

    with translation.override("en"):
        svg = bar_chart_svg(table)

    assert svg == (
        '<svg xmlns="http://www.w3.org/2000/svg" class="impact-chart" role="img" '
        'id="impact-chart-regions" '
        'aria-labelledby="impact-chart-regions-title impact-chart-regions-desc" '
        'viewBox="0 0 400 140" width="400" height="140" '
        'style="max-width:100%;height:auto" '
        "font-family=\"system-ui, -apple-system, 'Segoe UI', sans-serif\" "
        'font-size="14">'
        '<title id="impact-chart-regions-title">Learners by region</title>'
        '<desc id="impact-chart-regions-desc">'
        "Learners: Baku: 20; Ganja: fewer than 5; Lankaran: 10.</desc>"
        "<g><title>Baku: 20</title>"
        '<text x="0" y="18" fill="#1d1d1d">Baku</text>'
        '<rect x="0" y="24" width="290" height="16" fill="#005b5e"/>'
        '<text x="296" y="37" fill="#1d1d1d">20</text></g>'
        "<g><title>Ganja: fewer than 5</title>"
        '<text x="0" y="62" fill="#1d1d1d">Ganja</text>'
        '<text x="0" y="81" font-style="italic" fill="#555555">fewer than 5</text>'
        "</g>"
        "<g><title>Lankaran: 10</title>"
        '<text x="0" y="106" fill="#1d1d1d">Lankaran</text>'
        '<rect x="0" y="112" width="145" height="16" fill="#005b5e"/>'
        '<text x="151" y="125" fill="#1d1d1d">10</text></g>'
        "</svg>"
    )


def test_bars_are_proportional_to_the_values():
    table = _table([["A", 40], ["B", 30], ["C", 10], ["D", 0]])

    svg = bar_chart_svg(table)

    # The largest value fills the bar area (290 units).
    widths = [part.split('width="')[1].split('"')[0] for part in svg.split("<rect")[1:]]
    assert widths == ["290", "218", "72", "0"]


def test_a_suppressed_row_has_no_bar_and_says_fewer_than_five_in_each_language():
    table = _table([["Baku", SUPPRESSED]])

    with translation.override("en"):
        english = bar_chart_svg(table)
    with translation.override("az"):
        azerbaijani = bar_chart_svg(table)

    assert "<rect" not in english
    assert (
        '<text x="0" y="37" font-style="italic" fill="#555555">fewer than 5</text>'
        in english
    )
    assert f">{SUPPRESSED}</text>" in azerbaijani
    assert "<rect" not in azerbaijani


def test_labels_from_the_data_are_escaped():
    table = _table([["<script>alert(1)</script>", 7]])

    svg = bar_chart_svg(table)

    assert "<script>" not in svg
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;: 7</title>" in svg
    assert ">&lt;script&gt;alert(1)&lt;/script&gt;</text>" in svg


def test_a_long_label_is_cut_and_given_whole_in_the_bar_title():
    label = "Mountainous Shirvan, the Caspian coast and the islands"
    table = _table([[label, 12]])

    svg = bar_chart_svg(table)

    assert f"<g><title>{label}: 12</title>" in svg
    assert ">Mountainous Shirvan, the Caspian coast and the…</text>" in svg


def test_money_is_formatted_with_its_currency():
    table = _table(
        [["Germany", Decimal("1234.50")], ["Türkiye", Decimal("99.00")]],
        chart="gross",
        kind="money",
    )

    with translation.override("en"):
        svg = bar_chart_svg(table)

    assert "Learners: Germany: ₼1,234.50; Türkiye: ₼99.00." in svg
    assert '<text x="296" y="37" fill="#1d1d1d">₼1,234.50</text>' in svg
    assert 'width="23"' in svg


def test_no_rows_draws_a_message_and_no_bars():
    with translation.override("en"):
        svg = bar_chart_svg(_table([]))

    assert (
        '<desc id="impact-chart-regions-desc">No figures for this period.</desc>' in svg
    )
    assert "<rect" not in svg
    assert 'viewBox="0 0 400 52"' in svg


def test_all_zero_values_draw_empty_bars_without_dividing_by_zero():
    svg = bar_chart_svg(_table([["A", 0], ["B", 0]]))

    assert svg.count('width="0"') == 2
    assert svg.count('<text x="0" y="37" fill="#1d1d1d">0</text>') == 1
    assert svg.count('<text x="0" y="81" fill="#1d1d1d">0</text>') == 1


def test_one_row_fills_the_bar_area():
    svg = bar_chart_svg(_table([["A", 3]], kind="count"))

    assert '<rect x="0" y="24" width="290" height="16" fill="#005b5e"/>' in svg


def test_a_table_without_a_chart_draws_nothing():
    table = _table([["A", 3]])
    table = Table(**{**table.__dict__, "chart": None})

    assert bar_chart_svg(table) == ""


def test_leading_text_columns_name_the_bar():
    table = Table(
        key="sponsored",
        title="Sponsored seats",
        definition="D",
        columns=[
            Column("sponsor", "Sponsor", "text"),
            Column("region", "Region", "text"),
            Column("seats", "Seats", "people"),
        ],
        rows=[["Bank", "Ganja", 8]],
        chart="seats",
    )

    assert "<title>Bank · Ganja: 8</title>" in bar_chart_svg(table)

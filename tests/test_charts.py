"""The bar charts as a reader meets them: a title, a scale with ticks and its unit, values on the bars, the source,
a table view, and downloads of the chart (SVG) and of its data (CSV) — legible when a phone shrinks them."""

import csv
import io
import re

import pytest
from django.urls import reverse
from django.utils import translation

from initiatives import charts
from initiatives.charts import ChartItem, bar_chart, nice_ticks, tick_text, wrap

PHONE_CONTENT_WIDTH = 358 - 2 * 5  # a 390 px screen less main's padding, the chart box's padding and border


def test_ticks_are_round_and_reach_the_largest_value():
    assert nice_ticks(14_000_000_000) == [0, 5e9, 1e10, 1.5e10]
    assert nice_ticks(17) == [0, 5, 10, 15, 20]
    assert nice_ticks(3) == [0, 1, 2, 3]
    assert nice_ticks(0) == [0, 1]


def test_tick_labels_are_short_in_each_language():
    with translation.override("zh-hant"):
        assert tick_text(5e9) == "50億" and tick_text(30_000) == "3萬" and tick_text(15) == "15"
    with translation.override("zh-hans"):
        assert tick_text(5e9) == "50亿"
    with translation.override("en"):
        assert tick_text(1.5e10) == "15 bn" and tick_text(2.5e6) == "2.5 m"


def test_long_texts_wrap_instead_of_widening_the_chart():
    lines = wrap("信用" * 40, 200)
    assert len(lines) > 1 and all(charts.text_width(line) <= 200 for line in lines)
    english = "Credit-based lending amount: figures reported by each city"
    lines = wrap(english, 150)
    assert len(lines) > 1 and " ".join(lines) == english  # broken at spaces, nothing lost
    assert all(charts.text_width(line) <= 150 for line in lines)


def test_a_chart_has_its_title_scale_unit_values_and_source_and_stays_narrow():
    items = [
        ChartItem("朝陽區" * 12, 14e9, "突破140億元", note="截至2025年2月"),
        ChartItem("海淀區", 6789e4, "6789萬元"),
    ]
    chart = bar_chart(items, chart_id="c", title="信用貸款金額：各城市報告的數據，由大到小" * 2, unit="元")
    assert chart.width == charts.DEFAULT_WIDTH
    assert len(chart.title_lines) == 2  # wrapped, not widened
    assert [tick.value for tick in chart.ticks][0] == 0 and chart.ticks[-1].value >= 14e9
    assert chart.unit_line.text == "元"
    assert chart.source_lines and "源點蘇研院" in "".join(line.text for line in chart.source_lines)
    first = chart.bars[0]
    assert len(first.label_lines) > 1 and "截至2025年2月" in "".join(line.text for line in first.label_lines)
    # The longest bar with its value fits inside the chart.
    assert first.value_x + charts.text_width(first.value_text) <= chart.width
    # Every text is drawn at FONT_SIZE units or more: on a phone that is at least 11 CSS px.
    assert charts.FONT_SIZE * PHONE_CONTENT_WIDTH / chart.width >= 11


@pytest.mark.django_db
def test_the_measure_page_offers_its_chart_as_svg_and_its_data_as_csv(client, report_data):
    page = client.get(reverse("metric_kind_detail", args=["loans-disbursed-cumulative"])).content.decode()
    svg_url = reverse("metric_kind_chart_download", args=["loans-disbursed-cumulative", "svg"])
    csv_url = reverse("metric_kind_chart_download", args=["loans-disbursed-cumulative", "csv"])
    assert f'href="{svg_url}"' in page and f'href="{csv_url}"' in page
    assert '<details class="chart__table">' in page

    svg = client.get(svg_url)
    assert svg.status_code == 200 and svg["Content-Type"].startswith("image/svg+xml")
    body = svg.content.decode()
    assert body.startswith("<?xml") and 'xmlns="http://www.w3.org/2000/svg"' in body
    assert "<title" in body and "突破140億元" in body and "截至2025年2月" in body
    assert "<script" not in body and "<style" not in body

    data = client.get(csv_url)
    assert data.status_code == 200 and data["Content-Type"].startswith("text/csv")
    assert 'filename="chart-loans-disbursed-cumulative.csv"' in data["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(data.streaming_content).decode("utf-8-sig"))))
    values = {row[3]: row[4] for row in rows[1:]}
    assert values["突破140億元"] == "截至2025年2月"
    assert len(rows) - 1 == len(re.findall(r'<rect class="bar', body))


@pytest.mark.django_db
def test_home_and_vote_charts_download_too(client, report_data):
    for name in ("themes_chart_download", "vote_chart_download"):
        response = client.get(reverse(name, args=["svg"]))
        assert response.status_code == 200 and response["Content-Type"].startswith("image/svg+xml")
        assert client.get(reverse(name, args=["csv"])).status_code == 200
        assert client.get(reverse(name, args=["png"])).status_code == 404
    assert client.get(reverse("metric_kind_chart_download", args=["nowhere", "svg"])).status_code == 404


# Bar chart geometry ---------------------------------------------------------------------------------------


def test_ranks_share_a_place_on_equal_values():
    assert charts.ranks([90, 60, 60, 20]) == [1, 2, 2, 4]
    assert charts.ranks([]) == []


def test_bars_are_proportional_and_ordered_largest_first():
    chart = charts.bar_chart(
        [charts.ChartItem("b", 50, "50"), charts.ChartItem("a", 200, "200"), charts.ChartItem("c", 0, "0")],
        chart_id="test",
        title="Test",
    )
    assert [bar.label for bar in chart.bars] == ["a", "b", "c"]
    largest, half, zero = chart.bars
    assert largest.width == chart.bar_area
    assert half.width == pytest.approx(chart.bar_area / 4, abs=0.1)
    assert zero.width == 0
    # Rows never overlap and every value text fits inside the drawing.
    assert [bar.y for bar in chart.bars] == sorted({bar.y for bar in chart.bars})
    assert all(bar.value_x + charts.text_width(bar.value_text) <= chart.width for bar in chart.bars)
    assert chart.height >= chart.bars[-1].y + chart.bars[-1].height


def test_a_tiny_value_still_shows_a_bar():
    chart = charts.bar_chart(
        [charts.ChartItem("big", 10**10, "x"), charts.ChartItem("tiny", 1, "y")], chart_id="t", title="t"
    )
    assert chart.bars[1].width == charts.MIN_BAR_WIDTH


def test_an_empty_chart_has_a_size_and_no_bars():
    chart = charts.bar_chart([], chart_id="empty", title="Nothing")
    assert chart.bars == [] and chart.height > 0 and chart.width > 0


def test_wide_characters_count_double():
    assert charts.text_width("朝陽區") == 3 * charts.FONT_SIZE
    assert charts.text_width("abc") == pytest.approx(3 * 0.6 * charts.FONT_SIZE)

"""Measures ranked with bar charts, the coverage matrix and the timeline of dated events."""

from html import unescape

import pytest
from django.urls import reverse
from django.utils import translation

from cities.models import City
from initiatives import charts, measures
from initiatives.models import Initiative, InitiativeCategory, Metric, MetricKind

pytestmark = pytest.mark.django_db

METRICS_QUERY_BOUND = 3  # metric kinds, figures with their initiatives and cities (+1 to spare)
COVERAGE_QUERY_BOUND = 5  # cities, categories, two grouped counts (+1 to spare)
TIMELINE_QUERY_BOUND = 4  # cities and categories for the filters, dated initiatives (+1 to spare)


def page_text(response):
    return unescape(response.content.decode())


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


# Metric kinds ---------------------------------------------------------------------------------------------


def test_every_metric_kind_is_listed_with_its_figures(client, report_data):
    response = client.get(reverse("metric_kind_list"))
    assert response.status_code == 200
    text = page_text(response)
    for kind in MetricKind.objects.all():
        assert kind.name_zh in text
        assert kind.get_absolute_url() in text
    for metric in Metric.objects.filter(kind__isnull=False):
        assert metric.as_written in text


def test_a_kind_ranks_its_figures_largest_first(client, report_data):
    response = client.get(reverse("metric_kind_detail", args=["credit-loan-amount"]))
    assert response.status_code == 200
    ranking = response.context["ranking"]
    values = [row.metric.value for row in ranking.rows]
    assert values == sorted(values, reverse=True)
    assert len(values) == Metric.objects.filter(kind__slug="credit-loan-amount").count()
    assert [row.city.slug for row in ranking.rows[:3]] == ["wuqing", "yichun", "hejian"]
    text = page_text(response)
    # The table reads in the same order: 突破140億元 (武清區) before 近90億元 (伊春市) before 超1億元 (朝陽區).
    assert text.index("突破140億元") < text.index("近90億元") < text.index("超1億元")
    # Every figure has its unit, qualifier and time beside it.
    assert "14,000,000,000 元" in text and "截至2025年2月" in text
    assert "Not strictly comparable:" in text


def test_the_chart_draws_one_bar_per_figure_with_its_value_in_words(client, report_data):
    response = client.get(reverse("metric_kind_detail", args=["credit-report-domains"]))
    chart = response.context["ranking"].chart
    assert len(chart.bars) == Metric.objects.filter(kind__slug="credit-report-domains").count()
    assert chart.bars[0].value_text == "52個領域"
    html = response.content.decode()
    assert '<svg class="bar-chart"' in html and 'role="img"' in html
    assert f'<title id="{chart.id}-title">' in html
    assert html.count('<rect class="bar') == len(chart.bars)
    # 沈陽市 reports two figures of this kind: their bars are told apart by the figures' labels.
    assert sum("沈陽市 · " in bar.label for bar in chart.bars) == 2


def test_figures_in_another_unit_are_flagged(client, report_data):
    # 衡水市 writes 360余家 where the kind counts 戶.
    response = client.get(reverse("metric_kind_detail", args=["credit-repair-entities"]))
    row = next(row for row in response.context["ranking"].rows if row.city.slug == "hengshui")
    assert not row.same_unit
    assert "written in 家, not 戶" in page_text(response)


def test_unknown_kind_is_404(client, report_data):
    assert client.get(reverse("metric_kind_detail", args=["no-such-kind"])).status_code == 404


@pytest.mark.parametrize("data", ["report_data", "generated_data"])
def test_metric_pages_queries_are_bounded(client, request, data, django_assert_max_num_queries):
    request.getfixturevalue(data)
    with django_assert_max_num_queries(METRICS_QUERY_BOUND):
        assert client.get(reverse("metric_kind_list")).status_code == 200
    with django_assert_max_num_queries(METRICS_QUERY_BOUND):
        assert client.get(reverse("metric_kind_detail", args=["credit-loan-amount"])).status_code == 200


def test_the_overview_shortens_long_rankings_and_links_to_the_full_one(client, generated_data):
    response = client.get(reverse("metric_kind_list"))
    ranking = next(r for r in response.context["rankings"] if r.kind.slug == "credit-loan-amount")
    assert ranking.is_shortened and len(ranking.chart.bars) == 10
    assert len(ranking.shown_rows) == 10 and len(ranking.rows) > 10
    assert f"All {len(ranking.rows)} figures of this measure" in page_text(response)


# Coverage -------------------------------------------------------------------------------------------------


def test_coverage_counts_equal_the_database(client, report_data):
    response = client.get(reverse("coverage"))
    assert response.status_code == 200
    matrix = response.context["matrix"]
    assert len(matrix["rows"]) == 14
    assert len(matrix["categories"]) == InitiativeCategory.objects.count()
    for row in matrix["rows"]:
        for cell in row.cells:
            initiatives = Initiative.objects.filter(city=row.city, category=cell.category)
            assert cell.initiatives == initiatives.count(), (row.city.slug, cell.category.slug)
            assert cell.figures == Metric.objects.filter(initiative__in=initiatives).count()
        assert row.initiatives == row.city.initiatives.count()
    assert sum(row.initiatives for row in matrix["rows"]) == Initiative.objects.count()
    assert sum(row.figures for row in matrix["rows"]) == Metric.objects.count()


def test_coverage_cells_link_to_the_filtered_initiatives_and_gaps_are_marked_in_words(client, report_data):
    response = client.get(reverse("coverage"))
    html = response.content.decode()
    assert 'href="/initiatives/?city=haidian&amp;category=credit-repair"' in html
    haidian = next(row for row in response.context["matrix"]["rows"] if row.city.slug == "haidian")
    empty = [cell for cell in haidian.cells if cell.empty]
    assert empty, "Haidian does not report every category"
    assert html.count('<td class="empty">') == sum(
        1 for row in response.context["matrix"]["rows"] for cell in row.cells if cell.empty
    )
    assert "none reported" in html


@pytest.mark.parametrize("data", ["report_data", "generated_data"])
def test_coverage_queries_are_bounded(client, request, data, django_assert_max_num_queries):
    request.getfixturevalue(data)
    with django_assert_max_num_queries(COVERAGE_QUERY_BOUND):
        assert client.get(reverse("coverage")).status_code == 200


# Timeline -------------------------------------------------------------------------------------------------


def test_timeline_contains_every_dated_initiative_in_order(client, report_data):
    response = client.get(reverse("timeline"))
    assert response.status_code == 200
    events = response.context["events"]
    dated = Initiative.objects.filter(date__isnull=False)
    assert {event.pk for event in events} == set(dated.values_list("pk", flat=True))
    assert len(events) == dated.count()
    # Dated events a reader of the report would look for.
    known = {(str(event.date), event.city.slug) for event in events}
    assert {("2024-01-01", "shenyang"), ("2024-09-20", "jincheng"), ("2025-03-14", "haidian")} <= known
    assert ("2025-05-27", "ordos") in known
    assert [event.date for event in events] == sorted(event.date for event in events)
    text = page_text(response)
    positions = [text.index(event.title_zh) for event in events]
    assert positions == sorted(positions)


def test_timeline_shows_each_date_at_its_precision(client, report_data):
    text = page_text(client.get(reverse("timeline")))
    assert "2024年1月1日" in text  # 《沈陽市社會信用條例》 took effect on a day
    assert "2023年8月" in text and "2023年8月1日" not in text  # a month only
    assert "2025年9月20日" not in text and "2024年9月20日" in text
    assert '<time datetime="2023">2023年</time>' in text  # a year only


def test_timeline_filters_by_city_and_category(client, report_data):
    response = client.get(reverse("timeline"), {"city": "shenyang"})
    assert {event.city.slug for event in response.context["events"]} == {"shenyang"}
    assert len(response.context["events"]) == 3
    response = client.get(reverse("timeline"), {"category": "platforms-data"})
    assert {event.category.slug for event in response.context["events"]} == {"platforms-data"}
    assert [event.city.slug for event in response.context["events"]] == ["jincheng", "haidian"]
    response = client.get(reverse("timeline"), {"city": "shenyang", "category": "rules-law"})
    assert [event.title_zh for event in response.context["events"]] == ["《沈陽市社會信用條例》"]
    response = client.get(reverse("timeline"), {"city": "chaoyang"})
    assert response.status_code == 200 and "No dated event matches these filters." in page_text(response)


def test_timeline_unknown_filter_is_a_clear_400(client, report_data):
    response = client.get(reverse("timeline"), {"city": "atlantis"})
    assert response.status_code == 400
    assert "There is no city with the identifier “atlantis” in the report." in page_text(response)
    response = client.get(reverse("timeline"), {"category": "nope"})
    assert response.status_code == 400


@pytest.mark.parametrize("data", ["report_data", "generated_data"])
def test_timeline_queries_are_bounded(client, request, data, django_assert_max_num_queries):
    request.getfixturevalue(data)
    with django_assert_max_num_queries(TIMELINE_QUERY_BOUND):
        assert client.get(reverse("timeline")).status_code == 200
    with django_assert_max_num_queries(TIMELINE_QUERY_BOUND):
        assert client.get(reverse("timeline"), {"city": "shenyang"}).status_code == 200


def test_english_names_carry_the_chinese_beside_them(client, report_data):
    response = client.get(reverse("timeline"), HTTP_ACCEPT_LANGUAGE="en")
    assert 'Shenyang <span lang="zh-Hant">沈陽市</span>' in response.content.decode()
    shenyang = City.objects.get(slug="shenyang")
    with translation.override("en"):
        assert measures.display_name(shenyang) == "Shenyang 沈陽市"
    with translation.override("zh-hant"):
        assert measures.display_name(shenyang) == "沈陽市"

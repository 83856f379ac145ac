"""Measures ranked with bar charts, the coverage matrix and the timeline of dated events."""

import re
from collections import Counter
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import ngettext
from query_budget import CONTENT_VERSION_QUERY

from cities.models import City, Province
from initiatives import charts, display, measures, rankings
from initiatives.coverage import COVERAGE_PAGE_SIZE
from initiatives.models import Initiative, InitiativeCategory, Metric, MetricKind
from initiatives.templatetags.measures import city_options

pytestmark = pytest.mark.django_db

# Kinds with the smallest of their largest values, their largest figures, two summaries of all their figures.
OVERVIEW_QUERY_BOUND = 4
# The kind, the count, the page's values, the figures before them, the page's figures, the chart's, two summaries,
# the other measures of its family, the figures of the cities a later source updates (figures over time).
RANKING_QUERY_BOUND = 10
# The cities' count, the page's cities, the categories with their totals, and for the page's cities the
# initiatives and figures by their own category and by their additional categories (four grouped counts).
COVERAGE_QUERY_BOUND = 7
# The cities' count, the page's cities, the topics with their totals, initiatives and figures by topic.
TOPIC_COVERAGE_QUERY_BOUND = 5
# Cities and categories for the filters, the count, the page's dates, the events before them, the page's events.
TIMELINE_QUERY_BOUND = 6


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
    response = client.get(reverse("metric_kind_detail", args=["loans-disbursed-cumulative"]))
    assert response.status_code == 200
    ranking = response.context["ranking"]
    values = [row.metric.value for row in ranking.rows]
    assert values == sorted(values, reverse=True)
    assert len(values) == Metric.objects.filter(kind__slug="loans-disbursed-cumulative").count()
    assert [row.city.slug for row in ranking.rows[:3]] == ["wuqing", "yichun", "hejian"]
    text = page_text(response)
    # The table reads in the same order: 突破140億元 (武清區) before 近90億元 (伊春市) before 6789萬元 (河間市).
    assert text.index("突破140億元") < text.index("近90億元") < text.index("6789萬元")
    # Every figure has its unit, qualifier and time beside it.
    assert "14,000,000,000 元" in text and "截至2025年2月" in text
    assert translation.gettext("Not strictly comparable:") in text


def test_the_chart_draws_one_bar_per_figure_with_its_value_in_words(client, report_data):
    response = client.get(reverse("metric_kind_detail", args=["credit-report-substitution-fields"]))
    chart = response.context["ranking"].chart
    assert len(chart.bars) == Metric.objects.filter(kind__slug="credit-report-substitution-fields").count()
    assert chart.bars[0].value_text == "52個領域"
    html = response.content.decode()
    assert '<svg class="bar-chart"' in html and 'role="img"' in html
    assert f'<title id="{chart.id}-title">' in html
    assert html.count('<rect class="bar') == len(chart.bars)
    # 沈陽市 reports two figures of this kind: their bars are told apart by the figures' labels.
    assert sum("沈陽市 · " in bar.label for bar in chart.bars) == 2


def test_figures_in_another_unit_are_flagged(client, report_data):
    # Made up for the test: 海淀區's 4000余戶 rewritten in 家, where the measure counts 戶.
    Metric.objects.filter(as_written="4000余戶").update(unit="家")
    response = client.get(reverse("metric_kind_detail", args=["credit-repaired-period"]))
    row = next(row for row in response.context["ranking"].rows if row.city.slug == "haidian")
    assert not row.same_unit
    written_in = translation.gettext("written in %(unit)s, not %(canonical)s")
    assert written_in % {"unit": "家", "canonical": "戶"} in page_text(response)


def test_unknown_kind_is_404(client, report_data):
    assert client.get(reverse("metric_kind_detail", args=["no-such-kind"])).status_code == 404


@pytest.mark.parametrize("data", ["report_data", "generated_data"])
def test_metric_pages_queries_are_bounded(client, request, data, django_assert_max_num_queries):
    request.getfixturevalue(data)
    with django_assert_max_num_queries(OVERVIEW_QUERY_BOUND + CONTENT_VERSION_QUERY):
        assert client.get(reverse("metric_kind_list")).status_code == 200
    for page in ["1", "2", "999", "abc"]:
        with django_assert_max_num_queries(RANKING_QUERY_BOUND + CONTENT_VERSION_QUERY):
            url = reverse("metric_kind_detail", args=["loans-disbursed-cumulative"])
            assert client.get(url, {"page": page}).status_code == 200


def test_the_overview_shortens_long_rankings_and_links_to_the_full_one(client, generated_data):
    response = client.get(reverse("metric_kind_list"))
    ranking = next(r for r in response.context["rankings"] if r.kind.slug == "loans-disbursed-cumulative")
    total = Metric.objects.filter(kind=ranking.kind).count()
    assert ranking.is_shortened and len(ranking.chart.bars) == 10
    assert len(ranking.rows) == 10 and ranking.figure_count == total > 10
    assert [row.metric.pk for row in ranking.rows] == [metric.pk for metric in expected_ranking(ranking.kind)[:10]]
    all_figures = translation.gettext("All %(total)s figures of this measure")
    assert all_figures % {"total": total} in page_text(response)


def test_the_overview_does_not_read_every_figure(client, generated_data):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("metric_kind_list"))
    reading_figures = [
        query["sql"] for query in queries.captured_queries if '"initiatives_metric"."as_written"' in query["sql"]
    ]
    assert len(reading_figures) == 1  # one query reads figures whole: the largest of each kind, not all of them
    assert sum(len(ranking.rows) for ranking in response.context["rankings"]) <= 10 * MetricKind.objects.count()


def test_the_overview_summarises_every_figure_of_each_kind(client, generated_data):
    for ranking in client.get(reverse("metric_kind_list")).context["rankings"]:
        metrics = Metric.objects.filter(kind=ranking.kind)
        assert ranking.figure_count == metrics.count()
        assert ranking.city_count == metrics.values("initiative__city").distinct().count()
        assert ranking.mixed_qualifiers == (metrics.values("qualifier").distinct().count() > 1)
        times = {rankings.figure_time_key(metric) for metric in metrics}
        assert ranking.mixed_times == (len(times) > 1)
        assert ranking.other_units == sorted(
            set(metrics.exclude(unit=ranking.kind.unit).values_list("unit", flat=True))
        )


# A kind's ranking, page by page -----------------------------------------------------------------------------


def expected_ranking(kind):
    """The whole ranking as a reader counts it: largest first, ties in the report's order of cities."""
    metrics = Metric.objects.filter(kind=kind).select_related("initiative__city")
    return sorted(metrics, key=lambda metric: (-metric.value, metric.initiative.city.order, metric.pk))


def ranking_page(client, slug, page=None):
    response = client.get(reverse("metric_kind_detail", args=[slug]), {"page": page} if page else {})
    assert response.status_code == 200
    return response


def shown_rows(response):
    """(rank, figure id) of the table's rows, read from the page itself."""
    html = response.content.decode()
    table = html.split('class="ranking-table"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<td class="rank">(\d+)</td>.*?href="/initiatives/(\d+)/".*?</tr>', table, re.S)
    return [(int(rank), int(initiative)) for rank, initiative in rows]


@pytest.mark.parametrize("slug", ["loans-disbursed-cumulative", "credit-repair-time-reduction"])
def test_each_page_of_a_ranking_continues_the_order_and_the_ranks(client, generated_data, slug):
    kind = MetricKind.objects.get(slug=slug)
    expected = expected_ranking(kind)
    ranks = charts.ranks([metric.value for metric in expected])
    pages = -(-len(expected) // rankings.RANKING_PAGE_SIZE)
    assert pages >= 3
    rows = []
    for number in range(1, pages + 1):
        response = ranking_page(client, slug, number)
        page_rows = response.context["ranking"].rows
        assert len(page_rows) == min(rankings.RANKING_PAGE_SIZE, len(expected) - len(rows))
        rows += page_rows
        assert len(shown_rows(response)) == len(page_rows)
    assert [row.metric.pk for row in rows] == [metric.pk for metric in expected]
    assert [row.rank for row in rows] == ranks


def test_a_tie_across_two_pages_keeps_its_rank(client, generated_data):
    kind = MetricKind.objects.get(slug="loans-disbursed-cumulative")
    size = rankings.RANKING_PAGE_SIZE
    # Ten figures around the end of page 1 made equal: the last five of page 1 and the first five of page 2.
    around = expected_ranking(kind)[size - 5 : size + 5]
    Metric.objects.filter(pk__in=[metric.pk for metric in around]).update(value=around[0].value)
    expected = expected_ranking(kind)
    ranks = charts.ranks([metric.value for metric in expected])
    assert expected[size].value == expected[size - 5].value > expected[size + 5].value
    response = ranking_page(client, kind.slug, 2)
    rows = response.context["ranking"].rows
    assert [row.metric.pk for row in rows] == [metric.pk for metric in expected[size : 2 * size]]
    assert [row.rank for row in rows] == ranks[size : 2 * size]
    assert rows[0].rank == size - 4  # the rank of the first of its equals, on the page before
    assert rows[5].rank == size + 6
    assert shown_rows(response)[0] == (size - 4, rows[0].metric.initiative_id)


def test_the_second_page_of_a_ranking_shows_the_next_figures(client, generated_data):
    kind = MetricKind.objects.get(slug="loans-disbursed-cumulative")
    expected = expected_ranking(kind)
    size = rankings.RANKING_PAGE_SIZE
    response = ranking_page(client, kind.slug, 2)
    assert [row.metric.pk for row in response.context["ranking"].rows] == [m.pk for m in expected[size : 2 * size]]
    html = response.content.decode()
    assert 'rel="prev"' in html and 'rel="next"' in html
    assert translation.gettext("Page %(number)s of %(total)s") % {"number": 2, "total": -(-len(expected) // size)} in (
        page_text(response)
    )
    # The chart still draws the largest figures, not the page's.
    assert [bar.label for bar in response.context["ranking"].chart.bars][:1] == [
        measures.display_name(expected[0].initiative.city)
    ]


def test_the_chart_draws_the_largest_figures_and_says_how_many_are_ranked(client, generated_data):
    kind = MetricKind.objects.get(slug="loans-disbursed-cumulative")
    expected = expected_ranking(kind)
    response = ranking_page(client, kind.slug)
    chart = response.context["ranking"].chart
    assert len(chart.bars) == rankings.CHART_BARS < len(expected)
    assert [bar.value_text for bar in chart.bars] == [display.figure_value(metric) for metric in expected[:20]]
    html = page_text(response)
    assert html.count('<rect class="bar') == rankings.CHART_BARS
    assert (
        ngettext(
            "The %(shown)s largest of %(counter)s ranked figure; the table lists every one.",
            "The %(shown)s largest of %(counter)s ranked figures; the table lists every one.",
            len(expected),
        )
        % {"shown": 20, "counter": len(expected)}
        in html
    )


@pytest.mark.parametrize(
    "page, expected", [("abc", 1), ("", 1), ("1.5", 1), ("999", "last"), ("0", "last"), ("-3", "last")]
)
def test_a_junk_or_out_of_range_ranking_page_lands_on_the_first_or_last_page(client, generated_data, page, expected):
    response = ranking_page(client, "loans-disbursed-cumulative", page)
    shown = response.context["ranking"].page
    assert shown.number == (shown.paginator.num_pages if expected == "last" else expected)
    assert response.context["ranking"].rows


# Coverage -------------------------------------------------------------------------------------------------


def test_coverage_counts_equal_the_database(client, report_data):
    response = client.get(reverse("coverage"))
    assert response.status_code == 200
    matrix = response.context["matrix"]
    assert len(matrix["rows"]) == 14
    assert len(matrix["themes"]) == InitiativeCategory.objects.count()
    for row in matrix["rows"]:
        for cell in row.cells:
            initiatives = Initiative.objects.filter(city=row.city).carrying(cell.theme)
            assert cell.initiatives == initiatives.count(), (row.city.slug, cell.theme.slug)
            assert cell.figures == Metric.objects.filter(initiative__in=initiatives).count()
            assert cell.additional == initiatives.exclude(category=cell.theme).count()
        assert row.initiatives == row.city.initiatives.count()
    assert sum(row.initiatives for row in matrix["rows"]) == Initiative.objects.count()
    assert sum(row.figures for row in matrix["rows"]) == Metric.objects.count()
    for total in matrix["column_totals"]:
        carrying = Initiative.objects.carrying(total["theme"])
        assert total["initiatives"] == carrying.count()
        assert total["cities"] == carrying.values("city").distinct().count()


def test_coverage_pages_through_every_city_and_totals_every_city(client, generated_data):
    cities = list(City.objects.order_by("order", "slug").values_list("slug", flat=True))
    assert len(cities) > 2 * COVERAGE_PAGE_SIZE
    shown = []
    for number in range(1, len(cities) // COVERAGE_PAGE_SIZE + 2):
        matrix = client.get(reverse("coverage"), {"page": number}).context["matrix"]
        shown += [row.city.slug for row in matrix["rows"]]
        for row in matrix["rows"]:
            assert row.initiatives == Initiative.objects.filter(city=row.city).count()
            assert row.figures == Metric.objects.filter(initiative__city=row.city).count()
        for total in matrix["column_totals"]:  # every city's, whatever the page
            assert total["initiatives"] == Initiative.objects.carrying(total["theme"]).count()
    assert shown == cities  # each city once, in the report's order, the report's 14 on page 1
    assert client.get(reverse("coverage"), {"page": "abc"}).context["matrix"]["page"].number == 1


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
    assert translation.gettext("none reported") in html


@pytest.mark.parametrize("data", ["report_data", "generated_data"])
def test_coverage_queries_are_bounded(client, request, data, django_assert_max_num_queries):
    request.getfixturevalue(data)
    with django_assert_max_num_queries(COVERAGE_QUERY_BOUND + CONTENT_VERSION_QUERY):
        assert client.get(reverse("coverage")).status_code == 200
    with django_assert_max_num_queries(COVERAGE_QUERY_BOUND + CONTENT_VERSION_QUERY):
        assert client.get(reverse("coverage"), {"page": "2"}).status_code == 200
    with django_assert_max_num_queries(TOPIC_COVERAGE_QUERY_BOUND + CONTENT_VERSION_QUERY):
        assert client.get(reverse("coverage"), {"theme": "topics"}).status_code == 200


# Timeline -------------------------------------------------------------------------------------------------


def timeline_events(response):
    return list(response.context["page"])


def test_timeline_contains_every_dated_initiative_in_order(client, report_data):
    response = client.get(reverse("timeline"))
    assert response.status_code == 200
    assert response.context["page"].paginator.num_pages == 1  # the report's dated events fit on one page
    events = timeline_events(response)
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
    assert {event.city.slug for event in timeline_events(response)} == {"shenyang"}
    assert len(timeline_events(response)) == 3
    response = client.get(reverse("timeline"), {"category": "platforms-data"})
    assert {event.category.slug for event in timeline_events(response)} == {"platforms-data"}
    assert [event.city.slug for event in timeline_events(response)] == ["jincheng", "haidian"]
    response = client.get(reverse("timeline"), {"city": "shenyang", "category": "rules-law"})
    assert [event.title_zh for event in timeline_events(response)] == ["《沈陽市社會信用條例》"]
    response = client.get(reverse("timeline"), {"city": "chaoyang"})
    assert response.status_code == 200 and translation.gettext("No dated event matches these filters.") in page_text(
        response
    )


def test_timeline_unknown_filter_is_a_clear_400(client, report_data):
    response = client.get(reverse("timeline"), {"city": "atlantis"})
    assert response.status_code == 400
    no_city = translation.gettext("There is no city with the identifier “%(slug)s” in the report.")
    assert no_city % {"slug": "atlantis"} in page_text(response)
    response = client.get(reverse("timeline"), {"category": "nope"})
    assert response.status_code == 400


@pytest.mark.parametrize("data", ["report_data", "generated_data"])
def test_timeline_queries_are_bounded(client, request, data, django_assert_max_num_queries):
    request.getfixturevalue(data)
    for params in [{}, {"city": "shenyang"}, {"page": "2"}, {"category": "finance", "page": "999"}, {"page": "x"}]:
        with django_assert_max_num_queries(TIMELINE_QUERY_BOUND + CONTENT_VERSION_QUERY):
            assert client.get(reverse("timeline"), params).status_code == 200


def expected_timeline(**filters):
    events = Initiative.objects.filter(date__isnull=False, **filters)
    return list(events.order_by("date", "city__order", "order", "pk").values_list("pk", flat=True))


def busiest_category():
    """The category with the most dated events."""
    counts = Counter(Initiative.objects.filter(date__isnull=False).values_list("category__slug", flat=True))
    return counts.most_common(1)[0][0]


@pytest.mark.parametrize("filtered", [False, True])
def test_the_timeline_pages_follow_each_other_in_date_order(client, generated_data, filtered):
    params = {"category": busiest_category()} if filtered else {}
    filters = {"category__slug": params["category"]} if params else {}
    expected = expected_timeline(**filters)
    pages = -(-len(expected) // measures.TIMELINE_PAGE_SIZE)
    assert pages >= 2
    shown = []
    for number in range(1, pages + 1):
        response = client.get(reverse("timeline"), {**params, "page": number})
        assert response.status_code == 200
        page_ids = [event.pk for event in timeline_events(response)]
        html = response.content.decode()
        positions = [html.index(f'href="/initiatives/{pk}/"') for pk in page_ids]
        assert positions == sorted(positions)  # in the page in that order
        shown += page_ids
    assert shown == expected


def test_timeline_page_links_keep_the_filters(client, generated_data):
    category = busiest_category()
    response = client.get(reverse("timeline"), {"category": category})
    html = unescape(response.content.decode())
    next_link = re.search(r'href="([^"]+)" rel="next"', html).group(1)
    assert parse_qs(urlsplit(next_link).query) == {"category": [category], "page": ["2"]}
    total = len(expected_timeline(category__slug=category))
    count = translation.ngettext("%(counter)s dated event", "%(counter)s dated events", total) % {"counter": total}
    assert count in html


@pytest.mark.parametrize("page, expected", [("abc", 1), ("", 1), ("2.5", 1), ("999", "last"), ("0", "last")])
def test_a_junk_or_out_of_range_timeline_page_lands_on_the_first_or_last_page(client, generated_data, page, expected):
    response = client.get(reverse("timeline"), {"page": page})
    assert response.status_code == 200
    shown = response.context["page"]
    assert shown.number == (shown.paginator.num_pages if expected == "last" else expected)
    assert list(shown)


def test_the_city_filter_groups_every_city_under_its_province(client, generated_data):
    html = client.get(reverse("timeline"), {"city": "haidian"}).content.decode()
    select = html.split('<select id="timeline-city"', 1)[1].split("</select>", 1)[0]
    groups = re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', select, re.S)
    assert [label for label, _ in groups] == list(Province.objects.values_list("name_zh", flat=True))
    beijing = dict(groups)["北京市"]
    slugs = re.findall(r'<option value="([\w-]+)"', beijing)
    assert slugs == list(City.objects.filter(province__slug="beijing").values_list("slug", flat=True))
    assert slugs[:2] == ["chaoyang", "haidian"]
    assert '<option value="haidian" selected>' in beijing
    assert len(re.findall(r"<option value=\"[\w-]+\"", select)) == City.objects.count()


@pytest.mark.parametrize("language", ["zh-hant", "zh-hans", "en"])
def test_the_city_choices_read_as_the_names_do_elsewhere(report_data, language):
    groups = measures.cities_by_province()
    with translation.override(language):
        html = city_options(groups, "shenyang")
        for group in groups:
            assert f'<optgroup label="{escape(measures.display_name(group))}">' in html
            for city in group.cities:
                selected = " selected" if city.slug == "shenyang" else ""
                assert f'<option value="{city.slug}"{selected}>{escape(measures.display_name(city))}</option>' in html
    assert html.count(" selected") == 1


def test_english_names_carry_the_chinese_beside_them(client, report_data):
    response = client.get("/en" + reverse("timeline"))
    assert 'Shenyang <span lang="zh-Hant">沈陽市</span>' in response.content.decode()
    shenyang = City.objects.get(slug="shenyang")
    with translation.override("en"):
        assert measures.display_name(shenyang) == "Shenyang 沈陽市"
    with translation.override("zh-hant"):
        assert measures.display_name(shenyang) == "沈陽市"

"""Each measure's ranking of its figures, largest first, with its bar chart: the overview of every measure, and one
measure's ranking page by page."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext
from query_budget import CONTENT_VERSION_QUERY

from initiatives import charts, display, measures, rankings
from initiatives.models import Metric, MetricKind
from tests.page_support import page_text

pytestmark = pytest.mark.django_db

# Kinds with the smallest of their largest values, their largest figures, two summaries of all their figures.
OVERVIEW_QUERY_BOUND = 4
# The kind, the count, the page's values, the figures before them, the page's figures, the chart's, two summaries,
# the other measures of its family, the figures of the cities a later source updates (figures over time).
RANKING_QUERY_BOUND = 10


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

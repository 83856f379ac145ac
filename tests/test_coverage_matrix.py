"""The coverage matrix: what each city reports in each theme, counted as the database counts, page by page."""

import pytest
from django.urls import reverse
from django.utils import translation
from query_budget import CONTENT_VERSION_QUERY

from cities.models import City
from initiatives.coverage import COVERAGE_PAGE_SIZE
from initiatives.models import Initiative, InitiativeCategory, Metric

pytestmark = pytest.mark.django_db


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


# The cities' count, the page's cities, the categories with their totals, and for the page's cities the
# initiatives and figures by their own category and by their additional categories (four grouped counts).
COVERAGE_QUERY_BOUND = 7
# The cities' count, the page's cities, the topics with their totals, initiatives and figures by topic.
TOPIC_COVERAGE_QUERY_BOUND = 5


@pytest.mark.parametrize("data", ["report_data", "generated_data"])
def test_coverage_queries_are_bounded(client, request, data, django_assert_max_num_queries):
    request.getfixturevalue(data)
    with django_assert_max_num_queries(COVERAGE_QUERY_BOUND + CONTENT_VERSION_QUERY):
        assert client.get(reverse("coverage")).status_code == 200
    with django_assert_max_num_queries(COVERAGE_QUERY_BOUND + CONTENT_VERSION_QUERY):
        assert client.get(reverse("coverage"), {"page": "2"}).status_code == 200
    with django_assert_max_num_queries(TOPIC_COVERAGE_QUERY_BOUND + CONTENT_VERSION_QUERY):
        assert client.get(reverse("coverage"), {"theme": "topics"}).status_code == 200

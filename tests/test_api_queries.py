"""What each JSON API list costs in queries: a fixed number, the same with ten times the data."""

import pytest
from query_budget import CONTENT_VERSION_QUERY

from cities.models import City
from initiatives.models import Initiative, InitiativeCategory, MetricKind

pytestmark = pytest.mark.usefixtures("report_data")

LIST_QUERIES = [
    ("/api/provinces/?page_size=500", 3),
    ("/api/cities/?page_size=500", 3),
    ("/api/cities/?page_size=500&province={province}&category={category}&sort=initiatives", 5),
    ("/api/categories/?page_size=500", 2),
    ("/api/metric-kinds/?page_size=500", 2),
    ("/api/innovation-models/?page_size=500", 3),
    # Initiatives: and their additional categories and topics, two more each.
    ("/api/initiatives/?page_size=500", 5),
    ("/api/initiatives/?page_size=500&province={province}&has_figures=true&q=信用", 6),
    ("/api/initiatives/?page_size=500&metric_kind={kind}&year=2024", 6),
    ("/api/metrics/?page_size=500", 2),
    ("/api/metrics/?page_size=500&kind={kind}&sort=-value", 3),
    ("/api/cities/chaoyang/", 2),
    ("/api/initiatives/{initiative}/", 5),
]


def with_slugs(url):
    """Fill the URL's placeholders with objects the loaded data has (outside the measured block)."""
    return url.format(
        province=City.objects.get(slug="chaoyang").province.slug,
        category=InitiativeCategory.objects.filter(initiatives__city__slug="chaoyang").first().slug,
        kind=MetricKind.objects.filter(metrics__isnull=False).first().slug,
        initiative=Initiative.objects.filter(metrics__isnull=False).first().pk,
    )


@pytest.mark.parametrize(("url", "bound"), LIST_QUERIES)
def test_a_list_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries, url, bound):
    url = with_slugs(url)
    with django_assert_max_num_queries(bound + CONTENT_VERSION_QUERY):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize(("url", "bound"), LIST_QUERIES)
def test_the_same_number_of_queries_with_ten_times_the_data(
    client, django_assert_max_num_queries, generated_data, url, bound
):
    url = with_slugs(url)
    with django_assert_max_num_queries(bound + CONTENT_VERSION_QUERY):
        response = client.get(url)
    assert response.status_code == 200
    if url.endswith("/?page_size=500"):
        body = response.json()
        assert len(body["results"]) == min(body["count"], 500)

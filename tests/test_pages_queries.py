"""Every browsing page makes a small, fixed number of queries, with the report's data and with ten times more."""

import pytest
from django.urls import reverse
from query_budget import CONTENT_VERSION_QUERY

from cities.models import City
from initiatives.models import Initiative

# (url name, arguments, query string, most queries allowed)
PAGES = [
    ("home", [], {}, 6),
    ("province_list", [], {}, 2),
    ("province_detail", ["liaoning"], {}, 4),
    # Three filters' choices, the count, a page of cities, their model types.
    ("city_list", [], {}, 6),
    (
        "city_list",
        [],
        {"province": "hebei", "model": "cross-regional", "category": "finance", "sort": "initiatives"},
        6,
    ),
    ("city_list", [], {"sort": "initiatives", "page": "2"}, 6),
    ("city_list", [], {"level": "county_city", "page": "999"}, 6),
    # The cite block reads the sources the city's rows cite (one query); the initiatives' additional categories and
    # topics are two.
    ("city_detail", ["shenyang"], {}, 9),
    # The initiatives list: see INITIATIVE_LIST_QUERIES below, query by query; a city given is checked in one more.
    ("initiative_list", [], {}, 9),
    ("initiative_list", [], {"province": "liaoning", "category": "finance", "year": "2025", "has_figures": "yes"}, 9),
    ("initiative_list", [], {"q": "信用", "kind": "loans-disbursed-cumulative", "page": "2"}, 9),
    ("initiative_list", [], {"category": "credit-repair,finance", "sort": "figures"}, 9),
    ("initiative_list", [], {"city": "nowhere", "page": "999"}, 10),
    ("initiative_list", [], {"city": ["chaoyang", "haidian"], "sort": "-date", "more": "city"}, 10),
    # The initiative (with its source), its figures (with theirs: the cite block reads none), its additional
    # categories, its topics, the city's other initiatives.
    ("initiative_detail", ["shenyang:social-credit-regulation"], {}, 5),
    ("initiative_detail", ["haidian:platform-data-opening"], {}, 5),
    # The measure, the ranking's count, page bounds and page (figures with city and source), the summary's two, the
    # figures of the cities a later source updates (figures over time), the family's other measures.
    ("metric_kind_detail", ["loans-disbursed-cumulative"], {}, 8),
    ("category_list", [], {}, 1),
    ("category_detail", ["finance"], {}, 5),
    ("topic_list", [], {}, 1),  # the topics with their counts
    # The topic; its initiatives, their figures, additional categories and topics.
    ("topic_detail", ["personal-credit-score"], {}, 5),
    ("innovation_model_list", [], {}, 2),
    ("innovation_model_detail", ["cross-regional"], {}, 3),
    ("lesson_list", [], {}, 2),
    ("about", [], {}, 3),
]


def url_for(name, args):
    resolved = []
    for arg in args:
        if ":" in arg:  # an initiative, by its natural key
            city, slug = arg.split(":")
            arg = Initiative.objects.get(city__slug=city, slug=slug).pk
        resolved.append(arg)
    return reverse(name, args=resolved)


def assert_bounded(client, django_assert_max_num_queries, name, args, params, bound):
    url = url_for(name, args)
    with django_assert_max_num_queries(bound + CONTENT_VERSION_QUERY):
        response = client.get(url, params)
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("name, args, params, bound", PAGES)
def test_queries_with_the_report_data(client, report_data, django_assert_max_num_queries, name, args, params, bound):
    assert_bounded(client, django_assert_max_num_queries, name, args, params, bound)


@pytest.mark.django_db
@pytest.mark.parametrize("name, args, params, bound", PAGES)
def test_queries_with_ten_times_more_rows(
    client, generated_data, django_assert_max_num_queries, name, args, params, bound
):
    assert City.objects.count() > 140
    assert_bounded(client, django_assert_max_num_queries, name, args, params, bound)


@pytest.mark.django_db
def test_a_generated_city_and_its_initiative_are_bounded_too(client, generated_data, django_assert_max_num_queries):
    city = City.objects.filter(slug__startswith="gen-").order_by("-order").first()
    with django_assert_max_num_queries(9 + CONTENT_VERSION_QUERY):
        assert client.get(city.get_absolute_url()).status_code == 200
    initiative = city.initiatives.first()
    assert initiative.metrics.count() == 3
    assert initiative.topics.exists()
    with django_assert_max_num_queries(6 + CONTENT_VERSION_QUERY):
        assert client.get(initiative.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(10 + CONTENT_VERSION_QUERY):
        assert client.get(reverse("initiative_list"), {"city": city.slug, "has_figures": "yes"}).status_code == 200


# The initiatives list's queries, exactly, whatever the data size and the filters chosen.
INITIATIVE_LIST_QUERIES = [
    "the provinces (the province facet's choices, which also check the slugs given)",
    "the categories (the same)",
    "the measures (the same)",
    "the first and last year of the dates (the year facet's choices)",
    # Every facet's counts and the number of results (which the paginator then does not count): one statement over
    # the facet rows, the province facet summing the city facet's counts by province.
    "every facet's counts and the number of results, from the facet rows",
    "the provinces of the cities (the province facet's counts)",
    "the names of the cities the city facet lists (the 30 with most results, and any chosen)",
    "the page of initiatives with their cities, provinces and categories",
    "their figures with their measures",
]


@pytest.mark.django_db
@pytest.mark.parametrize("data", ["report", "generated"])
@pytest.mark.parametrize(
    "params, city_given",
    [
        ({}, False),
        ({"province": ["beijing", "liaoning"], "category": "finance", "year": "2025", "sort": "figures"}, False),
        ({"city": "chaoyang,haidian", "has_figures": "yes", "q": "信用"}, True),
    ],
)
def test_the_initiatives_list_makes_exactly_its_queries(
    request, client, django_assert_num_queries, params, city_given, data
):
    if data == "generated":
        request.getfixturevalue("generated_data")
    expected = len(INITIATIVE_LIST_QUERIES) + (1 if city_given else 0)  # the cities given, checked in one query
    with django_assert_num_queries(expected + CONTENT_VERSION_QUERY):
        assert client.get(reverse("initiative_list"), params).status_code == 200

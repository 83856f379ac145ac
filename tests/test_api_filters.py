"""The JSON API's filters, sorting and pages give what the database and the initiatives page give."""

import datetime
from decimal import Decimal
from urllib.parse import quote

import pytest
from django.db.models import Count, Q
from django.utils.http import urlencode

from cities.models import City, InnovationModel
from core.localization import to_simplified
from initiatives.models import Initiative, InitiativeCategory, Metric, MetricKind
from tests.api_support import get_all
from tests.initiative_list_support import all_listed_ids

pytestmark = pytest.mark.usefixtures("report_data")


def slugs(results, key="slug"):
    return [result[key] for result in results]


def test_initiatives_sort_as_the_page_sorts_them(client):
    by_figures = get_all(client, "/api/initiatives/?sort=figures&page_size=500")
    counts = [len(result["metrics"]) for result in by_figures]
    assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1]
    newest = [result["date"] for result in get_all(client, "/api/initiatives/?sort=-date&page_size=500")]
    dated = [date for date in newest if date]
    assert dated == sorted(dated, reverse=True) and newest[-1] is None
    for bad in ("sort=random", "sort=date&sort=city", "sort="):
        response = client.get(f"/api/initiatives/?{bad}")
        assert response.status_code == 400
        assert response.json()["error"]["parameter"] == "sort"


def test_initiative_filters_match_the_database(client):
    city, other = City.objects.order_by("order")[:2]
    category = InitiativeCategory.objects.filter(initiatives__isnull=False).first()
    kind = MetricKind.objects.filter(metrics__isnull=False).first()
    dated = Initiative.objects.filter(date__isnull=False).first()

    def ids(url):
        return sorted(slugs(get_all(client, url), "id"))

    def expected(queryset):
        return sorted(queryset.values_list("pk", flat=True).distinct())

    assert ids(f"/api/initiatives/?city={city.slug}") == expected(Initiative.objects.filter(city=city))
    both = expected(Initiative.objects.filter(city__in=[city, other]))
    assert ids(f"/api/initiatives/?city={city.slug},{other.slug}") == both
    assert ids(f"/api/initiatives/?city={city.slug}&city={other.slug}") == both
    assert ids(f"/api/initiatives/?province={city.province.slug}") == expected(
        Initiative.objects.filter(city__province=city.province)
    )
    assert ids(f"/api/initiatives/?category={category.slug}&city={city.slug}") == expected(
        Initiative.objects.filter(category=category, city=city)
    )
    assert ids(f"/api/initiatives/?metric_kind={kind.slug}") == expected(Initiative.objects.filter(metrics__kind=kind))
    year = dated.date.year
    assert ids(f"/api/initiatives/?year={year}") == expected(
        Initiative.objects.filter(
            Q(date__year=year)
            | Q(metrics__as_of__year=year)
            | Q(metrics__period_start__year=year)
            | Q(metrics__period_end__year=year)
        )
    )
    # 《沈陽市社會信用條例》 took effect on 1 January 2024, and carries no figure.
    regulation = Initiative.objects.get(city__slug="shenyang", date=datetime.date(2024, 1, 1))
    assert regulation.pk in ids("/api/initiatives/?year=2024")
    assert ids(f"/api/initiatives/?kind={kind.slug}") == ids(f"/api/initiatives/?metric_kind={kind.slug}")
    with_figures = ids("/api/initiatives/?has_figures=true")
    without = ids("/api/initiatives/?has_figures=false")
    assert with_figures == expected(Initiative.objects.filter(metrics__isnull=False))
    assert sorted(with_figures + without) == expected(Initiative.objects.all())


def test_keyword_finds_traditional_text_typed_in_simplified(client):
    initiative = next(i for i in Initiative.objects.order_by("pk") if to_simplified(i.title_zh) != i.title_zh)
    traditional = get_all(client, f"/api/initiatives/?q={quote(initiative.title_zh)}")
    simplified = get_all(client, f"/api/initiatives/?q={quote(to_simplified(initiative.title_zh))}")
    assert initiative.pk in slugs(traditional, "id")
    assert slugs(simplified, "id") == slugs(traditional, "id")
    assert client.get("/api/initiatives/?q=" + quote("%_'\"\\😀 OR 1=1")).json()["count"] == 0


def test_metric_filters_and_ranking(client):
    kind = MetricKind.objects.annotate(n=Count("metrics")).order_by("-n").first()
    ranked = get_all(client, f"/api/metrics/?kind={kind.slug}&sort=-value")
    values = [Decimal(figure["value"]) for figure in ranked]
    assert values == sorted(values, reverse=True)
    assert len(ranked) == kind.metrics.count()
    over = get_all(client, "/api/metrics/?qualifier=over,about")
    assert {figure["qualifier"] for figure in over} <= {"over", "about"}
    assert len(over) == Metric.objects.filter(qualifier__in=["over", "about"]).count()
    assert len(get_all(client, "/api/metrics/?has_kind=true")) == Metric.objects.filter(kind__isnull=False).count()
    as_of_2026 = get_all(client, "/api/metrics/?year=2026&city=chaoyang")
    assert "7.58萬家" in [figure["as_written"] for figure in as_of_2026]
    initiative = Metric.objects.first().initiative
    assert sorted(slugs(get_all(client, f"/api/metrics/?initiative={initiative.pk}"), "id")) == sorted(
        initiative.metrics.values_list("pk", flat=True)
    )


def test_city_filters_match_the_database(client):
    model = InnovationModel.objects.filter(cities__isnull=False).first()
    category = InitiativeCategory.objects.filter(initiatives__isnull=False).first()
    beijing = City.objects.get(slug="chaoyang").province
    assert slugs(get_all(client, f"/api/cities/?province={beijing.slug}")) == ["chaoyang", "haidian"]
    assert set(slugs(get_all(client, "/api/cities/?level=municipal_district"))) == set(
        City.objects.filter(level="municipal_district").values_list("slug", flat=True)
    )
    assert set(slugs(get_all(client, f"/api/cities/?innovation_model={model.slug}"))) == set(
        model.cities.values_list("slug", flat=True)
    )
    assert slugs(get_all(client, f"/api/cities/?model={model.slug}")) == slugs(
        get_all(client, f"/api/cities/?innovation_model={model.slug}")
    )
    assert set(slugs(get_all(client, f"/api/cities/?category={category.slug}"))) == set(
        City.objects.filter(initiatives__category=category).values_list("slug", flat=True)
    )
    by_initiatives = get_all(client, "/api/cities/?sort=initiatives")
    counts = [city["initiative_count"] for city in by_initiatives]
    assert counts == sorted(counts, reverse=True)


def test_pages_chain_through_every_result_once(client):
    first = client.get("/api/metrics/?page_size=2&kind=").status_code
    assert first == 400  # an empty slug filter is a mistake, not "no filter"
    pages = []
    url = "/api/initiatives/?page_size=2"
    while url:
        body = client.get(url).json()
        assert body["page_size"] == 2 and len(body["results"]) <= 2
        pages.append(body)
        url = body["next"]
    ids = [result["id"] for body in pages for result in body["results"]]
    assert len(ids) == len(set(ids)) == Initiative.objects.count() == pages[0]["count"]
    assert pages[0]["previous"] is None and pages[-1]["next"] is None
    assert pages[1]["previous"].endswith("page=1")
    assert "page_size=2" in pages[0]["next"]


@pytest.mark.parametrize(
    "query",
    [
        {"kind": "loans-disbursed-cumulative"},
        {"province": "liaoning", "year": "2024"},
        {"city": "haidian", "has_figures": "yes"},
        {"category": "finance", "q": "信用"},
    ],
)
def test_the_api_and_the_initiatives_page_filter_alike(client, query):
    """One FilterSet serves both: the same query gives the same initiatives on the page and in the API."""
    api = {result["id"] for result in get_all(client, f"/api/initiatives/?page_size=500&{urlencode(query)}")}
    assert api
    assert api == set(all_listed_ids(client, **query))

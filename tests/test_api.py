"""The read-only JSON API: what it answers equals the database, its filters and pages, its errors, its 304s."""

import contextlib
import datetime
from decimal import Decimal
from unittest import mock
from urllib.parse import quote

import pytest
from django.db import OperationalError, connection
from django.db.models import Count, Q
from django.test import Client
from django.utils.http import urlencode
from query_budget import CONTENT_VERSION_QUERY
from test_pages_initiatives import all_listed_ids

from cities.models import City, InnovationModel, Province
from core.localization import to_simplified
from initiatives.display import machine_number
from initiatives.models import Initiative, InitiativeCategory, Metric, MetricKind

pytestmark = pytest.mark.usefixtures("report_data")

LISTS = [
    "/api/provinces/",
    "/api/cities/",
    "/api/categories/",
    "/api/metric-kinds/",
    "/api/innovation-models/",
    "/api/initiatives/",
    "/api/metrics/",
]


def get_all(client, url):
    """Every result of a list, following `next` from page to page."""
    results, pages = [], 0
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        body = response.json()
        results += body["results"]
        url = body["next"]
        pages += 1
        assert pages < 1000
    return results


def date_or_none(text):
    return datetime.date.fromisoformat(text) if text else None


def decimal_or_none(text):
    return Decimal(text) if text is not None else None


def assert_figure_equals_row(figure, metric):
    initiative = metric.initiative
    assert figure["id"] == metric.pk
    assert figure["position"] == metric.position
    assert (figure["label_zh"], figure["label_en"]) == (metric.label_zh, metric.label_en)
    assert isinstance(figure["value"], str)
    assert Decimal(figure["value"]) == metric.value
    assert decimal_or_none(figure["value_max"]) == metric.value_max
    assert (figure["unit"], figure["unit_en"], figure["qualifier"]) == (metric.unit, metric.unit_en, metric.qualifier)
    assert date_or_none(figure["as_of"]) == metric.as_of
    assert (figure["as_of_precision"] or "") == metric.as_of_precision
    assert date_or_none(figure["period_start"]) == metric.period_start
    assert date_or_none(figure["period_end"]) == metric.period_end
    assert figure["as_written"] == metric.as_written
    assert figure["time_as_written"] == metric.time_as_written
    assert (figure["kind"]["slug"] if figure["kind"] else None) == (metric.kind.slug if metric.kind else None)
    assert figure["report_reference"] == {
        "section": initiative.report_section,
        "paragraph": initiative.report_paragraph,
        "heading": initiative.heading,
    }
    assert figure["initiative"]["id"] == initiative.pk
    assert figure["city"]["slug"] == initiative.city.slug


def test_every_figure_reads_back_equal_to_the_database(client):
    figures = get_all(client, "/api/metrics/?page_size=500")
    metrics = {metric.pk: metric for metric in Metric.objects.select_related("initiative__city", "kind")}
    assert len(figures) == len(metrics) > 0
    for figure in figures:
        assert_figure_equals_row(figure, metrics[figure["id"]])


def test_every_initiative_reads_back_with_all_its_figures(client):
    initiatives = {i.pk: i for i in Initiative.objects.select_related("city__province", "category")}
    metrics = Metric.objects.select_related("initiative__city", "kind")
    figures_of = {}
    for metric in metrics:
        figures_of.setdefault(metric.initiative_id, []).append(metric)
    results = get_all(client, "/api/initiatives/?page_size=500")
    assert len(results) == len(initiatives) > 0
    for result in results:
        initiative = initiatives[result["id"]]
        assert result["city"]["slug"] == initiative.city.slug
        assert result["province"]["slug"] == initiative.city.province.slug
        assert result["category"]["slug"] == initiative.category.slug
        for field in ("slug", "heading", "title_zh", "title_en", "description_zh", "description_en", "sub_locality"):
            assert result[field] == getattr(initiative, field), field
        assert date_or_none(result["date"]) == initiative.date
        assert (result["date_precision"] or "") == initiative.date_precision
        assert (result["date_event"] or "") == initiative.date_event
        assert result["report_reference"]["paragraph"] == initiative.report_paragraph
        expected = sorted(figures_of.get(initiative.pk, []), key=lambda metric: metric.position)
        assert [figure["id"] for figure in result["metrics"]] == [metric.pk for metric in expected]
        for figure, metric in zip(result["metrics"], expected, strict=True):
            assert_figure_equals_row(figure, metric)


def test_cities_provinces_categories_kinds_and_models_read_back_equal(client):
    cities = {city.slug: city for city in City.objects.select_related("province")}
    initiative_counts = dict(City.objects.annotate(n=Count("initiatives")).values_list("slug", "n"))
    metric_counts = {slug: 0 for slug in cities}
    for slug in Metric.objects.values_list("initiative__city__slug", flat=True):
        metric_counts[slug] += 1
    results = get_all(client, "/api/cities/?page_size=500")
    assert [result["slug"] for result in results] == list(
        City.objects.order_by("order", "slug").values_list("slug", flat=True)
    )
    for result in results:
        city = cities[result["slug"]]
        assert (result["name_zh"], result["name_en"], result["level"]) == (city.name_zh, city.name_en, city.level)
        assert (result["summary_zh"], result["summary_en"]) == (city.summary_zh, city.summary_en)
        assert result["province"]["slug"] == city.province.slug
        assert result["initiative_count"] == initiative_counts[city.slug]
        assert result["metric_count"] == metric_counts[city.slug]
        assert sorted(model["slug"] for model in result["innovation_models"]) == sorted(
            city.innovation_models.values_list("slug", flat=True)
        )

    provinces = get_all(client, "/api/provinces/?page_size=500")
    assert {p["slug"]: {c["slug"] for c in p["cities"]} for p in provinces} == {
        province.slug: set(province.cities.values_list("slug", flat=True)) for province in Province.objects.all()
    }

    categories = get_all(client, "/api/categories/")
    assert {c["slug"]: c["initiative_count"] for c in categories} == {
        category.slug: category.initiatives.count() for category in InitiativeCategory.objects.all()
    }
    kinds = get_all(client, "/api/metric-kinds/")
    assert {k["slug"]: (k["unit"], k["metric_count"]) for k in kinds} == {
        kind.slug: (kind.unit, kind.metrics.count()) for kind in MetricKind.objects.all()
    }
    models = get_all(client, "/api/innovation-models/")
    assert {m["slug"]: (m["representative_city"]["slug"], {c["slug"] for c in m["cities"]}) for m in models} == {
        model.slug: (model.representative_city.slug, set(model.cities.values_list("slug", flat=True)))
        for model in InnovationModel.objects.all()
    }


def test_chaoyang_figure_reads_as_the_report_writes_it(client):
    figures = get_all(client, "/api/metrics/?city=chaoyang&page_size=500")
    no_disturbance = next(figure for figure in figures if figure["as_written"] == "7.58萬家")
    assert no_disturbance["value"] == "75800"
    assert no_disturbance["unit"] == "家"
    assert no_disturbance["qualifier"] == "exact"
    assert (no_disturbance["as_of"], no_disturbance["as_of_precision"]) == ("2026-01-01", "month")
    assert no_disturbance["time_as_written"] == "截至2026年1月"
    assert no_disturbance["city"]["name_zh"] == "朝陽區"
    assert no_disturbance["report_reference"]["section"]


def test_haidian_decimals_are_exact(client):
    values = {figure["value"] for figure in get_all(client, "/api/metrics/?city=haidian&page_size=500")}
    assert "7042000000" in values  # 70.42億條次
    assert "77.14" in values  # 77.14%


def test_detail_equals_its_list_entry(client):
    for url in LISTS:
        first = client.get(url).json()["results"][0]
        detail = client.get(first["url"].removeprefix("http://testserver"))
        assert detail.status_code == 200
        assert detail.json() == first


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
    ("url", "parameter"),
    [
        ("/api/initiatives/?colour=red", "colour"),
        ("/api/initiatives/?year=abc", "year"),
        ("/api/initiatives/?year=99999", "year"),
        ("/api/initiatives/?year=-1", "year"),
        ("/api/initiatives/?has_figures=maybe", "has_figures"),
        ("/api/initiatives/?city=nowhere", "city"),
        ("/api/initiatives/?city=chaoyang,nowhere", "city"),
        ("/api/initiatives/?city=no%20slug", "city"),
        ("/api/initiatives/?q=" + "x" * 201, "q"),
        ("/api/initiatives/?q=a%00b", "q"),
        ("/api/initiatives/?page=0", "page"),
        ("/api/initiatives/?page=abc", "page"),
        ("/api/initiatives/?page=1.5", "page"),
        ("/api/initiatives/?page=" + "9" * 5000, "page"),
        ("/api/initiatives/?page=1&page=2", "page"),
        ("/api/initiatives/?page=100000", "page"),
        ("/api/initiatives/?page_size=501", "page_size"),
        ("/api/initiatives/?page_size=0", "page_size"),
        ("/api/metrics/?qualifier=roughly", "qualifier"),
        ("/api/metrics/?" + "&".join(["qualifier=over"] * 51), "qualifier"),
        ("/api/initiatives/?city=" + ",".join(["chaoyang"] * 51), "city"),
        ("/api/metrics/?sort=value,-value", "sort"),
        ("/api/metrics/?initiative=x", "initiative"),
        ("/api/metrics/?initiative=99999999999999999999", "initiative"),
        ("/api/cities/?level=village", "level"),
        ("/api/cities/?innovation_model=nowhere", "innovation_model"),
        ("/api/cities/chaoyang/?page=1", "page"),
        ("/api/openapi.json?x=1", "x"),
    ],
)
def test_bad_input_is_a_400_naming_the_parameter(client, url, parameter):
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    error = response.json()["error"]
    assert error["parameter"] == parameter
    assert error["message"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/cities/nowhere/",
        "/api/provinces/nowhere/",
        "/api/categories/nowhere/",
        "/api/metric-kinds/nowhere/",
        "/api/innovation-models/nowhere/",
        "/api/initiatives/999999/",
        "/api/initiatives/abc/",
        "/api/initiatives/99999999999999999999999/",
        "/api/metrics/999999/",
        "/api/metrics/-1/",
        "/api/cities/%E6%9C%9D%E9%99%BD/",
        "/api/categories/a%0Ab/",
        "/api/nothing-here/",
        "/api/cities/chaoyang/initiatives/",
    ],
)
def test_unknown_objects_are_a_404_in_json(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["message"]


def test_a_missing_slash_redirects_and_writes_are_refused(client):
    response = client.get("/api/cities?province=beijing")
    assert response.status_code == 301
    assert response["Location"] == "/api/cities/?province=beijing"
    for method in (client.post, client.put, client.delete, client.patch):
        response = method("/api/cities/")
        assert response.status_code == 405
        assert response["Allow"] == "GET, HEAD"
        assert response.json()["error"]["message"]


@pytest.mark.parametrize(
    "url", ["/api/cities/", "/api/initiatives/?city=chaoyang", "/api/metrics/1/", "/api/openapi.json"]
)
def test_a_repeat_request_for_unchanged_data_gets_304(client, url):
    url = url.replace("/1/", f"/{Metric.objects.first().pk}/")
    first = client.get(url)
    assert first.status_code == 200
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('"') and last_modified.endswith("GMT")
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again["ETag"] == etag
    assert again.content == b""
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_changed_data_is_never_answered_with_304(client):
    metric = Metric.objects.filter(initiative__city__slug="chaoyang").first()
    url = "/api/metrics/?city=chaoyang"
    etag = client.get(url)["ETag"]
    metric.label_en = metric.label_en + " (corrected)"
    metric.save()
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    # A bulk update sends no save signal; the ETag, a hash of the body, still changes.
    etag = changed["ETag"]
    Metric.objects.filter(pk=metric.pk).update(value=metric.value + 1)
    bulk = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert bulk.status_code == 200
    assert f'"value":"{machine_number(metric.value + 1)}"' in bulk.content.decode()


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


def test_every_object_links_to_its_page_on_the_portal(client):
    for url in LISTS:
        result = client.get(url).json()["results"][0]
        if "html_url" not in result:  # a figure has no page of its own: its initiative's page shows it
            result = client.get(result["initiative"]["url"].removeprefix("http://testserver")).json()
        page = client.get(result["html_url"].removeprefix("http://testserver"))
        assert page.status_code == 200, result["html_url"]
        assert (result.get("name_zh") or result["title_zh"]) in page.content.decode()


@contextlib.contextmanager
def database_down():
    """Every new query fails as it would with the database server gone."""

    def refuse(*args, **kwargs):
        raise OperationalError("could not connect to server")

    with mock.patch.object(connection, "create_cursor", refuse):
        yield


@pytest.mark.parametrize("url", ["/api/cities/", "/api/initiatives/?city=chaoyang", "/api/metrics/1/", "/api/"])
def test_a_server_error_is_json_even_with_the_database_down(url):
    client = Client(raise_request_exception=False)
    with database_down():
        response = client.get(url)
        page = client.get("/cities/")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["message"]
    # The site's pages keep their HTML error page.
    assert page.status_code == 500
    assert page["Content-Type"].startswith("text/html")


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

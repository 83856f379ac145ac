"""What the JSON API answers equals the database: every figure, initiative, city and list, and each object's page."""

import datetime
from decimal import Decimal

import pytest
from django.db.models import Count

from cities.models import City, InnovationModel, Province
from initiatives.models import Initiative, InitiativeCategory, Metric, MetricKind
from tests.api_support import get_all

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


def test_every_object_links_to_its_page_on_the_portal(client):
    for url in LISTS:
        result = client.get(url).json()["results"][0]
        if "html_url" not in result:  # a figure has no page of its own: its initiative's page shows it
            result = client.get(result["initiative"]["url"].removeprefix("http://testserver")).json()
        page = client.get(result["html_url"].removeprefix("http://testserver"))
        assert page.status_code == 200, result["html_url"]
        assert (result.get("name_zh") or result["title_zh"]) in page.content.decode()

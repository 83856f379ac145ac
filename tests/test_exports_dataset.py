"""/about/data.zip: one CSV per table that re-reads equal to the database, and a README of fields, source and terms."""

import csv
import io
import zipfile
from decimal import Decimal

import pytest
from django.urls import reverse

from cities.models import City, InnovationModel, Lesson, Province, Source
from initiatives.models import Initiative, InitiativeCategory, Metric, MetricKind, Topic

pytestmark = pytest.mark.usefixtures("report_data")

TABLES = {
    "sources.csv": Source,
    "provinces.csv": Province,
    "cities.csv": City,
    "categories.csv": InitiativeCategory,
    "topics.csv": Topic,
    "metric_kinds.csv": MetricKind,
    "initiatives.csv": Initiative,
    "metrics.csv": Metric,
    "innovation_models.csv": InnovationModel,
    "lessons.csv": Lesson,
}


@pytest.fixture
def download(client):
    response = client.get(reverse("dataset_download"))
    assert response.status_code == 200
    return response


@pytest.fixture
def archive(download):
    return zipfile.ZipFile(io.BytesIO(download.content))


def table(archive, name):
    raw = archive.read(name)
    assert raw.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_it_is_a_zip_with_a_readme_and_one_csv_per_table(download, archive):
    assert reverse("dataset_download") == "/about/data.zip"
    assert download["Content-Type"] == "application/zip"
    assert download["Content-Disposition"] == 'attachment; filename="social-credit-portal-data.zip"'
    assert sorted(archive.namelist()) == sorted(["README.txt", *TABLES])
    assert archive.testzip() is None
    for name, model in TABLES.items():
        assert len(table(archive, name)) == model.objects.count(), name


def test_every_figure_re_reads_equal_to_the_database(archive):
    rows = {int(row["id"]): row for row in table(archive, "metrics.csv")}
    metrics = Metric.objects.select_related("initiative__city", "kind")
    assert len(rows) == metrics.count() > 0
    for metric in metrics:
        row = rows[metric.pk]
        assert int(row["initiative"]) == metric.initiative_id
        assert row["city"] == metric.initiative.city.slug
        assert int(row["position"]) == metric.position
        assert (row["label_zh"], row["label_en"]) == (metric.label_zh, metric.label_en)
        assert Decimal(row["value"]) == metric.value
        assert (Decimal(row["value_max"]) if row["value_max"] else None) == metric.value_max
        assert (row["unit"], row["unit_en"], row["qualifier"]) == (metric.unit, metric.unit_en, metric.qualifier)
        assert row["as_written"] == metric.as_written
        assert row["as_of"] == (metric.as_of.isoformat() if metric.as_of else "")
        assert row["as_of_precision"] == metric.as_of_precision
        assert row["period_start"] == (metric.period_start.isoformat() if metric.period_start else "")
        assert row["period_end"] == (metric.period_end.isoformat() if metric.period_end else "")
        assert row["time_as_written"] == metric.time_as_written
        assert row["kind"] == (metric.kind.slug if metric.kind else "")


def test_chaoyang_figure_in_the_dataset(archive):
    chaoyang = [row for row in table(archive, "metrics.csv") if row["city"] == "chaoyang"]
    row = next(row for row in chaoyang if row["as_written"] == "7.58萬家")
    assert (row["value"], row["as_of"], row["as_of_precision"], row["time_as_written"]) == (
        "75800",
        "2026-01-01",
        "month",
        "截至2026年1月",
    )


def test_every_other_table_re_reads_equal(archive):
    initiatives = {int(row["id"]): row for row in table(archive, "initiatives.csv")}
    for initiative in Initiative.objects.select_related("city", "category"):
        row = initiatives[initiative.pk]
        assert (row["city"], row["category"], row["slug"]) == (
            initiative.city.slug,
            initiative.category.slug,
            initiative.slug,
        )
        for field in ("heading", "title_zh", "title_en", "description_zh", "description_en", "report_section"):
            assert row[field] == getattr(initiative, field), field
        assert row["date"] == (initiative.date.isoformat() if initiative.date else "")
        assert int(row["report_paragraph"]) == initiative.report_paragraph
    cities = {row["slug"]: row for row in table(archive, "cities.csv")}
    for city in City.objects.select_related("province"):
        assert (cities[city.slug]["province"], cities[city.slug]["name_zh"]) == (city.province.slug, city.name_zh)
        assert cities[city.slug]["summary_en"] == city.summary_en
    assert {row["slug"]: row["name_en"] for row in table(archive, "provinces.csv")} == dict(
        Province.objects.values_list("slug", "name_en")
    )
    assert {row["slug"]: row["unit"] for row in table(archive, "metric_kinds.csv")} == dict(
        MetricKind.objects.values_list("slug", "unit")
    )
    assert {row["slug"] for row in table(archive, "categories.csv")} == set(
        InitiativeCategory.objects.values_list("slug", flat=True)
    )
    models = {row["slug"]: row for row in table(archive, "innovation_models.csv")}
    for model in InnovationModel.objects.all():
        assert models[model.slug]["representative_city"] == model.representative_city.slug
        assert set(filter(None, models[model.slug]["cities"].split("; "))) == set(
            model.cities.values_list("slug", flat=True)
        )
    lessons = {row["slug"]: row for row in table(archive, "lessons.csv")}
    for lesson in Lesson.objects.all():
        assert lessons[lesson.slug]["title_zh"] == lesson.title_zh
        assert set(filter(None, lessons[lesson.slug]["cities"].split("; "))) == set(
            lesson.cities.values_list("slug", flat=True)
        )


def test_the_readme_gives_fields_source_and_terms(archive):
    readme = archive.read("README.txt").decode("utf-8")
    report = Source.objects.get()
    assert report.publisher == "源點蘇研院"
    assert report.title_zh in readme
    assert f"Publisher: {report.publisher}" in readme
    assert "transcribed from the report" in readme
    assert "The report's own rights remain with its publisher, 源點蘇研院." in readme
    assert report.disclaimer_zh and report.disclaimer_zh in readme
    assert report.platform_notice and report.platform_notice in readme
    assert "http://testserver/about/data.zip" in readme
    for name in TABLES:
        assert f"{name}: " in readme
        header = archive.read(name).decode("utf-8-sig").splitlines()[0].split(",")
        for field in header:
            assert f"\n  {field}: " in readme.split(f"{name}: ", 1)[1], (name, field)


def test_a_repeat_download_of_unchanged_data_gets_304(client, download):
    again = client.get("/about/data.zip", HTTP_IF_NONE_MATCH=download["ETag"])
    assert again.status_code == 304
    assert client.get("/about/data.zip", HTTP_IF_MODIFIED_SINCE=download["Last-Modified"]).status_code == 304
    metric = Metric.objects.first()
    metric.as_written = metric.as_written + " "
    metric.save()
    assert client.get("/about/data.zip", HTTP_IF_NONE_MATCH=download["ETag"]).status_code == 200


def test_the_download_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    # 14: 11, the topics, the initiatives' additional categories and topics; and the page cache's content version.
    with django_assert_max_num_queries(15):
        assert client.get("/about/data.zip").status_code == 200


def test_the_same_number_of_queries_with_ten_times_the_data(client, django_assert_max_num_queries, generated_data):
    with django_assert_max_num_queries(15):  # as above
        response = client.get("/about/data.zip")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert len(table(archive, "initiatives.csv")) == Initiative.objects.count() > 800

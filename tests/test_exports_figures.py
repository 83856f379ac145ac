"""The figures download: one row per figure of a list, a comparison or a measure, under column names that are the
same in every language, in a file named by the filter, the same rows in CSV and JSON, in a fixed number of queries."""

import csv
import io
import json
import re

import pytest
from query_budget import CONTENT_VERSION_QUERY

from initiatives.figure_rows import FIGURE_COLUMNS
from initiatives.models import Initiative, Metric

pytestmark = pytest.mark.usefixtures("report_data")

KEYS = [column.key for column in FIGURE_COLUMNS]


def body_of(response):
    assert response.status_code == 200, response.content
    return b"".join(response.streaming_content)


def figures_csv(client, path, **params):
    response = client.get(path, {**params, "rows": "figures", "format": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = body_of(response)
    assert body.startswith("\ufeff".encode())
    header, *rows = csv.reader(io.StringIO(body.decode("utf-8-sig")))
    return response, header, [dict(zip(header, row, strict=True)) for row in rows]


def figures_json(client, path, **params):
    response = client.get(path, {**params, "rows": "figures", "format": "json"})
    assert response["Content-Type"] == "application/json"
    data = json.loads(body_of(response))
    assert data["count"] == len(data["rows"])
    return response, data


def filename(response):
    return response["Content-Disposition"].split("filename=", 1)[1].strip('"')


def test_beijing_s_figures_hold_the_figure_as_written_with_its_value_unit_and_date(client):
    response, header, rows = figures_csv(client, "/initiatives/", province="beijing")
    assert filename(response) == "figures-beijing.csv"
    row = next(row for row in rows if row["as_written"] == "7.58萬家")
    assert (row["value"], row["unit"], row["time_as_written"]) == ("75800", "家", "截至2026年1月")
    assert "萬家" in row["as_written"] and row["as_written"].startswith("7.58萬")
    assert (row["as_of"], row["as_of_precision"], row["qualifier"], row["basis"]) == (
        "2026-01-01",
        "month",
        "exact",
        "stock",
    )
    assert row["city"] == "chaoyang" and row["province"] == "beijing"
    initiative = Initiative.objects.get(pk=row["initiative_id"])
    assert (row["report_section"], row["report_paragraph"]) == (
        initiative.report_section,
        str(initiative.report_paragraph or ""),
    )
    assert row["figure_url"] == f"http://testserver/initiatives/{initiative.pk}/#figure-1"
    assert 'id="figure-1"' in client.get(f"/initiatives/{initiative.pk}/").content.decode()
    assert {row["city"] for row in rows} == {"chaoyang", "haidian"}
    assert len(rows) == Metric.objects.filter(initiative__city__province__slug="beijing").count()


def test_the_headers_are_the_column_names_in_every_language(client):
    headers = {
        tuple(figures_csv(client, prefix + "/initiatives/", province="beijing")[1])
        for prefix in ("", "/en", "/zh-hans")
    }
    assert headers == {tuple(KEYS)}
    for prefix in ("/en", "/zh-hans"):
        response, data = figures_json(client, prefix + "/initiatives/", province="beijing")
        assert [column["key"] for column in data["columns"]] == KEYS
        assert filename(response) == "figures-beijing.json"


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"province": "beijing"},
        {"category": ["credit-repair", "finance"]},
        {"category": ["credit-repair", "finance"], "province": "liaoning"},
        {"kind": "loans-disbursed-cumulative", "year": "2025"},
        {"q": "信用"},
    ],
)
def test_the_csv_and_json_of_the_same_url_hold_the_same_rows_the_filters_give(client, params):
    _, _, rows = figures_csv(client, "/initiatives/", **params)
    _, data = figures_json(client, "/initiatives/", **params)
    as_json = [{key: "" if value is None else value for key, value in row.items()} for row in data["rows"]]
    for row in as_json:
        row["topics"] = "; ".join(row["topics"])
        row["initiative_id"] = str(row["initiative_id"])
        row["report_paragraph"] = str(row["report_paragraph"])
    assert rows == as_json
    listed = client.get("/initiatives/", {**params, "format": "json"})
    initiatives = {row["id"] for row in json.loads(body_of(listed))["rows"]}
    assert {int(row["initiative_id"]) for row in rows} <= initiatives
    assert len(rows) == Metric.objects.filter(initiative__in=initiatives).count()


def test_two_values_of_one_facet_give_the_union_of_their_figures(client):
    union = figures_csv(client, "/initiatives/", category=["credit-repair", "finance"])[2]
    parts = [figures_csv(client, "/initiatives/", category=slug)[2] for slug in ("credit-repair", "finance")]
    assert sorted(row["figure_url"] for row in union) == sorted(row["figure_url"] for part in parts for row in part)
    assert all(len(part) < len(union) for part in parts)
    narrowed = figures_csv(client, "/initiatives/", category=["credit-repair", "finance"], province="beijing")[2]
    assert narrowed and {row["province"] for row in narrowed} == {"beijing"} and len(narrowed) < len(union)


@pytest.mark.parametrize(
    "params, expected",
    [
        ({}, "initiatives"),
        ({"province": "beijing", "category": "credit-repair"}, "initiatives-beijing-credit-repair"),
        (
            {"category": ["finance", "credit-repair"], "province": "beijing"},
            "initiatives-beijing-credit-repair-finance",
        ),
        ({"city": "chaoyang", "has_figures": "yes", "year": "2025"}, "initiatives-chaoyang-2025-with-figures"),
        ({"city": "atlantis", "sort": "date"}, "initiatives"),  # an ignored value names nothing
    ],
)
def test_the_file_name_names_the_filter(client, params, expected):
    response = client.get("/initiatives/", {**params, "format": "csv"})
    assert filename(response) == f"{expected}.csv"
    body_of(response)
    figures = client.get("/initiatives/", {**params, "format": "csv", "rows": "figures"})
    assert filename(figures) == expected.replace("initiatives", "figures", 1) + ".csv"


def test_a_measure_page_downloads_its_figures(client):
    response, header, rows = figures_csv(client, "/metrics/list-removals/")
    assert filename(response) == "figures-list-removals.csv"
    assert header == KEYS
    assert {row["measure"] for row in rows} == {"list-removals"}
    assert len(rows) == Metric.objects.filter(kind__slug="list-removals").count()
    assert "rows=figures" in client.get("/metrics/list-removals/").content.decode()


def test_a_category_page_and_a_topic_page_download_their_initiatives_figures(client):
    response, header, rows = figures_csv(client, "/categories/finance/")
    assert filename(response) == "figures-finance.csv" and header == KEYS
    assert {row["category"] for row in rows} == {"finance"}
    assert len(rows) == Metric.objects.filter(initiative__category__slug="finance").count() > 0
    assert "rows=figures" in client.get("/categories/finance/").content.decode()

    topic = Initiative.topics.through.objects.filter(initiative__metrics__isnull=False).first().topic
    response, header, rows = figures_csv(client, f"/topics/{topic.slug}/")
    assert filename(response) == f"figures-{topic.slug}.csv"
    assert all(topic.slug in row["topics"].split("; ") for row in rows)
    assert len(rows) == Metric.objects.filter(initiative__topics=topic).count() > 0
    assert "rows=figures" in client.get(f"/topics/{topic.slug}/").content.decode()


def test_every_figure_names_its_source(client):
    response, header, rows = figures_csv(client, "/initiatives/")
    assert len(rows) == Metric.objects.count()
    assert {row["source"] for row in rows} == {"report"}


def test_the_comparison_downloads_the_compared_cities_figures(client):
    response, header, rows = figures_csv(client, "/compare/", cities="haidian,chaoyang")
    assert filename(response) == "figures-chaoyang-haidian.csv"
    assert header == KEYS
    assert len(rows) == Metric.objects.filter(initiative__city__slug__in=["chaoyang", "haidian"]).count()
    finance = figures_csv(client, "/compare/", cities="haidian,chaoyang", category="finance")[2]
    wanted = Metric.objects.filter(
        initiative__city__slug__in=["chaoyang", "haidian"], initiative__category__slug="finance"
    )
    assert len(finance) == wanted.count()
    # The repeated form is redirected to the comma form, the figures download kept.
    redirect = client.get("/compare/", {"cities": ["chaoyang", "haidian"], "rows": "figures", "format": "json"})
    assert redirect.status_code == 302 and "rows=figures" in redirect["Location"]
    page = client.get("/compare/", {"cities": "chaoyang,haidian"}).content.decode()
    assert "rows=figures&amp;format=csv" in page
    assert client.get("/compare/", {"cities": "chaoyang", "rows": "figures", "format": "csv"}).status_code == 400


# (path, query, most queries): the same with the report's data and with ten times more rows.
BOUNDS = [
    # The choices of the filters given, which check their values (the provinces: 1); the figures' initiatives' topics
    # (1); the figures with their initiatives, cities, provinces, categories and kinds, streamed (1).
    ("/initiatives/", {"province": "beijing"}, 3),
    ("/initiatives/", {}, 2),
    ("/metrics/list-removals/", {}, 3),  # the measure; its figures' initiatives' topics; its figures
]


@pytest.mark.parametrize("path, params, bound", BOUNDS)
@pytest.mark.parametrize("data", ["report", "generated"])
def test_the_figures_download_takes_a_fixed_number_of_queries(
    request, client, django_assert_num_queries, path, params, bound, data
):
    if data == "generated":
        request.getfixturevalue("generated_data")
    for chosen in ("csv", "json"):
        with django_assert_num_queries(bound + CONTENT_VERSION_QUERY):
            body_of(client.get(path, {**params, "rows": "figures", "format": chosen}))


def test_the_data_readme_labels_every_column_of_the_figures_download():
    from pathlib import Path

    from django.conf import settings
    from django.utils import translation

    text = (Path(settings.BASE_DIR) / "docs" / "open-data.md").read_text(encoding="utf-8")
    table = text.split("### The figures download", 1)[1]
    documented = re.findall(r"^\| `([a-z_]+)` \| ([^|]+) \|", table, flags=re.MULTILINE)
    with translation.override("en"):
        assert documented == [(column.key, str(column.header)) for column in FIGURE_COLUMNS]


# The initiatives download (?format=csv|json): the choices of the filters given, which check their values; the
# initiatives with their counts of figures, streamed; their additional categories; their topics (each filter here
# leaves some initiatives: with none, the last two are not needed).
INITIATIVE_BOUNDS = [
    ({}, 3),
    ({"category": "finance"}, 4),
    ({"province": "liaoning", "category": "finance", "year": "2025"}, 6),
    ({"city": "chaoyang", "q": "信用", "has_figures": "yes"}, 4),  # the city given, checked in one query
]


@pytest.mark.parametrize("params, bound", INITIATIVE_BOUNDS)
@pytest.mark.parametrize("data", ["report", "generated"])
def test_the_initiatives_download_takes_a_fixed_number_of_queries(
    request, client, django_assert_num_queries, params, bound, data
):
    if data == "generated":
        request.getfixturevalue("generated_data")
    for chosen in ("csv", "json"):
        with django_assert_num_queries(bound + CONTENT_VERSION_QUERY):
            body_of(client.get("/initiatives/", {**params, "format": chosen}))

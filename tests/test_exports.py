"""CSV and JSON downloads of lists: re-read, they give back the database's rows and values, exactly."""

import csv
import datetime
import io
import json
from decimal import Decimal

import pytest
from django.template import engines
from django.test import RequestFactory
from django.utils import translation
from django.utils.functional import lazy
from django.utils.translation import get_language

from cities.models import City
from initiatives import export_rows, exports
from initiatives.models import Initiative, Metric

pytestmark = pytest.mark.usefixtures("report_data")


def body_of(response):
    return b"".join(response.streaming_content)


def read_csv(response):
    body = body_of(response)
    assert body.startswith("\ufeff".encode())  # the BOM Excel needs to read UTF-8
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def header_in_language():
    return "城市" if get_language() == "zh-hant" else "City"


CITY_HEADER = lazy(header_in_language, str)()
COLUMNS = [
    exports.Column("city", CITY_HEADER),
    exports.Column("value", "Value"),
    exports.Column("as_of", "As of"),
    exports.Column("note", "Note"),
    exports.Column("tags", "Tags"),
]
ROWS = [
    {"city": "朝陽區", "value": Decimal("75800.0000"), "as_of": datetime.date(2026, 1, 1), "note": None, "tags": []},
    {"city": "海淀區", "value": Decimal("77.1400"), "as_of": None, "note": "=HYPERLINK(1)", "tags": ["a", "b"]},
    {"city": 'Chaoyang, "District"\nnew line', "value": Decimal("0.5"), "extra": "ignored"},
]


def test_csv_is_utf8_with_bom_and_a_header_in_the_active_language():
    with translation.override("zh-hant"):
        response = exports.csv_response("cities", COLUMNS, iter(ROWS))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="cities.csv"'
    rows = read_csv(response)  # streamed after the language was switched back
    assert rows[0] == ["城市", "Value", "As of", "Note", "Tags"]
    assert rows[1] == ["朝陽區", "75800", "2026-01-01", "", ""]
    assert rows[2] == ["海淀區", "77.14", "", "'=HYPERLINK(1)", "a; b"]
    assert rows[3] == ['Chaoyang, "District"\nnew line', "0.5", "", "", ""]
    with translation.override("en"):
        assert read_csv(exports.csv_response("cities", COLUMNS, ROWS))[0][0] == "City"


def test_json_keeps_keys_stable_and_decimals_exact():
    with translation.override("zh-hant"):
        response = exports.json_response("cities", COLUMNS, (row for row in ROWS))
    assert response["Content-Disposition"] == 'attachment; filename="cities.json"'
    data = json.loads(body_of(response))
    assert data["columns"][0] == {"key": "city", "header": "城市"}
    assert data["count"] == 3
    assert data["rows"][0] == {"city": "朝陽區", "value": "75800", "as_of": "2026-01-01", "note": None, "tags": []}
    assert data["rows"][1]["value"] == "77.14"
    assert data["rows"][1]["note"] == "=HYPERLINK(1)"  # JSON is not opened by spreadsheets: unchanged
    assert "extra" not in data["rows"][2]
    empty = json.loads(body_of(exports.json_response("none", COLUMNS, [])))
    assert (empty["rows"], empty["count"]) == ([], 0)


def test_download_answers_only_when_a_format_is_asked_for():
    def rows():
        raise AssertionError("rows must not be built for the HTML page")
        yield

    factory = RequestFactory()
    assert exports.download(factory.get("/initiatives/?city=chaoyang"), "x", COLUMNS, rows()) is None
    assert exports.download(factory.get("/initiatives/?format="), "x", COLUMNS, rows()) is None
    unknown = exports.download(factory.get("/initiatives/?format=xml"), "x", COLUMNS, rows())
    assert unknown.status_code == 400
    assert "xml" in unknown.content.decode() and "format=csv" in unknown.content.decode()
    assert exports.download(factory.get("/x/?format=csv"), "x", COLUMNS, ROWS)["Content-Type"].startswith("text/csv")
    assert exports.download(factory.get("/x/?format=json"), "x", COLUMNS, ROWS)["Content-Type"] == "application/json"


def test_initiative_rows_re_read_equal_the_database():
    request = RequestFactory().get("/initiatives/?format=csv")
    response = exports.download(
        request,
        "initiatives",
        export_rows.INITIATIVE_COLUMNS,
        export_rows.initiative_rows(Initiative.objects.all(), request),
    )
    header, *rows = read_csv(response)
    assert header == [str(column.header) for column in export_rows.INITIATIVE_COLUMNS]
    keys = [column.key for column in export_rows.INITIATIVE_COLUMNS]
    by_id = {int(row[0]): dict(zip(keys, row, strict=True)) for row in rows}
    initiatives = Initiative.objects.select_related("city__province", "category").with_metric_count()
    assert len(by_id) == len(rows) == initiatives.count() > 0
    for initiative in initiatives:
        row = by_id[initiative.pk]
        assert row["city"] == initiative.city.slug
        assert row["city_name_zh"] == initiative.city.name_zh
        assert row["category"] == initiative.category.slug
        assert (row["title_zh"], row["title_en"]) == (initiative.title_zh, initiative.title_en)
        assert row["description_zh"] == initiative.description_zh
        assert row["heading"] == initiative.heading
        assert row["date"] == (initiative.date.isoformat() if initiative.date else "")
        assert int(row["metric_count"]) == initiative.metric_count
        assert int(row["report_paragraph"]) == initiative.report_paragraph


def test_metric_rows_re_read_equal_the_database_in_csv_and_json():
    metrics = Metric.objects.select_related("initiative__city", "kind")
    header, *rows = read_csv(
        exports.csv_response("figures", export_rows.METRIC_COLUMNS, export_rows.metric_rows(metrics))
    )
    keys = [column.key for column in export_rows.METRIC_COLUMNS]
    from_csv = {int(row[0]): dict(zip(keys, row, strict=True)) for row in rows}
    from_json = {
        row["id"]: row
        for row in json.loads(
            body_of(exports.json_response("f", export_rows.METRIC_COLUMNS, export_rows.metric_rows(metrics)))
        )["rows"]
    }
    assert len(from_csv) == len(from_json) == metrics.count() > 0
    for metric in metrics:
        for row in (from_csv[metric.pk], from_json[metric.pk]):
            assert Decimal(row["value"]) == metric.value
            assert (Decimal(row["value_max"]) if row["value_max"] else None) == metric.value_max
            assert row["unit"] == metric.unit
            assert row["qualifier"] == metric.qualifier
            assert row["as_written"] == metric.as_written
            assert row["time_as_written"] == metric.time_as_written
            assert (row["as_of"] or None) == (metric.as_of.isoformat() if metric.as_of else None)
            assert (row["as_of_precision"] or "") == metric.as_of_precision
            assert (row["kind"] or None) == (metric.kind.slug if metric.kind else None)
            assert row["city"] == metric.initiative.city.slug
            assert int(row["report_paragraph"]) == metric.initiative.report_paragraph


def test_city_rows_re_read_equal_the_database():
    rows = list(export_rows.city_rows(City.objects.filter(slug__in=["chaoyang", "haidian"])))
    assert [row["slug"] for row in rows] == ["chaoyang", "haidian"]
    chaoyang = City.objects.with_counts().get(slug="chaoyang")
    assert rows[0]["name_zh"] == "朝陽區"
    assert rows[0]["initiative_count"] == chaoyang.initiative_count
    assert rows[0]["metric_count"] == chaoyang.metric_count
    assert rows[0]["innovation_models"] == list(chaoyang.innovation_models.values_list("slug", flat=True))


def consume_all_downloads():
    request = RequestFactory().get("/x/?format=csv")
    for columns, rows in (
        (export_rows.INITIATIVE_COLUMNS, export_rows.initiative_rows(Initiative.objects.all(), request)),
        (export_rows.METRIC_COLUMNS, export_rows.metric_rows(Metric.objects.all(), request)),
        (export_rows.CITY_COLUMNS, export_rows.city_rows(City.objects.all(), request)),
    ):
        yield len(read_csv(exports.download(request, "x", columns, rows))) - 1


def test_downloads_cost_a_fixed_number_of_queries(django_assert_max_num_queries):
    # Initiatives (and their additional categories and topics), figures, cities (and their model types).
    with django_assert_max_num_queries(3 + 1 + 2):
        counts = list(consume_all_downloads())
    assert counts == [Initiative.objects.count(), Metric.objects.count(), City.objects.count()]


def test_downloads_cost_the_same_queries_with_ten_times_the_data(django_assert_max_num_queries, generated_data):
    # Initiatives (and their additional categories and topics), figures, cities (and their model types).
    with django_assert_max_num_queries(3 + 1 + 2):
        counts = list(consume_all_downloads())
    assert counts[0] == Initiative.objects.count() > 800


def test_download_links_keep_the_filters_and_drop_the_page():
    request = RequestFactory().get("/initiatives/?city=chaoyang&city=haidian&q=信用&page=3")
    html = engines["django"].get_template("includes/download_links.html").render({"request": request}, request)
    assert 'href="?city=chaoyang&amp;city=haidian&amp;q=%E4%BF%A1%E7%94%A8&amp;format=csv"' in html
    assert "format=json" in html
    assert "page=3" not in html

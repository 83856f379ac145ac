"""Open data on the pages: every list downloads as CSV and JSON with its filters, pages carry a "cite this" block,
and the about page links the dataset, the API and the way to cite."""

import csv
import io
import json
import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from query_budget import CONTENT_VERSION_QUERY

from cities.models import City, Source
from cities.views import CITY_PAGE_SIZE
from initiatives import charts, export_rows
from initiatives.display import machine_number
from initiatives.measures import TIMELINE_PAGE_SIZE
from initiatives.models import Initiative, Metric, MetricKind
from initiatives.rankings import RANKING_PAGE_SIZE
from initiatives.views.initiatives import PAGE_SIZE
from tests.initiative_list_support import all_listed_ids

pytestmark = pytest.mark.usefixtures("report_data")


def en(path):
    """The English page: the interface language is carried by the URL (/en/…)."""
    return "/en" + path


def body_of(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def download_csv(client, url, params, **headers):
    response = client.get(url, {**params, "format": "csv"}, **headers)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = body_of(response)
    assert body.startswith("\ufeff".encode())  # Excel reads the Chinese only with the BOM
    header, *rows = csv.reader(io.StringIO(body.decode("utf-8-sig")))
    return header, [dict(zip(header, row, strict=True)) for row in rows]


def download_json(client, url, params, **headers):
    response = client.get(url, {**params, "format": "json"}, **headers)
    assert response["Content-Type"] == "application/json"
    data = json.loads(body_of(response))
    assert data["count"] == len(data["rows"])
    return data


def headers_of(columns, language):
    with translation.override(language):
        return [str(column.header) for column in columns]


def column(rows, header):
    return [row[header] for row in rows]


# The city directory -------------------------------------------------------------------------------------


def test_cities_download_has_the_filtered_cities_and_their_counts(client):
    url = reverse("city_list")
    header, rows = download_csv(client, en(url), {"province": "beijing"})
    assert header == headers_of(export_rows.CITY_COLUMNS, "en")
    assert column(rows, "Slug") == ["chaoyang", "haidian"]
    for row in rows:
        city = City.objects.get(slug=row["Slug"])
        assert row["Name (Chinese)"] == city.name_zh
        assert int(row["Initiatives"]) == Initiative.objects.filter(city=city).count()
        assert int(row["Figures"]) == Metric.objects.filter(initiative__city=city).count()
        assert row["Permanent URL"] == f"http://testserver/en/cities/{city.slug}/"

    page = client.get(en(url), {"sort": "name"}).content.decode()
    shown = re.findall(r'<th scope="row"><a href="/en/cities/([^/]+)/"', page)
    assert column(download_csv(client, en(url), {"sort": "name"})[1], "Slug") == shown
    data = download_json(client, url, {"sort": "initiatives"})
    expected = sorted(City.objects.all(), key=lambda city: (-city.initiatives.count(), city.order, city.slug))
    assert [row["slug"] for row in data["rows"]] == [city.slug for city in expected]
    assert {row["slug"]: row["initiative_count"] for row in data["rows"]} == {
        city.slug: city.initiatives.count() for city in expected
    }


def test_cities_csv_header_follows_the_reader_language(client):
    header, rows = download_csv(client, en(reverse("city_list")), {"level": "municipal_district"})
    assert header[:3] == ["Slug", "Name (Chinese)", "Name (English)"]
    assert header == headers_of(export_rows.CITY_COLUMNS, "en")
    assert set(column(rows, "Slug")) == set(
        City.objects.filter(level="municipal_district").values_list("slug", flat=True)
    )


# The initiatives list -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [{}, {"province": "liaoning"}, {"city": "haidian", "has_figures": "yes"}, {"q": "信用修復"}, {"page": "2"}],
)
def test_initiatives_download_is_every_row_the_pages_list_in_their_order(client, params):
    shown = all_listed_ids(client, **{key: value for key, value in params.items() if key != "page"})
    header, rows = download_csv(client, reverse("initiative_list"), params)
    assert [int(pk) for pk in column(rows, "id")] == shown
    data = download_json(client, reverse("initiative_list"), params)
    assert [row["id"] for row in data["rows"]] == shown
    for row in data["rows"]:
        initiative = Initiative.objects.select_related("city", "category").get(pk=row["id"])
        assert (row["city"], row["category"], row["title_zh"]) == (
            initiative.city.slug,
            initiative.category.slug,
            initiative.title_zh,
        )
        assert row["metric_count"] == initiative.metrics.count()
        assert row["date"] == (initiative.date.isoformat() if initiative.date else None)


def test_the_unfiltered_initiatives_download_is_not_only_the_first_page(client):
    data = download_json(client, reverse("initiative_list"), {})
    assert data["count"] == Initiative.objects.count() > PAGE_SIZE


def test_initiatives_csv_header_is_the_column_names_in_every_language(client):
    headers = set()
    for prefix in ("", "/en", "/zh-hans"):
        header, rows = download_csv(client, prefix + "/initiatives/", {"city": "chaoyang"})
        headers.add(tuple(header))
        assert set(column(rows, "city_name_zh")) == {"朝陽區"}
    assert headers == {tuple(column.key for column in export_rows.INITIATIVE_COLUMNS)}


# One measure's ranking -----------------------------------------------------------------------------------


def test_a_measure_download_is_its_ranking_with_the_figures_as_stored(client):
    url = reverse("metric_kind_detail", args=["list-removals"])
    metrics = Metric.objects.filter(kind__slug="list-removals").select_related("initiative__city")
    expected = sorted(metrics, key=lambda metric: (-metric.value, metric.initiative.city.order, metric.pk))
    header, rows = download_csv(client, en(url), {})
    assert header == headers_of(export_rows.RANKING_COLUMNS, "en")
    assert [int(pk) for pk in column(rows, "ID")] == [metric.pk for metric in expected]
    assert column(rows, "Rank")[0] == "1"
    data = download_json(client, url, {})
    assert [row["id"] for row in data["rows"]] == [metric.pk for metric in expected]
    for row, metric in zip(data["rows"], expected, strict=True):
        assert row["value"] == machine_number(metric.value)
        assert (row["unit"], row["qualifier"], row["as_written"]) == (metric.unit, metric.qualifier, metric.as_written)
        assert row["city"] == metric.initiative.city.slug
    # The report: 海淀區's 超1.4萬戶 removed from the abnormal-operations list, the largest figure.
    assert (data["rows"][0]["city"], data["rows"][0]["as_written"], data["rows"][0]["value"]) == (
        "haidian",
        "超1.4萬戶",
        "14000",
    )


def test_a_figure_s_date_and_time_as_written_survive_the_csv(client):
    metric = Metric.objects.select_related("kind").filter(kind__isnull=False, as_of__isnull=False).first()
    _header, rows = download_csv(client, en(reverse("metric_kind_detail", args=[metric.kind.slug])), {})
    row = next(row for row in rows if int(row["ID"]) == metric.pk)
    assert row["As of"] == metric.as_of.isoformat()
    assert row["Time as the report writes it"] == metric.time_as_written
    assert row["Value"] == machine_number(metric.value)


# The timeline ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("params", [{}, {"city": "shenyang"}, {"category": "finance"}])
def test_timeline_download_is_the_dated_initiatives_in_date_order(client, params):
    expected = Initiative.objects.filter(date__isnull=False)
    if "city" in params:
        expected = expected.filter(city__slug=params["city"])
    if "category" in params:
        expected = expected.filter(category__slug=params["category"])
    expected = list(expected.order_by("date", "city__order", "order", "pk"))
    data = download_json(client, reverse("timeline"), params)
    assert [row["id"] for row in data["rows"]] == [initiative.pk for initiative in expected]
    assert [row["date"] for row in data["rows"]] == [initiative.date.isoformat() for initiative in expected]
    _header, rows = download_csv(client, en(reverse("timeline")), params)
    assert [int(pk) for pk in column(rows, "ID")] == [initiative.pk for initiative in expected]


def test_shenyang_has_dated_events_to_download(client):
    data = download_json(client, reverse("timeline"), {"city": "shenyang"})
    assert data["count"] == 3
    assert {row["city_name_zh"] for row in data["rows"]} == {City.objects.get(slug="shenyang").name_zh}


# Downloads give every matching row, not only the page shown -----------------------------------------------


def test_the_cities_download_has_every_city_of_every_page(client, generated_data):
    data = download_json(client, reverse("city_list"), {"sort": "initiatives", "page": "2"})
    expected = sorted(City.objects.with_counts(), key=lambda city: (-city.initiative_count, city.order, city.slug))
    assert data["count"] == len(expected) > 3 * CITY_PAGE_SIZE
    assert [row["slug"] for row in data["rows"]] == [city.slug for city in expected]
    assert [(row["initiative_count"], row["metric_count"]) for row in data["rows"]] == [
        (city.initiative_count, city.metric_count) for city in expected
    ]


def test_a_measure_download_has_every_figure_with_the_ranks_the_pages_show(client, generated_data):
    kind = MetricKind.objects.get(slug="credit-repair-time-reduction")  # percentages: many equal figures
    expected = sorted(
        Metric.objects.filter(kind=kind).select_related("initiative__city"),
        key=lambda metric: (-metric.value, metric.initiative.city.order, metric.pk),
    )
    url = reverse("metric_kind_detail", args=[kind.slug])
    data = download_json(client, url, {"page": "2"})
    assert data["count"] == len(expected) > 2 * RANKING_PAGE_SIZE
    assert [row["id"] for row in data["rows"]] == [metric.pk for metric in expected]
    assert [row["rank"] for row in data["rows"]] == charts.ranks([metric.value for metric in expected])
    page_2 = client.get(url, {"page": "2"}).context["ranking"].rows
    downloaded = data["rows"][RANKING_PAGE_SIZE : 2 * RANKING_PAGE_SIZE]
    assert [(row.rank, row.metric.pk) for row in page_2] == [(row["rank"], row["id"]) for row in downloaded]


def test_the_timeline_download_has_every_event_of_every_page(client, generated_data):
    data = download_json(client, reverse("timeline"), {"page": "3"})
    dated = Initiative.objects.filter(date__isnull=False)
    assert data["count"] == dated.count() > 3 * TIMELINE_PAGE_SIZE
    assert [row["id"] for row in data["rows"]] == list(
        dated.order_by("date", "city__order", "order", "pk").values_list("pk", flat=True)
    )


# Bad input and offers --------------------------------------------------------------------------------------

LISTS = [
    ("city_list", [], {"province": "beijing"}),
    ("initiative_list", [], {"city": "chaoyang"}),
    ("metric_kind_detail", ["credit-repaired-period"], {}),
    ("timeline", [], {"city": "shenyang"}),
]


@pytest.mark.parametrize("name, args, params", LISTS)
def test_an_unknown_format_is_a_clear_400(client, name, args, params):
    response = client.get(reverse(name, args=args), {**params, "format": "xlsx"})
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "xlsx" in text and "format=csv" in text and "format=json" in text


@pytest.mark.parametrize("name, args, params", LISTS)
def test_each_list_offers_its_downloads_with_its_filters(client, name, args, params):
    html = client.get(reverse(name, args=args), {**params, "page": "2"}).content.decode()
    links = re.findall(r'class="downloads__link" href="([^"]+)"', html)
    assert len(links) == 2
    for link, chosen in zip(links, ["csv", "json"], strict=True):
        assert f"format={chosen}" in link and "page=" not in link
        for key, value in params.items():
            assert f"{key}={value}" in link


def test_a_timeline_with_an_unknown_city_downloads_nothing(client):
    response = client.get(reverse("timeline"), {"city": "atlantis", "format": "csv"})
    assert response.status_code == 400
    assert "atlantis" in response.content.decode()


# Query counts: the same bound with the report's data and with ten times more rows ---------------------------

DOWNLOAD_BOUNDS = [
    ("city_list", [], {}, 5),
    # The initiatives' additional categories and topics are two of them.
    ("initiative_list", [], {}, 8),
    ("initiative_list", [], {"province": "liaoning", "has_figures": "yes"}, 8),
    ("metric_kind_detail", ["credit-repaired-period"], {}, 2),
    ("timeline", [], {}, 5),  # as the initiatives' download
]


def assert_download_bounded(client, assert_max, name, args, params, bound):
    for chosen in ("csv", "json"):
        with assert_max(bound + CONTENT_VERSION_QUERY):
            response = client.get(reverse(name, args=args), {**params, "format": chosen})
            assert body_of(response)


@pytest.mark.parametrize("name, args, params, bound", DOWNLOAD_BOUNDS)
def test_download_queries_with_the_report_data(client, django_assert_max_num_queries, name, args, params, bound):
    assert_download_bounded(client, django_assert_max_num_queries, name, args, params, bound)


@pytest.mark.parametrize("name, args, params, bound", DOWNLOAD_BOUNDS)
def test_download_queries_with_ten_times_more_rows(
    client, generated_data, django_assert_max_num_queries, name, args, params, bound
):
    assert City.objects.count() > 140
    assert_download_bounded(client, django_assert_max_num_queries, name, args, params, bound)


# Citation ------------------------------------------------------------------------------------------------


def cite_block(html):
    assert html.count('<section class="cite"') == 1
    return html.split('<section class="cite"', 1)[1].split("</section>", 1)[0]


def test_the_city_page_cites_its_permanent_url(client):
    block = cite_block(client.get(reverse("city_detail", args=["chaoyang"])).content.decode())
    assert '<a href="http://testserver/cities/chaoyang/">http://testserver/cities/chaoyang/</a>' in block
    assert "朝陽區" in block
    assert f"《{Source.objects.get().title_zh}》" in block


def test_the_initiative_page_cites_its_permanent_url(client):
    initiative = Initiative.objects.get(city__slug="haidian", slug="xinhai-qihang-credit-repair")
    html = client.get(en(initiative.get_absolute_url())).content.decode()
    block = cite_block(html)
    url = f"http://testserver/en/initiatives/{initiative.pk}/"
    assert f'<a href="{url}">{url}</a>' in block
    assert escape(initiative.title_en) in block and initiative.title_zh in block


def test_the_comparison_cites_its_canonical_comma_form(client):
    response = client.get(reverse("compare"), {"cities": "haidian,chaoyang"})
    block = cite_block(response.content.decode())
    canonical = "http://testserver/compare/?cities=haidian,chaoyang"
    assert f'<a href="{canonical}">{canonical}</a>' in block
    assert "海淀區" in block and "朝陽區" in block
    # The repeated form leads to the same canonical address.
    assert client.get(reverse("compare"), {"cities": ["haidian", "chaoyang"]})["Location"] == (
        "/compare/?cities=haidian,chaoyang"
    )


def test_a_page_without_a_comparison_has_no_cite_block(client):
    assert '<section class="cite"' not in client.get(reverse("compare")).content.decode()


# The about page --------------------------------------------------------------------------------------------


def test_about_links_the_dataset_and_the_api(client):
    html = client.get(reverse("about")).content.decode()
    section = html.split('<h2 id="download">', 1)[1].split("<h2", 1)[0]
    assert f'href="{reverse("dataset_download")}"' in section
    assert 'href="/api/"' in section
    assert client.get(reverse("dataset_download")).status_code == 200
    assert client.get("/api/").status_code == 200


def test_about_s_citation_is_worded_like_the_cite_blocks(client):
    def citation(html):
        return re.sub(r"\s+", " ", html.split('<p class="cite__text">', 1)[1].split("</p>", 1)[0])

    # Both addresses before any request: an English response leaves English active for reverse().
    about_url, city_url = en(reverse("about")), en(reverse("city_detail", args=["chaoyang"]))
    about = citation(client.get(about_url).content.decode())
    city = citation(client.get(city_url).content.decode())
    city_name = City.objects.get(slug="chaoyang")
    assert "http://testserver/en/about/" in about and "About the data" in about
    expected = city.replace("http://testserver/en/cities/chaoyang/", "http://testserver/en/about/").replace(
        f"{city_name.name_en} {city_name.name_zh}", "About the data"
    )
    assert about == expected
    assert Source.objects.get().publisher in about

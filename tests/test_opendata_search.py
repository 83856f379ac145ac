"""Open data of the search page and of the comparison: every result the search counts, and the comparison's table,
as CSV and JSON, in the reader's language, with the page's own bad-input answers and a fixed number of queries."""

import json
import re
from collections import Counter
from html import unescape

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from cities.models import City, InnovationModel, Lesson, Province
from initiatives.display import machine_number
from initiatives.models import Initiative, InitiativeCategory, Metric, MetricKind, Topic
from search import kinds as search
from search.rows import DOWNLOAD_COLUMNS
from search.text import parse_query
from tests.compare_support import QUERY_BOUND as COMPARE_QUERY_BOUND
from tests.compare_support import read_csv
from tests.test_opendata import CONTENT_VERSION_QUERY, body_of, download_csv, download_json, en, headers_of

pytestmark = pytest.mark.usefixtures("report_data")

SEARCH = reverse("search")
COMPARE = reverse("compare")
MODELS = {
    "cities": City,
    "provinces": Province,
    "initiatives": Initiative,
    "figures": Metric,
    "categories": InitiativeCategory,
    "topics": Topic,
    "measures": MetricKind,
    "models": InnovationModel,
    "lessons": Lesson,
}


def expected_results(text, kind=None):
    """(kind, primary key) of every result the search service finds, kind after kind, in the page's order."""
    needle = parse_query(text).needle
    kinds = [search.KINDS_BY_SLUG[kind]] if kind else search.KINDS
    return [(each.slug, row.pk) for each in kinds for row in search.matching(each, needle)]


def downloaded_results(rows):
    """(kind, primary key) of the downloaded JSON rows: figures and initiatives by id, the others by slug."""
    keys = []
    for row in rows:
        model = MODELS[row["kind"]]
        pk = row["id"] if row["id"] is not None else model.objects.values_list("pk", flat=True).get(slug=row["slug"])
        keys.append((row["kind"], pk))
    return keys


# What the download holds ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["信用修復", "朝阳", "chaoyang", "7.58萬家", "信"])
def test_the_download_is_every_result_of_every_kind_in_the_page_s_order(client, text):
    data = download_json(client, SEARCH, {"q": text})
    assert downloaded_results(data["rows"]) == expected_results(text)
    # As many of each kind as the page says it found.
    counts = {group.kind.slug: group.count for group in search.overview(parse_query(text))}
    assert Counter(row["kind"] for row in data["rows"]) == counts
    _header, rows = download_csv(client, en(SEARCH), {"q": text})
    assert [(row["Kind of result (slug)"], row["ID"], row["Slug"]) for row in rows] == [
        (row["kind"], str(row["id"] or ""), row["slug"] or "") for row in data["rows"]
    ]


def test_a_search_of_more_than_one_page_downloads_all_of_its_results(client):
    count = search.kind_page(parse_query("信"), search.KINDS_BY_SLUG["initiatives"], 1).count
    assert count > 2 * search.PAGE_SIZE
    params = {"q": "信", "kind": "initiatives", "page": "2"}
    data = download_json(client, SEARCH, params)
    assert data["count"] == count
    assert [row["id"] for row in data["rows"]] == [pk for _kind, pk in expected_results("信", "initiatives")]
    assert {row["kind"] for row in data["rows"]} == {"initiatives"}
    _header, rows = download_csv(client, SEARCH, params)
    assert len(rows) == count


def test_one_kind_downloads_that_kind_only_and_an_unknown_kind_every_kind(client):
    figures = download_json(client, SEARCH, {"q": "信用修復", "kind": "figures"})
    assert downloaded_results(figures["rows"]) == expected_results("信用修復", "figures")
    assert figures["count"] > 0
    unknown = download_json(client, SEARCH, {"q": "信用修復", "kind": "nonsense"})
    assert downloaded_results(unknown["rows"]) == expected_results("信用修復")  # as the page, which shows all kinds


def test_figures_come_with_their_value_unit_qualifier_and_date_as_stored(client):
    data = download_json(client, SEARCH, {"q": "信用修復", "kind": "figures"})
    for row in data["rows"]:
        metric = Metric.objects.select_related("initiative__city__province").get(pk=row["id"])
        initiative = metric.initiative
        assert row["value"] == machine_number(metric.value)
        assert row["value_max"] == (machine_number(metric.value_max) if metric.value_max is not None else None)
        assert (row["unit"], row["unit_en"], row["qualifier"]) == (metric.unit, metric.unit_en, metric.qualifier)
        assert row["as_of"] == (metric.as_of.isoformat() if metric.as_of else None)
        assert row["as_of_precision"] == metric.as_of_precision
        assert (row["as_written"], row["time_as_written"]) == (metric.as_written, metric.time_as_written)
        assert (row["title"], row["title_zh"]) == (metric.label_zh, metric.label_zh)
        assert (row["city"], row["city_name"]) == (initiative.city.slug, initiative.city.name_zh)
        assert row["province_name"] == initiative.city.province.name_zh
        assert row["initiative_id"] == initiative.pk
        assert row["url"] == f"http://testserver/initiatives/{initiative.pk}/"


def test_the_report_s_figure_of_undisturbed_enterprises_reads_as_the_report_writes_it(client):
    # The report: 截至2026年1月,“無事不擾” 企業達7.58萬家 (朝陽區).
    _header, rows = download_csv(client, en(SEARCH), {"q": "7.58萬家", "kind": "figures"})
    (row,) = [row for row in rows if row["As the report writes it"] == "7.58萬家"]
    assert (row["Value"], row["Unit"], row["Unit (English)"], row["Qualifier"]) == (
        "75800",
        "家",
        "enterprises",
        "exact",
    )
    assert (row["As of"], row["As-of precision"], row["Time as the report writes it"]) == (
        "2026-01-01",
        "month",
        "截至2026年1月",
    )
    assert (row["City (slug)"], row["City"], row["Province"]) == ("chaoyang", "Chaoyang District", "Beijing")
    assert row["Name or title (Chinese)"] == "“無事不擾”企業數"
    assert row["Name or title"] == "Enterprises on the 'no disturbance' list"
    assert row["Permanent URL"] == f"http://testserver/en/initiatives/{row['Initiative ID']}/"


def test_names_are_in_the_reader_s_language_beside_the_chinese(client):
    def chaoyang(path):
        rows = download_json(client, path, {"q": "朝陽區", "kind": "cities"})["rows"]
        return next(row for row in rows if row["slug"] == "chaoyang")

    city = City.objects.select_related("province").get(slug="chaoyang")
    traditional, simplified, english = chaoyang(SEARCH), chaoyang("/zh-hans" + SEARCH), chaoyang(en(SEARCH))
    assert (traditional["title"], traditional["title_zh"], traditional["province_name"]) == (
        "朝陽區",
        "朝陽區",
        "北京市",
    )
    assert (simplified["title"], simplified["title_zh"]) == ("朝阳区", "朝陽區")
    assert (english["title"], english["title_zh"], english["province_name"]) == (city.name_en, "朝陽區", "Beijing")
    assert traditional["url"] == "http://testserver/cities/chaoyang/"
    assert simplified["url"] == "http://testserver/zh-hans/cities/chaoyang/"
    assert english["url"] == "http://testserver/en/cities/chaoyang/"
    assert english["kind_name"] == "Cities and districts"


@pytest.mark.parametrize(
    "kind, text",
    [
        ("cities", "市"),
        ("provinces", "省"),
        ("initiatives", "信"),
        ("categories", "信"),
        ("measures", "信"),
        ("models", "信"),
        ("lessons", "信"),
    ],
)
def test_every_kind_of_result_has_its_chinese_name_and_an_address_that_answers(client, kind, text):
    model = MODELS[kind]
    field = "title" if kind in ("initiatives", "lessons") else "name"
    row = download_json(client, SEARCH, {"q": text, "kind": kind})["rows"][0]
    obj = model.objects.get(pk=row["id"]) if kind == "initiatives" else model.objects.get(slug=row["slug"])
    assert row["title_zh"] == getattr(obj, f"{field}_zh") == row["title"]
    path = row["url"].removeprefix("http://testserver")
    assert path != row["url"]
    assert client.get(path).status_code == 200
    if kind == "lessons":  # a section of the lessons page
        assert f'id="{path.split("#")[1]}"' in client.get(path).content.decode()


def test_csv_header_row_in_traditional_chinese_and_in_english(client):
    header, rows = download_csv(client, SEARCH, {"q": "信用修復"})
    assert header == headers_of(DOWNLOAD_COLUMNS, "zh-hant")
    assert header[:6] == ["結果類型（代稱）", "結果類型", "ID", "代稱", "名稱或標題", "名稱或標題（中文）"]
    assert {row["結果類型（代稱）"] for row in rows} >= {"cities", "initiatives", "figures"}
    english, _rows = download_csv(client, en(SEARCH), {"q": "信用修復"})
    assert english == headers_of(DOWNLOAD_COLUMNS, "en")
    assert english[:6] == [
        "Kind of result (slug)",
        "Kind of result",
        "ID",
        "Slug",
        "Name or title",
        "Name or title (Chinese)",
    ]
    assert english[-1] == "Permanent URL"
    simplified, _rows = download_csv(client, "/zh-hans" + SEARCH, {"q": "信用修復"})
    assert simplified[:6] == ["结果类型（代称）", "结果类型", "ID", "代称", "名称或标题", "名称或标题（中文）"]


def test_json_download_names_its_columns_and_keeps_decimals_as_text(client):
    data = download_json(client, en(SEARCH), {"q": "信用修復"})
    assert [column["key"] for column in data["columns"]] == [column.key for column in DOWNLOAD_COLUMNS]
    assert [column["header"] for column in data["columns"]] == headers_of(DOWNLOAD_COLUMNS, "en")
    values = [row["value"] for row in data["rows"] if row["kind"] == "figures"]
    assert values and all(isinstance(value, str) for value in values)


# Bad input and the page's offer ------------------------------------------------------------------------------


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "   "}, {"q": "  ", "kind": "figures"}])
@pytest.mark.parametrize("chosen", ["csv", "json"])
def test_a_download_without_a_query_is_a_clear_400(client, params, chosen):
    response = client.get(SEARCH, {**params, "format": chosen})
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "q=…" in response.content.decode()
    english = client.get(en(SEARCH), {**params, "format": chosen}).content.decode()
    assert english == "Nothing to download: a search download needs a query (q=…)."
    # The page itself still shows the box and its hint.
    assert client.get(SEARCH, params).status_code == 200


def test_a_query_without_results_downloads_its_header_row_alone(client):
    header, rows = download_csv(client, en(SEARCH), {"q": "xyzqq"})
    assert header == headers_of(DOWNLOAD_COLUMNS, "en") and rows == []
    data = download_json(client, SEARCH, {"q": "xyzqq"})
    assert (data["count"], data["rows"]) == (0, [])


def test_an_unknown_format_is_a_clear_400(client):
    response = client.get(SEARCH, {"q": "信用修復", "format": "xlsx"})
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "xlsx" in text and "format=csv" in text and "format=json" in text


def download_links(html):
    return [unescape(link) for link in re.findall(r'class="downloads__link" href="([^"]+)"', html)]


def test_the_page_offers_both_downloads_of_what_it_shows(client):
    html = client.get(SEARCH, {"q": "信", "kind": "initiatives", "page": "2"}).content.decode()
    links = download_links(html)
    assert len(links) == 2
    for link, chosen in zip(links, ["csv", "json"], strict=True):
        assert f"format={chosen}" in link and "kind=initiatives" in link and "page=" not in link
    data = json.loads(body_of(client.get(SEARCH + links[1])))
    assert downloaded_results(data["rows"]) == expected_results("信", "initiatives")
    assert len(download_links(client.get(SEARCH, {"q": "信用修復"}).content.decode())) == 2
    # Nothing to offer when nothing is shown.
    assert download_links(client.get(SEARCH, {"q": "xyzqq"}).content.decode()) == []
    assert download_links(client.get(SEARCH).content.decode()) == []


# Query counts: one query per kind, with the report's data and with ten times more rows -----------------------

# The topics' cities are one query more.
SEARCH_DOWNLOAD_BOUNDS = [({"q": "市"}, len(search.KINDS) + 1), ({"q": "市", "kind": "figures"}, 1)]


def assert_search_download_bounded(client, assert_max, params, bound):
    for chosen in ("csv", "json"):
        with assert_max(bound + CONTENT_VERSION_QUERY):
            body = body_of(client.get(SEARCH, {**params, "format": chosen}))
    return body


@pytest.mark.parametrize("params, bound", SEARCH_DOWNLOAD_BOUNDS)
def test_search_download_queries_with_the_report_data(client, django_assert_max_num_queries, params, bound):
    assert_search_download_bounded(client, django_assert_max_num_queries, params, bound)


@pytest.mark.parametrize("params, bound", SEARCH_DOWNLOAD_BOUNDS)
def test_search_download_queries_with_ten_times_more_rows(
    client, generated_data, django_assert_max_num_queries, params, bound
):
    call_command("rebuild_search_index", verbosity=0)  # generated rows are bulk-created, without save()
    body = assert_search_download_bounded(client, django_assert_max_num_queries, params, bound)
    count = json.loads(body)["count"]
    assert count == len(expected_results("市", params.get("kind"))) > 2000  # more than ten times the report's figures


# The comparison's JSON ------------------------------------------------------------------------------------------


def compare_csv_rows(client, prefix, query):
    response = client.get(f"{prefix}{reverse('compare_csv')}?{query}")
    assert response.status_code == 200
    return read_csv(response)


def compare_json(client, prefix, query):
    response = client.get(f"{prefix}{COMPARE}?{query}&format=json")
    assert response["Content-Type"] == "application/json"
    data = json.loads(body_of(response))
    assert data["count"] == len(data["rows"])
    return response, data


@pytest.mark.parametrize("prefix", ["", "/en"])
@pytest.mark.parametrize("query", ["cities=chaoyang,haidian", "cities=ordos,hohhot,benxi,jixi"])
def test_the_comparison_s_json_has_the_csv_s_rows_and_columns(client, prefix, query):
    header, *rows = compare_csv_rows(client, prefix, query)
    response, data = compare_json(client, prefix, query)
    slugs = query.removeprefix("cities=").split(",")
    assert 'filename="compare-{}.json"'.format("-".join(slugs)) in response["Content-Disposition"]
    assert [column["key"] for column in data["columns"]] == ["section", "row", *slugs, "note"]
    assert [column["header"] for column in data["columns"]] == header
    keys = [column["key"] for column in data["columns"]]
    assert [[row[key] for key in keys] for row in data["rows"]] == rows
    assert all(isinstance(row[key], str) for row in data["rows"] for key in keys)


def test_the_comparison_s_json_gives_the_report_s_figures_as_text(client):
    _response, data = compare_json(client, "", "cities=chaoyang,haidian")
    measures = {row["row"]: row for row in data["rows"] if row["section"] == translation.gettext("By measure")}
    records = measures["信用數據"]
    # The report: 朝陽區 2024年全年 超 3.6 萬條 (collected and shared in a year); 海淀區 2025 年 3 月 14 日 約 1.2 億條
    # (opened to platforms): two measures, side by side and not ranked.
    assert records["chaoyang"].startswith("超3.6萬條 (2024年全年) [36000 條] 一段時間內歸集共享的信用數據條數")
    assert records["haidian"].startswith("約1.2億條 (2025年3月14日) [120000000 條] 向平臺企業開放的信用數據條數")
    assert records["note"].startswith(translation.gettext("Not ranked: %(reason)s").split("%(")[0])
    _response, english = compare_json(client, "/en", "cities=chaoyang,haidian")
    assert [column["header"] for column in english["columns"]] == [
        "Section",
        "Row",
        "Chaoyang District 朝陽區",
        "Haidian District 海淀區",
        "Note",
    ]
    records = next(row for row in english["rows"] if row["row"] == "Credit data")
    assert records["chaoyang"].startswith("over 36,000 records (in 2024) [36000 records] Credit records collected")


def test_the_repeated_form_keeps_json_in_its_canonical_redirect(client):
    response = client.get(COMPARE, {"cities": ["chaoyang", "haidian"], "format": "json"})
    assert response.status_code == 302
    assert response["Location"] == f"{COMPARE}?cities=chaoyang,haidian&format=json"
    assert json.loads(body_of(client.get(response["Location"])))["count"] > 0


@pytest.mark.parametrize("query", ["cities=chaoyang,haidian", "cities=chaoyang&cities=haidian", "cities=chaoyang", ""])
def test_an_unknown_comparison_format_is_a_clear_400(client, query):
    response = client.get(f"{COMPARE}?{query}&format=xml")
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "xml" in text and "format=csv" in text and "format=json" in text


def test_an_empty_format_is_the_page(client):
    response = client.get(f"{COMPARE}?cities=chaoyang,haidian&format=")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")


def test_the_json_of_a_bad_selection_is_a_plain_400_like_the_csv(client):
    for query in ("cities=chaoyang", "cities=chaoyang,atlantis", ""):
        response = client.get(f"{COMPARE}?{query}&format=json")
        assert response.status_code == 400
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        csv_response = client.get(f"{reverse('compare_csv')}?{query}")
        assert response.content == csv_response.content


def test_the_comparison_page_offers_the_json_beside_the_csv(client):
    html = client.get(COMPARE, {"cities": "chaoyang,haidian"}).content.decode()
    links = html.split('<p class="compare-links">', 1)[1].split("</p>", 1)[0]
    hrefs = [unescape(href) for href in re.findall(r'href="([^"]+)" download', links)]
    assert hrefs == [
        f"{reverse('compare_csv')}?cities=chaoyang,haidian",
        f"{COMPARE}?cities=chaoyang,haidian&format=json",
        f"{COMPARE}?cities=chaoyang,haidian&rows=figures&format=csv",
        f"{COMPARE}?cities=chaoyang,haidian&rows=figures&format=json",
    ]
    with translation.override("zh-hant"):
        assert translation.gettext("Download as JSON") in links
    assert json.loads(body_of(client.get(hrefs[1])))["count"] > 0


def test_comparison_json_queries_do_not_grow_with_the_data(client, generated_data, django_assert_max_num_queries):
    generated = list(City.objects.filter(slug__startswith="gen-").values_list("slug", flat=True)[:2])
    query = f"cities=chaoyang,haidian,{generated[0]},{generated[1]}"
    with django_assert_max_num_queries(COMPARE_QUERY_BOUND):
        _response, data = compare_json(client, "", query)
    assert [column["key"] for column in data["columns"]][2:6] == ["chaoyang", "haidian", *generated]


def test_about_says_search_results_and_comparisons_download_too(client):
    about = reverse("about")  # before any request: an English response leaves English active for reverse()
    section = client.get(en(about)).content.decode().split('<h2 id="download">', 1)[1].split("<h2", 1)[0]
    assert "search results and comparisons also offer their rows" in section
    assert "搜尋結果和城市比較" in client.get(about).content.decode()

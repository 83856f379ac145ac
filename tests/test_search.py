"""/search/: one box finds the report's data in either script, in English and in pinyin, safely."""

import json
import re

import pytest
from django.db import connection
from django.urls import reverse

from cities.models import City
from initiatives.models import Initiative, InitiativeCategory, Metric
from search import kinds as search
from search.text import MAX_QUERY_CHARACTERS, highlight, parse_query

pytestmark = pytest.mark.usefixtures("report_data")

# Two queries per kind (count, rows), eight kinds; nothing else on the page touches the database.
SEARCH_PAGE_MAX_QUERIES = 2 * len(search.KINDS)


def results(query):
    """What a reader sees, kind by kind: the linked titles in the order shown."""
    return [(group.kind.slug, group.count, [str(hit.title) for hit in group.hits]) for group in search.overview(query)]


def get(client, query, **params):
    return client.get(reverse("search"), {"q": query, **params})


def visible_text(response):
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


CHAOYANG_SPELLINGS = ["朝陽", "朝阳", "Chaoyang", "chaoyang", "CHAOYANG", "Chao Yang", "ｃｈａｏｙａｎｇ", " 朝　陽 "]


@pytest.mark.parametrize("query", CHAOYANG_SPELLINGS)
def test_every_way_of_writing_chaoyang_finds_the_same(query):
    expected = results(parse_query("朝陽"))
    assert results(parse_query(query)) == expected
    kinds = {slug: count for slug, count, _ in expected}
    assert kinds["cities"] == 1
    chaoyang_initiatives = Initiative.objects.filter(city__slug="chaoyang").count()
    chaoyang_figures = Metric.objects.filter(initiative__city__slug="chaoyang").count()
    assert kinds["initiatives"] >= chaoyang_initiatives > 0
    assert kinds["figures"] >= chaoyang_figures > 0


def test_city_names_are_found_in_pinyin():
    pairs = [("chaoyangqu", "chaoyang"), ("eerduosi", "ordos"), ("jinchengshi", "jincheng"), ("jixi", "jixi")]
    for query, slug in pairs:
        group = next(g for g in search.overview(parse_query(query)) if g.kind.slug == "cities")
        assert group.count == 1, query
        assert re.sub("</?mark>", "", str(group.hits[0].title)) == City.objects.get(slug=slug).name_zh, query
        assert "<mark>" in str(group.hits[0].title), query  # the pinyin match is shown on the Chinese name


def test_province_found_in_pinyin_and_in_simplified():
    for query in ("neimenggu", "内蒙古", "內蒙古", "Inner Mongolia"):
        group = next(g for g in search.overview(parse_query(query)) if g.kind.slug == "provinces")
        assert group.count == 1, query
        assert re.sub("</?mark>", "", str(group.hits[0].title)) == "內蒙古自治區"


def test_simplified_query_finds_traditional_text():
    simplified = results(parse_query("信用修复"))
    assert simplified == results(parse_query("信用修復"))
    categories = next(hits for slug, count, hits in simplified if slug == "categories")
    assert "<mark>信用修復</mark>" in categories


def test_name_matches_come_before_description_matches():
    for group in search.overview(parse_query("信用修復")):
        flags = [hit.name_match for hit in search.kind_page(parse_query("信用修復"), group.kind, 1).hits]
        assert flags == sorted(flags, reverse=True), group.kind.slug
    initiatives = search.kind_page(parse_query("信用修復"), search.KINDS_BY_SLUG["initiatives"], 1)
    assert initiatives.hits[0].name_match and not initiatives.hits[-1].name_match


def test_page_groups_results_and_highlights_in_the_readers_script(client):
    response = get(client, "朝阳")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h2 id="results-cities-heading">' in html
    assert "<mark>朝陽</mark>區" in html  # the Traditional text, found by a Simplified query

    response = client.get("/zh-hans/search/", {"q": "朝陽"})
    assert "<mark>朝阳</mark>区" in response.content.decode()

    response = client.get("/en/search/", {"q": "chaoyang"})
    html = response.content.decode()
    assert "<mark>Chaoyang</mark> District" in html
    assert '<span lang="zh-Hant" class="muted"><mark>朝陽</mark>區</span>' in html  # the Chinese name beside


def test_figures_show_their_value_in_each_language(client):
    assert "7.58萬家 · 截至2026年1月" in visible_text(get(client, "無事不擾"))
    assert "7.58万家 · 截至2026年1月" in visible_text(client.get("/zh-hans/search/", {"q": "无事不扰"}))
    english = visible_text(client.get("/en/search/", {"q": "no-disturbance list"}))
    assert "75,800 enterprises · as of January 2026" in english


@pytest.mark.parametrize(
    "query",
    [
        "信",
        "朝陽",
        "信用修復機制創新方面海淀區打造了信海企航信用修復新路徑",
        "",
        "x" * 1000,
        "朝" * 1000,
        "%",
        "_",
        "%_%",
        '"',
        "'",
        "“信易貸”",
        "\\",
        "\\%",
        "😀",
        "信用😀",
        "'; DROP TABLE cities_city; --",
        "1' OR '1'='1",
        "<script>alert(1)</script>",
        "\u3000",
    ],
)
def test_any_query_answers_with_a_page(client, query):
    response = get(client, query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>搜尋</h1>" in html
    assert "<script>alert(1)</script>" not in html
    assert City.objects.filter(slug="chaoyang").exists()


def test_wildcards_are_literal_characters():
    percent = search.overview(parse_query("%"))
    figures = next(group for group in percent if group.kind.slug == "figures")
    assert 0 < figures.count < Metric.objects.count()
    assert all("%" in hit.figure for hit in figures.hits)
    assert search.overview(parse_query("_")) == []


def test_long_query_is_cut_and_the_page_says_so(client):
    response = get(client, "朝" * 1000)
    assert response.status_code == 200
    assert f"只搜尋了前 {MAX_QUERY_CHARACTERS} 個字" in visible_text(response)


def test_empty_query_shows_the_box_and_a_hint(client):
    response = get(client, "   ")
    assert response.status_code == 200
    assert 'id="search-q"' in response.content.decode()
    assert "輸入名稱、項目或關鍵詞，搜尋報告中的資料。" in visible_text(response)
    assert 'class="search-result"' not in response.content.decode()


def test_data_html_is_escaped_before_highlighting(client):
    category = InitiativeCategory.objects.first()
    category.name_zh = "<b onclick=x>信用</b>修復&amp;"
    category.save()
    html = get(client, "信用").content.decode()
    assert "&lt;b onclick=x&gt;<mark>信用</mark>&lt;/b&gt;修復&amp;amp;" in html
    assert "<b onclick=x>" not in html


def test_highlight_escapes_then_marks():
    assert highlight("<i>朝陽區</i>", "朝阳") == "&lt;i&gt;<mark>朝陽</mark>區&lt;/i&gt;"
    assert highlight("Chao Yang", "chaoyang") == "<mark>Chao Yang</mark>"
    assert highlight("朝陽區", "chaoyang") == "<mark>朝陽</mark>區"  # through pinyin
    assert highlight("a&b", "&") == "a<mark>&amp;</mark>b"


def test_one_kind_is_paginated(client):
    query = parse_query("信")
    count = search.kind_page(query, search.KINDS_BY_SLUG["initiatives"], 1).count
    assert count > search.PAGE_SIZE
    last = -(-count // search.PAGE_SIZE)
    html = get(client, "信", kind="initiatives", page=2).content.decode()
    assert f"第 2 頁，共 {last} 頁" in html
    assert html.count('class="search-result"') == min(search.PAGE_SIZE, count - search.PAGE_SIZE)
    for page in ("0", "-1", "abc", "99999", "1e9"):
        assert get(client, "信", kind="initiatives", page=page).status_code == 200
    unknown_kind = get(client, "信", kind="nonsense")
    assert unknown_kind.status_code == 200 and 'id="results-cities-heading"' in unknown_kind.content.decode()


def test_overview_links_to_every_result_of_a_kind(client):
    html = get(client, "信").content.decode()
    assert "kind=initiatives" in html
    assert html.count('class="search-result"') <= search.PREVIEW_SIZE * len(search.KINDS)


def test_renaming_a_city_updates_what_its_initiatives_are_found_by():
    city = City.objects.get(slug="chaoyang")
    city.name_en = "Sunward District"
    city.save()
    initiatives = search.kind_page(parse_query("sunward"), search.KINDS_BY_SLUG["initiatives"], 1)
    assert initiatives.count == Initiative.objects.filter(city=city).count()
    figures = search.kind_page(parse_query("sunward"), search.KINDS_BY_SLUG["figures"], 1)
    assert figures.count == Metric.objects.filter(initiative__city=city).count()


def test_load_report_fills_the_search_columns():
    assert not City.objects.filter(search_text="").exists()
    assert not Metric.objects.filter(search_text="").exists()
    assert "chaoyangqu" in City.objects.get(slug="chaoyang").search_name


def test_header_has_a_labelled_search_box(client):
    html = client.get(reverse("search")).content.decode()
    form = re.search(r'<form class="site-search" role="search" action="/search/" method="get">.*?</form>', html, re.S)
    assert form, "search form missing from the header"
    assert '<label for="site-search-q"' in form.group(0)
    assert 'id="site-search-q" name="q"' in form.group(0)
    english = client.get("/en/search/").content.decode()
    assert 'action="/en/search/"' in english


@pytest.mark.parametrize("query", ["信", "朝陽", "chaoyang", "信用修復"])
def test_search_page_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries, query):
    with django_assert_max_num_queries(SEARCH_PAGE_MAX_QUERIES):
        assert get(client, query).status_code == 200
    with django_assert_max_num_queries(SEARCH_PAGE_MAX_QUERIES):
        assert get(client, query, kind="figures", page=2).status_code == 200


@pytest.mark.parametrize("query", ["信", "信用", "chaoyang", "市"])
def test_search_page_queries_do_not_grow_with_data(client, generated_data, django_assert_max_num_queries, query):
    # Generated rows come with their search columns, as saved rows do: the pages search the full data.
    assert City.objects.filter(search_name__contains="市").count() > 100
    assert Initiative.objects.filter(search_text__contains="信用工程").count() > 800
    with django_assert_max_num_queries(SEARCH_PAGE_MAX_QUERIES):
        response = get(client, query)
    assert response.status_code == 200
    with django_assert_max_num_queries(SEARCH_PAGE_MAX_QUERIES):
        assert get(client, query, kind="initiatives", page=3).status_code == 200


@pytest.mark.parametrize("needle", ["信用", "修复", "朝阳", "x", "信", "朝", "信用修复"])
def test_the_pairs_index_finds_what_a_substring_scan_finds(report_data, needle):
    for model in (Initiative, Metric, City):
        indexed = set(model.objects.filter(search_text__search_contains=needle).values_list("pk", flat=True))
        assert indexed == set(model.objects.filter(search_text__contains=needle).values_list("pk", flat=True))
    assert Initiative.objects.filter(search_text__search_contains="信用").exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the pairs and characters indexes are PostgreSQL's")
@pytest.mark.parametrize("needle, index", [("信用", "search_bigrams"), ("信", "search_characters")])
def test_one_and_two_character_queries_can_use_their_index(report_data, needle, index):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # the report's few rows would be scanned otherwise
    for model in (Initiative, Metric):
        plan = model.objects.filter(search_text__search_contains=needle).explain()
        assert f"{model._meta.db_table}_{index}" in plan


def test_a_word_in_more_rows_than_are_ranked_shows_the_first_ones_and_says_so(client, report_data, monkeypatch):
    monkeypatch.setattr(search, "MAX_RANKED", 5)
    monkeypatch.setattr(search, "PAGE_SIZE", 2)
    in_report_order = list(
        Initiative.objects.filter(search_text__contains="信用").order_by(*Initiative._meta.ordering, "pk")
    )
    assert len(in_report_order) > 5
    first_five = {initiative.pk for initiative in in_report_order[:5]}

    overview = get(client, "信用").content.decode()
    assert "(5+)" in overview
    pages = [get(client, "信用", kind="initiatives", page=n).content.decode() for n in (1, 2, 3, 4)]
    shown = [int(pk) for page in pages[:3] for pk in re.findall(r'href="/initiatives/(\d+)/"', page)]
    assert len(shown) == 5 and set(shown) == first_five  # the first five in the report's order, each once
    assert "依報告順序排列前 5 項" in pages[0]  # the page says that more match than are ranked
    download = json.loads(b"".join(get(client, "信用", kind="initiatives", format="json").streaming_content))
    assert download["count"] == len(in_report_order)  # a download still gives every match

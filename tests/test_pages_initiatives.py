"""The initiatives list (filters, facet counts, chips, pagination, keywords), one initiative, and the themes."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db.models import Q
from django.urls import reverse
from django.utils.html import escape

from core.search_index import normalize, pinyin
from initiatives.facets import InitiativeFilter
from initiatives.models import Initiative, InitiativeCategory, Metric
from initiatives.views.initiatives import PAGE_SIZE

pytestmark = pytest.mark.django_db

LIST = "initiative_list"


def get_list(client, **params):
    response = client.get(reverse(LIST), params)
    assert response.status_code == 200
    return response, response.content.decode()


def listed_ids(html):
    """The initiatives a results page lists, in order."""
    body = html.split('class="initiative-list"', 1)[1].split("</ol>", 1)[0] if "initiative-list" in html else ""
    return [int(pk) for pk in re.findall(r'<h3><a href="/initiatives/(\d+)/">', body)]


def all_listed_ids(client, **params):
    """Every initiative the filters give, across all pages."""
    response, html = get_list(client, **params)
    ids = listed_ids(html)
    # Read from the page itself: a repeat visit may be served from the page cache, without a template context.
    total = int(re.search(r'class="result-count">\s*(\d+)', html).group(1))
    pages = max(1, -(-total // PAGE_SIZE))
    for number in range(2, pages + 1):
        ids += listed_ids(get_list(client, **params, page=number)[1])
    return ids


# Filters ----------------------------------------------------------------------------------------


def test_list_shows_every_initiative_paginated(client, report_data):
    response, html = get_list(client)
    total = Initiative.objects.count()
    assert total == 94
    assert f"{total} " in html.split('class="result-count">', 1)[1][:20]
    assert len(listed_ids(html)) == PAGE_SIZE
    assert sorted(all_listed_ids(client)) == sorted(Initiative.objects.values_list("pk", flat=True))


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"city": "chaoyang"}, Q(city__slug="chaoyang")),
        ({"province": "liaoning"}, Q(city__province__slug="liaoning")),
        ({"category": "credit-repair"}, Q(category__slug="credit-repair")),
        ({"province": "beijing", "category": "finance"}, Q(city__province__slug="beijing", category__slug="finance")),
        ({"kind": "loans-disbursed-cumulative"}, Q(metrics__kind__slug="loans-disbursed-cumulative")),
        ({"has_figures": "yes"}, Q(metrics__isnull=False)),
        ({"has_figures": "no"}, Q(metrics__isnull=True)),
        ({"year": "2024"}, Q(date__year=2024) | Q(metrics__as_of__year=2024) | Q(metrics__period_start__year=2024)),
    ],
)
def test_each_filter_gives_what_it_says(client, report_data, params, expected):
    wanted = set(Initiative.objects.filter(expected).values_list("pk", flat=True))
    assert wanted
    assert set(all_listed_ids(client, **params)) == wanted


def test_the_year_filter_includes_initiatives_dated_in_the_year(client, report_data):
    ids = all_listed_ids(client, year="2024")
    # 《沈陽市社會信用條例》 took effect on 1 January 2024 and carries no figure.
    regulation = Initiative.objects.get(city__slug="shenyang", slug="social-credit-regulation")
    assert not regulation.metrics.exists()
    assert regulation.pk in ids
    # 朝陽區's 7.58萬家 is as of January 2026: its initiative is a 2026 one, not a 2024 one.
    no_disturbance = Initiative.objects.get(city__slug="chaoyang", slug="wushi-burao")
    assert no_disturbance.pk not in ids
    assert no_disturbance.pk in all_listed_ids(client, year="2026")


# Facets -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "state",
    [{}, {"province": "beijing"}, {"city": "haidian", "has_figures": "yes"}, {"category": "finance", "year": "2025"}],
)
def test_each_facet_count_is_what_choosing_it_gives(report_data, state):
    facets = InitiativeFilter(state, queryset=Initiative.objects.all()).facets()
    checked = 0
    for facet in facets:
        for option in facet.options:
            chosen = InitiativeFilter({**state, facet.name: option.value}, queryset=Initiative.objects.all())
            assert option.count == chosen.qs.count(), (facet.name, option.value)
            checked += 1
    assert checked > 40


def facet_values(html, name):
    """{value: (count, checked, unit)} of a facet's checkboxes, as the page shows them."""
    pattern = (
        rf'<input type="checkbox" id="facet-{name}-\d+" name="{name}" value="([^"]+)"( checked)?[^>]*> [^<]+ '
        r'<span class="facet-count">(\d+)<span class="visually-hidden"> ([^<]+)</span>'
    )
    return {value: (int(count), bool(checked), unit) for value, checked, count, unit in re.findall(pattern, html)}


def test_facets_show_their_counts_and_the_selected_choice(client, report_data):
    _, html = get_list(client, city="chaoyang")
    cities = facet_values(html, "city")
    assert cities["chaoyang"] == (8, True, "項符合的舉措")
    assert cities["haidian"] == (6, False, "項符合的舉措")
    provinces = facet_values(html, "province")
    assert provinces["beijing"] == (8, False, "項符合的舉措")
    assert provinces["tianjin"][0] == 0
    # The count says what it counts, in sight as well as to a screen reader.
    assert 'class="facet__unit" aria-hidden="true">符合的舉措數</p>' in html
    english = client.get("/en/initiatives/", {"city": "chaoyang"}).content.decode()
    assert facet_values(english, "city")["haidian"] == (6, False, "matching initiatives")
    assert facet_values(english, "has_figures")["yes"][2] == "matching initiatives"


def test_two_values_of_one_facet_give_the_union_and_facets_combine(client, report_data):
    union = set(all_listed_ids(client, category=["credit-repair", "finance"]))
    wanted = Initiative.objects.filter(category__slug__in=["credit-repair", "finance"])
    assert union == set(wanted.values_list("pk", flat=True))
    assert union > set(all_listed_ids(client, category="finance"))
    # The comma form means the same.
    assert set(all_listed_ids(client, category="credit-repair,finance")) == union
    # Another facet narrows the union down.
    both = set(all_listed_ids(client, category=["credit-repair", "finance"], province="beijing"))
    assert both == set(wanted.filter(city__province__slug="beijing").values_list("pk", flat=True))
    assert both and both < union
    _, html = get_list(client, category=["credit-repair", "finance"], province="beijing")
    categories = facet_values(html, "category")
    assert categories["finance"][1] and categories["credit-repair"][1]
    # Each value's count is what it gives with the other facets applied: Beijing's, not the union's.
    beijing = Initiative.objects.filter(city__province__slug="beijing")
    assert categories["finance"][0] == beijing.filter(category__slug="finance").count()
    assert facet_values(html, "province")["beijing"][0] == len(both)


def test_the_city_facet_lists_the_cities_with_most_results_and_a_link_to_all(client, generated_data):
    from initiatives.facets import FACET_SIZE

    _, html = get_list(client)
    cities = facet_values(html, "city")
    assert len(cities) == FACET_SIZE
    counts = [count for count, _checked, _unit in cities.values()]
    assert counts == sorted(counts, reverse=True)
    more = unescape(re.search(r'<p class="facet__more"><a href="\?([^"#]+)#facet-city">', html).group(1))
    assert parse_qs(more) == {"more": ["city"]}
    _, everything = get_list(client, more="city")
    assert len(facet_values(everything, "city")) == Initiative.objects.values("city").distinct().count()
    # A chosen city is listed, checked, even where it is not among the first.
    left_out = Initiative.objects.exclude(city__slug__in=cities).values_list("city__slug", flat=True).first()
    _, chosen = get_list(client, city=left_out)
    assert facet_values(chosen, "city")[left_out][1]


def test_facet_counts_are_one_query_each(report_data, django_assert_num_queries):
    initiative_filter = InitiativeFilter(
        {"province": "beijing", "q": "信用", "year": "2025"}, queryset=Initiative.objects.all()
    )
    initiative_filter.form.is_valid()
    for name in InitiativeFilter.FACETS:
        with django_assert_num_queries(1):
            initiative_filter.facet_counts(name)


# Active filters, shared URLs, pagination ----------------------------------------------------------


def test_active_filters_are_chips_that_remove_one_filter_each(client, report_data):
    response, html = get_list(client, province="beijing", category=["finance", "credit-repair"], page="1")
    chips = dict(re.findall(r'<li><a href="([^"]+)" aria-label="[^"]*">([^<]+)</a></li>', html))
    by_label = {unescape(label): unescape(href) for href, label in chips.items()}
    assert len(by_label) == 3  # one chip per value
    province_chip = next(href for label, href in by_label.items() if "北京市" in label)
    category_chip = next(href for label, href in by_label.items() if "金融服務" in label)
    assert parse_qs(urlsplit(province_chip).query) == {"category": ["finance", "credit-repair"]}
    assert parse_qs(urlsplit(category_chip).query) == {"province": ["beijing"], "category": ["credit-repair"]}
    clear_all = re.search(r'<li class="active-filters__clear"><a href="([^"]+)">', html).group(1)
    assert clear_all == reverse(LIST)
    # Following a chip gives the results of the filters that remain.
    remaining = client.get(province_chip)
    wanted = Initiative.objects.filter(category__slug__in=["finance", "credit-repair"])
    assert remaining.context["page"].paginator.count == wanted.count()


def test_the_url_carries_the_whole_state(client, report_data):
    params = {"q": "信用", "province": "liaoning", "has_figures": "yes"}
    response, html = get_list(client, **params)
    assert 'value="信用"' in html
    assert facet_values(html, "province")["liaoning"][1]
    assert facet_values(html, "has_figures")["yes"][1]
    # The same address, opened again, gives the same results.
    assert listed_ids(html) == listed_ids(get_list(client, **params)[1])


def test_pagination_links_keep_the_filters(client, report_data):
    response, html = get_list(client, has_figures="yes")
    assert response.context["page"].paginator.num_pages > 1
    next_link = unescape(re.search(r'href="([^"]+)" rel="next"', html).group(1))
    assert parse_qs(urlsplit(next_link).query) == {"has_figures": ["yes"], "page": ["2"]}


@pytest.mark.parametrize(
    "page, expected", [("abc", 1), ("", 1), ("1.5", 1), ("999", "last"), ("0", "last"), ("-3", "last")]
)
def test_a_junk_or_out_of_range_page_lands_on_the_first_or_last_page(client, report_data, page, expected):
    response, html = get_list(client, page=page)
    paginator = response.context["page"].paginator
    assert response.context["page"].number == (paginator.num_pages if expected == "last" else expected)
    assert listed_ids(html)


# Bad and odd input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {"city": "atlantis"},
        {"province": "'; DROP TABLE cities_city; --"},
        {"category": "x" * 1000},
        {"kind": "<script>alert(1)</script>"},
        {"year": "20x4"},
        {"year": "99999999999999999999"},
        {"has_figures": "maybe"},
    ],
)
def test_a_malformed_filter_is_reported_and_ignored(client, report_data, params):
    response, html = get_list(client, **params)
    assert response.context["page"].paginator.count == Initiative.objects.count()
    assert 'class="form-error"' in html
    assert 'aria-invalid="true"' in html
    assert "<script>alert(1)</script>" not in html


# The texts of an initiative a reader expects the keyword to be looked for in.
KEYWORD_FIELDS = ("title_zh", "title_en", "description_zh", "description_en", "heading", "sub_locality")


def matching_ids(keyword):
    """What a reader expects a keyword to match: the keyword inside one of the initiative's texts, its topics' or
    its city's names, whatever the case, width, spaces, quotes or script (Simplified or Traditional). A keyword made
    only of what does not matter is no keyword: everything matches."""
    needle = normalize(keyword)

    def texts(initiative):
        city = initiative.city
        topics = [name for topic in initiative.topics.all() for name in (topic.name_zh, topic.name_en)]
        return (
            [getattr(initiative, field) for field in KEYWORD_FIELDS]
            + topics
            + [
                city.name_zh,
                city.name_en,
                pinyin(city.name_zh),
            ]
        )

    return {
        initiative.pk
        for initiative in Initiative.objects.select_related("city").prefetch_related("topics")
        if not needle or any(needle in normalize(text or "") for text in texts(initiative))
    }


@pytest.mark.parametrize(
    "keyword",
    [
        "%",
        "_",
        "'",
        '"',
        "“",
        "信用修復",
        "Credit repair",
        "7.58萬",
        "100%",
        "😀",
        "' OR 1=1 --",
        "'; DROP TABLE initiatives_initiative; --",
        "\\",
        "a" * 1000,
        "信" * 1000,
    ],
)
def test_odd_keywords_just_match_or_not(client, report_data, keyword):
    ids = all_listed_ids(client, q=keyword)
    assert set(ids) == matching_ids(keyword)
    assert Initiative.objects.count() == 94  # nothing was dropped


def test_percent_and_underscore_are_literal(client, report_data):
    assert 0 < len(all_listed_ids(client, q="%")) < Initiative.objects.count()
    assert all_listed_ids(client, q="_") == []


def test_a_simplified_keyword_finds_the_traditional_text(client, report_data):
    traditional = set(all_listed_ids(client, q="信用修復"))
    assert traditional
    assert set(all_listed_ids(client, q="信用修复")) == traditional


def test_keyword_searches_english_headings_and_sub_localities(client, report_data):
    assert set(all_listed_ids(client, q="明山街道")) == set(
        Initiative.objects.filter(sub_locality__contains="明山街道").values_list("pk", flat=True)
    )
    assert set(all_listed_ids(client, q="平臺建設方面")) >= set(
        Initiative.objects.filter(heading="平臺建設方面").values_list("pk", flat=True)
    )
    assert all_listed_ids(client, q="summer palace")


def test_an_empty_result_says_so(client, report_data):
    _, html = get_list(client, q="no initiative says this")
    assert listed_ids(html) == []
    assert 'class="empty-results"' in html


# One initiative -----------------------------------------------------------------------------------


def test_initiative_page_shows_its_figures_city_and_source(client, report_data):
    initiative = Initiative.objects.get(city__slug="chaoyang", slug="wushi-burao")
    response = client.get(initiative.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{escape(initiative.title_zh)}" in html
    assert "7.58萬家" in html and "截至2026年1月" in html
    assert f'href="{initiative.city.get_absolute_url()}"' in html
    assert f'href="{initiative.category.get_absolute_url()}"' in html
    assert "北京市創新示范研究 › 朝陽區" in html
    assert escape(initiative.heading) in html
    for other in initiative.city.initiatives.exclude(pk=initiative.pk):
        assert f'href="{other.get_absolute_url()}"' in html


def test_initiative_page_in_english(client, report_data):
    initiative = Initiative.objects.get(city__slug="haidian", slug="platform-data-opening")
    html = client.get("/en" + initiative.get_absolute_url()).content.decode()
    assert escape(initiative.title_en) in html
    assert "7.042 billion" in html
    assert "14 March 2025" in html


def test_unknown_initiative_is_404(client, report_data):
    missing = (Initiative.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    assert client.get(reverse("initiative_detail", args=[missing])).status_code == 404
    assert client.get("/initiatives/abc/").status_code == 404
    assert client.get("/initiatives/99999999999999999999999/").status_code == 404


# Themes -----------------------------------------------------------------------------------------


def test_category_list_shows_every_theme_with_counts(client, report_data):
    html = client.get(reverse("category_list")).content.decode()
    for category in InitiativeCategory.objects.with_counts():
        assert f'href="{category.get_absolute_url()}"' in html
        assert category.name_zh in html
    finance = InitiativeCategory.objects.with_counts().get(slug="finance")
    assert f"{finance.initiative_count} " in html.split(finance.get_absolute_url(), 1)[1][:300]


def test_category_page_lists_its_initiatives_and_cities(client, report_data):
    category = InitiativeCategory.objects.get(slug="credit-repair")
    response = client.get(category.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["page"].paginator.count == category.initiatives.count()
    for initiative in category.initiatives.all()[:PAGE_SIZE]:
        assert f'href="{initiative.get_absolute_url()}"' in html
    assert f"{reverse(LIST)}?category=credit-repair&amp;city=taiyuan" in html
    assert "7.58萬家" not in html  # a figure of another theme


def test_unknown_category_is_404(client, report_data):
    assert client.get(reverse("category_detail", args=["no-such-theme"])).status_code == 404


def test_figures_count_in_list_matches_the_data(client, report_data):
    """Each listed initiative shows all its figures (none lost to pagination or prefetching)."""
    _, html = get_list(client, city="haidian")
    for metric in Metric.objects.filter(initiative__city__slug="haidian"):
        assert escape(metric.as_written) in html


# Sorting ----------------------------------------------------------------------------------------


def test_the_list_sorts_by_city_date_or_number_of_figures(client, report_data):
    by_report = all_listed_ids(client)
    assert by_report == list(Initiative.objects.order_by("city__order", "order", "id").values_list("pk", flat=True))
    by_figures = Initiative.objects.with_metric_count().in_bulk(all_listed_ids(client, sort="figures"))
    counts = [by_figures[pk].metric_count for pk in all_listed_ids(client, sort="figures")]
    assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1]
    newest = Initiative.objects.in_bulk()
    dates = [newest[pk].date for pk in all_listed_ids(client, sort="-date")]
    dated = [date for date in dates if date]
    assert dated == sorted(dated, reverse=True) and dates[-1] is None  # undated last
    cities = [newest[pk].city.slug for pk in all_listed_ids(client, sort="city", province="beijing")]
    assert cities == sorted(cities) and len(set(cities)) == 2


def test_the_sort_order_is_kept_in_the_url_and_by_the_filters(client, report_data):
    _, html = get_list(client, sort="date", province="beijing")
    current = re.search(r'<a href="([^"]+)" aria-current="true">', html.split('class="sort-links"', 1)[1])
    assert parse_qs(urlsplit(unescape(current.group(1))).query) == {"province": ["beijing"], "sort": ["date"]}
    assert '<input type="hidden" name="sort" value="date">' in html
    chips = re.findall(r'<li><a href="([^"]+)" aria-label', html)
    assert [parse_qs(urlsplit(unescape(chip)).query) for chip in chips] == [{"sort": ["date"]}]


def test_an_unknown_sort_is_reported_and_the_report_order_kept(client, report_data):
    response, html = get_list(client, sort="random")
    assert listed_ids(html) == all_listed_ids(client)[:PAGE_SIZE]
    assert response.context["filter"].errors["sort"]
    assert 'class="form-error"' in html.split('class="sort-links"', 1)[1].split("<h", 1)[0]


def test_measures_of_one_name_are_told_apart_in_their_facet(client, report_data):
    _, html = get_list(client)
    kinds = html.split('id="facet-kind"', 1)[1].split("</fieldset>", 1)[0]
    labels = [unescape(label) for label in re.findall(r'value="[^"]+"[^>]*> ([^<]+) <span class="facet-count">', kinds)]
    assert len(labels) == len(set(labels)) > 5
    assert len([label for label in labels if label.startswith("信用貸款放款金額 (")]) == 2

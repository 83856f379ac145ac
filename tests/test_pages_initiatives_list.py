"""The initiatives list: each filter gives what it says, active filters are chips, the URL carries the whole state,
pages and sorting keep the filters, and a malformed filter is reported."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db.models import Q
from django.urls import reverse
from django.utils.html import escape

from initiatives.models import Initiative, Metric
from initiatives.views.initiatives import PAGE_SIZE
from tests.initiative_list_support import LIST, all_listed_ids, facet_values, get_list, listed_ids

pytestmark = pytest.mark.django_db


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


def test_figures_count_in_list_matches_the_data(client, report_data):
    """Each listed initiative shows all its figures (none lost to pagination or prefetching)."""
    _, html = get_list(client, city="haidian")
    for metric in Metric.objects.filter(initiative__city__slug="haidian"):
        assert escape(metric.as_written) in html


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

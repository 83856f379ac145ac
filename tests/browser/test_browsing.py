"""A reader browses in a real browser: home → province → city, then filters the initiatives and shares the URL."""

import re

from django.urls import reverse

from cities.models import City
from initiatives.models import Initiative, Metric


def listed_titles(page):
    return page.locator(".initiative-list .initiative h3 a").all_inner_texts()


def result_count(page):
    return int(re.match(r"\d+", page.locator(".result-count").inner_text()).group())


def test_home_province_city_then_filter_remove_and_share(page, browser, live_site):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "zh-Hant"

    # Home → a province.
    page.get_by_role("link", name="北京市", exact=True).first.click()
    page.wait_for_url("**/provinces/beijing/")
    assert "北京市" in page.locator("h1").inner_text()

    # Province → a city, with its figures as the report writes them.
    page.get_by_role("link", name="朝陽區", exact=True).first.click()
    page.wait_for_url("**/cities/chaoyang/")
    assert "朝陽區" in page.locator("h1").inner_text()
    figure = page.locator(".figure", has_text="7.58萬家").first
    assert figure.is_visible()
    assert "截至2026年1月" in figure.inner_text()

    # The initiatives, filtered by two facets.
    page.locator(f'.site-nav a[href="{reverse("initiative_list")}"]').click()
    page.wait_for_url("**/initiatives/")
    total = result_count(page)
    assert total == Initiative.objects.count()
    page.locator('input[name="province"][value="liaoning"]').check()
    page.locator('input[name="has_figures"][value="yes"]').check()
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url(re.compile(r".*province=liaoning.*"))
    both = Initiative.objects.filter(city__province__slug="liaoning", metrics__isnull=False).distinct()
    assert result_count(page) == both.count()
    assert page.locator(".active-filters li:not(.active-filters__clear) a").count() == 2

    # Remove one filter: the other stays.
    page.locator(".active-filters a", has_text="遼寧省").click()
    page.wait_for_url(lambda url: "province=" not in url)
    assert "has_figures=yes" in page.url
    with_figures = Initiative.objects.filter(metrics__isnull=False).distinct().count()
    assert result_count(page) == with_figures
    assert page.locator(".active-filters li:not(.active-filters__clear) a").count() == 1

    # Share the URL: another reader opening it sees the same results.
    shared_url, titles = page.url, listed_titles(page)
    assert titles
    other_reader = browser.new_context(locale="zh-TW")
    try:
        reopened = other_reader.new_page()
        reopened.goto(shared_url)
        assert result_count(reopened) == with_figures
        assert listed_titles(reopened) == titles
        assert reopened.locator('input[name="has_figures"][value="yes"]').is_checked()
    finally:
        other_reader.close()


def test_filters_work_without_javascript(browser, live_site):
    context = browser.new_context(base_url=live_site.url, locale="zh-TW", java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/initiatives/")
        page.locator('input[name="city"][value="haidian"]').check()
        page.locator("input#id_q").fill("頤和園")
        page.locator("form.filters button[type=submit]").click()
        page.wait_for_url(re.compile(r".*city=haidian.*"))
        expected = Initiative.objects.filter(city__slug="haidian", description_zh__contains="頤和園").count()
        assert expected and result_count(page) == expected
    finally:
        context.close()


def test_two_values_of_a_facet_give_both_and_a_chip_removes_one(page, live_site):
    page.goto("/initiatives/")
    page.locator('input[name="category"][value="credit-repair"]').check()
    page.locator('input[name="category"][value="finance"]').check()
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url(re.compile(r".*category=credit-repair.*category=finance.*"))
    union = Initiative.objects.filter(category__slug__in=["credit-repair", "finance"]).count()
    assert result_count(page) == union
    assert page.locator(".active-filters li:not(.active-filters__clear) a").count() == 2
    page.locator(".active-filters a", has_text="金融服務").click()
    page.wait_for_url(lambda url: "finance" not in url)
    assert result_count(page) == Initiative.objects.filter(category__slug="credit-repair").count()
    # Sorted by number of figures, the order kept in the URL with the filter.
    page.locator(".sort-links a", has_text="最多數據").click()
    page.wait_for_url(re.compile(r".*sort=figures.*"))
    assert "category=credit-repair" in page.url


def test_any_figure_is_within_three_clicks_of_home(page, live_site):
    """Home → city (one click): every figure of the city is on its page."""
    for city in City.objects.filter(slug__in=["haidian", "jixi"]):
        page.goto("/")
        page.get_by_role("link", name=city.name_zh, exact=True).first.click()
        page.wait_for_url(f"**{city.get_absolute_url()}")
        shown = " ".join(page.locator(".figure").all_inner_texts())
        for metric in Metric.objects.filter(initiative__city=city):
            assert metric.as_written in shown


def test_city_page_reads_on_a_phone(browser, live_site):
    context = browser.new_context(base_url=live_site.url, locale="zh-TW", viewport={"width": 375, "height": 740})
    try:
        page = context.new_page()
        page.goto("/cities/haidian/")
        # Nothing wider than the screen: no sideways scrolling to read the page.
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        assert page.locator("h1").is_visible()
    finally:
        context.close()

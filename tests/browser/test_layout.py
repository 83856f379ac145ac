"""The pages on a phone (390×844) and on paper, in Debian's Chromium: nothing scrolls sideways, the header leaves
the screen to the content, the charts' text stays legible, the menu opens without JavaScript, and a comparison
prints to few A4 pages."""

import re

import pytest
from django.utils.translation import gettext as _
from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}

PHONE_PAGES = {
    "home": "/",
    "city": "/cities/chaoyang/",
    "compare, 2 cities": "/compare/?cities=chaoyang,haidian",
    "compare, 4 cities": "/compare/?cities=chaoyang,haidian,hedong,wuqing",
    "initiatives": "/initiatives/",
    "initiatives, two values of a facet, sorted": "/initiatives/?category=finance&category=credit-repair&sort=figures",
    "the city directory": "/cities/?province=beijing&province=tianjin",
    "coverage": "/coverage/",
    "measure": "/metrics/loans-disbursed-cumulative/",
    "search": "/search/?q=信用",
    "measure in English": "/en/metrics/loans-disbursed-cumulative/",
    "initiatives in Simplified Chinese": "/zh-hans/initiatives/",
}

# What a reader's eye measures: how far the page scrolls sideways, how tall the header is, the smallest chart text.
LAYOUT = """() => {
  const root = document.documentElement;
  const chartText = [...document.querySelectorAll("svg.bar-chart text")]
    .filter((text) => text.getBBox().width > 0)
    .map((text) => parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a);
  return {
    overflow: root.scrollWidth - root.clientWidth,
    header: document.querySelector(".site-header").getBoundingClientRect().height,
    chartText: chartText.length ? Math.min(...chartText) : null,
    charts: document.querySelectorAll("svg.bar-chart").length,
  };
}"""


@pytest.fixture
def phone(browser, live_site):
    context = browser.new_context(base_url=live_site.url, locale="zh-TW", viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.mark.parametrize("path", PHONE_PAGES.values(), ids=PHONE_PAGES.keys())
def test_phone_page_fits_the_screen(phone, path):
    response = phone.goto(path)
    assert response.status == 200
    layout = phone.evaluate(LAYOUT)
    assert layout["overflow"] == 0, f"{path} scrolls {layout['overflow']} px sideways"
    assert layout["header"] <= PHONE["height"] * 0.25
    if layout["charts"]:
        assert layout["chartText"] >= 11


def test_charts_on_phones_are_legible(phone):
    for path in ("/", "/metrics/loans-disbursed-cumulative/", "/en/metrics/", "/vote/"):
        phone.goto(path)
        layout = phone.evaluate(LAYOUT)
        assert layout["charts"] >= 1, path
        assert layout["chartText"] >= 11, f"{path}: chart text at {layout['chartText']:.1f} px"


def test_the_menu_opens_without_javascript(browser, live_site):
    context = browser.new_context(base_url=live_site.url, locale="zh-TW", viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto("/")
    nav = page.locator("nav.site-nav")
    expect(nav).to_be_hidden()
    page.locator(".site-menu__button").click()
    expect(nav).to_be_visible()
    page.locator('.site-nav a[href="/coverage/"]').click()
    expect(page).to_have_url(re.compile(r"/coverage/$"))
    context.close()


def test_the_search_button_stays_on_one_line(phone):
    phone.goto("/")
    button = phone.get_by_role("button", name=_("Search"), exact=True)
    box = button.bounding_box()
    line = phone.evaluate("b => parseFloat(getComputedStyle(b).lineHeight)", button.element_handle())
    assert box["height"] < 2 * line  # one line of text with its padding, never "搜" above "尋"


def test_filters_fold_away_on_phones_and_show_on_a_desktop(phone, browser, live_site):
    phone.goto("/initiatives/")
    keyword = phone.get_by_label(_("Keyword"))
    expect(keyword).to_be_hidden()
    phone.get_by_text(_("Filters"), exact=True).click()
    expect(keyword).to_be_visible()
    # The first result is near the top while the filters are folded.
    phone.goto("/initiatives/")
    assert phone.locator(".initiative").first.bounding_box()["y"] < PHONE["height"]

    context = browser.new_context(base_url=live_site.url, locale="zh-TW", viewport={"width": 1366, "height": 900})
    desktop = context.new_page()
    desktop.goto("/initiatives/")
    expect(desktop.get_by_label(_("Keyword"))).to_be_visible()
    expect(desktop.locator("nav.site-nav")).to_be_visible()
    expect(desktop.locator(".site-menu__button")).to_be_hidden()
    context.close()


def pdf_pages(page, path, remove=None):
    page.goto(path)
    if remove:
        page.evaluate("selector => document.querySelector(selector).remove()", remove)
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


@pytest.mark.parametrize(
    "cities, most", [("chaoyang,haidian", 3), ("chaoyang,haidian,hedong,wuqing", 5)], ids=["2 cities", "4 cities"]
)
def test_a_comparison_prints_on_few_a4_pages(page, cities, most):
    path = f"/compare/?cities={cities}"
    pages = pdf_pages(page, path)
    assert 1 <= pages <= most
    # Without the footer the count is the same: the footer never takes a page of its own.
    assert pdf_pages(page, path, remove=".site-footer") == pages


def test_coverage_totals_stay_a_table_row_and_cells_are_shaded_by_count(page):
    page.goto("/coverage/")
    displays = page.eval_on_selector_all("td.totals", "cells => cells.map((cell) => getComputedStyle(cell).display)")
    assert displays and set(displays) == {"table-cell"}
    shades = page.evaluate(
        """() => Object.fromEntries(["shade-1", "shade-2", "shade-3"].map((name) => {
             const cell = document.querySelector(`table.coverage td.${name}`);
             return [name, cell ? getComputedStyle(cell).backgroundColor : null];
           }))"""
    )
    present = [colour for colour in shades.values() if colour]
    assert len(present) >= 2 and len(set(present)) == len(present)  # more initiatives, another (darker) shade

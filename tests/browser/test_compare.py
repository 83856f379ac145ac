"""Comparing cities in a real browser: pick two, read a figure in both columns, add, remove, share."""

import re

from django.utils.translation import gettext as _
from playwright.sync_api import expect

from cities.models import City
from initiatives import synthetic

# The pages open in zh-Hant: labels and messages are looked up through the catalog, as the reader sees them.


def measure_row(page, kind_name):
    return page.locator("table.compare-table--measures tbody tr").filter(
        has=page.get_by_role("rowheader", name=kind_name)
    )


def test_pick_compare_add_remove_and_reopen_the_shared_address(page, live_site):
    # Start where a reader does: on a city's page, comparing it with another.
    page.goto("/cities/chaoyang/")
    page.get_by_label(_("Compare %(name)s with") % {"name": "朝陽區"}).select_option("haidian")
    page.get_by_role("button", name=_("Compare"), exact=True).click()

    expect(page).to_have_url(re.compile(r"/compare/\?cities=chaoyang,haidian$"))
    expect(page.locator("h1")).to_contain_text("朝陽區")
    expect(page.locator("h1")).to_contain_text("海淀區")
    records = measure_row(page, re.compile("信用數據"))
    cells = records.locator("td")
    expect(cells.nth(0)).to_contain_text("超3.6萬條")
    expect(cells.nth(0)).to_contain_text("2024年全年")
    expect(cells.nth(1)).to_contain_text("約1.2億條")
    # Shared in one year vs opened to platforms: side by side, not ranked, and the note says why.
    expect(records.locator(".largest-mark")).to_have_count(0)
    expect(cells.nth(2)).to_contain_text(_("Not ranked against each other:"))

    # Add a third city in the next free slot: the first two stay.
    page.get_by_label(_("City %(number)s") % {"number": 3}).select_option("shenyang")
    page.get_by_role("button", name=_("Compare"), exact=True).click()
    expect(page).to_have_url(re.compile(r"/compare/\?cities=chaoyang,haidian,shenyang$"))
    cells = measure_row(page, re.compile("信用數據")).locator("td")
    expect(cells.nth(2)).to_contain_text("29.38億條")
    expect(cells.nth(2).locator(".largest-mark")).to_have_count(0)

    # Remove the first: the others keep their order.
    page.get_by_role("link", name=_("Remove %(city)s") % {"city": "朝陽區"}).click()
    expect(page).to_have_url(re.compile(r"/compare/\?cities=haidian,shenyang$"))
    headers = page.locator("table.compare-table").first.locator("thead th[scope=col]")
    expect(headers).to_have_count(3)
    expect(headers.nth(1)).to_contain_text("海淀區")
    expect(headers.nth(2)).to_contain_text("沈陽市")

    # The shared address alone reproduces the comparison in a fresh tab.
    shared = page.get_by_role("link", name=_("Link to this comparison")).get_attribute("href")
    other = page.context.new_page()
    other.goto(shared)
    expect(other.locator("h1")).to_contain_text("海淀區")
    expect(other.locator("h1")).to_contain_text("沈陽市")
    expect(other.locator("h1")).not_to_contain_text("朝陽區")
    expect(measure_row(other, re.compile("信用數據")).locator("td").nth(1)).to_contain_text("29.38億條")
    other.close()


def test_a_city_beyond_the_lists_is_reached_through_its_province(browser, live_site):
    # More cities than the lists hold: the report's are listed, the others are one province away.
    synthetic.generate(cities=60, initiatives_per_city=1, metrics_per_initiative=1, seed=5)
    far = City.objects.select_related("province").get(slug="gen-city-00060")
    context = browser.new_context(base_url=live_site.url, locale="zh-TW", java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)

    page.goto("/cities/chaoyang/")
    page.get_by_role("link", name=_("Choose from every city on the comparison page")).click()
    expect(page).to_have_url(re.compile(r"/compare/\?cities=chaoyang$"))
    city_2 = page.get_by_label(_("City %(number)s") % {"number": 2})
    expect(city_2.locator(f'option[value="{far.slug}"]')).to_have_count(0)

    page.get_by_label(_("Not in the lists? Add the cities of a province:")).select_option(far.province.slug)
    page.get_by_role("button", name=_("List its cities")).click()
    expect(page).to_have_url(re.compile(rf"/compare/\?cities=chaoyang&province={far.province.slug}#compare-picker$"))
    expect(page.get_by_label(_("City %(number)s") % {"number": 1})).to_have_value("chaoyang")
    city_2.select_option(far.slug)
    page.get_by_role("button", name=_("Compare"), exact=True).click()

    expect(page).to_have_url(re.compile(rf"/compare/\?cities=chaoyang,{far.slug}$"))
    expect(page.locator("h1")).to_contain_text("朝陽區")
    expect(page.locator("h1")).to_contain_text(far.name_zh)
    expect(page.get_by_label(_("City %(number)s") % {"number": 2})).to_have_value(far.slug)
    context.close()


def test_choosing_the_same_city_twice_says_so_and_offers_a_way_out(page, live_site):
    page.goto("/compare/")
    page.get_by_label(_("City %(number)s") % {"number": 1}).select_option("benxi")
    page.get_by_label(_("City %(number)s") % {"number": 2}).select_option("benxi")
    page.get_by_label(_("City %(number)s") % {"number": 3}).select_option("jixi")
    page.get_by_role("button", name=_("Compare"), exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text(
        _("%(city)s is chosen more than once; each city can appear only once.") % {"city": "本溪市"}
    )
    page.get_by_role("link", name=re.compile(re.escape(_("Compare these instead:").rstrip(":：")))).click()
    expect(page).to_have_url(re.compile(r"/compare/\?cities=benxi,jixi$"))
    expect(page.locator("h1")).to_contain_text("雞西市")


def test_on_paper_the_comparison_keeps_its_tables_and_drops_the_controls(page, live_site):
    page.goto("/compare/?cities=wuqing,yichun")
    page.emulate_media(media="print")
    expect(page.locator(".compare-controls")).to_be_hidden()
    expect(page.locator(".site-nav")).to_be_hidden()
    # The address is printed, so the paper copy can be traced back to the comparison.
    expect(page.locator(".print-only")).to_be_visible()
    expect(page.locator(".print-only")).to_contain_text("/compare/?cities=wuqing,yichun")
    loans = measure_row(page, re.compile("信用融資")).locator("td")
    expect(loans.nth(0)).to_contain_text("突破140億元")
    expect(loans.nth(0).locator(".largest-mark")).to_be_visible()
    # Tables fit the landscape page: nothing needs a scroll bar on paper.
    width = page.evaluate("document.querySelector('table.compare-table--measures').scrollWidth")
    assert width <= page.evaluate("document.querySelector('main').clientWidth")

"""A reader switches language in a real browser: same page, same filters, and the choice is remembered."""

from urllib.parse import parse_qs, urlsplit


def query_of(url):
    return parse_qs(urlsplit(url).query)


def switch_to(page, language_name):
    page.locator(".language-switcher").get_by_role("link", name=language_name).click()
    page.wait_for_load_state()


def test_switching_language_on_search_results_keeps_the_query(page):
    page.goto("/search/?q=朝陽&kind=cities")
    assert page.locator("html").get_attribute("lang") == "zh-Hant"
    assert page.locator("#search-q").input_value() == "朝陽"

    switch_to(page, "English")
    assert urlsplit(page.url).path == "/en/search/"
    assert query_of(page.url) == {"q": ["朝陽"], "kind": ["cities"]}
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Search"
    assert "Chaoyang District" in page.locator(".search-results").inner_text()

    switch_to(page, "简体中文")
    assert urlsplit(page.url).path == "/zh-hans/search/"
    assert query_of(page.url) == {"q": ["朝陽"], "kind": ["cities"]}
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert "朝阳区" in page.locator(".search-results").inner_text()

    # The choice is remembered: an old unprefixed link now opens in Simplified.
    page.goto("/search/?q=信用修復")
    assert urlsplit(page.url).path == "/zh-hans/search/"
    assert page.locator("html").get_attribute("lang") == "zh-Hans"

    switch_to(page, "繁體中文")
    assert urlsplit(page.url).path == "/search/"
    assert query_of(page.url) == {"q": ["信用修復"]}
    assert page.locator("html").get_attribute("lang") == "zh-Hant"


def test_header_search_box_finds_a_simplified_name(page):
    page.goto("/search/")
    box = page.get_by_label("搜尋城市、項目與數據")
    box.fill("鄂尔多斯")
    box.press("Enter")
    page.wait_for_load_state()
    assert query_of(page.url) == {"q": ["鄂尔多斯"]}
    assert page.locator("mark").first.inner_text() == "鄂爾多斯"


def test_switching_language_on_a_filtered_initiative_list_keeps_the_filters(page):
    page.goto("/initiatives/?city=chaoyang&category=supervision")
    assert page.locator("html").get_attribute("lang") == "zh-Hant"
    chinese_results = page.locator("main").inner_text()
    assert "“無事不擾”企業清單動態管理" in chinese_results

    switch_to(page, "English")
    assert urlsplit(page.url).path == "/en/initiatives/"
    assert query_of(page.url) == {"city": ["chaoyang"], "category": ["supervision"]}
    assert page.locator("html").get_attribute("lang") == "en"
    # The filter form shows the same choices, now in English, and the list is still Chaoyang's supervision.
    assert page.locator("input[name=city][value=chaoyang]").is_checked()
    assert page.locator("input[name=category][value=supervision]").is_checked()
    assert "Dynamic 'no disturbance' list of enterprises" in page.locator("main").inner_text()

    switch_to(page, "简体中文")
    assert urlsplit(page.url).path == "/zh-hans/initiatives/"
    assert query_of(page.url) == {"city": ["chaoyang"], "category": ["supervision"]}
    assert "“无事不扰”企业清单动态管理" in page.locator("main").inner_text()

def test_home_page_opens_in_a_real_browser(page):
    page.goto("/")
    assert page.locator("h1").first.is_visible()
    assert page.locator("html").get_attribute("lang") == "zh-Hant"

"""A walk through the site as a reader clicks it: every page has a "Page · Site" title, the favicon and the Open
Graph tags a shared link needs, and /favicon.ico itself answers."""

from django.utils import translation

WALK = [
    "/",
    "/provinces/",
    "/provinces/beijing/",
    "/cities/",
    "/cities/chaoyang/",
    "/initiatives/",
    "/initiatives/?province=beijing",
    "/categories/",
    "/compare/",
    "/compare/?cities=chaoyang,haidian",
    "/metrics/",
    "/metrics/loans-disbursed-cumulative/",
    "/coverage/",
    "/timeline/",
    "/innovation-models/",
    "/lessons/",
    "/vote/",
    "/about/",
    "/search/?q=信用",
    "/en/",
    "/en/cities/haidian/",
    "/zh-hans/metrics/loans-disbursed-cumulative/",
]

META = """() => {
  const content = (property) => document.querySelector(`meta[property="${property}"]`)?.content ?? null;
  return {
    title: document.title,
    h1: document.querySelector("h1")?.textContent.trim() ?? "",
    icon: document.querySelector('link[rel="icon"]')?.href ?? null,
    og: Object.fromEntries(["og:title", "og:description", "og:url", "og:type", "og:site_name", "og:image", "og:locale"]
      .map((property) => [property, content(property)])),
  };
}"""


def site_name(path):
    language = "en" if path.startswith("/en/") else "zh-hans" if path.startswith("/zh-hans/") else "zh-hant"
    with translation.override(language):
        return translation.gettext("Social Credit Innovation Portal")


def test_every_page_of_the_walk_has_its_title_favicon_and_open_graph_tags(page, live_site):
    assert site_name("/") == "社會信用創新入口網" and site_name("/en/") == "Social Credit Innovation Portal"
    icons = set()
    for path in WALK:
        assert page.goto(path).status == 200, path
        meta = page.evaluate(META)
        site = site_name(path)
        if path in ("/", "/en/"):
            assert meta["title"] == site
        else:
            page_title, separator, rest = meta["title"].rpartition(" · ")
            assert separator and rest == site and page_title, f"{path}: {meta['title']!r}"
            assert site not in page_title  # never "海淀區社會信用創新入口網" run together
        assert meta["icon"], path
        icons.add(meta["icon"])
        og = meta["og"]
        assert all(og.values()), f"{path}: {og}"
        assert og["og:url"] == live_site.url + path or og["og:url"].startswith(live_site.url + path.split("?")[0])
        assert og["og:site_name"] == site
        assert og["og:title"] == (site if path in ("/", "/en/") else meta["title"].rpartition(" · ")[0])
        icons.add(og["og:image"])
    for url in icons:  # the icon and the preview image are served, from this host
        assert url.startswith(live_site.url)
        response = page.request.get(url)
        assert response.ok and response.headers["content-type"].startswith("image/"), url


def test_favicon_ico_is_served_at_the_root(page, live_site):
    response = page.request.get(live_site.url + "/favicon.ico")
    assert response.ok
    assert response.headers["content-type"] in ("image/x-icon", "image/vnd.microsoft.icon")
    assert response.body()[:4] == b"\x00\x00\x01\x00"  # an ICO file

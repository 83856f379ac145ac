"""The site's menu and footer, rendered once per language and page ({% fixed %}), are what the templates write
without it on every page, whichever page came first."""

from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines
from django.test import RequestFactory
from django.urls import resolve, set_script_prefix
from django.utils import translation

PATHS = ["/", "/initiatives/", "/topics/", "/topics/personal-credit-score/", "/metrics/", "/about/", "/no-such-page/"]
TEMPLATES = ["includes/header.html", "includes/footer.html"]


def without_fixed(name):
    text = (Path(settings.BASE_DIR) / "templates" / name).read_text(encoding="utf-8")
    return engines["django"].from_string(text.replace("{% fixed %}", "").replace("{% endfixed %}", ""))


@pytest.mark.parametrize("name", TEMPLATES)
@pytest.mark.parametrize("language", ["zh-hant", "zh-hans", "en"])
def test_a_fixed_fragment_is_what_the_template_writes_on_every_page(name, language):
    fixed, plain = engines["django"].get_template(name), without_fixed(name)
    assert "{% fixed %}" in (Path(settings.BASE_DIR) / "templates" / name).read_text(encoding="utf-8")
    with translation.override(language):
        for path in PATHS + list(reversed(PATHS)):
            request = RequestFactory().get(path)
            try:
                request.resolver_match = resolve(path)
            except Exception:  # noqa: BLE001 (a page that does not exist: no current section)
                request.resolver_match = None
            context = {"request": request, "search_query": "信用"}
            assert fixed.render(context, request) == plain.render(context, request)


def test_the_menu_follows_the_script_prefix_whichever_came_first():
    header = engines["django"].get_template("includes/header.html")
    request = RequestFactory().get("/about/")
    request.resolver_match = resolve("/about/")
    with translation.override("en"):
        assert 'href="/en/cities/"' in header.render({"request": request}, request)
        set_script_prefix("/portal/")
        try:
            html = header.render({"request": request}, request)
        finally:
            set_script_prefix("/")
    assert 'href="/portal/en/cities/"' in html and 'href="/en/cities/"' not in html

"""Three interface languages: zh-Hant at unprefixed URLs, /en/… and /zh-hans/…; the switcher and the saved choice."""

import calendar
import datetime
import gettext
import re
import shutil
from urllib.parse import quote

import polib
import pytest
from django.conf import settings
from django.utils import translation

from core.localization import to_simplified
from core.translations import LOCALE_DIR, catalogs, compile_catalogs
from initiatives import display
from initiatives.models import Metric

pytestmark = pytest.mark.usefixtures("report_data")

COOKIE = settings.LANGUAGE_COOKIE_NAME
SEARCH = "/search/?q=%E6%9C%9D%E9%99%BD&kind=cities"  # ?q=朝陽&kind=cities


def html_lang(response):
    return re.search(r'<html lang="([^"]+)">', response.content.decode()).group(1)


@pytest.mark.parametrize(
    "path, lang, heading",
    [("/search/", "zh-Hant", "搜尋"), ("/zh-hans/search/", "zh-Hans", "搜索"), ("/en/search/", "en", "Search")],
)
def test_each_language_has_its_url_lang_and_interface(client, path, lang, heading):
    response = client.get(path)
    assert response.status_code == 200
    assert html_lang(response) == lang
    assert f"<h1>{heading}</h1>" in response.content.decode()
    assert response.headers["Content-Language"] == {"zh-Hant": "zh-hant", "zh-Hans": "zh-hans", "en": "en"}[lang]


def test_default_language_has_no_prefix(client):
    assert client.get("/zh-hant/search/").status_code == 404
    assert client.get("/fr/search/").status_code == 404


def test_admin_stays_outside_the_language_prefix(client):
    assert client.get("/admin/").status_code == 302
    assert client.get("/en/admin/").status_code == 404


def test_head_lists_every_language_version_of_the_page(client):
    html = client.get(SEARCH).content.decode().replace("&amp;", "&")
    query = SEARCH.removeprefix("/search/")
    assert f'<link rel="alternate" hreflang="zh-Hant" href="http://testserver/search/{query}">' in html
    assert f'<link rel="alternate" hreflang="zh-Hans" href="http://testserver/zh-hans/search/{query}">' in html
    assert f'<link rel="alternate" hreflang="en" href="http://testserver/en/search/{query}">' in html
    assert f'<link rel="alternate" hreflang="x-default" href="http://testserver/search/{query}">' in html


def switcher_links(html):
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    return {lang: href.replace("&amp;", "&") for href, lang in re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', nav)}


def test_switcher_keeps_the_page_and_its_query_string(client):
    links = switcher_links(client.get(SEARCH).content.decode())
    assert links["zh-Hant"] == SEARCH  # the current language: a plain link to this page
    assert links["en"] == "/language/en/?next=" + quote("/en" + SEARCH, safe="")
    assert links["zh-Hans"] == "/language/zh-hans/?next=" + quote("/zh-hans" + SEARCH, safe="")

    response = client.get(links["en"])
    assert response.status_code == 302
    assert response["Location"] == "/en" + SEARCH
    assert response.cookies[COOKIE].value == "en"
    english = client.get(response["Location"])
    assert html_lang(english) == "en"
    assert re.search(
        r'Chaoyang District(</a>)? <span lang="zh-Hant" class="muted"><mark>朝陽</mark>區</span>',
        english.content.decode(),
    )


def test_switcher_labels_each_language_in_itself(client):
    html = client.get("/en/search/").content.decode()
    assert 'hreflang="zh-Hant" lang="zh-Hant">繁體中文</a>' in html
    assert 'hreflang="zh-Hans" lang="zh-Hans">简体中文</a>' in html
    assert 'hreflang="en" lang="en" aria-current="true">English</a>' in html


def test_saved_choice_takes_unprefixed_links_to_that_language(client):
    client.get("/language/zh-hans/?next=/search/")
    response = client.get(SEARCH)
    assert response.status_code == 302
    assert response["Location"] == "/zh-hans" + SEARCH
    assert "Cookie" in response["Vary"]
    # An explicit prefix always wins over the cookie.
    assert html_lang(client.get("/en/search/")) == "en"
    # Switching back to Traditional is remembered too.
    back = client.get("/language/zh-hant/?next=" + quote("/zh-hans" + SEARCH, safe=""))
    assert back["Location"] == SEARCH
    assert html_lang(client.get(SEARCH)) == "zh-Hant"


def test_without_a_choice_unprefixed_pages_are_traditional_whatever_the_browser_says(client):
    response = client.get("/search/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert html_lang(response) == "zh-Hant"


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"])
def test_switch_never_sends_the_reader_to_another_site(client, next_url):
    response = client.get("/language/en/", {"next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_switch_to_an_unknown_language_is_not_found(client):
    assert client.get("/language/fr/?next=/").status_code == 404
    assert COOKIE not in client.cookies


def test_switch_keeps_a_path_that_is_not_a_page(client):
    response = client.get("/language/en/", {"next": "/admin/"})
    assert response["Location"] == "/admin/"


def test_every_catalog_entry_is_translated_and_not_fuzzy():
    assert {path.parent.parent.name for path in catalogs()} == {"zh_Hant", "zh_Hans"}
    for path in catalogs():
        catalog = polib.pofile(str(path))
        untranslated = [entry.msgid for entry in catalog.untranslated_entries()]
        fuzzy = [entry.msgid for entry in catalog.fuzzy_entries()]
        assert not untranslated, f"{path}: untranslated {untranslated[:5]}"
        assert not fuzzy, f"{path}: fuzzy {fuzzy[:5]}"


def test_simplified_catalog_has_no_traditional_only_characters():
    traditional_only = set("區陽爾體臺國與數據尋項頁類經驗會設門戶網說為這個們時")
    catalog = polib.pofile(str(LOCALE_DIR / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    for entry in catalog.translated_entries():
        texts = [entry.msgstr, *entry.msgstr_plural.values()]
        for text in texts:
            # The example of what a reader may type in Traditional (朝陽) is meant to stay Traditional.
            found = traditional_only.intersection(text.replace("朝陽", ""))
            assert not found, f"{entry.msgid!r} → {text!r}: {found}"


def test_catalogs_compile_without_gnu_gettext(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no msgfmt anywhere
    assert shutil.which("msgfmt") is None
    copy = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, copy, ignore=shutil.ignore_patterns("*.mo"))
    written = compile_catalogs(copy)
    assert len(written) == 2
    with open(copy / "zh_Hant" / "LC_MESSAGES" / "django.mo", "rb") as mo:
        assert gettext.GNUTranslations(mo).gettext("Search") == "搜尋"
    with open(copy / "zh_Hans" / "LC_MESSAGES" / "django.mo", "rb") as mo:
        assert gettext.GNUTranslations(mo).gettext("Search") == "搜索"
    assert compile_catalogs(copy) == []  # up to date: nothing to do


def test_opencc_converts_the_reports_names():
    expected = {
        "鄂爾多斯市": "鄂尔多斯市",
        "內蒙古自治區": "内蒙古自治区",
        "平臺建設方面": "平台建设方面",
        "朝陽區": "朝阳区",
        "信用修復": "信用修复",
        "雞西市": "鸡西市",
        "晉城市": "晋城市",
        "本溪滿族自治縣": "本溪满族自治县",
        "頤和園": "颐和园",
        "鳳城分": "凤城分",
        "台": "台",
    }
    assert {text: to_simplified(text) for text in expected} == expected


def chaoyang_enterprises():
    return Metric.objects.select_related("initiative").get(
        initiative__city__slug="chaoyang", label_zh="“無事不擾”企業數"
    )


@pytest.mark.parametrize(
    "language, value, time",
    [
        ("zh-hant", "7.58萬家", "截至2026年1月"),
        ("zh-hans", "7.58万家", "截至2026年1月"),
        ("en", "75,800 enterprises", "as of January 2026"),
    ],
)
def test_figures_read_in_each_language(language, value, time):
    metric = chaoyang_enterprises()
    with translation.override(language):
        assert (display.figure_value(metric), display.figure_time(metric)) == (value, time)


def test_english_months_do_not_depend_on_the_server_locale(monkeypatch):
    monkeypatch.setattr(calendar, "month_name", ["", "janvier", "février", "mars"] + ["?"] * 9)
    assert display.english_date(datetime.date(2026, 1, 1), "month") == "January 2026"
    assert display.english_date(datetime.date(2024, 9, 20), "day") == "20 September 2024"
    assert (
        display.english_period(datetime.date(2025, 1, 1), datetime.date(2025, 3, 31))
        == "from January 2025 to March 2025"
    )


def test_admin_follows_the_saved_choice_else_the_browser(client):
    assert client.get("/admin/login/").headers["Content-Language"] == "zh-hant"
    english = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert english.headers["Content-Language"] == "en"
    assert '<html lang="en"' in english.content.decode()
    assert translation.get_language() == "zh-hant"  # the admin's language does not leak into what runs next
    client.cookies[COOKIE] = "zh-hans"
    assert client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en").headers["Content-Language"] == "zh-hans"

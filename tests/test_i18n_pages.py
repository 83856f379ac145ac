"""Every page in every language: it opens, says its language, and shows no interface string left in English.

The pages are walked from the URL configuration itself, so a page added later without an entry in SAMPLE_PAGES
fails here until it is added (with real slugs from the report's data).
"""

import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import polib
import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

from cities.models import City, InnovationModel, Lesson, Province
from core.localization import to_simplified
from core.translations import catalogs
from initiatives.models import Initiative, InitiativeCategory, Metric, MetricKind

pytestmark = pytest.mark.usefixtures("report_data")

LANGUAGES = {"zh-hant": ("", "zh-Hant"), "zh-hans": ("/zh-hans", "zh-Hans"), "en": ("/en", "en")}


def chaoyang_initiative():
    return Initiative.objects.filter(city__slug="chaoyang", metrics__isnull=False).order_by("order").first()


# URL name → the paths to check (unprefixed, zh-Hant); callables are evaluated against the loaded data.
SAMPLE_PAGES = {
    "home": ["/"],
    "search": ["/search/", "/search/?q=朝陽", "/search/?q=信用修復&kind=initiatives&page=2", "/search/?q=%25"],
    "compare": ["/compare/", "/compare/?cities=chaoyang,haidian", "/compare/?cities=ordos,jixi,shenyang"],
    "province_list": ["/provinces/"],
    "province_detail": ["/provinces/inner-mongolia/", "/provinces/beijing/"],
    "city_list": [
        "/cities/",
        "/cities/?province=beijing&sort=initiatives",
        "/cities/?category=credit-repair&sort=name",
    ],
    "city_detail": ["/cities/chaoyang/", "/cities/ordos/", "/cities/jixi/"],
    "initiative_list": [
        "/initiatives/",
        "/initiatives/?city=chaoyang",
        "/initiatives/?category=credit-repair&page=2",
        "/initiatives/?province=inner-mongolia&has_figures=yes",
        "/initiatives/?q=信用修復&year=2025",
        "/initiatives/?kind=loans-disbursed-cumulative",
        "/initiatives/?city=nonexistent&page=abc",
    ],
    "initiative_detail": [lambda: chaoyang_initiative().get_absolute_url()],
    "category_list": ["/categories/"],
    "category_detail": ["/categories/credit-repair/"],
    "topic_list": ["/topics/"],
    "topic_detail": ["/topics/personal-credit-score/"],
    "innovation_model_list": ["/innovation-models/"],
    "innovation_model_detail": [lambda: InnovationModel.objects.order_by("order").first().get_absolute_url()],
    "lesson_list": ["/lessons/"],
    "about": ["/about/"],
    "metric_kind_list": ["/metrics/"],
    "metric_kind_detail": [lambda: MetricKind.objects.order_by("order").first().get_absolute_url()],
    "metric_family_detail": ["/metrics/families/lending/"],
    "coverage": ["/coverage/", "/coverage/?theme=topics"],
    "vote": ["/vote/"],
    "timeline": ["/timeline/", "/timeline/?city=shenyang", "/timeline/?category=credit-repair"],
}

# Not pages to read: the switcher's redirect and actions that only answer a POST (casting, withdrawing a vote).
NOT_PAGES = {"switch_language", "vote_cast", "vote_withdraw"}


def page_url_names():
    """Names of every URL pattern served in the three languages (those under i18n_patterns)."""
    names = set()

    def walk(patterns, in_i18n):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, in_i18n or type(pattern.pattern).__name__ == "LocalePrefixPattern")
            elif isinstance(pattern, URLPattern) and in_i18n and pattern.name:
                names.add(pattern.name)

    walk(get_resolver().url_patterns, False)
    return names


def served_pages():
    names = page_url_names()
    return [(name, path) for name in sorted(names & SAMPLE_PAGES.keys()) for path in SAMPLE_PAGES[name]]


def test_every_page_has_sample_paths():
    missing = page_url_names() - SAMPLE_PAGES.keys() - NOT_PAGES
    downloads = {name for name in missing if re.search(r"(csv|json|export|download|feed|api)", name)}
    assert not (missing - downloads), f"add these URL names to SAMPLE_PAGES: {sorted(missing - downloads)}"


class VisibleText(HTMLParser):
    """Text a reader sees (and hears: labels and alternatives), each piece with the language of its element."""

    SKIP = {"script", "style", "template"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    SPOKEN_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")

    def __init__(self):
        super().__init__()
        self.stack = []  # (tag, lang)
        self.pieces = []  # (lang, text)
        self.in_head = False

    def lang(self):
        return next((lang for _, lang in reversed(self.stack) if lang), "")

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "head":
            self.in_head = True
        lang = attrs.get("lang") or attrs.get("hreflang") or ""
        if tag not in self.VOID:
            self.stack.append((tag, lang))
        for name in self.SPOKEN_ATTRIBUTES:
            if attrs.get(name) and not self.in_head:
                self.pieces.append((lang or self.lang(), attrs[name]))
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.pieces.append((self.lang(), attrs["value"]))

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if any(tag in self.SKIP for tag, _ in self.stack) or not data.strip():
            return
        if self.in_head and not any(tag == "title" for tag, _ in self.stack):
            return
        self.pieces.append((self.lang(), data))


def visible_pieces(html):
    parser = VisibleText()
    parser.feed(html)
    return parser.pieces


def english_msgids():
    """Regular expressions for the catalogs' English interface strings (placeholders match anything)."""
    patterns = {}
    catalog = polib.pofile(str(next(path for path in catalogs() if path.parent.parent.name == "zh_Hant")))
    for entry in catalog:
        if entry.msgstr == entry.msgid:
            continue  # the same in every language: JSON, API, ID
        for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
            if len(re.findall(r"[A-Za-z]{2,}", re.sub(r"%\(\w+\)s", "", msgid))) == 0:
                continue  # nothing English in it (e.g. 家, 條, 元, …)
            parts = [re.escape(part) for part in re.split(r"%\(\w+\)[sd]", msgid)]
            pattern = r"[^\n]*?".join(parts)
            patterns[msgid] = re.compile(rf"(?<![A-Za-z]){pattern}(?![A-Za-z])")
    return patterns


# Words that are English (or Latin letters) by nature in the Chinese data and the report: not interface strings.
LATIN_IN_CHINESE_DATA = {"AI", "APP", "A", "B", "C", "N", "e"}


@pytest.fixture(scope="module")
def msgid_patterns():
    return english_msgids()


@pytest.fixture(scope="module")
def traditional_only_characters(django_db_blocker):
    """Characters of the report's data that OpenCC writes differently in Simplified (陽, 區, 爾, …)."""
    texts = []
    with django_db_blocker.unblock():
        for model, fields in [
            (Province, ["name_zh"]),
            (City, ["name_zh", "summary_zh"]),
            (InitiativeCategory, ["name_zh", "description_zh"]),
            (MetricKind, ["name_zh", "description_zh"]),
            (Initiative, ["title_zh", "description_zh", "heading", "sub_locality"]),
            (Metric, ["label_zh", "as_written", "time_as_written"]),
            (InnovationModel, ["name_zh", "description_zh"]),
            (Lesson, ["title_zh", "description_zh"]),
        ]:
            for row in model.objects.values_list(*fields):
                texts.extend(row)
    characters = set("".join(texts))
    return {c for c in characters if "\u4e00" <= c <= "\u9fff" and to_simplified(c) != c}


def untranslated_strings(pieces, patterns):
    found = set()
    for lang, text in pieces:
        if lang.startswith("en"):
            continue  # marked as English on purpose (an English name beside a Chinese one, the switcher)
        text = re.sub(r"https?://\S+", " ", text)  # a page's own address, e.g. in a citation
        for msgid, pattern in patterns.items():
            if msgid in LATIN_IN_CHINESE_DATA:
                continue
            if pattern.search(text):
                found.add(msgid)
    return found


def resolve_path(path):
    return path() if callable(path) else path


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name, path", served_pages())
def test_page_in_every_language(client, language, name, path, msgid_patterns, traditional_only_characters):
    prefix, html_lang = LANGUAGES[language]
    url = prefix + resolve_path(path)
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    assert re.search(rf'<html lang="{html_lang}"', html), f"{url}: <html lang> is not {html_lang}"
    if language == "en":
        return
    pieces = visible_pieces(html)
    untranslated = untranslated_strings(pieces, msgid_patterns)
    assert not untranslated, f"{url}: English interface strings in a {html_lang} page: {sorted(untranslated)}"
    if language == "zh-hans":
        # What the reader typed is shown back as typed (e.g. a search for 朝陽).
        typed = parse_qs(urlsplit(url).query).get("q", [])
        simplified_text = "".join(text for lang, text in pieces if lang != "zh-Hant")
        for query in typed:
            simplified_text = simplified_text.replace(query, "")
        leftovers = traditional_only_characters.intersection(simplified_text)
        assert not leftovers, f"{url}: Traditional characters in a Simplified page: {sorted(leftovers)}"


def test_walk_checks_what_it_claims(msgid_patterns, traditional_only_characters):
    """The checks above can fail: an English msgid or a Traditional character in a page is caught."""
    pieces = visible_pieces('<html><body><p>搜尋</p><button aria-label="Search">x</button><p>朝陽區</p></body></html>')
    assert "Search" in untranslated_strings(pieces, msgid_patterns)
    assert {"陽", "區"} <= traditional_only_characters
    assert "爾" in traditional_only_characters  # 鄂爾多斯
    english_span = visible_pieces('<p><span lang="en">Search</span></p>')
    assert not untranslated_strings(english_span, msgid_patterns)
    with translation.override("zh-hans"):
        assert translation.gettext("Search") == "搜索"

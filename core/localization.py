"""Data in the reader's language: the report's Traditional Chinese, Simplified by OpenCC, or English."""

from functools import lru_cache

from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def to_simplified(text):
    """Traditional → Simplified, converted once per distinct text and then served from memory."""
    if not text:
        return text
    return _converter().convert(text)


def current_language(language=None):
    return (language or get_language() or "zh-hant").lower()


def chinese(text, language=None):
    """A Chinese text of the data in the reader's script."""
    return to_simplified(text) if current_language(language) == "zh-hans" else text


def is_english(language=None):
    """Whether the reader (or `language`) reads English; every other language is shown the Chinese data."""
    return current_language(language).startswith("en")


# The pairs whose Chinese field has no `_zh`: a figure's and a measure's `unit` beside `unit_en` (their names are
# the fixtures', the downloads' and the API's).
CHINESE_FIELDS = {"unit": "unit"}


def chinese_field(field):
    """The name of the Chinese field of the pair `field`: `<field>_zh`, or as CHINESE_FIELDS names it."""
    return CHINESE_FIELDS.get(field, f"{field}_zh")


def localized(obj, field, language=None):
    """obj.<field>_en in English (falling back to Chinese), the Chinese field (chinese_field) in the reader's script
    otherwise."""
    language = current_language(language)
    if is_english(language):
        return getattr(obj, f"{field}_en", "") or getattr(obj, chinese_field(field), "")
    return chinese(getattr(obj, chinese_field(field), ""), language)


def name_with_original(obj, field="name", language=None):
    """(name in the reader's language, the Chinese name to show beside it): the Chinese only in English, and only
    when it says something the English does not."""
    name = localized(obj, field, language)
    original = getattr(obj, chinese_field(field), "") if is_english(language) else ""
    return name, original if original and original != name else ""


def bilingual_html(obj, field="name", language=None):
    """The same as HTML: the Chinese name set off (class name-zh, shown muted) and marked as Chinese."""
    name, original = name_with_original(obj, field, language)
    if original:
        return format_html('{} <span class="name-zh" lang="zh-Hant">{}</span>', name, original)
    return conditional_escape(name)


def bilingual_name(obj, field="name", language=None):
    """The name in the reader's language; in English with the Chinese name beside it: "Chaoyang District 朝陽區"."""
    name, original = name_with_original(obj, field, language)
    return f"{name} {original}" if original else name

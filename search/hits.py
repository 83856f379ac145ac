"""One search result as the page shows it: its names and snippet, highlighted, and where it links."""

from dataclasses import dataclass, field

from django.utils.translation import get_language

from core.languages import html_lang
from core.localization import is_english, localized
from initiatives import display
from search.text import highlight, match_spans, snippet


@dataclass
class Hit:
    """One result as the page shows it: every text already escaped and highlighted."""

    title: str
    url: str = ""
    title_lang: str = ""  # set when the title is not in the page's language
    original_name: str = ""  # the Chinese name beside an English one
    context: list = field(default_factory=list)  # plain strings: city, category, …
    figure: str = ""
    excerpt: str = ""
    excerpt_lang: str = ""
    name_match: bool = True


def _url(obj):
    from django.urls import NoReverseMatch

    try:
        return obj.get_absolute_url()
    except (AttributeError, NoReverseMatch):
        return ""


def _local_name(obj, field_name, needle):
    """The row's name in the reader's language, with the Chinese name beside it in English."""
    title = highlight(localized(obj, field_name), needle)
    original = ""
    if is_english():
        original = highlight(getattr(obj, f"{field_name}_zh", ""), needle)
    return title, original


def _excerpt(obj, fields, needle):
    """(highlighted snippet, lang) of the first of the row's texts that contains the query, the reader's first."""
    english = is_english()
    page_lang = html_lang(get_language())
    candidates = []
    for name in fields:
        local_text = localized(obj, name)
        other_text = getattr(obj, f"{name}_zh" if english else f"{name}_en", "")
        other_lang = "zh-Hant" if english else "en"
        candidates += [(local_text, ""), (other_text, other_lang if other_text != local_text else "")]
    for text, lang in candidates:
        if text and match_spans(text, needle):
            return snippet(text, needle), lang if lang != page_lang else ""
    first = next((text for text, lang in candidates if text and not lang), "")
    return (snippet(first, needle), "") if first else ("", "")


def city_hit(city, needle):
    title, original = _local_name(city, "name", needle)
    excerpt, excerpt_lang = _excerpt(city, ["summary"], needle)
    return Hit(
        title=title,
        original_name=original,
        url=_url(city),
        context=[localized(city.province, "name")],
        excerpt=excerpt,
        excerpt_lang=excerpt_lang,
    )


def province_hit(province, needle):
    title, original = _local_name(province, "name", needle)
    return Hit(title=title, original_name=original, url=_url(province), context=[province.get_kind_display()])


def initiative_hit(initiative, needle):
    title, original = _local_name(initiative, "title", needle)
    excerpt, excerpt_lang = _excerpt(initiative, ["description"], needle)
    context = [localized(initiative.city, "name"), localized(initiative.category, "name")]
    if initiative.date:
        context.append(display.event_date(initiative))
    return Hit(
        title=title,
        original_name=original,
        url=_url(initiative),
        context=context,
        excerpt=excerpt,
        excerpt_lang=excerpt_lang,
    )


def metric_hit(metric, needle):
    title, original = _local_name(metric, "label", needle)
    value = display.figure_value(metric)
    time = display.figure_time(metric)
    figure = highlight(f"{value} · {time}" if time else value, needle)
    initiative = metric.initiative
    return Hit(
        title=title,
        original_name=original,
        url=_url(initiative),
        context=[localized(initiative.city, "name"), localized(initiative, "title")],
        figure=figure,
    )


def category_hit(category, needle):
    title, original = _local_name(category, "name", needle)
    excerpt, excerpt_lang = _excerpt(category, ["description"], needle)
    return Hit(title=title, original_name=original, url=_url(category), excerpt=excerpt, excerpt_lang=excerpt_lang)


def topic_hit(topic, needle):
    """A topic with the cities that have it: "personal credit score" answers which cities run one."""
    title, original = _local_name(topic, "name", needle)
    excerpt, excerpt_lang = _excerpt(topic, ["description"], needle)
    cities = {initiative.city_id: initiative.city for initiative in topic.tagged}.values()
    cities = sorted(cities, key=lambda city: (city.order, city.pk))
    context = [localized(city, "name") for city in cities]
    return Hit(
        title=title,
        original_name=original,
        url=_url(topic),
        context=context,
        excerpt=excerpt,
        excerpt_lang=excerpt_lang,
    )


def metric_kind_hit(kind, needle):
    title, original = _local_name(kind, "name", needle)
    excerpt, excerpt_lang = _excerpt(kind, ["description"], needle)
    return Hit(title=title, original_name=original, url=_url(kind), excerpt=excerpt, excerpt_lang=excerpt_lang)


def innovation_model_hit(model, needle):
    title, original = _local_name(model, "name", needle)
    excerpt, excerpt_lang = _excerpt(model, ["description", "focus", "approach", "scenarios", "results"], needle)
    return Hit(
        title=title,
        original_name=original,
        url=_url(model),
        context=[localized(model.representative_city, "name")],
        excerpt=excerpt,
        excerpt_lang=excerpt_lang,
    )


def lesson_hit(lesson, needle):
    title, original = _local_name(lesson, "title", needle)
    excerpt, excerpt_lang = _excerpt(lesson, ["description"], needle)
    return Hit(title=title, original_name=original, excerpt=excerpt, excerpt_lang=excerpt_lang)

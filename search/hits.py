"""One search result as the page shows it: its names and snippet, highlighted, and where it links."""

from dataclasses import dataclass, field

from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe
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

    @property
    def html(self):
        """The result's <li>, as templates/search/_hit.html wrote it (a template include per hit was a tenth of the
        page's CPU): the texts are escaped already, the context and the URL are escaped here."""
        title = f'<a href="{escape(self.url)}">{self.title}</a>' if self.url else self.title
        if self.original_name:
            title += f' <span lang="zh-Hant" class="muted">{self.original_name}</span>'
        html = f'<li class="search-result">\n<h3 class="search-result__title">{title}</h3>\n'
        if self.context:
            html += f'<p class="search-result__context muted">{" · ".join(escape(part) for part in self.context)}</p>\n'
        if self.figure:
            html += f'<p class="search-result__figure">{self.figure}</p>\n'
        if self.excerpt:
            lang = f' lang="{escape(self.excerpt_lang)}"' if self.excerpt_lang else ""
            html += f'<p class="search-result__excerpt"{lang}>{self.excerpt}</p>\n'
        return mark_safe(html + "</li>")  # noqa: S308 (every text is escaped)


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


def _hit(obj, needle, name_field="name", texts=("description",), **shown):
    """A result named by its `name_field`, with a snippet of the first of its `texts` that holds the query, linking
    to its page unless `shown` gives another `url`; `shown` adds what else the result shows (context, figure)."""
    title, original = _local_name(obj, name_field, needle)
    excerpt, excerpt_lang = _excerpt(obj, list(texts), needle) if texts else ("", "")
    shown.setdefault("url", _url(obj))
    return Hit(title=title, original_name=original, excerpt=excerpt, excerpt_lang=excerpt_lang, **shown)


def city_hit(city, needle):
    return _hit(city, needle, texts=["summary"], context=[localized(city.province, "name")])


def province_hit(province, needle):
    return _hit(province, needle, texts=(), context=[province.get_kind_display()])


def initiative_hit(initiative, needle):
    context = [localized(initiative.city, "name"), localized(initiative.category, "name")]
    if initiative.date:
        context.append(display.event_date(initiative))
    return _hit(initiative, needle, "title", context=context)


def metric_hit(metric, needle):
    """A figure links to its initiative's page, where it stands."""
    value = display.figure_value(metric)
    time = display.figure_time(metric)
    figure = highlight(f"{value} · {time}" if time else value, needle)
    initiative = metric.initiative
    context = [localized(initiative.city, "name"), localized(initiative, "title")]
    return _hit(metric, needle, "label", texts=(), url=_url(initiative), context=context, figure=figure)


def category_hit(category, needle):
    return _hit(category, needle)


def topic_hit(topic, needle):
    """A topic with the cities that have it: "personal credit score" answers which cities run one."""
    cities = sorted(topic.tagged_cities, key=lambda city: (city.order, city.pk))
    return _hit(topic, needle, context=[localized(city, "name") for city in cities])


def metric_kind_hit(kind, needle):
    return _hit(kind, needle)


def innovation_model_hit(model, needle):
    texts = ["description", "focus", "approach", "scenarios", "results"]
    return _hit(model, needle, texts=texts, context=[localized(model.representative_city, "name")])


def lesson_hit(lesson, needle):
    # A lesson has no page of its own: the search page shows it without a link.
    return _hit(lesson, needle, "title", url="")

"""The items of a list of initiatives (templates/initiatives/includes/initiative_list_body.html), written in Python.

The same HTML as the includes that show one initiative elsewhere (cities/includes/title.html and name.html,
initiatives/includes/initiative_meta.html, figure_list.html, report_reference.html, includes/source_ref.html and
zh_text.html; a figure is display.figure_html, as everywhere), which a list page otherwise rendered twenty times
over, nine includes per item: a third of an uncached list page's CPU. A change to one of those templates belongs
here too; tests/test_list_items.py compares the two.
"""

from django.template.defaultfilters import capfirst
from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

from core.localization import bilingual_html, chinese, is_english, localized
from initiatives import display
from initiatives.templatetags.sections import section_in_english

SUMMARY_CHARACTERS = 220


class Urls:
    """get_absolute_url() once per object: a list repeats its cities, categories and sources."""

    def __init__(self):
        self.known = {}

    def __call__(self, obj):
        key = (type(obj), obj.pk)
        if key not in self.known:
            self.known[key] = escape(obj.get_absolute_url())
        return self.known[key]


def zh_text(text, english):
    return f'<span lang="zh-Hant">{escape(text)}</span>' if english else escape(chinese(text))


def source_ref(source, section, paragraph, english, urls, section_english=""):
    html = f'<a class="report-ref__source" href="{urls(source)}">《{zh_text(source.title_zh, english)}》</a>'
    if section:
        if section_english:
            html += f' › {escape(section_english)} (<span lang="zh-Hant">{escape(section)}</span>)'
        else:
            html += f" › {zh_text(section, english)}"
    if paragraph:
        html += " › " + gettext("paragraph %(number)s") % {"number": escape(paragraph)}
    return html + "\n"  # as the include ends: a space before what follows it


def figure_list(metrics, english, urls):
    if not metrics:
        return ""
    items = []
    for metric in metrics:
        label = escape(localized(metric, "label"))
        figure = display.figure_html(metric)
        html = f'<li class="figure-list__item"><span class="figure-list__label">{label}</span> {figure}'
        if english:
            time = f", {escape(metric.time_as_written)}" if metric.time_as_written else ""
            html += f' <span class="muted">(<span lang="zh-Hant">{escape(metric.as_written)}{time}</span>)</span>'
        if metric.source_id != metric.initiative.source_id:
            reference = source_ref(metric.source, metric.report_section, metric.report_paragraph, english, urls)
            html += f' <span class="figure-list__source">{gettext("Source:")} {reference}</span>'
        superseded_by = getattr(metric, "superseded_by", None)  # set on the pages that show a figure's history
        if superseded_by:
            label = gettext("An earlier figure: a later source gives")
            html += f' <span class="figure-list__superseded muted">{label} {display.figure_html(superseded_by)}</span>'
        items.append(html + "</li>")
    return f'<ul class="figure-list" aria-label="{gettext("Figures")}">{"".join(items)}</ul>'


def initiative_meta(initiative, english):
    if not (initiative.date or initiative.sub_locality):
        return ""
    parts = []
    if initiative.date:
        event = f"{escape(capfirst(initiative.get_date_event_display()))} " if initiative.date_event else ""
        iso = escape(display.iso_date(initiative.date, initiative.date_precision))
        when = escape(display.event_date(initiative))
        parts.append(f'<span class="initiative__date">{event}<time datetime="{iso}">{when}</time></span>')
    if initiative.sub_locality:
        where = zh_text(initiative.sub_locality, english)
        parts.append(f'<span class="initiative__place">{gettext("Where:")} {where}</span>')
    return f'<p class="initiative__meta">{" ".join(parts)}</p>'


def report_reference(initiative, english, urls):
    section_english = section_in_english(initiative) if english else ""
    reference = source_ref(
        initiative.source, initiative.report_section, initiative.report_paragraph, english, urls, section_english
    )
    return (
        f'<p class="report-ref"><span class="report-ref__label">{gettext("In the report:")}</span> {reference}, '
        f"«{zh_text(initiative.heading, english)}»</p>"
    )


def initiative_item(initiative, english, urls):
    city, category = initiative.city, initiative.category
    summary = Truncator(localized(initiative, "description")).chars(SUMMARY_CHARACTERS)
    return (
        '<li class="initiative">'
        f'<h3><a href="{urls(initiative)}">{bilingual_html(initiative, "title")}</a></h3>'
        f'<p class="initiative__where"><a href="{urls(city)}">{bilingual_html(city)}</a>'
        f" · {escape(localized(city.province, 'name'))}"
        f' · <a href="{urls(category)}">{escape(localized(category, "name"))}</a></p>'
        f"{initiative_meta(initiative, english)}"
        f'<p class="initiative__summary">{escape(summary)}</p>'
        f"{figure_list(initiative.metrics.all(), english, urls)}"
        f"{report_reference(initiative, english, urls)}"
        "</li>"
    )


def initiative_items(initiatives):
    """The <li> of each initiative (city, province, category, source and figures loaded with them)."""
    english, urls = is_english(), Urls()
    return mark_safe("\n".join(initiative_item(initiative, english, urls) for initiative in initiatives))

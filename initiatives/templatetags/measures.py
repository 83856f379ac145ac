from django import template
from django.utils.html import format_html

from cities.localization import current_language, localized
from initiatives import display
from initiatives.measures import display_name, kind_unit

register = template.Library()


@register.filter
def bilingual(obj, field="name"):
    """{{ city|bilingual }}: the name in the reader's language; in English followed by the Chinese name."""
    name = localized(obj, field)
    chinese = getattr(obj, f"{field}_zh", "")
    if current_language().startswith("en") and chinese and chinese != name:
        return format_html('{} <span lang="zh-Hant">{}</span>', name, chinese)
    return name


@register.filter
def bilingual_text(obj, field="name"):
    """The same as plain text, for <option> and title attributes."""
    return display_name(obj, field)


@register.filter
def unit_of(kind):
    """A metric kind's canonical unit in the reader's language."""
    return kind_unit(kind)


@register.filter
def canonical_value(metric):
    """The figure fully expanded in its kind's canonical unit (7.58萬家 → 75,800 家), when that adds something.

    In English the figure is already written out in full, so only a figure in another unit gets this line.
    """
    kind = metric.kind
    if kind is None or (current_language().startswith("en") and metric.unit == kind.unit):
        return ""
    return full_value(metric)


@register.filter
def full_value(metric):
    """The figure's number written out in full with its unit, in the reader's language: 75,800 家."""
    number = display.plain_number(metric.value)
    if metric.value_max is not None:
        number = f"{number}–{display.plain_number(metric.value_max)}"
    unit = metric.unit_en if current_language().startswith("en") else metric.unit
    return f"{number} {unit}"

from html import escape
from operator import attrgetter

from django import template
from django.utils.safestring import mark_safe

from core.localization import chinese, current_language, is_english, to_simplified
from initiatives import display
from initiatives.measures import kind_unit

register = template.Library()


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
    if kind is None or (is_english() and metric.unit == kind.unit):
        return ""
    return full_value(metric)


@register.filter
def full_value(metric):
    """The figure's number written out in full with its unit, in the reader's language: 75,800 家."""
    number = display.plain_number(metric.value)
    if metric.value_max is not None:
        number = f"{number}–{display.plain_number(metric.value_max)}"
    unit = metric.unit_en if is_english() else chinese(metric.unit)
    return f"{number} {unit}"


@register.simple_tag
def city_options(groups, selected=""):
    """{% city_options city_groups city.slug %}: the <optgroup>s and <option>s of a city filter, every city under its
    province (measures.cities_by_province), the `selected` slug chosen. Joined here with each text escaped, because
    a template loop over thousands of cities costs more than the rest of the page."""
    label = _choice_label(current_language())
    parts = []
    for group in groups:
        parts.append(f'<optgroup label="{escape(label(group))}">')
        for city in group.cities:
            chosen = " selected" if city.slug == selected else ""
            parts.append(f'<option value="{escape(city.slug)}"{chosen}>{escape(label(city))}</option>')
        parts.append("</optgroup>")
    return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)


def _choice_label(language):
    """core.localization.bilingual_name() for one language, decided once for all the choices."""
    if is_english(language):
        return lambda obj: f"{obj.name_en} {obj.name_zh}" if obj.name_en and obj.name_en != obj.name_zh else obj.name_zh
    if language == "zh-hans":
        return lambda obj: to_simplified(obj.name_zh)
    return attrgetter("name_zh")

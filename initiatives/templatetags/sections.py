"""The report's section paths ("北京市創新示范研究 › 朝陽區") in English, from the names the page already holds."""

from django import template
from django.utils.translation import gettext as _

from initiatives.models import Initiative

register = template.Library()

SEPARATOR = " › "
STUDY_SUFFIX = "創新示范研究"  # each province's chapter: "<province>創新示范研究"


def cached_relation(obj, name):
    """obj.<name> when it is loaded already, else None: the translation never costs a query."""
    field = obj._meta.get_field(name)
    return getattr(obj, name) if field.is_cached(obj) else None


@register.filter
def section_in_english(initiative):
    """The initiative's report section in English, or "" when a part of it is not a known place's chapter."""
    if not isinstance(initiative, Initiative) or not initiative.report_section:
        return ""
    city = cached_relation(initiative, "city")
    province = cached_relation(city, "province") if city is not None else None
    if province is None:
        return ""
    english = []
    for part in initiative.report_section.split(SEPARATOR):
        if part == province.name_zh + STUDY_SUFFIX:
            english.append(_("%(province)s: innovation and demonstration study") % {"province": province.name_en})
        elif part == city.name_zh:
            english.append(city.name_en)
        else:
            return ""
    return SEPARATOR.join(english)

from django import template

from core import localization

register = template.Library()


@register.filter
def local(obj, field):
    """{{ city|local:"name" }}: name_en in English, name_zh (Simplified in zh-Hans) in Chinese."""
    return localization.localized(obj, field)


@register.filter
def zh(text):
    """{{ city.name_zh|zh }}: a Chinese text of the data in the reader's script (Traditional or Simplified)."""
    return localization.chinese(text)


@register.filter
def bilingual(obj, field="name"):
    """{{ city|bilingual }}, {{ initiative|bilingual:"title" }}: the name in the reader's language; in English
    followed by the Chinese name."""
    return localization.bilingual_html(obj, field)


@register.filter
def bilingual_text(obj, field="name"):
    """The same as plain text, for <option> and title attributes."""
    return localization.bilingual_name(obj, field)

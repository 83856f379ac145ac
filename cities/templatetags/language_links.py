from django import template
from django.utils import translation

from core import languages

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """[{code, name, lang, url, is_current}] for the current page in every interface language."""
    request = context.get("request")
    return languages.language_links(request) if request is not None else []


@register.simple_tag
def html_lang():
    """The BCP 47 tag of the active language: zh-Hant, zh-Hans or en."""
    return languages.html_lang(translation.get_language())

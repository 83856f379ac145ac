from django import template
from django.utils import translation

from core import languages

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """[{code, name, lang, url, is_current}] for the current page in every interface language."""
    request = context.get("request")
    if request is None:
        return []
    # The page's <head> and its language switcher both list them: worked out once per page and language.
    key = (request.get_full_path(), translation.get_language())
    cached = getattr(request, "_language_links", None)
    if cached is None or cached[0] != key:
        cached = request._language_links = (key, languages.language_links(request))
    return cached[1]


@register.simple_tag
def html_lang():
    """The BCP 47 tag of the active language: zh-Hant, zh-Hans or en."""
    return languages.html_lang(translation.get_language())

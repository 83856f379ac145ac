"""{% fixed_url 'home' %} and {% fixed_static 'css/site.css' %}: {% url %} and {% static %} of addresses that never
change while the portal runs, worked out once per process, language and script prefix.

Every page's header, footer and <head> name about twenty of them; reversing and looking each one up in the static
files' manifest on every request cost about as much as a cached page's whole answer.
"""

import functools

from django import template
from django.templatetags.static import static
from django.urls import get_script_prefix, reverse
from django.utils import translation

register = template.Library()


@functools.lru_cache(maxsize=1024)
def reversed_in(language, prefix, name, args):
    return reverse(name, args=args)


@functools.lru_cache(maxsize=256)
def static_in(prefix, path):
    return static(path)


@register.simple_tag
def fixed_url(name, *args):
    return reversed_in(translation.get_language(), get_script_prefix(), name, args)


@register.simple_tag
def fixed_static(path):
    return static_in(get_script_prefix(), path)


class FixedNode(template.Node):
    """What {% fixed %} encloses, rendered once per process, language, script prefix and URL name of the page."""

    def __init__(self, nodelist):
        self.nodelist = nodelist
        self.rendered = {}

    def render(self, context):
        request = context.get("request")
        match = getattr(request, "resolver_match", None)
        key = (translation.get_language(), get_script_prefix(), match.url_name if match else None)
        if key not in self.rendered:
            self.rendered[key] = self.nodelist.render(context)
        return self.rendered[key]


@register.tag
def fixed(parser, token):
    """{% fixed %}…{% endfixed %}: markup that depends on nothing but the language and the page's URL name (the
    site's menu: fixed URLs, translations and which section is current), rendered once per process for each."""
    nodelist = parser.parse(("endfixed",))
    parser.delete_first_token()
    return FixedNode(nodelist)

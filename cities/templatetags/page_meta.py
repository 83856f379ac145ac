"""{% capture as name %}…{% endcapture %}: render a part of a template once and use it several times.

base.html captures the page's title and description blocks with it, so the <title> can add " · " only when a page
has a title, and the Open Graph tags repeat both without each page declaring them twice.
"""

from django import template
from django.utils import translation

register = template.Library()


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        context[self.name] = self.nodelist.render(context).strip()
        return ""


@register.tag
def capture(parser, token):
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Use {% capture as name %}…{% endcapture %}.")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


# Open Graph names locales language_TERRITORY.
OG_LOCALES = {"en": "en_US", "zh-hans": "zh_CN", "zh-hant": "zh_TW"}


@register.simple_tag
def og_locale():
    return OG_LOCALES.get((translation.get_language() or "").lower(), "zh_TW")

from django import template

from initiatives import list_items, page_parts
from initiatives.facet_options import facet_options as facet_options_html

register = template.Library()


@register.simple_tag
def initiative_items(initiatives):
    """{% initiative_items page %}: the <li> of each initiative of a list (initiatives/list_items.py)."""
    return list_items.initiative_items(initiatives)


@register.simple_tag
def facet_options(facet):
    """{% facet_options facet %}: the checkbox of each of a facet's values (initiatives/facet_options.py)."""
    return facet_options_html(facet)


@register.simple_tag
def initiative_tags(initiative):
    """{% initiative_tags initiative %}: initiative_tags.html, written in Python (initiatives/page_parts.py)."""
    return page_parts.initiative_tags(initiative)


@register.simple_tag
def report_reference(initiative):
    """{% report_reference initiative %}: includes/report_reference.html, written in Python (page_parts.py)."""
    return page_parts.report_reference(initiative)

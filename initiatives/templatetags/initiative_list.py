"""Markup written in Python (docs/decisions/list-items-in-python.md), under the names the templates use."""

from django import template

from initiatives import list_items, page_parts
from initiatives.facet_options import facet_options

register = template.Library()

# {% initiative_items page %}: the <li> of each initiative of a list.
register.simple_tag(list_items.initiative_items, name="initiative_items")
# {% facet_options facet %}: the checkbox of each of a facet's values.
register.simple_tag(facet_options, name="facet_options")
# {% initiative_tags initiative %} and {% report_reference initiative %}: what their includes wrote.
register.simple_tag(page_parts.initiative_tags, name="initiative_tags")
register.simple_tag(page_parts.report_reference, name="report_reference")

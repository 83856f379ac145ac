from django import template

from initiatives import list_items

register = template.Library()


@register.simple_tag
def initiative_items(initiatives):
    """{% initiative_items page %}: the <li> of each initiative of a list (initiatives/list_items.py)."""
    return list_items.initiative_items(initiatives)

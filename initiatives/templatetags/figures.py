"""The figure notation's template names: each is display's own function (initiatives/display.py)."""

from django import template

from initiatives import display

register = template.Library()

register.filter("figure_value", display.figure_value)
register.filter("figure_time", display.figure_time)
register.filter("event_date", display.event_date)
register.simple_tag(display.iso_date, name="iso_date")
# {% figure metric %}: one figure with its time, as a reader expects to see it everywhere on the site.
register.simple_tag(display.figure_html, name="figure")


@register.filter
def machine_number(value):
    return display.machine_number(value) if value is not None else ""

from django import template

from initiatives import display

register = template.Library()


@register.filter
def figure_value(metric):
    return display.figure_value(metric)


@register.filter
def figure_time(metric):
    return display.figure_time(metric)


@register.filter
def event_date(initiative):
    return display.event_date(initiative)


@register.simple_tag
def iso_date(date, precision):
    return display.iso_date(date, precision)


@register.simple_tag
def figure(metric, largest=False):
    """One figure with its time, as a reader expects to see it everywhere on the site (display.figure_html)."""
    return display.figure_html(metric, largest)


@register.filter
def machine_number(value):
    return display.machine_number(value) if value is not None else ""

from django import template

from initiatives.chart_svg import bar_chart_svg

register = template.Library()


@register.simple_tag
def chart_svg(chart):
    """{% chart_svg chart %}: the chart's SVG markup (initiatives/chart_svg.py), as its download has it."""
    return bar_chart_svg(chart)

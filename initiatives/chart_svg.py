"""A bar chart (initiatives.charts.BarChart) drawn as SVG markup: the same markup inside a page and as the chart's
SVG download, so its colours and sizes are presentation attributes (the page's stylesheet may override them);
no style element, no script.

Written in Python rather than as a template: a page such as the measures overview draws seventeen charts of about
a hundred elements each, and a template resolves every attribute of every element one variable at a time.
"""

from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

FONTS = (
    "system-ui, 'Noto Sans CJK TC', 'PingFang TC', 'Microsoft JhengHei', 'Noto Sans CJK SC', "
    "'WenQuanYi Micro Hei', sans-serif"
)
INK = "#1b1f24"
MUTED = "#4f5a66"
BOLD = ' font-weight="700"'


def number(value):
    """A coordinate or size as written in the markup: never localised (no thousands separator, a point)."""
    return localize(value, use_l10n=False)


def text(value):
    return conditional_escape(value)


def _lines(lines, attributes=""):
    return "".join(
        f'\n    <text{attributes} x="{number(line.x)}" y="{number(line.y)}">{text(line.text)}</text>' for line in lines
    )


def _bar(bar):
    highlight = bar.highlight
    title = f"{number(bar.rank)}. {text(bar.label)}: {text(bar.value_text)}"
    if bar.note:
        title += f" · {text(bar.note)}"
    labels = "".join(
        f'<text class="bar-chart__label" x="{number(line.x)}" y="{number(line.y)}" fill="{INK}">'
        f"{text(line.text)}</text>"
        for line in bar.label_lines
    )
    return (
        f'\n  <g class="bar-chart__row{" bar-chart__row--highlight" if highlight else ""}"'
        f"{BOLD if highlight else ''}>\n"
        f"    <title>{title}</title>\n"
        f"    {labels}\n"
        f'    <rect class="bar{" bar--highlight" if highlight else ""}" x="{number(bar.x)}" y="{number(bar.y)}" '
        f'width="{number(bar.width)}" height="{number(bar.height)}" fill="{"#8a4b00" if highlight else "#0b5cad"}">'
        "</rect>\n"
        f'    <text class="bar-chart__value" x="{number(bar.value_x)}" y="{number(bar.value_y)}" fill="{INK}" '
        f'font-weight="600">{text(bar.value_text)}</text>\n'
        "  </g>\n  "
    )


def _scale(chart):
    axis_y, last = number(chart.axis_y), len(chart.ticks) - 1
    ticks = []
    for index, tick in enumerate(chart.ticks):
        anchor = "start" if index == 0 else "end" if index == last else "middle"
        x = number(tick.x)
        ticks.append(
            f'<line class="bar-chart__axis" x1="{x}" y1="{axis_y}" x2="{x}" y2="{number(chart.tick_end)}" '
            f'stroke="{INK}" stroke-width="1"></line>\n'
            f'    <text x="{x}" y="{number(chart.tick_label_y)}" text-anchor="{anchor}">{text(tick.text)}</text>'
        )
    unit = ""
    if chart.unit_line:
        line = chart.unit_line
        unit = (
            f'<text class="bar-chart__unit" x="{number(line.x)}" y="{number(line.y)}" text-anchor="middle">'
            f"{text(line.text)}</text>"
        )
    return (
        f'  <g class="bar-chart__scale" fill="{MUTED}">\n'
        f'    <line class="bar-chart__axis" x1="{number(chart.bar_x)}" y1="{axis_y}" x2="{number(chart.axis_end)}" '
        f'y2="{axis_y}" stroke="{INK}" stroke-width="1"></line>\n'
        f"    {''.join(ticks)}\n"
        f"    {unit}\n"
        "  </g>\n"
    )


def bar_chart_svg(chart):
    """The chart's <svg> element, ending with a newline."""
    chart_id, width, height = text(chart.id), number(chart.width), number(chart.height)
    labelled_by = f"{chart_id}-title" + (f" {chart_id}-desc" if chart.description else "")
    description = f'<desc id="{chart_id}-desc">{text(chart.description)}</desc>' if chart.description else ""
    grid = "".join(
        f'\n    <line x1="{number(tick.x)}" y1="{number(chart.axis_top)}" x2="{number(tick.x)}" '
        f'y2="{number(chart.axis_y)}"></line>'
        for tick in chart.ticks
    )
    return mark_safe(
        f'<svg class="bar-chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{labelled_by}" xmlns="http://www.w3.org/2000/svg" font-family="{FONTS}" '
        f'font-size="{number(chart.font_size)}">\n'
        f'  <title id="{chart_id}-title">{text(chart.title)}</title>\n'
        f"  {description}\n"
        f'  <rect class="chart-paper" x="0" y="0" width="{width}" height="{height}" fill="#ffffff"></rect>\n'
        f'  <g class="bar-chart__title" font-size="{number(chart.title_size)}" font-weight="700" fill="{INK}">'
        f"{_lines(chart.title_lines)}\n  </g>\n"
        f'  <g class="bar-chart__grid" stroke="#d5dbe2" stroke-width="1">{grid}\n  </g>\n'
        f"  {''.join(_bar(bar) for bar in chart.bars)}\n"
        f"{_scale(chart)}"
        f'  <g class="bar-chart__source" fill="{MUTED}">{_lines(chart.source_lines)}\n  </g>\n'
        "</svg>\n"
    )

"""Geometry of a horizontal bar chart drawn as server-side SVG (templates/includes/bar_chart.html).

The chart knows nothing about figures or votes: give it labelled values and it returns the positions of
every bar and text, so any page can draw a ranking without JavaScript and without extra queries.
"""

import unicodedata
from dataclasses import dataclass, field

# Each row is a label line with its bar under it, so long labels never squeeze the bars.
LABEL_HEIGHT = 16
BAR_HEIGHT = 16
ROW_GAP = 10
ROW_HEIGHT = LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
PADDING = 8
FONT_SIZE = 12
GAP = 6
MIN_BAR_WIDTH = 2  # a tiny but non-zero value stays visible


@dataclass
class ChartItem:
    """One bar to draw: `value` sets its length, `value_text` is what the reader sees beside it."""

    label: str
    value: float
    value_text: str = ""
    highlight: bool = False
    note: str = ""


@dataclass
class Bar:
    item: ChartItem
    rank: int
    x: float
    y: float
    width: float
    height: float
    label_x: float
    label_y: float
    value_x: float
    value_y: float

    @property
    def label(self):
        return self.item.label

    @property
    def value_text(self):
        return self.item.value_text

    @property
    def highlight(self):
        return self.item.highlight

    @property
    def note(self):
        return self.item.note


@dataclass
class BarChart:
    id: str
    title: str
    description: str
    width: int
    height: int
    bar_x: float
    bar_area: float
    bars: list = field(default_factory=list)


def text_width(text, font_size=FONT_SIZE):
    """An estimate of the drawn width of a text: wide (CJK) characters take 1 em, others about 0.6 em."""
    width = 0.0
    for char in str(text):
        width += 1.0 if unicodedata.east_asian_width(char) in ("W", "F") else 0.6
    return width * font_size


def ranks(values):
    """Competition ranks of values already in descending order: equal values share a rank (1, 2, 2, 4)."""
    result = []
    for index, value in enumerate(values):
        if index and value == values[index - 1]:
            result.append(result[-1])
        else:
            result.append(index + 1)
    return result


def bar_chart(items, *, chart_id, title, description="", width=720, sort=True):
    """Lay out `items` (ChartItem) as horizontal bars, the largest value first when `sort` is on.

    Each bar starts at the left edge under its label; the value text follows the bar, and room for the
    longest value text is kept on the right, so the longest bar plus its text fits in `width`.
    """
    items = sorted(items, key=lambda item: item.value, reverse=True) if sort else list(items)
    # The template prefixes a highlighted label with "▶ " and follows a value with " · note".
    label_width = max((text_width(("▶ " if item.highlight else "") + item.label) for item in items), default=0)
    value_width = max(
        (text_width(item.value_text + (f" · {item.note}" if item.note else "")) for item in items), default=0
    )
    width = round(max(width, label_width + 2 * PADDING))
    bar_x = PADDING
    bar_area = max(width - 2 * PADDING - GAP - value_width, width / 3)
    largest = max((item.value for item in items), default=0)

    bars = []
    for index, (item, rank) in enumerate(zip(items, ranks([item.value for item in items]), strict=True)):
        top = PADDING + index * ROW_HEIGHT
        length = bar_area * item.value / largest if largest > 0 else 0
        if item.value > 0:
            length = max(length, MIN_BAR_WIDTH)
        bar_y = top + LABEL_HEIGHT
        bars.append(
            Bar(
                item=item,
                rank=rank,
                x=bar_x,
                y=round(bar_y, 1),
                width=round(length, 1),
                height=BAR_HEIGHT,
                label_x=bar_x,
                label_y=round(top + FONT_SIZE, 1),
                value_x=round(bar_x + length + GAP, 1),
                value_y=round(bar_y + BAR_HEIGHT / 2 + FONT_SIZE * 0.35, 1),
            )
        )
    return BarChart(
        id=chart_id,
        title=title,
        description=description,
        width=width,
        height=PADDING * 2 + max(len(bars), 1) * ROW_HEIGHT - ROW_GAP,
        bar_x=bar_x,
        bar_area=round(bar_area, 1),
        bars=bars,
    )

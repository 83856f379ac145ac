"""Geometry of a horizontal bar chart drawn as server-side SVG (templates/includes/bar_chart.html).

The chart knows nothing about figures or votes: give it labelled values and it returns the positions of
every bar and text, so any page can draw a ranking without JavaScript and without extra queries.
"""

import unicodedata
from dataclasses import dataclass, field

ROW_HEIGHT = 30
BAR_HEIGHT = 18
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
    text_y: float
    label_x: float
    value_x: float

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

    The label column and the room kept for the value texts are sized from the texts themselves, so long
    names are not cut off; the bars share the rest of the width in proportion to their values.
    """
    items = sorted(items, key=lambda item: item.value, reverse=True) if sort else list(items)
    # The template prefixes a highlighted label with "▶ " and follows a value with " · note".
    label_width = max((text_width(("▶ " if item.highlight else "") + item.label) for item in items), default=0) + GAP
    value_width = (
        max((text_width(item.value_text + (f" · {item.note}" if item.note else "")) for item in items), default=0) + GAP
    )
    bar_x = PADDING + label_width
    bar_area = max(width - bar_x - value_width - PADDING, 60)
    width = round(bar_x + bar_area + value_width + PADDING)
    largest = max((item.value for item in items), default=0)

    bars = []
    for index, (item, rank) in enumerate(zip(items, ranks([item.value for item in items]), strict=True)):
        y = PADDING + index * ROW_HEIGHT
        length = bar_area * item.value / largest if largest > 0 else 0
        if item.value > 0:
            length = max(length, MIN_BAR_WIDTH)
        bars.append(
            Bar(
                item=item,
                rank=rank,
                x=round(bar_x, 1),
                y=round(y + (ROW_HEIGHT - BAR_HEIGHT) / 2, 1),
                width=round(length, 1),
                height=BAR_HEIGHT,
                text_y=round(y + ROW_HEIGHT / 2 + FONT_SIZE * 0.35, 1),
                label_x=round(bar_x - GAP, 1),
                value_x=round(bar_x + length + GAP, 1),
            )
        )
    return BarChart(
        id=chart_id,
        title=title,
        description=description,
        width=width,
        height=PADDING * 2 + max(len(bars), 1) * ROW_HEIGHT,
        bar_x=round(bar_x, 1),
        bar_area=round(bar_area, 1),
        bars=bars,
    )

"""Geometry of a server-rendered horizontal bar chart (SVG, no script), drawn by
templates/cities/includes/bar_chart.html. The table beside each chart is its accessible version."""

from dataclasses import dataclass

WIDTH = 640
LABEL_WIDTH = 180  # labels end here, right-aligned
BAR_START = 190
BAR_SPACE = 380  # the longest bar; its value is written after it
ROW_HEIGHT = 28
BAR_HEIGHT = 18


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int
    width: float

    @property
    def text_y(self):
        return self.y + BAR_HEIGHT - 4

    @property
    def value_x(self):
        return BAR_START + self.width + 6


def bar_chart(rows):
    """rows: (label, value) pairs in the order to draw them; values are non-negative numbers."""
    rows = list(rows)
    largest = max((value for _label, value in rows), default=0) or 1
    bars = [
        Bar(label=label, value=value, y=4 + index * ROW_HEIGHT, width=round(BAR_SPACE * value / largest, 1))
        for index, (label, value) in enumerate(rows)
    ]
    return {
        "bars": bars,
        "width": WIDTH,
        "height": 8 + len(bars) * ROW_HEIGHT,
        "label_x": LABEL_WIDTH,
        "bar_x": BAR_START,
        "bar_height": BAR_HEIGHT,
    }

"""Geometry of a horizontal bar chart drawn as server-side SVG (initiatives/chart_svg.py).

The chart knows nothing about figures or votes: give it labelled values and it returns the positions of
every bar and text (its title, the bars with their values, a scale with ticks and the unit, the source), so
any page can draw a ranking without JavaScript and without extra queries.

It is laid out narrow (DEFAULT_WIDTH units) and long texts wrap instead of widening it: the SVG scales with
its viewBox, so a 400-unit chart on a 390 px phone (358 px of content) draws its smallest text, FONT_SIZE
units, at 13 × 358 / 400 ≈ 11.6 CSS px.
"""

import math
import unicodedata
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext_lazy as _

DEFAULT_WIDTH = 400
FONT_SIZE = 13
TITLE_SIZE = 15
LINE_HEIGHT = 17
TITLE_LINE_HEIGHT = 20
BAR_HEIGHT = 16
ROW_GAP = 10
PADDING = 8
GAP = 6
TICK_LENGTH = 4
TARGET_TICKS = 4
MIN_BAR_WIDTH = 2  # a tiny but non-zero value stays visible

# The one source every chart draws from; the footer names it the same way.
SOURCE = _(
    "Source: report by 源點蘇研院 on social credit system innovation in 14 cities and districts, 2023–2025; "
    "each figure's date as the report gives it, after its label."
)


@dataclass
class ChartItem:
    """One bar to draw: `value` sets its length, `value_text` is what the reader sees beside it."""

    label: str
    value: float
    value_text: str = ""
    highlight: bool = False
    note: str = ""  # e.g. the figure's date, drawn after the label


@dataclass
class Line:
    """One line of text at (x, y), y being its baseline."""

    text: str
    x: float
    y: float


@dataclass
class Bar:
    item: ChartItem
    rank: int
    x: float
    y: float
    width: float
    height: float
    label_lines: list
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

    @property
    def label_x(self):
        return self.label_lines[0].x

    @property
    def label_y(self):
        return self.label_lines[0].y


@dataclass
class Tick:
    value: float
    text: str
    x: float


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
    unit: str = ""
    source: str = ""
    title_lines: list = field(default_factory=list)
    source_lines: list = field(default_factory=list)
    ticks: list = field(default_factory=list)
    axis_top: float = 0
    axis_y: float = 0
    unit_line: Line | None = None
    axis_end: float = 0
    tick_end: float = 0
    tick_label_y: float = 0
    font_size: int = FONT_SIZE
    title_size: int = TITLE_SIZE


def char_width(char):
    return 1.0 if unicodedata.east_asian_width(char) in ("W", "F") else 0.6


def text_width(text, font_size=FONT_SIZE):
    """An estimate of the drawn width of a text: wide (CJK) characters take 1 em, others about 0.6 em."""
    return sum(char_width(char) for char in str(text)) * font_size


def wrap(text, max_width, font_size=FONT_SIZE):
    """`text` in lines no wider than `max_width`: broken at spaces, or between any two CJK characters."""
    lines, line, width = [], "", 0.0
    limit = max_width / font_size
    for word in _words(str(text)):
        word_width = sum(char_width(char) for char in word)
        if line and width + word_width > limit:
            lines.append(line.rstrip())
            line, width = word.lstrip(), sum(char_width(char) for char in word.lstrip())
        else:
            line, width = line + word, width + word_width
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


def _words(text):
    """Pieces that may start a new line: each CJK character alone, other runs up to and with their space."""
    word = ""
    for char in text:
        if char_width(char) == 1.0:
            if word:
                yield word
                word = ""
            yield char
        else:
            word += char
            if char == " ":
                yield word
                word = ""
    if word:
        yield word


def ranks(values):
    """Competition ranks of values already in descending order: equal values share a rank (1, 2, 2, 4)."""
    result = []
    for index, value in enumerate(values):
        if index and value == values[index - 1]:
            result.append(result[-1])
        else:
            result.append(index + 1)
    return result


def nice_ticks(largest, target=TARGET_TICKS):
    """Round tick values from 0 to at least `largest`, about `target` steps of 1, 2 or 5 × 10ⁿ."""
    if largest <= 0:
        return [0.0, 1.0]
    rough = largest / target
    magnitude = 10 ** math.floor(math.log10(rough))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= rough)
    count = math.ceil(largest / step - 1e-9)
    return [round(step * index, 10) for index in range(count + 1)]


# Large tick values are written short, as the reader's language counts: 50億 / 5 bn.
TICK_STEPS = {
    "en": ((10**9, " bn"), (10**6, " m"), (10**4, " k")),
    "zh-hans": ((10**8, "亿"), (10**4, "万")),
    "zh-hant": ((10**8, "億"), (10**4, "萬")),
}


def plain_number(value):
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def tick_text(value):
    language = (translation.get_language() or "zh-hant").lower()
    steps = TICK_STEPS["en"] if language.startswith("en") else TICK_STEPS.get(language, TICK_STEPS["zh-hant"])
    for size, suffix in steps:
        if value and abs(value) >= size:
            return plain_number(value / size) + suffix
    return plain_number(value)


def fitting_ticks(largest, bar_area):
    """The most ticks, up to TARGET_TICKS, whose labels do not run into each other across `bar_area`."""
    for target in range(TARGET_TICKS, 1, -1):
        ticks = nice_ticks(largest, target)
        spacing = bar_area * ticks[1] / ticks[-1]
        if max(text_width(tick_text(value)) for value in ticks) + GAP <= spacing:
            return ticks
    return nice_ticks(largest, 1)


def bar_chart(items, *, chart_id, title, description="", width=DEFAULT_WIDTH, sort=True, unit="", source=SOURCE):
    """Lay out `items` (ChartItem) as horizontal bars, the largest value first when `sort` is on.

    From the top: the title, one row per item (its label, with its note, over its bar and value), the scale
    (ticks from 0, with `unit` as the axis title) and the source line. Each bar starts at the left edge
    under its label; room for the longest value text is kept on the right of the scale.
    """
    items = sorted(items, key=lambda item: item.value, reverse=True) if sort else list(items)
    width = round(width)
    inner = width - 2 * PADDING
    bar_x = PADDING
    value_width = max((text_width(item.value_text) for item in items), default=0)
    bar_area = max(inner - GAP - value_width, inner / 3)
    ticks = fitting_ticks(max((item.value for item in items), default=0), bar_area)
    scale_max = ticks[-1]

    y = PADDING
    title_lines = []
    for text in wrap(title, inner, TITLE_SIZE):
        y += TITLE_LINE_HEIGHT
        title_lines.append(Line(text, bar_x, y - 5))
    y += GAP
    axis_top = y

    bars = []
    for item, rank in zip(items, ranks([item.value for item in items]), strict=True):
        prefix = "▶ " if item.highlight else ""
        label = prefix + item.label + (f" · {item.note}" if item.note else "")
        label_lines = []
        for text in wrap(label, inner):
            y += LINE_HEIGHT
            label_lines.append(Line(text, bar_x, y - 4))
        length = bar_area * item.value / scale_max if scale_max > 0 else 0
        if item.value > 0:
            length = max(length, MIN_BAR_WIDTH)
        bars.append(
            Bar(
                item=item,
                rank=rank,
                x=bar_x,
                y=round(y, 1),
                width=round(length, 1),
                height=BAR_HEIGHT,
                label_lines=label_lines,
                value_x=round(bar_x + length + GAP, 1),
                value_y=round(y + BAR_HEIGHT / 2 + FONT_SIZE * 0.35, 1),
            )
        )
        y += BAR_HEIGHT + ROW_GAP

    axis_y = y - ROW_GAP / 2
    y = axis_y + TICK_LENGTH + LINE_HEIGHT
    tick_marks = [Tick(value, tick_text(value), round(bar_x + bar_area * value / scale_max, 1)) for value in ticks]
    unit_line = None
    if unit:
        y += LINE_HEIGHT
        unit_line = Line(str(unit), round(bar_x + bar_area / 2, 1), y - 4)

    source_lines = []
    if source:
        y += GAP
        for text in wrap(source, inner):
            y += LINE_HEIGHT
            source_lines.append(Line(text, bar_x, y - 4))

    return BarChart(
        id=chart_id,
        title=title,
        description=description,
        width=width,
        height=round(y + PADDING),
        bar_x=bar_x,
        bar_area=round(bar_area, 1),
        bars=bars,
        unit=str(unit),
        source=str(source),
        title_lines=title_lines,
        source_lines=source_lines,
        ticks=tick_marks,
        axis_top=axis_top,
        axis_y=round(axis_y, 1),
        unit_line=unit_line,
        axis_end=round(bar_x + bar_area, 1),
        tick_end=round(axis_y + TICK_LENGTH, 1),
        tick_label_y=round(axis_y + TICK_LENGTH + LINE_HEIGHT - 4, 1),
    )


def chart_rows(chart):
    """The chart's data as rows for initiatives.exports (CHART_COLUMNS): one per bar, in the chart's order."""
    return [
        {"rank": bar.rank, "label": bar.label, "value": bar.item.value, "value_text": bar.value_text, "note": bar.note}
        for bar in chart.bars
    ]

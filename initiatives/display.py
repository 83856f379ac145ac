"""How a figure reads in each language: 7.58萬家 · 截至2026年1月 / 75,800 enterprises · as of January 2026."""

import calendar
import datetime
from decimal import Decimal

from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe

from core.localization import chinese, is_english

QUALIFIER_EN = {
    "exact": "",
    "over": "over ",
    "about": "about ",
    "nearly": "nearly ",
    "more_than": "more than ",
    "within": "within ",
}

# English month names written out, so dates never depend on the server's locale (calendar.month_name does).
MONTHS_EN = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# Relative times the report uses without a date.
TIME_PHRASES_EN = {
    "截至目前": "to date",
    "目前": "currently",
    "近三年來": "over the last three years",
    "試點期間": "during the pilot",
    "政策實施以來": "since the policy took effect",
    "活動期間": "during the campaign",
}


def plain_number(value):
    """A Decimal without trailing zeros and with thousands separators: 75800.0000 → 75,800."""
    value = Decimal(value).normalize()
    if value == value.to_integral_value():
        return f"{int(value):,}"
    integer, _, fraction = f"{value:f}".partition(".")
    return f"{int(integer):,}.{fraction}"


def english_number(value):
    """Large figures in millions or billions, exactly: 7,042,000,000 → 7.042 billion."""
    value = Decimal(value)
    for size, word in ((Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million")):
        if value >= size:
            return f"{plain_number(value / size)} {word}"
    return plain_number(value)


def english_value(metric):
    number = english_number(metric.value)
    if metric.value_max is not None:
        number = f"{number}–{english_number(metric.value_max)}"
    unit = metric.unit_en
    if unit.startswith("%"):  # "%", "% shorter", "% year on year"
        text = f"{number}{unit}"
    elif unit:
        text = f"{number} {unit}"
    else:
        text = number
    return f"{QUALIFIER_EN.get(metric.qualifier, '')}{second_qualified(text, metric)}"


def second_qualified(text, metric):
    """A stacked second qualifier, as 約1000余萬元 has: about (約) 10-odd (余) million yuan."""
    second = getattr(metric, "second_qualifier", "")
    if not second:
        return text
    if second == "more_than":
        number, space, unit = text.partition(" ")
        return f"{number}-odd{space}{unit}"
    return f"{QUALIFIER_EN.get(second, '')}{text}"


def english_date(date, precision):
    if precision == "year":
        return str(date.year)
    if precision == "year_start":  # 年初
        return f"early {date.year}"
    if precision == "year_end":  # 年底
        return f"the end of {date.year}"
    if precision == "month":
        return f"{MONTHS_EN[date.month]} {date.year}"
    return f"{date.day} {MONTHS_EN[date.month]} {date.year}"


def chinese_date(date, precision):
    if precision == "year":
        return f"{date.year}年"
    if precision == "year_start":
        return f"{date.year}年初"
    if precision == "year_end":
        return f"{date.year}年底"
    if precision == "month":
        return f"{date.year}年{date.month}月"
    return f"{date.year}年{date.month}月{date.day}日"


def english_period(start, end, precision=""):
    """A period at the precision the report gives its start: 2024年以來 is "since 2024", never "since January"."""
    if end is None:
        return f"since {english_date(start, precision or 'day')}"
    if start.month == 1 and start.day == 1 and end.year == start.year:
        if (end.month, end.day) == (12, 31):
            return f"in {start.year}"
        if (end.month, end.day) == (6, 30):
            return f"in the first half of {start.year}"
    last_day = calendar.monthrange(end.year, end.month)[1]
    if start.day == 1 and end.day == last_day:
        return f"from {english_date(start, 'month')} to {english_date(end, 'month')}"
    return f"from {english_date(start, 'day')} to {english_date(end, 'day')}"


def english_time(metric):
    if metric.as_of:
        return f"as of {english_date(metric.as_of, metric.as_of_precision)}"
    if metric.period_start:
        return english_period(metric.period_start, metric.period_end, metric.period_precision)
    return TIME_PHRASES_EN.get(metric.time_as_written, "")


def figure_value(metric, language=None):
    """The figure itself: the report's own writing in Chinese, an exact expansion in English."""
    return english_value(metric) if is_english(language) else chinese(metric.as_written, language)


def figure_time(metric, language=None):
    """When the figure holds: the report's words in Chinese, a formatted date in English."""
    if is_english(language):
        return english_time(metric)
    if metric.time_as_written:
        return chinese(metric.time_as_written, language)
    if metric.as_of:
        return f"截至{chinese_date(metric.as_of, metric.as_of_precision)}"
    return ""


def event_date(initiative, language=None):
    """An initiative's date at its precision: 2024年1月1日 / 1 January 2024."""
    if not initiative.date:
        return ""
    if is_english(language):
        return english_date(initiative.date, initiative.date_precision)
    return chinese_date(initiative.date, initiative.date_precision)


def iso_date(date, precision):
    """A machine-readable date at its precision, for <time datetime>: 2026-01, 2024, 2024-09-20."""
    if precision in ("year", "year_start", "year_end"):
        return f"{date.year:04d}"
    if precision == "month":
        return f"{date.year:04d}-{date.month:02d}"
    return date.isoformat() if isinstance(date, datetime.date) else str(date)


def machine_number(value):
    """A Decimal as plain digits without trailing zeros, never in exponent form: 75800.0000 → 75800."""
    return f"{Decimal(value).normalize():f}"


def figure_html(metric, largest=False):
    """One figure with its time, as a reader sees it everywhere on the site ({% figure %}): its value in the reader's
    language, the exact number for machines, and the time it was true of (a <time> when its date is known)."""
    value = escape(machine_number(metric.value)) if metric.value is not None else ""
    html = (
        f'<span class="figure{" figure--largest" if largest else ""}"><data class="figure__value" value="{value}">'
        f"{escape(figure_value(metric))}</data>"
    )
    time = figure_time(metric)
    if time:
        if metric.as_of:
            time = f'<time datetime="{escape(iso_date(metric.as_of, metric.as_of_precision))}">{escape(time)}</time>'
        else:
            time = escape(time)
        html += f' <span class="figure__time">{time}</span>'
    return mark_safe(html + "</span>\n")

"""The time a figure refers to, as its sentence writes it before the figure, read into dates and a precision.

截至2025年8月 → as of 2025-08-01 (month); 截至2025年底 → 2025-12-31 (year_end); 截至2025年初 → 2025-01-01
(year_start); 2025年3月14日 → as of that day; 2023年8月 → as of that month; 2024年全年, 「2024年，…」 → the
calendar year as a period; 2025年上半年 → 2025-01-01..06-30; 2024年以來 → a period from 2024; 政策實施以來 → a
period from the last full date the paragraph gave before it; 截至目前, 目前, 近三年來, 試點期間, 每年 → no date.
The last time written before the figure in its sentence is the figure's.
"""

import calendar
import datetime
import re

Y, M, D = r"(?P<year>\d{4})\s*年", r"\s*(?P<month>\d{1,2})\s*月", r"\s*(?P<day>\d{1,2})\s*[日號号]"
TIMES = [
    ("as_of_month", re.compile(r"截至\s*" + Y + M)),
    ("as_of_year_start", re.compile(r"截至\s*" + Y + r"\s*初")),
    ("as_of_year_end", re.compile(r"截至\s*" + Y + r"\s*[底末]")),
    ("undated", re.compile(r"截至目前")),
    ("day", re.compile(Y + M + D)),
    ("month", re.compile(Y + M + r"(?![\s\d]*[日號号])")),
    ("full_year", re.compile(Y + r"\s*全年")),
    ("first_half", re.compile(Y + r"\s*上半年")),
    ("since_year", re.compile(Y + r"\s*以來")),
    ("since_event", re.compile(r"[\u4e00-\u9fff]{2,4}以來")),
    ("year", re.compile(Y + r"(?![\s\d]*(?:月|全年|上半年|下半年|以來|初|底|末))")),
    ("undated", re.compile(r"(?<!截至)目前|近[一二兩三四五六七八九十\d]+年來|試點期間|每年")),
]
FULL_DATE = re.compile(Y + M + D)


def read_time(kind, match, text):
    """The fields of a figure's time: time_as_written, as_of and its precision, period_start/_end and precision."""
    written = "".join(match.group(0).split())
    fields = {"time_as_written": written}
    year = int(match["year"]) if "year" in match.groupdict() else None
    if kind == "as_of_month":
        fields.update(as_of=datetime.date(year, int(match["month"]), 1), as_of_precision="month")
    elif kind == "as_of_year_start":
        fields.update(as_of=datetime.date(year, 1, 1), as_of_precision="year_start")
    elif kind == "as_of_year_end":
        fields.update(as_of=datetime.date(year, 12, 31), as_of_precision="year_end")
    elif kind == "day":
        fields.update(as_of=datetime.date(year, int(match["month"]), int(match["day"])), as_of_precision="day")
    elif kind == "month":
        fields.update(as_of=datetime.date(year, int(match["month"]), 1), as_of_precision="month")
    elif kind in ("full_year", "year"):
        fields.update(
            period_start=datetime.date(year, 1, 1), period_precision="year", period_end=datetime.date(year, 12, 31)
        )
    elif kind == "first_half":
        fields.update(
            period_start=datetime.date(year, 1, 1), period_precision="year", period_end=datetime.date(year, 6, 30)
        )
    elif kind == "since_year":
        fields.update(period_start=datetime.date(year, 1, 1), period_precision="year")
    elif kind == "since_event":
        earlier = list(FULL_DATE.finditer(text, 0, match.start()))
        if earlier:
            last = earlier[-1]
            fields.update(
                period_start=datetime.date(int(last["year"]), int(last["month"]), int(last["day"])),
                period_precision="day",
            )
    return fields


def _valid(kind, match):
    try:
        if "month" in match.groupdict() and match["month"]:
            month = int(match["month"])
            day = int(match["day"]) if "day" in match.groupdict() and match["day"] else 1
            return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(int(match["year"]), month)[1]
    except (TypeError, ValueError):
        return False
    return True


def time_before(text, start, end):
    """The time written last in text[start:end] (the figure's sentence up to the figure), as read_time's fields."""
    best = None
    for kind, pattern in TIMES:
        for match in pattern.finditer(text, start, end):
            if not _valid(kind, match):
                continue
            if (
                best is None
                or match.end() > best[1].end()
                or (match.end() == best[1].end() and match.start() < best[1].start())
            ):
                best = (kind, match)
    return read_time(*best, text) if best else {}

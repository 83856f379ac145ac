"""The report's figure notation ("超3.6萬條", "約1000余萬元", "1-2個月", "千余人次"), read into numbers.

One reader, three uses: `parse_figure` reads a whole figure (number, range, 萬/億, qualifier, unit) and is the
tests' independent check on the transcribed fixtures; `written_number` reads only the number a text writes, and is
what an edited figure's value must agree with (initiatives.validation, so the admin and imports); `find_figures`
finds the figures in a paragraph of running text (the intake) and reads each with `parse_figure`.
"""

import re
from decimal import Decimal

# The words of the report (and their Simplified forms) that each qualifier stands for.
QUALIFIER_MARKERS = {
    "over": ("超", "突破", "以上"),
    "about": ("約", "约", "左右"),
    "nearly": ("近",),
    "more_than": ("余", "餘", "多"),
    "within": ("以內", "以内", "內", "内"),
}
# Where they stand in a figure: the words that open it, and those that close it.
PREFIX_QUALIFIERS = [("突破", "over"), ("超", "over"), ("約", "about"), ("近", "nearly")]
SUFFIX_QUALIFIERS = [("以上", "over"), ("左右", "about"), ("以內", "within"), ("內", "within")]
# Inside the figure: 4000余戶, 1450多萬條, 34萬余條, 千余人.
INFIX_MORE_THAN = "余多"
MULTIPLIERS = {"萬": Decimal(10**4), "万": Decimal(10**4), "億": Decimal(10**8), "亿": Decimal(10**8)}

CHINESE_DIGITS = {"一": 1, "二": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CHINESE_POWERS = {"十": 10, "百": 100, "千": 1000}

# Units as the fixtures store them: the measure word, without 萬/億 and without the counted noun.
UNITS = {
    "家", "條", "條次", "戶", "元", "項", "個", "%", "件", "筆", "場", "次", "人次", "人", "平方米", "斤", "天",
    "個工作日", "分鐘", "個月", "類", "級", "周歲", "份", "分",
}  # fmt: skip

# An Arabic number and an optional range (1-2, 1–2, 1至2).
ARABIC = re.compile(r"(\d+(?:\.\d+)?)(?:\s*[-–~至]\s*(\d+(?:\.\d+)?))?")
# The same, anywhere in a text, with an optional 余/多 and an optional 萬/億: 7.58萬, 1450多萬, 34萬余.
WRITTEN_NUMBER = re.compile(ARABIC.pattern + r"\s*[余餘多]?\s*([萬万億亿])?")
CHINESE = re.compile(r"[一二兩三四五六七八九十百千]+")
# "A、B、C三個等級": the letters name the grades, the count follows them.
GRADE_LETTERS = re.compile(r"[A-Z](?:、[A-Z])+")


class FigureError(ValueError):
    """The text is not a figure this parser understands."""


def chinese_number(text):
    """一 → 1, 九 → 9, 十 → 10, 四十五 → 45, 千 → 1000 (the small numbers the report spells out)."""
    total, digit = 0, None
    for ch in text:
        if ch in CHINESE_DIGITS:
            if digit is not None:
                raise FigureError(f"two digits in a row in {text!r}")
            digit = CHINESE_DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * CHINESE_POWERS[ch]
            digit = None
    return Decimal(total + (digit or 0))


# 5連A: a streak of five consecutive A ratings, counted in 次 (times).
STREAK = re.compile(r"連[A-Z]")


def normalise_unit(rest):
    if STREAK.fullmatch(rest):
        return "次"
    if rest.startswith("個工作日"):
        return "個工作日"
    if rest.startswith("個月"):
        return "個月"
    if rest.startswith("個等級"):
        return "級"
    if rest.startswith("個") or rest == "大維度":  # 46個領域, 94個驛站點, 5大維度: counted in 個
        return "個"
    if rest == "分制":  # 千分制: a scale of 1000 points
        return "分"
    return rest


def parse_figure(as_written):
    """Return dict(value=Decimal, value_max=Decimal|None, unit=str, qualifier=str, second_qualifier=str); raise
    FigureError otherwise.

    Where two qualifiers stack ("約1000余萬元") the opening one governs: the report hedges the whole figure; the
    other is the second qualifier ("more_than"), empty when there is none.
    """
    text = "".join(str(as_written).split())
    qualifier, second = None, ""
    for word, q in PREFIX_QUALIFIERS:
        if text.startswith(word):
            qualifier, text = q, text[len(word) :]
            break
    for word, q in SUFFIX_QUALIFIERS:
        if text.endswith(word):
            if qualifier is None:
                qualifier = q
            elif q != qualifier:
                second = q
            text = text[: -len(word)]
            break
    letters = GRADE_LETTERS.match(text)
    if letters:
        text = text[letters.end() :]

    value_max = None
    match = ARABIC.match(text)
    if match:
        value = Decimal(match.group(1))
        if match.group(2):
            value_max = Decimal(match.group(2))
    else:
        match = CHINESE.match(text)
        if not match:
            raise FigureError(f"no number at the start of {as_written!r}")
        value = chinese_number(match.group(0))
    text = text[match.end() :]

    multiplier = Decimal(1)
    while text and (text[0] in MULTIPLIERS or text[0] in INFIX_MORE_THAN):
        if text[0] in MULTIPLIERS:
            multiplier *= MULTIPLIERS[text[0]]
        elif qualifier is None:
            qualifier = "more_than"
        elif qualifier != "more_than":
            second = "more_than"
        text = text[1:]

    unit = normalise_unit(text)
    if unit not in UNITS:
        raise FigureError(f"unknown unit {text!r} in {as_written!r}")
    return {
        "value": value * multiplier,
        "value_max": value_max * multiplier if value_max is not None else None,
        "unit": unit,
        "qualifier": qualifier or "exact",
        "second_qualifier": second,
    }


def written_number(text):
    """The number (and upper end of a range) that a text such as 超3.6萬條 writes, or None when it has no digits."""
    match = WRITTEN_NUMBER.search((text or "").replace(",", "").replace("，", ""))
    if not match:
        return None
    low, high, multiplier = match.groups()
    factor = MULTIPLIERS.get(multiplier, 1)
    return Decimal(low) * factor, (Decimal(high) * factor if high else None)


# Finding the figures in running text (the intake): the unit as the report writes it (longest first), the nouns a
# figure keeps as written (46個領域, 30個行業領域, 94個驛站點), and where a figure's number cannot start.
WRITTEN_UNITS = sorted(UNITS | {"個等級", "大維度", "分制"}, key=len, reverse=True)
KEPT_NOUNS = ("行業領域", "領域", "驛站點")
_NUMBER = r"(?<![\d.第])(?P<number>\d+(?:\.\d+)?(?:\s*[-–~至]\s*\d+(?:\.\d+)?)?|[一二兩三四五六七八九十百千]+)"
FIGURE_IN_TEXT = re.compile(
    r"(?P<letters>[A-Z](?:\s*、\s*[A-Z])+\s*)?(?:(?P<prefix>突破|超|約|约|近)\s*)?"
    + _NUMBER
    + r"\s*(?P<multiplier>[余餘多]?\s*[萬万億亿]?\s*[余餘多]?)\s*"
    + r"(?P<unit>連\s*[A-Z]|"
    + "|".join(map(re.escape, WRITTEN_UNITS))
    + r")(?P<noun>"
    + "|".join(KEPT_NOUNS)
    + r")?(?:\s*(?P<suffix>以上|左右|以內|以内|內|内))?"
)
# What is plainly meant as a figure though its unit is not one the portal knows: a hedged or 萬/億 number followed
# by a word that is not a time (超300輛, 12萬噸; not 近三年來, 2024年).
UNREADABLE_FIGURE = re.compile(
    r"(?:(?P<prefix>突破|超|約|约|近)\s*" + _NUMBER + r"|" + _NUMBER.replace("number", "number2") + r"\s*[萬万億亿])"
    r"\s*[余餘多]?\s*(?![年月日時号號])(?P<word>[\u4e00-\u9fff]{1,2})"
)
# Names and titles, not figures: “三個一”, ‘1+3’, 《…八條舉措》.
QUOTED = re.compile(r"“[^“”。]*”|‘[^‘’。]*’|《[^《》。]*》|「[^「」。]*」|\"[^\"。]*\"")


def _unquoted(text):
    """The text with its quoted names and titles blanked out (the same length, so positions still hold)."""
    return QUOTED.sub(lambda m: "\u3000" * len(m.group(0)), text)


def find_figures(text):
    """The figures a paragraph writes, in order: dicts of start, end, as_written (spaces removed) and either the
    reading of parse_figure (value, value_max, unit, qualifier, second_qualifier) or a `problem` saying why the
    figure could not be read. Numbers that are not figures (years, dates, 第一, names in quotes) are left out."""
    plain = _unquoted(text)
    found = []
    for match in FIGURE_IN_TEXT.finditer(plain):
        written = "".join(text[match.start() : match.end()].split())
        try:
            found.append({"start": match.start(), "end": match.end(), "as_written": written, **parse_figure(written)})
        except FigureError as error:
            found.append({"start": match.start(), "end": match.end(), "as_written": written, "problem": str(error)})
    taken = [(f["start"], f["end"]) for f in found]
    for match in UNREADABLE_FIGURE.finditer(plain):
        if any(start < match.end() and match.start() < end for start, end in taken):
            continue
        written = "".join(text[match.start() : match.end()].split())
        found.append(
            {
                "start": match.start(),
                "end": match.end(),
                "as_written": written,
                "problem": f"unknown unit {match.group('word')!r} in {written!r}",
            }
        )
    return sorted(found, key=lambda f: f["start"])

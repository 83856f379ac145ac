"""Figures read the way a reader expects in each language."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from initiatives import display
from tests.figure_support import made_up_metric as metric


@pytest.mark.parametrize(
    "fields, english",
    [
        ({}, "75,800 enterprises"),
        ({"value": Decimal("36000"), "qualifier": "over", "unit_en": "records"}, "over 36,000 records"),
        ({"value": Decimal("120000000"), "qualifier": "about", "unit_en": "records"}, "about 120 million records"),
        ({"value": Decimal("7042000000"), "unit_en": "queries"}, "7.042 billion queries"),
        ({"value": Decimal("6155600"), "unit_en": "yuan"}, "6.1556 million yuan"),
        ({"value": Decimal("77.14"), "unit_en": "%"}, "77.14%"),
        ({"value": Decimal("40"), "qualifier": "over", "unit_en": "% fewer"}, "over 40% fewer"),
        ({"value": Decimal("1"), "value_max": Decimal("2"), "unit_en": "months"}, "1–2 months"),
        ({"value": Decimal("7"), "qualifier": "within", "unit_en": "working days"}, "within 7 working days"),
        ({"value": Decimal("9000000000"), "qualifier": "nearly", "unit_en": "yuan"}, "nearly 9 billion yuan"),
        ({"value": Decimal("4000"), "qualifier": "more_than", "unit_en": "households"}, "more than 4,000 households"),
        # 約1000余萬元: both of the report's qualifiers, about (約) and -odd (余).
        (
            {"value": Decimal("10000000"), "qualifier": "about", "second_qualifier": "more_than", "unit_en": "yuan"},
            "about 10-odd million yuan",
        ),
    ],
)
def test_english_value(fields, english):
    assert display.figure_value(metric(**fields), "en") == english


def test_chinese_value_is_the_report_as_written():
    assert display.figure_value(metric(), "zh-hant") == "7.58萬家"


def test_simplified_value_is_converted():
    assert display.figure_value(metric(), "zh-hans") == "7.58万家"


def as_of(day, precision, written=""):
    """A figure's fields for a figure that holds at one moment."""
    return {"as_of": day, "as_of_precision": precision, **({"time_as_written": written} if written else {})}


def since(day, precision, written):
    """A figure's fields for a figure counted from a start with no end."""
    return {"period_start": day, "period_precision": precision, "time_as_written": written}


@pytest.mark.parametrize(
    "fields, chinese, english",
    [
        (as_of(datetime.date(2026, 1, 1), "month", "截至2026年1月"), "截至2026年1月", "as of January 2026"),
        (
            {
                "period_start": datetime.date(2024, 1, 1),
                "period_precision": "year",
                "period_end": datetime.date(2024, 12, 31),
                "time_as_written": "2024年全年",
            },
            "2024年全年",
            "in 2024",
        ),
        (
            {
                "period_start": datetime.date(2025, 1, 1),
                "period_end": datetime.date(2025, 6, 30),
                "time_as_written": "2025年上半年",
            },
            "2025年上半年",
            "in the first half of 2025",
        ),
        (since(datetime.date(2025, 1, 1), "year", "2025年以來"), "2025年以來", "since 2025"),
        (since(datetime.date(2025, 5, 27), "day", "政策實施以來"), "政策實施以來", "since 27 May 2025"),
        (as_of(datetime.date(2025, 1, 1), "year_start", "截至2025年初"), "截至2025年初", "as of early 2025"),
        (as_of(datetime.date(2025, 12, 31), "year_end", "截至2025年底"), "截至2025年底", "as of the end of 2025"),
        ({"time_as_written": "近三年來"}, "近三年來", "over the last three years"),
        (as_of(datetime.date(2025, 3, 14), "day"), "截至2025年3月14日", "as of 14 March 2025"),
        ({}, "", ""),
    ],
)
def test_time_in_both_languages(fields, chinese, english):
    assert display.figure_time(metric(**fields), "zh-hant") == chinese
    assert display.figure_time(metric(**fields), "en") == english


def test_machine_number_never_uses_exponents():
    assert display.machine_number(Decimal("75800.0000")) == "75800"
    assert display.machine_number(Decimal("77.1400")) == "77.14"


def test_event_dates_at_their_precision():
    initiative = SimpleNamespace(date=datetime.date(2024, 9, 20), date_precision="day")
    assert display.event_date(initiative, "zh-hant") == "2024年9月20日"
    assert display.event_date(initiative, "en") == "20 September 2024"
    assert display.iso_date(datetime.date(2023, 8, 1), "month") == "2023-08"
    assert display.iso_date(datetime.date(2023, 1, 1), "year") == "2023"
    assert display.iso_date(datetime.date(2025, 12, 31), "year_end") == "2025"
    assert display.chinese_date(datetime.date(2025, 1, 1), "year_start") == "2025年初"

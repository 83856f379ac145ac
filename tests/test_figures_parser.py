"""The stored expansion of every figure agrees with an independent reading of the report's characters."""

from decimal import Decimal

import pytest
from report_figures import FIGURES

from core.figures import FigureError, parse_figure, written_number
from initiatives.models import Metric

# Figures the parser deliberately does not read, and why (none at present: 5連A, a streak of five consecutive A
# ratings, is read as 5 次).
NOT_PARSED = {}


@pytest.mark.parametrize(
    ("text", "value", "value_max", "unit", "qualifier"),
    [
        ("超 3.6 萬條", "36000", None, "條", "over"),
        ("7.58萬家", "75800", None, "家", "exact"),
        ("約1.2億條", "120000000", None, "條", "about"),
        ("615.56萬元", "6155600", None, "元", "exact"),
        ("突破140億元", "14000000000", None, "元", "over"),
        ("近90億元", "9000000000", None, "元", "nearly"),
        ("4000 余戶", "4000", None, "戶", "more_than"),
        ("1450多萬條", "14500000", None, "條", "more_than"),
        ("34萬余條", "340000", None, "條", "more_than"),
        ("500余萬元", "5000000", None, "元", "more_than"),
        ("約1000余萬元", "10000000", None, "元", "about"),
        ("60萬斤左右", "600000", None, "斤", "about"),
        ("千余人", "1000", None, "人", "more_than"),
        ("千余人次", "1000", None, "人次", "more_than"),
        ("一個工作日內", "1", None, "個工作日", "within"),
        ("7 個工作日以內", "7", None, "個工作日", "within"),
        ("1-2 個月", "1", "2", "個月", "exact"),
        ("40%以上", "40", None, "%", "over"),
        ("102.6%", "102.6", None, "%", "exact"),
        ("46個領域", "46", None, "個", "exact"),
        ("5 大維度", "5", None, "個", "exact"),
        ("千分制", "1000", None, "分", "exact"),
        ("九級", "9", None, "級", "exact"),
        ("A、B、C 三個等級", "3", None, "級", "exact"),
        ("兩類", "2", None, "類", "exact"),
        ("四家", "4", None, "家", "exact"),
        ("20萬平方米", "200000", None, "平方米", "exact"),
        ("5 連 A", "5", None, "次", "exact"),
    ],
)
def test_parser_reads_the_reports_notation(text, value, value_max, unit, qualifier):
    parsed = parse_figure(text)
    assert parsed["value"] == Decimal(value)
    assert parsed["value_max"] == (Decimal(value_max) if value_max else None)
    assert (parsed["unit"], parsed["qualifier"]) == (unit, qualifier)


def test_stacked_qualifiers_keep_the_second():
    assert parse_figure("約1000余萬元")["second_qualifier"] == "more_than"
    assert parse_figure("超3.6萬條")["second_qualifier"] == ""


@pytest.mark.parametrize("text", ["首個", "", "連A", "5連", "5連a"])
def test_parser_refuses_what_is_not_a_figure(text):
    with pytest.raises(FigureError):
        parse_figure(text)


@pytest.mark.django_db
@pytest.mark.usefixtures("report_data")
def test_every_stored_figure_matches_its_parse():
    checked = 0
    for m in Metric.objects.select_related("initiative__city"):
        if m.as_written in NOT_PARSED:
            with pytest.raises(FigureError):
                parse_figure(m.as_written)
            continue
        parsed = parse_figure(m.as_written)
        where = f"{m.initiative.city.slug}/{m.initiative.slug}#{m.position} {m.as_written}"
        assert parsed["value"] == m.value, where
        assert parsed["value_max"] == m.value_max, where
        assert parsed["unit"] == m.unit, where
        assert parsed["qualifier"] == m.qualifier, where
        assert parsed["second_qualifier"] == m.second_qualifier, where
        checked += 1
    assert checked == Metric.objects.count() - Metric.objects.filter(as_written__in=NOT_PARSED).count() > 0


def test_every_figure_of_the_table_matches_its_parse():
    """The hand-written table is checked the same way, so a slip in both the table and the fixtures shows up."""
    for f in FIGURES:
        if f.as_written in NOT_PARSED:
            continue
        parsed = parse_figure(f.as_written)
        assert parsed["value"] == Decimal(f.value), f
        assert parsed["value_max"] == (Decimal(f.value_max) if f.value_max else None), f
        assert (parsed["unit"], parsed["qualifier"]) == (f.unit, f.qualifier), f


@pytest.mark.parametrize(
    ("text", "value", "value_max"),
    [("超3.6萬条", "36000", None), ("1至2個月", "1", "2"), ("1,450多万条", "14500000", None), ("首個", None, None)],
)
def test_the_admins_reading_takes_the_number_a_text_writes(text, value, value_max):
    """What an edited figure's value is checked against: the parser's number alone, Simplified and commas allowed."""
    expected = None if value is None else (Decimal(value), Decimal(value_max) if value_max else None)
    assert written_number(text) == expected


def test_the_admins_reading_and_the_full_parse_agree_on_every_figure_of_the_table():
    for f in FIGURES:
        if f.as_written in NOT_PARSED or not any(c.isdigit() for c in f.as_written):
            continue
        parsed = parse_figure(f.as_written)
        assert written_number(f.as_written) == (parsed["value"], parsed["value_max"]), f

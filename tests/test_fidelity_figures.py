"""The fixtures' figures say what the report says: every figure as the report writes it, with its time, measure
and qualifiers, and nothing else."""

import re
from collections import Counter
from datetime import date
from decimal import Decimal

import pytest
from report_figures import FIGURES, NOT_FIGURES

from cities.models import City
from initiatives.models import Metric, MetricKind
from tests.fidelity_support import CITIES, city_sections, nospace, report_nospace

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("report_data")]


def as_key(row):
    def d(value):
        return value.isoformat() if value else None

    def n(value):
        return None if value is None else Decimal(value).normalize()

    return (
        row.as_written,
        n(row.value),
        n(row.value_max),
        row.unit,
        row.qualifier,
        d(row.as_of) if isinstance(row, Metric) else row.as_of,
        row.as_of_precision,
        d(row.period_start) if isinstance(row, Metric) else row.period_start,
        d(row.period_end) if isinstance(row, Metric) else row.period_end,
    )


def test_every_figure_of_the_report_is_stored_and_nothing_else():
    for slug, *_ in CITIES:
        expected = Counter(as_key(f) for f in FIGURES if f.city == slug)
        stored = Counter(as_key(m) for m in Metric.objects.filter(initiative__city__slug=slug))
        missing, extra = expected - stored, stored - expected
        assert not missing and not extra, f"{slug}: missing {sorted(missing)}; not in the table {sorted(extra)}"
    assert Metric.objects.count() == len(FIGURES)


@pytest.mark.source_report
def test_figure_table_is_written_as_the_report_writes():
    for f in FIGURES:
        assert f.as_written == nospace(f.as_written) and f.as_written in report_nospace(), f
    for _city, text, _reason in NOT_FIGURES:
        assert nospace(text) in report_nospace(), text


@pytest.mark.source_report
def test_every_metric_reads_as_the_report_writes_it():
    for m in Metric.objects.select_related("initiative__city"):
        assert m.as_written == nospace(m.as_written), m.as_written
        assert nospace(m.as_written) in report_nospace(), f"{m.initiative.city.slug}: {m.as_written}"
        assert m.time_as_written == "" or nospace(m.time_as_written) in report_nospace(), m.time_as_written
        assert m.label_zh and m.label_en and m.unit and m.unit_en, m
        assert m.review_status == "unchecked"


@pytest.mark.source_report
def test_figure_appears_in_its_own_city_section():
    sections = city_sections()
    for m in Metric.objects.select_related("initiative__city"):
        city = m.initiative.city
        section = nospace("".join(sections[city.name_zh][1]))
        assert m.as_written in section, f"{city.slug}: {m.as_written} is not in the city's section"


def test_time_wording_and_dates_agree():
    for m in Metric.objects.all():
        text = m.time_as_written
        if match := re.fullmatch(r"截至(\d{4})年(\d{1,2})月", text):
            assert (m.as_of, m.as_of_precision) == (date(int(match[1]), int(match[2]), 1), "month"), m
        elif match := re.fullmatch(r"截至(\d{4})年底", text):
            assert (m.as_of, m.as_of_precision) == (date(int(match[1]), 12, 31), "year_end"), m
        elif match := re.fullmatch(r"截至(\d{4})年初", text):
            assert (m.as_of, m.as_of_precision) == (date(int(match[1]), 1, 1), "year_start"), m
        elif match := re.fullmatch(r"(\d{4})年(全年)?", text):
            year = int(match[1])
            assert (m.period_start, m.period_end) == (date(year, 1, 1), date(year, 12, 31)), m
        elif match := re.fullmatch(r"(\d{4})年以來", text):
            assert (m.period_start, m.period_precision, m.period_end) == (date(int(match[1]), 1, 1), "year", None), m
        elif text == "2025年上半年":
            assert (m.period_start, m.period_end) == (date(2025, 1, 1), date(2025, 6, 30)), m
        elif text in ("截至目前", "目前", "近三年來", "試點期間", "每年", ""):
            assert m.as_of is None and m.period_start is None and m.period_end is None, m


def test_positions_and_orders_are_contiguous():
    for city in City.objects.all():
        initiatives = list(city.initiatives.order_by("order"))
        assert [i.order for i in initiatives] == list(range(1, len(initiatives) + 1)), city.slug
        paragraphs = [i.report_paragraph for i in initiatives]
        assert paragraphs == sorted(paragraphs), f"{city.slug}: initiatives out of report order"
        for initiative in initiatives:
            positions = list(initiative.metrics.order_by("position").values_list("position", flat=True))
            assert positions == list(range(1, len(positions) + 1)), initiative


def test_metric_kinds_are_one_concept_on_one_basis():
    required = {
        "loans-disbursed-cumulative",
        "loans-disbursed-period",
        "credit-lines-granted",
        "credit-report-substitution-fields",
        "credit-report-mutual-recognition-fields",
        "list-removals",
        "repair-services",
        "credit-records-collected-cumulative",
    }
    assert required <= set(MetricKind.objects.values_list("slug", flat=True))
    entity_units = {"家", "戶"}
    for kind in MetricKind.objects.all():
        metrics = list(kind.metrics.all())
        assert metrics, f"{kind.slug} has no figure"
        for m in metrics:
            assert m.basis == kind.basis, f"{kind.slug}: {m} is {m.basis}, the measure {kind.basis}"
            if kind.unit in entity_units:
                assert m.unit in entity_units, m
            else:
                assert m.unit == kind.unit, m


def test_stacked_qualifiers_are_both_kept():
    stacked = {m.as_written: (m.qualifier, m.second_qualifier) for m in Metric.objects.exclude(second_qualifier="")}
    assert stacked == {"約1000余萬元": ("about", "more_than")}

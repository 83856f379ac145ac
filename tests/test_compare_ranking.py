"""Which figure a comparison marks as larger: only within one measure and basis, never across unlike figures."""

import itertools
from decimal import Decimal

import pytest
from django.utils import translation

from cities.models import City
from compare import measure_rows
from initiatives.models import Metric, MetricKind
from tests.compare_support import compare, translated
from tests.page_support import page_text

pytestmark = pytest.mark.django_db


def measure_row(response, family):
    return next(row for row in response.context["comparison"].metrics if row.family == family)


def test_the_larger_figure_is_marked_in_words_and_the_row_flagged_when_dates_differ(client, report_data):
    # 武清區 突破140億元 (截至2025年2月) and 伊春市 近90億元 (截至2025年7月): both money lent, totalled since launch.
    response = compare(client, "cities=wuqing,yichun")
    row = measure_row(response, "lending")
    loans = next(compared for compared in row.compared if compared.kind.slug == "loans-disbursed-cumulative")
    assert loans.leader.as_written == "突破140億元"
    assert row.cells[0].largest.as_written == "突破140億元" and row.cells[1].largest is None
    assert loans.dates_differ
    text = page_text(response)
    assert "▲ " + translation.gettext("larger") in text  # not by colour alone
    assert translation.gettext("the figures hold at different times, so “larger” compares different moments") in text


def test_one_year_and_the_total_since_launch_are_not_ranked(client, report_data):
    # 朝陽區 超1億元 is lent in 2024 alone; 武清區 突破140億元 is the total since its platform began.
    response = compare(client, "cities=chaoyang,wuqing")
    row = measure_row(response, "lending")
    assert all(cell.largest is None for cell in row.cells)
    assert not any(compared.kind.slug.startswith("loans-disbursed") for compared in row.compared)
    reason = translated(
        "%(first)s vs %(second)s",
        {"first": translated("one stated period"), "second": translated("the total since launch")},
    )
    assert reason in row.unlike
    assert reason in page_text(response)


def test_list_removals_and_repair_services_are_not_ranked(client, report_data):
    # 海淀區's 超1.4萬戶 left a list; 太原市's 3786戶 were given repair services: the misleading badge.
    response = compare(client, "cities=haidian,taiyuan")
    row = measure_row(response, "repair")
    assert all(cell.largest is None for cell in row.cells)
    assert row.compared == []
    assert any("3786戶" in metric.as_written for metric in row.cells[1].metrics)
    assert row.unlike
    assert 'class="largest-mark"' not in response.content.decode()


def test_a_credit_line_is_not_ranked_against_money_lent(client, report_data):
    response = compare(client, "cities=hejian,yichun")
    row = measure_row(response, "lending")
    lines = MetricKind.objects.get(slug="credit-lines-granted")
    assert all(cell.largest is None or cell.largest.kind_id != lines.pk for cell in row.cells)
    loans = MetricKind.objects.get(slug="loans-disbursed-cumulative")
    compared = [c.kind.slug for c in row.compared]
    assert compared == ["loans-disbursed-cumulative"]  # 河間市 6789萬元 and 伊春市 近90億元, both totals since launch
    assert loans.name_zh in page_text(response)


def test_every_pair_marks_larger_only_within_one_measure_and_basis(client, report_data):
    """The issue's check, walked over all 91 pairs of the 14 cities."""
    cities = list(City.objects.all())
    pairs = list(itertools.combinations(cities, 2))
    assert len(pairs) == 91
    marked_pairs = 0
    for first, second in pairs:
        response = compare(client, f"cities={first.slug},{second.slug}")
        assert response.status_code == 200
        for row in response.context["comparison"].metrics:
            for index, cell in enumerate(row.cells):
                for leader in cell.marked:
                    other = row.cells[1 - index].metrics
                    rivals = [m for m in other if m.kind_id == leader.kind_id]
                    assert rivals, (first.slug, second.slug, leader)  # marked against a figure of its own measure
                    assert all(m.kind.basis == leader.kind.basis for m in rivals)
                    assert leader.value > max(m.value for m in rivals)
                    marked_pairs += 1
            for compared in row.compared:
                assert len({(m.kind.name_en, m.kind.basis) for m in compared.figures}) == 1
                if compared.dates_differ and compared.leader is not None:
                    assert translation.gettext(
                        "the figures hold at different times, so “larger” compares different moments"
                    ) in page_text(response)
        html = response.content.decode()
        assert html.count('class="largest-mark"') == sum(
            len(cell.marked) for row in response.context["comparison"].metrics for cell in row.cells
        )
    assert marked_pairs > 0


def test_same_date_unit_and_qualifier_is_said_to_be_comparable():
    kind = MetricKind(slug="k", unit="家")
    same = [Metric(unit="家", qualifier="exact", value=Decimal(n), time_as_written="2024年") for n in (1, 2)]
    assert measure_rows.comparability_problems(kind, same) == []
    other = [Metric(unit="戶", qualifier="over", value=Decimal(1), time_as_written="2025年"), same[0]]
    translation.activate("en")  # the reasons as written in the code
    assert measure_rows.comparability_problems(kind, other) == [
        "different units",
        "different dates or periods",
        "different qualifiers (none, over, about…)",
    ]
    undated = [Metric(unit="家", qualifier="exact", value=Decimal(1)), same[0]]
    assert measure_rows.comparability_problems(kind, undated) == ["a figure without a date"]


def test_equal_largest_figures_are_not_marked(client, report_data):
    # 衡水市 and 太原市 both report 60%以上 shorter credit repair.
    response = compare(client, "cities=hengshui,taiyuan")
    row = measure_row(response, "processing-time")
    compared = next(c for c in row.compared if c.kind.slug == "credit-repair-time-reduction")
    assert compared.tied
    assert all(cell.largest is None for cell in row.cells)

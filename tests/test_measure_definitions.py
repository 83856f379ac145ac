"""Measures strict enough to rank: each ranking holds one concept on one basis, and times and qualifiers read as the
report writes them."""

import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import translation

from cities.models import City
from initiatives.models import Basis, MeasureFamily, Metric, MetricKind

pytestmark = pytest.mark.django_db

LANGUAGE_PREFIXES = {"zh-hant": "", "zh-hans": "/zh-hans", "en": "/en"}


def page_text(response):
    return unescape(response.content.decode())


def ranked_tables(html):
    """Each ranking table of a page, as the initiative ids of its rows (read from the page itself)."""
    tables = html.split('class="ranking-table"')[1:]
    return [
        re.findall(r'href="/(?:en/|zh-hans/)?initiatives/(\d+)/"', table.split("</table>", 1)[0]) for table in tables
    ]


def test_every_measure_page_ranks_one_concept_on_one_basis(client, report_data):
    for kind in MetricKind.objects.all():
        response = client.get(kind.get_absolute_url())
        assert response.status_code == 200
        ranking = response.context["ranking"]
        assert ranking.rows, kind.slug
        assert {(row.metric.kind.name_en, row.metric.basis) for row in ranking.rows} == {(kind.name_en, kind.basis)}
        assert {row.metric.kind_id for row in ranking.rows} == {kind.pk}
        # The text's count is the table's rows and the chart's bars.
        assert len(ranking.rows) == len(ranking.chart.bars) == ranking.figure_count
        count = translation.ngettext("%(counter)s figure", "%(counter)s figures", ranking.figure_count)
        assert count % {"counter": ranking.figure_count} in page_text(response)
        assert len(ranked_tables(response.content.decode())) == 1


def test_the_overview_and_family_pages_keep_each_measure_in_its_own_table(client, report_data):
    figures = {metric.pk: metric for metric in Metric.objects.filter(kind__isnull=False).select_related("kind")}
    pages = [reverse("metric_kind_list")] + [
        reverse("metric_family_detail", args=[family]) for family in MeasureFamily.values
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200
        rankings = (
            response.context["rankings"] if "rankings" in response.context else response.context["family"].rankings
        )
        for ranking in rankings:
            metrics = [row.metric for row in ranking.rows]
            assert len({(figures[m.pk].kind.name_en, figures[m.pk].basis) for m in metrics}) == 1, url
            assert len(ranking.chart.bars) == len(metrics)
        assert len(ranked_tables(response.content.decode())) == len(rankings)


def test_lending_is_split_into_money_lent_in_total_in_a_period_and_credit_lines(client, report_data):
    response = client.get(reverse("metric_kind_detail", args=["loans-disbursed-cumulative"]))
    written = [row.metric.as_written for row in response.context["ranking"].rows]
    # 武清區, 伊春市 and 河間市's 信用微企園區: totals since their programmes began.
    assert written == ["突破140億元", "近90億元", "6789萬元"]
    period = client.get(reverse("metric_kind_detail", args=["loans-disbursed-period"])).context["ranking"]
    assert [row.metric.as_written for row in period.rows] == ["8億元", "超1億元"]  # 本溪市 H1 2025, 朝陽區 2024
    lines = client.get(reverse("metric_kind_detail", args=["credit-lines-granted"])).context["ranking"]
    assert [row.metric.as_written for row in lines.rows] == ["68.12億元"]
    # The old address, which ranked all six together, now leads to the family, where each is its own table.
    old = client.get("/metrics/credit-loan-amount/")
    assert old.status_code == 301 and old["Location"] == reverse("metric_family_detail", args=["lending"])


def test_list_removals_repair_services_and_repairs_are_separate_measures(report_data):
    def slugs(*written):
        return {Metric.objects.get(as_written=text, initiative__city__slug=city).kind.slug for city, text in written}

    assert slugs(("haidian", "超1.4萬戶"), ("haidian", "174戶")) == {"list-removals"}
    assert slugs(("taiyuan", "3786戶")) == {"repair-services"}
    assert slugs(("haidian", "4000余戶"), ("benxi", "2132戶")) == {"credit-repaired-period"}
    assert slugs(("hengshui", "360余家")) == {"credit-repaired-cumulative"}


def test_substitution_and_mutual_recognition_are_separate_measures(report_data):
    substitution = MetricKind.objects.get(slug="credit-report-substitution-fields")
    assert sorted(substitution.metrics.values_list("as_written", flat=True)) == sorted(
        ["52個領域", "46個領域", "42個領域", "10個領域"]
    )
    recognition = MetricKind.objects.get(slug="credit-report-mutual-recognition-fields")
    assert list(recognition.metrics.values_list("as_written", flat=True)) == ["33個領域"]
    assert substitution.family == recognition.family == MeasureFamily.CREDIT_REPORTS


def test_every_figure_carries_a_basis_its_time_allows(report_data):
    for metric in Metric.objects.all():
        if metric.unit == "%":
            assert metric.basis == Basis.SHARE, metric
        if metric.period_end:  # a stated period: what happened within it
            assert metric.basis in (Basis.FLOW, Basis.SHARE, ""), metric
        if metric.basis == Basis.CUMULATIVE:
            assert metric.period_end is None, metric
    # Without a basis: only durations, scales, levels and a checklist's size, nothing that accrues over time.
    not_accruing = {"個月", "個工作日", "天", "分鐘", "周歲", "分", "級", "次", "份"}
    for metric in Metric.objects.filter(basis=""):
        assert metric.unit in not_accruing or metric.as_written in ("5大維度", "131項", "52項"), metric


# Times and qualifiers as the report writes them ------------------------------------------------------------


@pytest.mark.parametrize(
    "city, expected",
    [
        ("hohhot", "since 2024"),
        ("benxi", "since 2025"),
        ("hengshui", "as of early 2025"),
        ("shenyang", "as of the end of 2025"),
        ("benxi", "in the first half of 2025"),
        ("benxi", "about 10-odd million yuan"),
        ("chaoyang", "cumulative over the year"),
    ],
)
def test_english_times_and_qualifiers_read_as_the_report_means_them(client, report_data, city, expected):
    url = "/en" + reverse("city_detail", args=[city])
    with translation.override("en"):
        text = page_text(client.get(url))
    assert expected in text


@pytest.mark.parametrize("wrong", ["since January 2024", "since January 2025", "as of December 2025"])
def test_no_month_the_report_does_not_give(client, report_data, wrong):
    for city in ("hohhot", "benxi", "shenyang"):
        url = "/en" + reverse("city_detail", args=[city])
        with translation.override("en"):
            assert wrong not in page_text(client.get(url))


@pytest.mark.parametrize("language", ["zh-hant", "zh-hans", "en"])
def test_no_page_says_exactly_for_a_plain_figure(client, report_data, language):
    prefix = LANGUAGE_PREFIXES[language]
    urls = [reverse("city_detail", args=[city.slug]) for city in City.objects.all()]
    urls += [reverse("metric_kind_list"), reverse("compare") + "?cities=chaoyang,haidian"]
    urls += [kind.get_absolute_url() for kind in MetricKind.objects.all()]
    for url in urls:
        with translation.override(language):
            response = client.get(prefix + url)
        assert response.status_code == 200, url
        text = page_text(response)
        for word in ("exactly", "恰為", "恰为"):
            assert word not in text, (url, word)


def test_a_database_loaded_before_the_split_is_brought_to_the_new_measures(report_data):
    """The data migration, run on the report as it was stored before: one lending measure for six figures, no bases,
    年底 as December, 累計 dropped from a label."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("initiatives.migrations.0008_apply_split_measures")
    expected = {
        metric.pk: (metric.kind.slug if metric.kind else None, metric.basis, metric.as_of, metric.as_of_precision)
        for metric in Metric.objects.select_related("kind")
    }
    chaoyang = Metric.objects.get(initiative__city__slug="chaoyang", initiative__slug="xinyidai-lending")
    old = MetricKind.objects.create(
        slug="credit-loan-amount", name_zh="信用貸款金額", name_en="Loans disbursed", unit="元", unit_en="yuan",
        basis=Basis.STOCK, family=MeasureFamily.LENDING,
    )  # fmt: skip
    Metric.objects.filter(kind__family=MeasureFamily.LENDING, unit="元").update(kind=old)
    Metric.objects.update(basis="")
    Metric.objects.filter(as_of_precision="year_end").update(as_of="2025-12-01", as_of_precision="month")
    Metric.objects.filter(pk=chaoyang.pk).update(
        label_zh="經北京市“信易貸”平臺放款金額", label_en="Loans disbursed through Beijing's Xinyidai platform"
    )
    migration.apply_measures(apps, None)
    stored = {
        metric.pk: (metric.kind.slug if metric.kind else None, metric.basis, metric.as_of, metric.as_of_precision)
        for metric in Metric.objects.select_related("kind")
    }
    assert stored == expected
    assert not MetricKind.objects.filter(slug="credit-loan-amount").exists()
    chaoyang.refresh_from_db()
    assert "累計" in chaoyang.label_zh and "cumulative" in chaoyang.label_en

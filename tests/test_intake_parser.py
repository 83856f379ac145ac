"""The intake's reading of a report: city sections, paragraphs and their themes, and every figure with its time."""

from collections import Counter
from decimal import Decimal

import pytest
from django.conf import settings

from cities.models import City, Source
from initiatives.models import Initiative, Metric
from intake.models import ProposedFigure
from intake.parser import ReportTextError, paragraph_figures, split_sections
from intake.proposals import propose

KEY_FIELDS = (
    "value",
    "value_max",
    "unit",
    "qualifier",
    "second_qualifier",
    "time_as_written",
    "as_of",
    "as_of_precision",
    "period_start",
    "period_precision",
    "period_end",
)


def key(city, item):
    values = [getattr(item, name) for name in KEY_FIELDS]
    values[0] = Decimal(values[0]).normalize()
    values[1] = Decimal(values[1]).normalize() if values[1] is not None else None
    return (city, *values)


@pytest.mark.django_db
@pytest.mark.source_report
@pytest.mark.usefixtures("report_data")
def test_the_present_report_round_trips_to_the_fixtures_figures(capsys):
    sections = split_sections(settings.SOURCE_REPORT_PATH.read_text(encoding="utf-8"))
    names = dict(City.objects.values_list("name_zh", "slug"))
    proposed = Counter(key(names.get(s.city, s.city), f) for s in sections for p in s.paragraphs for f in p.figures)
    truth = Counter(key(m.initiative.city.slug, m) for m in Metric.objects.select_related("initiative__city"))
    matched = sum((proposed & truth).values())
    recall, spurious = matched / sum(truth.values()), sum((proposed - truth).values())
    with capsys.disabled():
        print(f"\nintake round trip: {matched}/{sum(truth.values())} figures matched, {spurious} spurious")
    assert sum(truth.values()) == 104
    assert proposed - truth == Counter(), "proposed but not in the fixtures"
    assert truth - proposed == Counter(), "in the fixtures but not proposed"
    assert (recall, spurious) == (1.0, 0)


@pytest.mark.source_report
def test_sections_and_paragraphs_follow_the_reports_headings():
    sections = split_sections(settings.SOURCE_REPORT_PATH.read_text(encoding="utf-8"))
    assert len(sections) == 14
    assert sections[0].report_section == "北京市創新示范研究 › 朝陽區"
    assert sections[-1].report_section == "黑龍江省創新示范研究 › 雞西市"
    chaoyang = sections[0].paragraphs
    assert [p.heading for p in chaoyang] == ["制度機制創新方面", "平臺建設方面", "場景應用創新方面", "監管模式創新方面"]
    taiyuan = next(s for s in sections if s.city == "太原市").paragraphs
    # 「具體舉措包括…」 has no theme of its own: it continues the paragraph before it.
    assert [(p.number, p.heading) for p in taiyuan[:3]] == [
        (1, "信用修復制度創新方面"),
        (2, "信用修復制度創新方面"),
        (3, "流程優化創新方面"),
    ]


def test_no_city_heading_is_refused():
    with pytest.raises(ReportTextError):
        split_sections("這是一段沒有任何標題的文字，其中有 3 家企業。\n第二段。")


@pytest.mark.parametrize(
    "text",
    [
        "2024年，朝陽區召開會議。",  # a year
        "2025 年 3 月 14 日，雙方簽署備忘錄。",  # a date
        "全市排名第一，成為全省首個試點。",  # ordinals
        "推行“一戶一檔”制度和“三個一”服務模式。",  # names in quotes
        "印發《優化信用修復服務 助力高質量發展八條舉措》。",  # a title
        "“鳳城分”1.0 版本正式上線，構建三位一體模式，四輪驅動。",  # a version, words with numerals
        "近三年來，機制持續完善。",  # a time
    ],
)
def test_numbers_that_are_not_figures_are_not_proposed(text):
    assert paragraph_figures(text) == []


def test_a_figure_given_for_each_of_several_things_is_proposed_for_each():
    figures = paragraph_figures("截至2025年11月，數據合規率、及時率和報送率均實現 100%，成效明顯。")
    assert [(f.as_written, f.time_as_written) for f in figures] == [("100%", "截至2025年11月")] * 3


def test_a_figure_whose_unit_the_parser_does_not_know_is_kept_with_the_reason():
    (figure,) = paragraph_figures("截至2025年6月，累計減少碳排放超 12 萬噸。")
    assert figure.as_written == "超12萬噸"
    assert figure.value is None and "噸" in figure.problem
    assert figure.time_as_written == "截至2025年6月"


@pytest.fixture
def present_report_batch(report_data, django_user_model):
    """The present report's text taken in as an editor would paste it, citing the first source."""
    editor = django_user_model.objects.create_user("intake-editor")
    return propose(settings.SOURCE_REPORT_PATH.read_text(encoding="utf-8"), editor, Source.objects.order_by("id")[0])


@pytest.mark.django_db
@pytest.mark.source_report
def test_the_present_reports_paragraphs_are_proposed_with_their_categories(present_report_batch, capsys):
    batch = present_report_batch
    given = {}
    for city, paragraph, category in Initiative.objects.values_list("city", "report_paragraph", "category"):
        given.setdefault((city, paragraph), set()).add(category)
    proposals = list(batch.initiatives.all())
    agree = [p for p in proposals if p.category_id in given.get((p.city_id, p.report_paragraph), set())]
    with capsys.disabled():
        print(f"\nintake categories: {len(agree)}/{len(proposals)} paragraphs proposed with a category they carry")
    # Every paragraph of the report is proposed once, with its theme's category.
    assert len(proposals) == len(given) == 59
    assert all(p.category_id for p in proposals)
    # The heading names a theme; in two paragraphs the editors filed every initiative by its content instead
    # (海淀 ¶3 場景應用創新方面: supervision and government services; 鄂爾多斯 ¶4 跨區域協同創新方面: a platform
    # and a use case). The editor corrects these in the review.
    assert sorted((p.city.slug, p.report_paragraph, p.category.slug) for p in proposals if p not in agree) == [
        ("haidian", 3, "application-scenarios"),
        ("ordos", 4, "regional-cooperation"),
    ]


@pytest.mark.django_db
@pytest.mark.source_report
def test_the_present_report_taken_in_again_is_all_duplicates(present_report_batch, capsys):
    batch = present_report_batch
    figures = ProposedFigure.objects.filter(initiative__batch=batch).select_related("duplicate_of__initiative")
    flagged = [f for f in figures if f.duplicate_of is not None]
    with capsys.disabled():
        print(f"\nintake duplicates: {len(flagged)}/{len(figures)} figures of the report taken in again are flagged")
    assert len(figures) == len(flagged) == 104
    # Each is flagged as a figure of its own city with the same number and time.
    assert all(
        (f.duplicate_of.value, f.duplicate_of.unit, f.duplicate_of.time_as_written)
        == (f.value, f.unit, f.time_as_written)
        and f.duplicate_of.initiative.city_id == f.initiative.city_id
        for f in flagged
    )
    # Every paragraph is offered to merge into an initiative the source already has there.
    assert all(p.merge_into_id for p in batch.initiatives.all())


@pytest.mark.django_db
@pytest.mark.source_report
@pytest.mark.usefixtures("report_data")
def test_each_figure_is_proposed_in_the_paragraph_the_fixtures_cite():
    sections = split_sections(settings.SOURCE_REPORT_PATH.read_text(encoding="utf-8"))
    names = dict(City.objects.values_list("name_zh", "slug"))
    found = {}
    for section in sections:
        for paragraph in section.paragraphs:
            for figure in paragraph.figures:
                found.setdefault((names[section.city], figure.as_written, figure.time_as_written), set()).add(
                    paragraph.number
                )
    elsewhere = [
        (
            m.initiative.city.slug,
            m.as_written,
            m.cited_paragraph,
            found.get((m.initiative.city.slug, m.as_written, m.time_as_written)),
        )
        for m in Metric.objects.select_related("initiative__city")
        if m.cited_paragraph not in found.get((m.initiative.city.slug, m.as_written, m.time_as_written), set())
    ]
    # 太原's 「具體舉措包括…試點期間，共有4760戶…3786戶」 is the paragraph after 信用修復制度創新方面 (¶2, where the
    # fixtures' own ¶2 initiatives are), but the fixtures cite the two figures at ¶1, their initiative's paragraph.
    assert elsewhere == [("taiyuan", "4760戶", 1, {2}), ("taiyuan", "3786戶", 1, {2})]

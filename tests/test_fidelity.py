"""The fixtures say what the report says: every figure, name, heading, date and city, and nothing else."""

import re
from collections import Counter
from datetime import date
from decimal import Decimal
from functools import cache

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from report_figures import FIGURES, NOT_FIGURES, PARAGRAPHS

from cities.models import City, InnovationModel, Lesson, Province, Source
from initiatives.models import Initiative, InitiativeCategory, Metric, MetricKind

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("report_data")]

SUMMARY_HEADING = "創新模式總結與對比分析"

CITIES = [
    # slug, name_zh, name_en, province, level
    ("chaoyang", "朝陽區", "Chaoyang District", "beijing", "municipal_district"),
    ("haidian", "海淀區", "Haidian District", "beijing", "municipal_district"),
    ("hedong", "河東區", "Hedong District", "tianjin", "municipal_district"),
    ("wuqing", "武清區", "Wuqing District", "tianjin", "municipal_district"),
    ("hengshui", "衡水市", "Hengshui", "hebei", "prefecture_city"),
    ("hejian", "河間市", "Hejian", "hebei", "county_city"),
    ("taiyuan", "太原市", "Taiyuan", "shanxi", "provincial_capital"),
    ("jincheng", "晉城市", "Jincheng", "shanxi", "prefecture_city"),
    ("hohhot", "呼和浩特市", "Hohhot", "inner-mongolia", "provincial_capital"),
    ("ordos", "鄂爾多斯市", "Ordos", "inner-mongolia", "prefecture_city"),
    ("shenyang", "沈陽市", "Shenyang", "liaoning", "provincial_capital"),
    ("benxi", "本溪市", "Benxi", "liaoning", "prefecture_city"),
    ("yichun", "伊春市", "Yichun", "heilongjiang", "prefecture_city"),
    ("jixi", "雞西市", "Jixi", "heilongjiang", "prefecture_city"),
]

PROVINCES = [
    ("beijing", "北京市", "municipality"),
    ("tianjin", "天津市", "municipality"),
    ("hebei", "河北省", "province"),
    ("shanxi", "山西省", "province"),
    ("inner-mongolia", "內蒙古自治區", "autonomous_region"),
    ("liaoning", "遼寧省", "province"),
    ("heilongjiang", "黑龍江省", "province"),
]

# (city, a word of the initiative's title, date, precision, accepted events)
EVENTS = [
    ("shenyang", "社會信用條例", "2024-01-01", "day", {"took_effect"}),
    ("jincheng", "鳳城分", "2024-09-20", "day", {"launched"}),
    ("haidian", "開放信用監管數據", "2025-03-14", "day", {"signed"}),
    ("ordos", "信用承諾函替代投標保證金", "2025-05-27", "day", {"took_effect", "started"}),
    ("hengshui", "一中心兩平臺", "2023-01-01", "year", {"approved"}),
    ("shenyang", "企業上市申請", "2023-08-01", "month", {"started"}),
    ("shenyang", "專項信用報告替代無違法違規記錄證明", "2025-02-01", "month", {"issued"}),
    ("jincheng", "八條舉措", "2025-06-01", "month", {"issued"}),
    ("hohhot", "房地產開發企業", "2023-01-01", "year", {"issued"}),
    ("hohhot", "信用幫辦驛站", "2024-01-01", "year", {"started"}),
    ("wuqing", "信用園區", "2025-01-01", "year", {"awarded"}),
    ("jixi", "企業訴求直通車", "2025-01-01", "year", {"launched"}),
]

MODELS = [
    ("data-opening", "數據開放驅動型模式", "haidian"),
    ("institutional-innovation", "制度創新引領型模式", "taiyuan"),
    ("scenario-application", "場景應用創新型模式", "jincheng"),
    ("cross-regional", "跨區域協同型模式", "yichun"),
    ("ai-empowered", "AI 技術賦能型模式", "ordos"),
]

LESSONS = [
    ("problem-oriented", "堅持問題導向", {"haidian", "taiyuan"}),
    ("top-level-design", "注重頂層設計", {"shenyang", "hohhot"}),
    ("technology-support", "強化技術支撐", {"haidian", "ordos"}),
    ("application-oriented", "突出應用導向", set()),
    ("coordination", "推進協同聯動", {"wuqing", "jincheng"}),
]


def nospace(text):
    return "".join(text.split())


@cache
def report_text():
    """The report's text: only for tests marked `source_report`, which skip when it is absent (conftest.py)."""
    return settings.SOURCE_REPORT_PATH.read_text(encoding="utf-8")


@cache
def report_nospace():
    return nospace(report_text())


@cache
def city_sections():
    """{city heading: (province heading, [paragraphs after the introduction line])} parsed from the report."""
    names = {name for _slug, name, *_ in CITIES}
    sections, province, current = {}, None, None
    for line in report_text().splitlines():
        line = line.strip()
        if line == SUMMARY_HEADING:
            break
        if line.endswith("創新示范研究"):
            province, current = line, None
        elif line in names:
            current = sections[line] = (province, [])
        elif current is not None and line:
            current[1].append(line)
    return {name: (prov, paras[1:]) for name, (prov, paras) in sections.items()}  # drop the introduction


def paragraph_headings(paragraphs):
    """The heading each paragraph falls under; a paragraph without its own heading keeps the one before."""
    headings, last = [], None
    for paragraph in paragraphs:
        match = re.match(r"^(.{1,20}?方面)[,，]", paragraph)
        last = match.group(1) if match else last
        headings.append(last)
    return headings


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


# ------------------------------------------------------------------ figures


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


# ------------------------------------------------------------------ initiatives


@pytest.mark.source_report
def test_each_paragraph_of_each_city_has_an_initiative():
    sections = city_sections()
    for slug, name, *_ in CITIES:
        assert len(sections[name][1]) == PARAGRAPHS[slug], f"{slug}: the report has other paragraphs"
        city = City.objects.get(slug=slug)
        assert city.initiatives.count() >= PARAGRAPHS[slug]
        covered = set(city.initiatives.values_list("report_paragraph", flat=True))
        assert covered == set(range(1, PARAGRAPHS[slug] + 1)), slug


@pytest.mark.source_report
def test_initiatives_point_at_their_place_in_the_report():
    sections = city_sections()
    for i in Initiative.objects.select_related("city", "category"):
        province_heading, paragraphs = sections[i.city.name_zh]
        assert i.category_id
        assert i.description_zh.strip() and i.description_en.strip(), i
        assert i.title_zh.strip() and i.title_en.strip(), i
        assert i.heading.endswith("方面") and i.heading in report_text(), i.heading
        assert i.report_section == f"{province_heading} › {i.city.name_zh}", i.report_section
        assert 1 <= i.report_paragraph <= len(paragraphs), i
        assert i.heading == paragraph_headings(paragraphs)[i.report_paragraph - 1], f"{i.city.slug}/{i.slug}"
        assert i.review_status == "unchecked"
        for place in filter(None, i.sub_locality.split("、")):
            assert place in nospace("".join(paragraphs)), place


@pytest.mark.source_report
def test_taiyuan_paragraph_without_heading_belongs_to_the_one_before():
    paragraphs = city_sections()["太原市"][1]
    assert paragraphs[1].startswith("具體舉措包括")
    assert Initiative.objects.filter(city__slug="taiyuan", report_paragraph=2, heading="信用修復制度創新方面").exists()


@pytest.mark.source_report
def test_names_in_titles_are_the_reports():
    for i in Initiative.objects.all():
        for name in re.findall(r"“[^“”]+”|《[^《》]+》", i.title_zh):
            assert nospace(name) in report_nospace(), f"{i.slug}: {name}"


@pytest.mark.source_report
def test_numbers_in_chinese_texts_come_from_the_citys_section():
    sections = city_sections()
    for i in Initiative.objects.select_related("city"):
        section = nospace("".join(sections[i.city.name_zh][1]))
        for number in re.findall(r"\d+(?:\.\d+)?(?:[萬億])?", i.title_zh + i.description_zh):
            assert number in section, f"{i.city.slug}/{i.slug}: {number}"
    for city in City.objects.all():
        section = nospace("".join(sections[city.name_zh][1]))
        for number in re.findall(r"\d+(?:\.\d+)?(?:[萬億])?", city.summary_zh):
            assert number in section, f"{city.slug}: {number}"


def normalised(text):
    """Only letters, digits and CJK characters: punctuation and spaces cannot hide a copied sentence."""
    return "".join(ch for ch in text if ch.isalnum())


def copied_run(text, length=30):
    source, own = normalised(report_text()), normalised(text)
    for start in range(len(own) - length + 1):
        if own[start : start + length] in source:
            return own[start : start + length]
    return None


@pytest.mark.source_report
def test_descriptions_are_in_our_own_words():
    texts = [(f"initiative {i.city_id}/{i.slug}", i.description_zh) for i in Initiative.objects.all()]
    texts += [(f"city {c.slug}", c.summary_zh) for c in City.objects.all()]
    texts += [(f"model {m.slug}", m.description_zh) for m in InnovationModel.objects.all()]
    texts += [(f"lesson {le.slug}", le.description_zh) for le in Lesson.objects.all()]
    report = Source.objects.get()
    texts += [("introduction", report.introduction_zh), ("call to vote", report.call_to_vote_zh)]
    copies = [(where, run) for where, text in texts if (run := copied_run(text))]
    assert not copies, copies


def test_event_dates():
    for city, word, day, precision, events in EVENTS:
        matches = Initiative.objects.filter(city__slug=city, title_zh__contains=word)
        assert matches.count() == 1, (city, word)
        i = matches.get()
        assert (i.date.isoformat(), i.date_precision) == (day, precision), (city, word)
        assert i.date_event in events, (city, word)
    assert Initiative.objects.dated().count() == len(EVENTS)


# ------------------------------------------------------------------ places, models, lessons, report


def test_provinces_and_cities():
    assert list(Province.objects.values_list("slug", "name_zh", "kind")) == PROVINCES
    assert list(Province.objects.values_list("order", flat=True)) == list(range(1, 8))
    stored = [(c.slug, c.name_zh, c.name_en, c.province.slug, c.level) for c in City.objects.select_related("province")]
    assert stored == CITIES
    assert list(City.objects.values_list("order", flat=True)) == list(range(1, 15))
    for city in City.objects.all():
        assert city.summary_zh.strip() and city.summary_en.strip()


@pytest.mark.source_report
def test_innovation_models():
    stored = [(m.slug, m.name_zh, m.representative_city.slug) for m in InnovationModel.objects.all()]
    assert stored == MODELS
    for m in InnovationModel.objects.all():
        assert f"{m.name_zh}:以" in report_text()
        assert m.representative_city in m.cities.all()
        for field in ("description", "focus", "approach", "scenarios", "results"):
            assert getattr(m, f"{field}_zh").strip() and getattr(m, f"{field}_en").strip(), (m.slug, field)


@pytest.mark.source_report
def test_lessons():
    stored = [(le.slug, le.title_zh, {c.slug for c in le.cities.all()}) for le in Lesson.objects.all()]
    assert stored == LESSONS
    for le in Lesson.objects.all():
        assert f"{le.title_zh}:" in report_text()


@pytest.mark.source_report
def test_report_row():
    report = Source.objects.get()
    assert report.slug == "report" and report.title_is_descriptive
    assert (report.publisher, report.platform, report.editor, report.proofreader) == (
        "源點蘇研院",
        "網易號",
        "源源",
        "昊宇",
    )
    assert (report.period_start_year, report.period_end_year) == (2023, 2025)
    assert report.disclaimer_zh.startswith("注") and report.disclaimer_zh in report_text()
    assert report.platform_notice.startswith("Notice:") and report.platform_notice in report_text()
    for field in ("title_zh", "title_en", "introduction_zh", "introduction_en", "call_to_vote_zh", "call_to_vote_en"):
        assert getattr(report, field).strip(), field
    assert report.disclaimer_en.strip()


def test_categories():
    slugs = set(InitiativeCategory.objects.values_list("slug", flat=True))
    assert slugs == {
        "credit-repair",
        "credit-report-substitution",
        "finance",
        "platforms-data",
        "supervision",
        "application-scenarios",
        "government-services",
        "regional-cooperation",
        "grassroots-governance",
        "rules-law",
        "technology",
        "credit-services",
    }


def test_loading_twice_changes_nothing():
    models = [m for m in apps.get_models() if m._meta.app_label in ("cities", "initiatives")]

    def counts():
        return {m.__name__: m.objects.count() for m in models}

    before = counts()
    call_command("load_report", force=True, verbosity=0)
    after_first = counts()
    call_command("load_report", force=True, verbosity=0)
    assert before == after_first == counts()
    assert before["City"] == 14 and before["Metric"] == len(FIGURES)

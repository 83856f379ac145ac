"""The fixtures' provinces, cities, innovation model types, lessons, themes and report row are the report's, and
loading them twice changes nothing."""

import pytest
from django.apps import apps
from django.core.management import call_command
from report_figures import FIGURES

from cities.models import City, InnovationModel, Lesson, Province, Source
from initiatives.models import InitiativeCategory
from tests.fidelity_support import CITIES, report_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("report_data")]

PROVINCES = [
    ("beijing", "北京市", "municipality"),
    ("tianjin", "天津市", "municipality"),
    ("hebei", "河北省", "province"),
    ("shanxi", "山西省", "province"),
    ("inner-mongolia", "內蒙古自治區", "autonomous_region"),
    ("liaoning", "遼寧省", "province"),
    ("heilongjiang", "黑龍江省", "province"),
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

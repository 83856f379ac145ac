"""The data model refuses what the report could never say: duplicates, negative figures, bad dates."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from cities.models import City, Province, Source
from initiatives.models import Initiative, InitiativeCategory, Metric
from tests.figure_support import made_up_metric


@pytest.fixture(autouse=True)
def english():
    """The messages are checked as written in the code (English); the catalogs translate them for readers."""
    with translation.override("en"):
        yield


def make_city(province, **fields):
    """A made-up city of `province`; `fields` change any of its values."""
    names = {"name_zh": "測試市", "name_en": "Test City", "summary_zh": "摘要", "summary_en": "Summary"}
    values = {"slug": "test-city", "level": "prefecture_city", **names, **fields}
    return City.objects.create(province=province, **values)


@pytest.fixture
def initiative(db):
    province = Province.objects.create(slug="test-province", name_zh="測試省", name_en="Test", kind="province")
    city = make_city(province)
    category = InitiativeCategory.objects.create(slug="test-category", name_zh="測試", name_en="Test")
    source = Source.objects.create(
        slug="test-source",
        title_zh="測試來源（虛構）",
        title_en="Test source (fictional)",
        publisher="測試",
        period_start_year=2024,
        period_end_year=2025,
    )
    return Initiative.objects.create(
        source=source,
        city=city,
        category=category,
        slug="test",
        heading="測試方面",
        title_zh="測試",
        title_en="Test",
        description_zh="說明",
        description_en="Description",
        report_section="測試",
        report_paragraph=1,
    )


def make_metric(initiative, **fields):
    return made_up_metric(initiative=initiative, source=initiative.source, **fields)


def test_duplicate_city_slug_is_refused(initiative):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_city(initiative.city.province, name_zh="重複", name_en="Duplicate")


def test_duplicate_slug_is_a_clear_validation_error(initiative):
    duplicate = InitiativeCategory(slug="test-category", name_zh="重複", name_en="Duplicate")
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "slug" in str(error.value).lower()


def test_negative_value_is_refused(initiative):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_metric(initiative, value=Decimal("-1")).save()
    with pytest.raises(ValidationError, match="cannot be negative"):
        make_metric(initiative, value=Decimal("-1")).full_clean()


@pytest.mark.parametrize(
    "as_of, precision",
    [
        (datetime.date(2026, 1, 15), "month"),  # a month is stored as its first day
        (datetime.date(2025, 3, 1), "year"),  # a year is stored as 1 January
        (datetime.date(2025, 3, 1), ""),  # a date needs a precision
        (None, "month"),  # a precision needs a date
        (datetime.date(2025, 3, 1), "week"),  # not a precision at all
    ],
)
def test_bad_precision_is_refused(initiative, as_of, precision):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_metric(initiative, as_of=as_of, as_of_precision=precision).save()


def test_bad_precision_message_is_clear(initiative):
    metric = make_metric(initiative, as_of=datetime.date(2026, 1, 15), as_of_precision="month")
    with pytest.raises(ValidationError, match="month is stored as its first day"):
        metric.full_clean()


@pytest.mark.parametrize(
    "as_of, precision",
    [(datetime.date(2026, 1, 1), "month"), (datetime.date(2024, 1, 1), "year"), (datetime.date(2025, 3, 14), "day")],
)
def test_valid_precisions_are_stored(initiative, as_of, precision):
    make_metric(initiative, as_of=as_of, as_of_precision=precision).save()
    assert Metric.objects.get(initiative=initiative).as_of == as_of


def test_same_position_twice_on_an_initiative_is_refused(initiative):
    make_metric(initiative).save()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_metric(initiative).save()


def test_range_upper_below_lower_is_refused(initiative):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_metric(initiative, value=Decimal(2), value_max=Decimal(1)).save()


def test_period_end_before_start_is_refused(initiative):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_metric(initiative, period_start=datetime.date(2025, 1, 1), period_end=datetime.date(2024, 12, 31)).save()


def test_every_model_has_a_readable_str(initiative):
    metric = make_metric(initiative)
    metric.save()
    assert str(initiative.city) == "測試市"
    assert str(initiative) == "測試市：測試"
    assert str(metric) == "數：7.58萬家"

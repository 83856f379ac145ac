"""Each model declares its published fields once (PUBLISHED_FIELDS); the fixtures, the dataset and imports follow."""

import pytest

from cities.models import City, InnovationModel, Lesson, Province, Source
from editing import fixtures
from editing.resources import (
    CityResource,
    InitiativeCategoryResource,
    InitiativeResource,
    InnovationModelResource,
    LessonResource,
    MetricKindResource,
    MetricResource,
    ProvinceResource,
    SourceResource,
    TopicResource,
)
from initiatives import dataset
from initiatives.models import Initiative, InitiativeCategory, Metric, MetricKind, Topic

# Kept in the database, not published: derived search columns and who reviewed a row when.
NOT_PUBLISHED = {"id", "search_name", "search_text", "reviewed_by", "reviewed_at"}
RESOURCES = {
    Source: SourceResource,
    Province: ProvinceResource,
    City: CityResource,
    InnovationModel: InnovationModelResource,
    Lesson: LessonResource,
    InitiativeCategory: InitiativeCategoryResource,
    Topic: TopicResource,
    MetricKind: MetricKindResource,
    Initiative: InitiativeResource,
    Metric: MetricResource,
}


@pytest.mark.parametrize("model", list(RESOURCES), ids=lambda model: model.__name__)
def test_every_field_of_a_model_is_published_or_named_as_kept_back(model):
    # A new field fails here until it is added to PUBLISHED_FIELDS (or to NOT_PUBLISHED, with a reason).
    names = {field.name for field in model._meta.get_fields() if field.concrete}
    assert set(model.PUBLISHED_FIELDS) == names - NOT_PUBLISHED


@pytest.mark.parametrize("model", list(RESOURCES), ids=lambda model: model.__name__)
def test_imports_and_exports_carry_the_published_fields(model):
    columns = {field.column_name for field in RESOURCES[model]().get_export_fields()}
    assert set(model.PUBLISHED_FIELDS) <= columns
    assert not columns & {"id", "search_name", "search_text"}


def test_the_fixtures_and_the_dataset_list_the_published_fields_in_order():
    assert {model for _, model in fixtures.LAYOUT} == set(RESOURCES)
    for table in dataset.tables():
        model = next(model for model, name in dataset.TABLE_OF.items() if name == table.name)
        listed = [column.name for column in table.columns if column.name != "id"]
        if model is Metric:  # the figure's initiative, then its city, lead the row
            assert listed[:2] == ["initiative", "city"]
            listed = ["initiative", *listed[2:]]
        assert listed == list(model.PUBLISHED_FIELDS), table.name

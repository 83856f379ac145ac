"""The cities app's models: sources (sources), provinces and cities (places), and what a source concludes across
cities, its model types and lessons (findings)."""

from cities.models.findings import InnovationModel, InnovationModelQuerySet, Lesson, LessonQuerySet
from cities.models.places import (
    PICKER_SHORT_LIST_SIZE,
    City,
    CityQuerySet,
    Province,
    ProvinceQuerySet,
    initiative_models,
)
from cities.models.sources import Source, SourceQuerySet, section_fields, source_field

__all__ = [
    "PICKER_SHORT_LIST_SIZE",
    "City",
    "CityQuerySet",
    "InnovationModel",
    "InnovationModelQuerySet",
    "Lesson",
    "LessonQuerySet",
    "Province",
    "ProvinceQuerySet",
    "Source",
    "SourceQuerySet",
    "initiative_models",
    "section_fields",
    "source_field",
]

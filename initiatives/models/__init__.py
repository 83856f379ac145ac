"""The initiatives app's models: review fields (review), categories and figure kinds (categories), initiatives
(initiative) and their figures (figures)."""

from initiatives.models.categories import (
    Basis,
    InitiativeCategory,
    InitiativeCategoryQuerySet,
    MeasureFamily,
    MetricKind,
)
from initiatives.models.facet_rows import FacetRow
from initiatives.models.figures import Metric, MetricManager, MetricQuerySet
from initiatives.models.initiative import Initiative, InitiativeManager, InitiativeQuerySet
from initiatives.models.review import (
    CHECKED_STATUSES,
    Precision,
    ReviewFields,
    ReviewQuerySet,
    ReviewStatus,
    precision_constraint,
)
from initiatives.models.topics import Topic, TopicQuerySet

__all__ = [
    "Basis",
    "MeasureFamily",
    "CHECKED_STATUSES",
    "FacetRow",
    "Initiative",
    "InitiativeCategory",
    "InitiativeCategoryQuerySet",
    "InitiativeManager",
    "InitiativeQuerySet",
    "Metric",
    "MetricKind",
    "MetricManager",
    "MetricQuerySet",
    "Precision",
    "ReviewFields",
    "ReviewQuerySet",
    "ReviewStatus",
    "Topic",
    "TopicQuerySet",
    "precision_constraint",
]

"""The initiatives app's models: review fields (review), categories and figure kinds (categories), initiatives and
their figures (initiative)."""

from initiatives.models.categories import InitiativeCategory, InitiativeCategoryQuerySet, MetricKind
from initiatives.models.initiative import (
    Initiative,
    InitiativeManager,
    InitiativeQuerySet,
    Metric,
    MetricManager,
    MetricQuerySet,
)
from initiatives.models.review import (
    CHECKED_STATUSES,
    Precision,
    ReviewFields,
    ReviewQuerySet,
    ReviewStatus,
    precision_constraint,
)

__all__ = [
    "CHECKED_STATUSES",
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
    "precision_constraint",
]

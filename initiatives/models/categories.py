"""How the report classifies initiatives (categories, the themes of a city's page) and figures (kinds)."""

import reversion
from django.db import models
from django.db.models import Count, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from core.content import ContentQuerySet, SlugManager
from core.object_urls import object_url
from initiatives.models.topics import Classifier, with_initiative_counts


class InitiativeCategoryQuerySet(ContentQuerySet):
    def in_province(self, province):
        """The categories the province's initiatives are in, each with their number (one query that starts from the
        province's cities, not from every initiative: 280 → 10 ms at 300,000 initiatives)."""
        return (
            self.filter(initiatives__city__province=province)
            .annotate(initiative_count=Count("initiatives"))
            .order_by("order", "slug")  # Meta.ordering does not apply to an aggregating query
        )

    def with_counts(self):
        """Each category with its number of initiatives and of cities that have one (one query)."""
        # Initiative, through the relation it declares (this module sits below the one that defines it).
        initiative = self.model._meta.get_field("initiatives").related_model
        # Both counts read the (category, city) index alone.
        return with_initiative_counts(self, initiative.objects.filter(category=OuterRef("pk")))


@reversion.register()
class InitiativeCategory(Classifier):
    """A normalised theme for the report's "…方面" headings."""

    # The published data, in the order fixtures/ writes it (see cities.models.Report.PUBLISHED_FIELDS).
    PUBLISHED_FIELDS = ("slug", "order", "name_zh", "name_en", "description_zh", "description_en")

    objects = SlugManager.from_queryset(InitiativeCategoryQuerySet)()

    class Meta(Classifier.Meta):
        verbose_name = _("initiative category")
        verbose_name_plural = _("initiative categories")
        constraints = [models.UniqueConstraint(fields=["slug"], name="category_unique_slug")]

    def get_absolute_url(self):
        return object_url("category_detail", self.slug)


class Basis(models.TextChoices):
    """What span of time a figure covers: only figures of one basis can be ranked against each other."""

    STOCK = "stock", _("as of a date")
    FLOW = "flow", _("over a stated period")
    CUMULATIVE = "cumulative", _("cumulative since the programme began")
    SHARE = "share", _("a share or percentage change")


class MeasureFamily(models.TextChoices):
    """Related measures, shown beside each other as separate tables, never ranked together."""

    LENDING = "lending", _("Credit-based lending")
    REPAIR = "repair", _("Credit repair")
    CREDIT_REPORTS = "credit-reports", _("Credit reports instead of certificates")
    CREDIT_DATA = "credit-data", _("Credit data")
    PROCESSING_TIME = "processing-time", _("Processing time")


@reversion.register(follow=("metrics",))
class MetricKind(Classifier):
    """A measure: one concept (loans disbursed, credit lines granted, …) on one basis, so its figures can be ranked.

    Kinds of the same concept on different bases share their names and differ in `basis`; related concepts share
    a `family`, whose page shows them side by side as separate tables.
    """

    unit = models.CharField(_("canonical unit"), max_length=20)
    unit_en = models.CharField(_("canonical unit (English)"), max_length=40)
    basis = models.CharField(_("basis"), max_length=10, choices=Basis.choices)
    family = models.CharField(_("family"), max_length=20, choices=MeasureFamily.choices)

    # The published data, in the order fixtures/ writes it: the fixtures, the dataset download, imports and exports
    # (and the API) all list these fields from here.
    PUBLISHED_FIELDS = (
        *("slug", "order", "name_zh", "name_en", "unit", "unit_en", "basis", "family"),
        *("description_zh", "description_en"),
    )

    objects = SlugManager()

    class Meta(Classifier.Meta):
        verbose_name = _("metric kind")
        verbose_name_plural = _("metric kinds")
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="metric_kind_unique_slug"),
            # One concept is one kind per basis.
            models.UniqueConstraint(fields=["name_en", "basis"], name="metric_kind_unique_concept_basis"),
            models.CheckConstraint(condition=Q(basis__in=Basis.values), name="metric_kind_valid_basis"),
            models.CheckConstraint(condition=Q(family__in=MeasureFamily.values), name="metric_kind_valid_family"),
        ]

    def __str__(self):
        return f"{self.name_zh}（{self.get_basis_display()}）"

    def get_absolute_url(self):
        return object_url("metric_kind_detail", self.slug)

"""The figures a source gives for an initiative, exactly as written and as expanded numbers."""

from decimal import Decimal

import reversion
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cities.models import section_fields, source_field
from core.content import reads
from core.search_index import SearchIndexed
from initiatives import validation
from initiatives.models.categories import Basis, MetricKind
from initiatives.models.initiative import Initiative
from initiatives.models.review import Precision, ReviewFields, ReviewQuerySet, precision_constraint


class MetricManager(models.Manager):
    def get_by_natural_key(self, city_slug, initiative_slug, position):
        return self.get(initiative__city__slug=city_slug, initiative__slug=initiative_slug, position=position)


class MetricQuerySet(ReviewQuerySet):
    def for_list(self):
        return self.select_related("initiative__city__province", "initiative__category", "kind", "source")

    def transcription_example(self):
        """A figure that shows how the report's writing is stored: a qualifier and an as-of date if any."""
        return (
            self.select_related("initiative__city")
            .annotate(
                example_rank=models.Case(
                    models.When(~Q(qualifier="exact") & Q(as_of__isnull=False), then=0),
                    models.When(~Q(qualifier="exact"), then=1),
                    default=2,
                )
            )
            .order_by("example_rank", "initiative__city__order", "initiative__order", "position")
            .first()
        )


class Qualifier(models.TextChoices):
    EXACT = "exact", _("no qualifier")
    OVER = "over", _("over")  # 超, 突破, 以上
    ABOUT = "about", _("about")  # 約, 左右
    NEARLY = "nearly", _("nearly")  # 近
    MORE_THAN = "more_than", _("more than")  # 余, 多
    WITHIN = "within", _("within")  # 以內


@reversion.register()
class Metric(SearchIndexed, ReviewFields):
    """One figure from the report, exactly as written and as an expanded number."""

    search_bigram_index = True  # see core.search_index.SearchContains

    search_name_fields = ("label_zh", "label_en")
    search_text_fields = ("as_written", "time_as_written")
    search_related = ("initiative.city",)

    Qualifier = Qualifier

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="metrics", verbose_name=_("initiative")
    )
    position = models.PositiveSmallIntegerField(_("position within the initiative"))
    label_zh = models.CharField(_("label (Chinese)"), max_length=120)
    label_en = models.CharField(_("label (English)"), max_length=200)
    value = models.DecimalField(
        _("value"), max_digits=24, decimal_places=4, help_text=_("Fully expanded: 7.58萬 is 75800.")
    )
    value_max = models.DecimalField(
        _("upper value"),
        max_digits=24,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Only for a range such as 1-2."),
    )
    unit = models.CharField(_("unit"), max_length=20, help_text=_("家, 條, 元, 戶, 項, 個, %, …"))
    unit_en = models.CharField(_("unit (English)"), max_length=40)
    qualifier = models.CharField(_("qualifier"), max_length=10, choices=Qualifier.choices, default=Qualifier.EXACT)
    second_qualifier = models.CharField(
        _("second qualifier"),
        max_length=10,
        choices=Qualifier.choices,
        blank=True,
        help_text=_("Only where the report stacks two, as 約1000余萬元: about (約) and more than (余)."),
    )
    as_written = models.CharField(_("as the report writes it"), max_length=60)
    as_of = models.DateField(_("as of"), null=True, blank=True)
    as_of_precision = models.CharField(_("as-of precision"), max_length=10, choices=Precision.choices, blank=True)
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_precision = models.CharField(
        _("period-start precision"),
        max_length=10,
        choices=Precision.choices,
        blank=True,
        help_text=_("How much of the period's start the report gives: 2024年以來 is a year, since 2024."),
    )
    period_end = models.DateField(_("period to"), null=True, blank=True)
    time_as_written = models.CharField(
        _("time as the report writes it"), max_length=60, blank=True, help_text=_("e.g. 截至2025年2月, 2024年全年")
    )
    basis = models.CharField(
        _("basis"),
        max_length=10,
        choices=Basis.choices,
        blank=True,
        help_text=_(
            "Empty for what is not an amount over time (a duration, a scale, a level). "
            "A figure of a measure has the measure's basis."
        ),
    )
    # A figure cites its own source: its initiative's, or a later one that updates it (figures over time).
    source = source_field("metrics")
    report_section, report_paragraph = section_fields(required=False)
    kind = models.ForeignKey(
        MetricKind,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="metrics",
        verbose_name=_("metric kind"),
    )

    # The published data, in the order fixtures/ writes it: the fixtures, the dataset download, imports and exports
    # (and the API) all list these fields from here.
    PUBLISHED_FIELDS = (
        "initiative",
        "position",
        "label_zh",
        "label_en",
        "value",
        "value_max",
        "unit",
        "unit_en",
        "qualifier",
        "second_qualifier",
        "as_written",
        "as_of",
        "as_of_precision",
        "period_start",
        "period_precision",
        "period_end",
        "time_as_written",
        "basis",
        "kind",
        "source",
        "report_section",
        "report_paragraph",
        "review_status",
    )

    objects = MetricManager.from_queryset(MetricQuerySet)()

    class Meta:
        ordering = ["initiative__city__order", "initiative__order", "position"]
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        constraints = [
            models.UniqueConstraint(fields=["initiative", "position"], name="metric_unique_position"),
            models.CheckConstraint(
                condition=Q(value__gte=Decimal(0)),
                name="metric_value_not_negative",
                violation_error_message=_("A figure cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(value_max__isnull=True) | Q(value_max__gte=models.F("value")),
                name="metric_range_in_order",
            ),
            models.CheckConstraint(
                condition=Q(qualifier__in=Qualifier.values),
                name="metric_valid_qualifier",
            ),
            models.CheckConstraint(
                condition=Q(second_qualifier="")
                | (Q(second_qualifier__in=Qualifier.values[1:]) & ~Q(qualifier=Qualifier.EXACT)),
                name="metric_second_qualifier_follows_a_first",
            ),
            models.CheckConstraint(condition=Q(basis="") | Q(basis__in=Basis.values), name="metric_valid_basis"),
            precision_constraint("period_start", "period_precision", "metric_period_precision_valid"),
            models.CheckConstraint(condition=~Q(unit=""), name="metric_unit_required"),
            precision_constraint("as_of", "as_of_precision", "metric_as_of_precision_valid"),
            models.CheckConstraint(
                condition=Q(report_section="", report_paragraph__isnull=True)
                | (~Q(report_section="") & Q(report_paragraph__isnull=False)),
                name="metric_section_with_paragraph",
            ),
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_end__gte=models.F("period_start")),
                name="metric_period_in_order",
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "value"], name="metric_kind_value"),
            # A measure's summary (initiatives/measures.py) and its other units read this index alone, not the
            # figures scattered over the table: 248 → 79 ms and 160 → 11 ms for 42,000 figures (PostgreSQL).
            models.Index(
                fields=["kind", "unit"],
                include=[
                    "id",
                    "initiative",
                    "qualifier",
                    "as_of",
                    "as_of_precision",
                    "period_start",
                    "period_end",
                    "time_as_written",
                ],
                name="metric_kind_summary",
            ),
            # The year facet's range: MIN and MAX of each date column (initiatives/filters.py).
            models.Index(fields=["as_of"], name="metric_as_of"),
            models.Index(fields=["period_start"], name="metric_period_start"),
            models.Index(fields=["period_end"], name="metric_period_end"),
            # A measure's first source and its figures from later ones (initiatives/history.py): index lookups.
            models.Index(fields=["kind", "source"], name="metric_kind_source"),
        ]

    def __str__(self):
        return f"{self.label_zh}：{self.as_written}"

    def clean(self):
        validation.raise_if_any(validation.figure_errors(self))

    def save(self, *args, **kwargs):
        if self.source_id is None and self.initiative_id is not None:  # a figure defaults to its initiative's source
            self.source_id = self.initiative.source_id
        super().save(*args, **kwargs)

    def natural_key(self):
        return self.initiative.natural_key() + (self.position,)

    @property
    @reads("report_section", "initiative__report_section")
    def cited_section(self):
        """The section of its source the figure is in: its own, or (when empty) its initiative's."""
        return self.report_section or self.initiative.report_section

    @property
    @reads("report_section", "report_paragraph", "initiative__report_paragraph")
    def cited_paragraph(self):
        return self.report_paragraph if self.report_section else self.initiative.report_paragraph

    natural_key.dependencies = ["cities.source", "initiatives.initiative", "initiatives.metrickind"]

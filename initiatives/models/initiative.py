"""The initiatives of each city, and the figures the report gives for them."""

from decimal import Decimal

import reversion
from django.db import models
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from cities.models import City
from core.search_index import SearchIndexed, normalize
from initiatives import validation
from initiatives.models.categories import Basis, InitiativeCategory, MetricKind
from initiatives.models.review import Precision, ReviewFields, ReviewQuerySet, precision_constraint
from initiatives.models.topics import Topic


class InitiativeManager(models.Manager):
    def get_by_natural_key(self, city_slug, slug):
        return self.get(city__slug=city_slug, slug=slug)


class InitiativeQuerySet(ReviewQuerySet):
    def for_list(self):
        """What every list of initiatives shows: city, province and category in the same query."""
        return self.select_related("city__province", "category")

    def with_tags(self):
        """Each initiative with its additional categories and topics (two more queries)."""
        return self.prefetch_related("additional_categories", "topics")

    def carrying(self, theme):
        """Initiatives that carry a category (as their own or as an additional one) or a topic."""
        if isinstance(theme, Topic):
            return self.filter(topics=theme)
        additional = Initiative.additional_categories.through.objects.filter(
            initiative=OuterRef("pk"), initiativecategory=theme
        )
        return self.filter(Q(category=theme) | Exists(additional))

    def with_metric_count(self):
        return self.annotate(metric_count=Count("metrics"))

    def by_theme(self):
        """Grouped by category (in the categories' order), then in the report's order."""
        return self.select_related("category").order_by("category__order", "category_id", "city__order", "order")

    def dated(self):
        return self.filter(date__isnull=False)

    def with_figures(self):
        """Each initiative with its figures, their kinds included (one more query)."""
        return self.prefetch_related(
            Prefetch("metrics", queryset=Metric.objects.select_related("kind").order_by("position"))
        )

    def matching(self, keyword):
        """Initiatives whose titles, heading, descriptions or sub-locality, or their city's names, contain the keyword.

        Matched on the normalised search column (core.search_index), as the site search does: Simplified or
        Traditional, width, case and spaces do not matter, and PostgreSQL's trigram index serves keywords of three
        characters or more (the six columns it replaces took 151 ms per facet at 300,000 initiatives).
        """
        needle = normalize(keyword)
        return self.filter(search_text__search_contains=needle) if needle else self

    def in_year(self, year):
        """Initiatives dated in the year, or with a figure as of, or over a period touching, that year."""
        figures = Metric.objects.filter(initiative=OuterRef("pk")).filter(
            Q(as_of__year=year) | Q(period_start__year=year) | Q(period_end__year=year)
        )
        return self.filter(Q(date__year=year) | Exists(figures))

    def with_metric_kind(self, kind_slugs):
        """Initiatives with a figure of any of these comparable measures (by slug)."""
        return self.filter(Exists(Metric.objects.filter(initiative=OuterRef("pk"), kind__slug__in=kind_slugs)))

    def having_figures(self, has_figures=True):
        figures = Exists(Metric.objects.filter(initiative=OuterRef("pk")))
        return self.filter(figures if has_figures else ~figures)


@reversion.register(follow=("metrics",))
class Initiative(SearchIndexed, ReviewFields):
    """One programme or measure a city reports, from one "…方面" paragraph of the report."""

    search_bigram_index = True  # see core.search_index.SearchContains

    search_name_fields = ("title_zh", "title_en")
    search_text_fields = ("heading", "description_zh", "description_en", "sub_locality")
    search_related = ("city",)
    search_m2m = ("topics",)
    search_dependents = (("initiatives.Metric", "initiative"),)

    class DateEvent(models.TextChoices):
        TOOK_EFFECT = "took_effect", _("took effect")
        LAUNCHED = "launched", _("went live")
        SIGNED = "signed", _("signed")
        ISSUED = "issued", _("issued")
        APPROVED = "approved", _("approved")
        AWARDED = "awarded", _("awarded")
        STARTED = "started", _("started")

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="initiatives", verbose_name=_("city"))
    category = models.ForeignKey(
        InitiativeCategory, on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("category")
    )
    slug = models.SlugField(_("slug"), max_length=80, help_text=_("Unique within the city."))
    order = models.PositiveSmallIntegerField(_("order within the city"), default=0)
    heading = models.CharField(
        _("heading in the report"), max_length=60, help_text=_("The report's own heading, e.g. 平臺建設方面.")
    )
    title_zh = models.CharField(_("title (Chinese)"), max_length=120)
    title_en = models.CharField(_("title (English)"), max_length=200)
    description_zh = models.TextField(_("description (Chinese)"))
    description_en = models.TextField(_("description (English)"))
    sub_locality = models.CharField(
        _("sub-locality"), max_length=60, blank=True, help_text=_("A county, district or street inside the city.")
    )
    additional_categories = models.ManyToManyField(
        InitiativeCategory,
        related_name="additional_initiatives",
        blank=True,
        verbose_name=_("additional categories"),
        help_text=_(
            "Further themes the report's text for this initiative carries besides its heading's, e.g. a "
            "cross-region recognition of 信用代證 reports is also 信用代證."
        ),
    )
    topics = models.ManyToManyField(
        Topic, related_name="initiatives", blank=True, verbose_name=_("topics"), help_text=_("Cross-cutting tags.")
    )
    date = models.DateField(_("date"), null=True, blank=True, help_text=_("When it took effect, went live, …"))
    date_precision = models.CharField(_("date precision"), max_length=10, choices=Precision.choices, blank=True)
    date_event = models.CharField(_("what happened on the date"), max_length=12, choices=DateEvent.choices, blank=True)
    report_section = models.CharField(
        _("report section"), max_length=60, help_text=_("e.g. 北京市創新示范研究 › 朝陽區")
    )
    report_paragraph = models.PositiveSmallIntegerField(
        _("report paragraph"),
        help_text=_("Paragraph within the city's section; 1 is the first after its introduction."),
    )

    # Its lists of further themes: many-to-many, written last in fixtures/ and the dataset download.
    TAG_FIELDS = ("additional_categories", "topics")
    # The published data, in the order fixtures/ writes it: the fixtures, the dataset download, imports and exports
    # (and the API) all list these fields from here.
    PUBLISHED_FIELDS = (
        "city",
        "category",
        "slug",
        "order",
        "heading",
        "title_zh",
        "title_en",
        "description_zh",
        "description_en",
        "sub_locality",
        "date",
        "date_precision",
        "date_event",
        "report_section",
        "report_paragraph",
        "review_status",
        *TAG_FIELDS,
    )

    objects = InitiativeManager.from_queryset(InitiativeQuerySet)()

    class Meta:
        ordering = ["city__order", "order", "id"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        constraints = [
            models.UniqueConstraint(fields=["city", "slug"], name="initiative_unique_slug_per_city"),
            precision_constraint("date", "date_precision", "initiative_date_precision_valid"),
            models.CheckConstraint(
                condition=Q(date__isnull=False) | Q(date_event=""), name="initiative_event_needs_date"
            ),
        ]
        indexes = [
            models.Index(fields=["category", "city"], name="initiative_category_city"),
            models.Index(fields=["date"], name="initiative_date"),
            # The timeline of one category, a page at a time: its dates in order, read from the index alone.
            models.Index(fields=["category", "date"], name="initiative_category_date"),
            # Figures counted by city (a measure's summary) find their initiative's city in this index alone.
            models.Index(fields=["id"], include=["city"], name="initiative_city_of_id"),
        ]

    def __str__(self):
        return f"{self.city.name_zh}：{self.title_zh}"

    def clean(self):
        validation.raise_if_any(validation.initiative_errors(self))

    def natural_key(self):
        return self.city.natural_key() + (self.slug,)

    natural_key.dependencies = ["cities.city", "initiatives.initiativecategory", "initiatives.topic"]

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("initiative_detail", args=[self.pk])


class MetricManager(models.Manager):
    def get_by_natural_key(self, city_slug, initiative_slug, position):
        return self.get(initiative__city__slug=city_slug, initiative__slug=initiative_slug, position=position)


class MetricQuerySet(ReviewQuerySet):
    def for_list(self):
        return self.select_related("initiative__city__province", "initiative__category", "kind")

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


@reversion.register()
class Metric(SearchIndexed, ReviewFields):
    """One figure from the report, exactly as written and as an expanded number."""

    search_bigram_index = True  # see core.search_index.SearchContains

    search_name_fields = ("label_zh", "label_en")
    search_text_fields = ("as_written", "time_as_written")
    search_related = ("initiative.city",)

    class Qualifier(models.TextChoices):
        EXACT = "exact", _("no qualifier")
        OVER = "over", _("over")  # 超, 突破, 以上
        ABOUT = "about", _("about")  # 約, 左右
        NEARLY = "nearly", _("nearly")  # 近
        MORE_THAN = "more_than", _("more than")  # 余, 多
        WITHIN = "within", _("within")  # 以內

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
                condition=Q(qualifier__in=["exact", "over", "about", "nearly", "more_than", "within"]),
                name="metric_valid_qualifier",
            ),
            models.CheckConstraint(
                condition=Q(second_qualifier="")
                | (Q(second_qualifier__in=["over", "about", "nearly", "more_than", "within"]) & ~Q(qualifier="exact")),
                name="metric_second_qualifier_follows_a_first",
            ),
            models.CheckConstraint(condition=Q(basis="") | Q(basis__in=Basis.values), name="metric_valid_basis"),
            precision_constraint("period_start", "period_precision", "metric_period_precision_valid"),
            models.CheckConstraint(condition=~Q(unit=""), name="metric_unit_required"),
            precision_constraint("as_of", "as_of_precision", "metric_as_of_precision_valid"),
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
        ]

    def __str__(self):
        return f"{self.label_zh}：{self.as_written}"

    def clean(self):
        validation.raise_if_any(validation.figure_errors(self))

    def natural_key(self):
        return self.initiative.natural_key() + (self.position,)

    natural_key.dependencies = ["initiatives.initiative", "initiatives.metrickind"]

from decimal import Decimal

import reversion
from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.content import ContentQuerySet
from cities.models import City, SlugManager
from cities.search_index import SearchIndexed
from initiatives import validation
from initiatives.topics import Theme, Topic, with_initiative_counts


class Precision(models.TextChoices):
    """How much of a stored date the report actually gives."""

    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


class ReviewStatus(models.TextChoices):
    UNCHECKED = "unchecked", _("unchecked")
    CHECKED = "checked", _("checked against the report")
    CORRECTED = "corrected", _("corrected")


# A corrected row was checked against the report before it was corrected.
CHECKED_STATUSES = (ReviewStatus.CHECKED, ReviewStatus.CORRECTED)


def precision_constraint(date_field, precision_field, name):
    """A date and its precision agree: month precision is stored as the 1st, year as 1 January."""
    return models.CheckConstraint(
        condition=(
            Q(**{f"{date_field}__isnull": True, precision_field: ""})
            | Q(**{f"{date_field}__isnull": False, precision_field: Precision.DAY})
            | Q(**{f"{date_field}__isnull": False, precision_field: Precision.MONTH, f"{date_field}__day": 1})
            | Q(
                **{
                    f"{date_field}__isnull": False,
                    precision_field: Precision.YEAR,
                    f"{date_field}__month": 1,
                    f"{date_field}__day": 1,
                }
            )
        ),
        name=name,
        violation_error_message=_(
            "The date and its precision disagree: a month is stored as its first day, a year as 1 January, "
            "and a date needs a precision (and no precision without a date)."
        ),
    )


class ReviewFields(models.Model):
    review_status = models.CharField(
        _("review status"), max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.UNCHECKED
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def checked(self):
        """Checked against the report (and corrected where needed): what the public pages mark as checked."""
        return self.review_status in CHECKED_STATUSES

    def stamp_review(self, user):
        """Record who changed the review status, and when."""
        self.reviewed_by = user if user is not None and user.is_authenticated else None
        self.reviewed_at = timezone.now()

    def set_review_status(self, status, user):
        self.review_status = status
        self.stamp_review(user)


class ReviewQuerySet(ContentQuerySet):
    def checked(self):
        return self.filter(review_status__in=CHECKED_STATUSES)


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
        # Both counts read the (category, city) index alone.
        return with_initiative_counts(self, Initiative.objects.filter(category=OuterRef("pk")))


@reversion.register()
class InitiativeCategory(Theme):
    """A normalised theme for the report's "…方面" headings."""

    objects = SlugManager.from_queryset(InitiativeCategoryQuerySet)()

    class Meta(Theme.Meta):
        verbose_name = _("initiative category")
        verbose_name_plural = _("initiative categories")
        constraints = [models.UniqueConstraint(fields=["slug"], name="category_unique_slug")]

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("category_detail", args=[self.slug])


@reversion.register(follow=("metrics",))
class MetricKind(SearchIndexed):
    """A measure several cities report, so their figures can be ranked side by side."""

    search_name_fields = ("name_zh", "name_en")
    search_text_fields = ("description_zh", "description_en")

    slug = models.SlugField(_("slug"), max_length=60)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name_zh = models.CharField(_("name (Chinese)"), max_length=60)
    name_en = models.CharField(_("name (English)"), max_length=100)
    unit = models.CharField(_("canonical unit"), max_length=20)
    unit_en = models.CharField(_("canonical unit (English)"), max_length=40)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    objects = SlugManager()

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("metric kind")
        verbose_name_plural = _("metric kinds")
        constraints = [models.UniqueConstraint(fields=["slug"], name="metric_kind_unique_slug")]

    def __str__(self):
        return self.name_zh

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("metric_kind_detail", args=[self.slug])


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

        Matched on the normalised search column (cities.search_index), as the site search does: Simplified or
        Traditional, width, case and spaces do not matter, and PostgreSQL's trigram index serves keywords of three
        characters or more (the six columns it replaces took 151 ms per facet at 300,000 initiatives).
        """
        from cities.search_index import normalize

        needle = normalize(keyword)
        return self.filter(search_text__search_contains=needle) if needle else self

    def in_year(self, year):
        """Initiatives dated in the year, or with a figure as of, or over a period touching, that year."""
        figures = Metric.objects.filter(initiative=OuterRef("pk")).filter(
            Q(as_of__year=year) | Q(period_start__year=year) | Q(period_end__year=year)
        )
        return self.filter(Q(date__year=year) | Exists(figures))

    def with_metric_kind(self, kind_slug):
        return self.filter(Exists(Metric.objects.filter(initiative=OuterRef("pk"), kind__slug=kind_slug)))

    def having_figures(self, has_figures=True):
        figures = Exists(Metric.objects.filter(initiative=OuterRef("pk")))
        return self.filter(figures if has_figures else ~figures)


@reversion.register(follow=("metrics",))
class Initiative(SearchIndexed, ReviewFields):
    """One programme or measure a city reports, from one "…方面" paragraph of the report."""

    search_bigram_index = True  # see cities.search_index.SearchContains

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
    date_precision = models.CharField(_("date precision"), max_length=5, choices=Precision.choices, blank=True)
    date_event = models.CharField(_("what happened on the date"), max_length=12, choices=DateEvent.choices, blank=True)
    report_section = models.CharField(
        _("report section"), max_length=60, help_text=_("e.g. 北京市創新示范研究 › 朝陽區")
    )
    report_paragraph = models.PositiveSmallIntegerField(
        _("report paragraph"),
        help_text=_("Paragraph within the city's section; 1 is the first after its introduction."),
    )

    # The fields that make up the published data, in the order fixtures/, the dataset download and imports use.
    DATA_FIELDS = (
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
    )
    # Its lists of further themes, after DATA_FIELDS in fixtures/ and the dataset download.
    TAG_FIELDS = ("additional_categories", "topics")

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

    search_bigram_index = True  # see cities.search_index.SearchContains

    search_name_fields = ("label_zh", "label_en")
    search_text_fields = ("as_written", "time_as_written")
    search_related = ("initiative.city",)

    class Qualifier(models.TextChoices):
        EXACT = "exact", _("exactly")
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
    as_written = models.CharField(_("as the report writes it"), max_length=60)
    as_of = models.DateField(_("as of"), null=True, blank=True)
    as_of_precision = models.CharField(_("as-of precision"), max_length=5, choices=Precision.choices, blank=True)
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_end = models.DateField(_("period to"), null=True, blank=True)
    time_as_written = models.CharField(
        _("time as the report writes it"), max_length=60, blank=True, help_text=_("e.g. 截至2025年2月, 2024年全年")
    )
    kind = models.ForeignKey(
        MetricKind,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="metrics",
        verbose_name=_("metric kind"),
    )

    # The fields that make up the published data, in the order fixtures/, the dataset download and imports use.
    DATA_FIELDS = (
        "initiative",
        "position",
        "label_zh",
        "label_en",
        "value",
        "value_max",
        "unit",
        "unit_en",
        "qualifier",
        "as_written",
        "as_of",
        "as_of_precision",
        "period_start",
        "period_end",
        "time_as_written",
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

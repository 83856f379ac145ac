"""The initiatives of each city, as its sources report them (their figures: initiatives.models.figures)."""

import reversion
from django.db import models
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from cities.models import City, source_field
from core.object_urls import object_url
from core.search_index import SearchIndexed, normalize
from initiatives import validation
from initiatives.models.categories import InitiativeCategory
from initiatives.models.review import Precision, ReviewFields, ReviewQuerySet, precision_constraint
from initiatives.models.topics import Topic


def figure_model():
    """Metric, reached through the relation it declares (Initiative.metrics): figures.py builds on this module."""
    return Initiative._meta.get_field("metrics").related_model


class InitiativeManager(models.Manager):
    def get_by_natural_key(self, city_slug, slug):
        return self.get(city__slug=city_slug, slug=slug)


class InitiativeQuerySet(ReviewQuerySet):
    def for_list(self):
        """What every list of initiatives shows: city, province, category and source in the same query."""
        return self.select_related("city__province", "category", "source")

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
        return self.select_related("category", "source").order_by(
            "category__order", "category_id", "city__order", "order"
        )

    def dated(self):
        return self.filter(date__isnull=False)

    def with_figures(self):
        """Each initiative with its figures, their kinds and sources included (one more query)."""
        figures = figure_model().objects.select_related("kind", "source").order_by("position")
        return self.prefetch_related(Prefetch("metrics", queryset=figures))

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
        figures = (
            figure_model()
            .objects.filter(initiative=OuterRef("pk"))
            .filter(Q(as_of__year=year) | Q(period_start__year=year) | Q(period_end__year=year))
        )
        return self.filter(Q(date__year=year) | Exists(figures))

    def with_metric_kind(self, kind_slugs):
        """Initiatives with a figure of any of these comparable measures (by slug)."""
        return self.filter(Exists(figure_model().objects.filter(initiative=OuterRef("pk"), kind__slug__in=kind_slugs)))

    def having_figures(self, has_figures=True):
        figures = Exists(figure_model().objects.filter(initiative=OuterRef("pk")))
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
    source = source_field("initiatives")
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
        "source",
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

    natural_key.dependencies = [
        *("cities.city", "cities.source", "initiatives.initiativecategory", "initiatives.topic"),
    ]

    def get_absolute_url(self):
        return object_url("initiative_detail", self.pk)

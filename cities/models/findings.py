"""What a source concludes across cities: its innovation model types and its lessons."""

import reversion
from django.db import models
from django.db.models import (
    Prefetch,
    Q,
)
from django.utils.translation import gettext_lazy as _

from cities.models.places import City
from cities.models.sources import section_fields, source_field
from core.content import ContentQuerySet, SlugManager
from core.object_urls import object_url
from core.search_index import SearchIndexed


class InnovationModelQuerySet(ContentQuerySet):
    def for_comparison(self):
        """The types with their representative city and their cities (two queries)."""
        return self.select_related("representative_city__province", "source").prefetch_related(
            Prefetch("cities", queryset=City.objects.select_related("province").order_by("order", "slug"))
        )

    def of_city(self, city):
        """The types a city belongs to or represents."""
        return self.filter(Q(cities=city) | Q(representative_city=city)).select_related("source").distinct()


@reversion.register()
class InnovationModel(SearchIndexed):
    """One of the report's five innovation model types, with the points of its comparison table."""

    search_name_fields = ("name_zh", "name_en")
    search_text_fields = (
        *("description_zh", "description_en", "focus_zh", "focus_en", "approach_zh", "approach_en"),
        *("scenarios_zh", "scenarios_en", "results_zh", "results_en"),
    )

    slug = models.SlugField(_("slug"), max_length=60)
    order = models.PositiveSmallIntegerField(_("order in the report"), default=0)
    name_zh = models.CharField(_("name (Chinese)"), max_length=60)
    name_en = models.CharField(_("name (English)"), max_length=100)
    representative_city = models.ForeignKey(
        City,
        on_delete=models.PROTECT,
        related_name="represented_models",
        verbose_name=_("representative city"),
    )
    # The report names one city per type, its representative (listed here too). Any further city is the portal's
    # own classification, shown apart from the report's city and labelled as such (portal_cities).
    cities = models.ManyToManyField(
        City,
        related_name="innovation_models",
        blank=True,
        verbose_name=_("cities of this type"),
        help_text=_(
            "The representative city and any city the report does not name for this type that the portal classifies "
            "in it; the pages show the latter apart from the report's city, as the portal's classification."
        ),
    )
    description_zh = models.TextField(_("description (Chinese)"))
    description_en = models.TextField(_("description (English)"))
    # The points the report's missing comparison table ("創新特點對比") sets side by side.
    focus_zh = models.TextField(_("innovation focus (Chinese)"), blank=True)
    focus_en = models.TextField(_("innovation focus (English)"), blank=True)
    approach_zh = models.TextField(_("implementation path (Chinese)"), blank=True)
    approach_en = models.TextField(_("implementation path (English)"), blank=True)
    scenarios_zh = models.TextField(_("application scenarios (Chinese)"), blank=True)
    scenarios_en = models.TextField(_("application scenarios (English)"), blank=True)
    results_zh = models.TextField(_("reported results (Chinese)"), blank=True)
    results_en = models.TextField(_("reported results (English)"), blank=True)
    # Where its source describes the type; in the present report, 創新模式總結與對比分析 › 創新模式類型.
    source = source_field("innovation_models")
    report_section, report_paragraph = section_fields()

    # The published data, in the order fixtures/ writes it: the fixtures, the dataset download, imports and exports
    # (and the API) all list these fields from here.
    PUBLISHED_FIELDS = (
        "slug",
        "name_zh",
        "name_en",
        "description_zh",
        "description_en",
        "focus_zh",
        "focus_en",
        "approach_zh",
        "approach_en",
        "scenarios_zh",
        "scenarios_en",
        "results_zh",
        "results_en",
        "order",
        "representative_city",
        "cities",
        "source",
        "report_section",
        "report_paragraph",
    )

    objects = SlugManager.from_queryset(InnovationModelQuerySet)()

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("innovation model type")
        verbose_name_plural = _("innovation model types")
        constraints = [models.UniqueConstraint(fields=["slug"], name="innovation_model_unique_slug")]

    def __str__(self):
        return self.name_zh

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["cities.city", "cities.source"]

    def get_absolute_url(self):
        return object_url("innovation_model_detail", self.slug)

    @property
    def portal_cities(self):
        """The further cities the portal (not the report) classifies in this type (reads `cities` as prefetched)."""
        return [city for city in self.cities.all() if city.pk != self.representative_city_id]


class LessonQuerySet(ContentQuerySet):
    def with_cities(self):
        cities = City.objects.order_by("order", "slug")
        return self.select_related("source").prefetch_related(Prefetch("cities", queryset=cities))


@reversion.register()
class Lesson(SearchIndexed):
    """One of the report's five lessons ("典型經驗"), with the cities it cites."""

    search_name_fields = ("title_zh", "title_en")
    search_text_fields = ("description_zh", "description_en")

    slug = models.SlugField(_("slug"), max_length=60)
    order = models.PositiveSmallIntegerField(_("order in the report"), default=0)
    title_zh = models.CharField(_("title (Chinese)"), max_length=60)
    title_en = models.CharField(_("title (English)"), max_length=100)
    description_zh = models.TextField(_("description (Chinese)"))
    description_en = models.TextField(_("description (English)"))
    cities = models.ManyToManyField(City, related_name="lessons", blank=True, verbose_name=_("cities cited"))
    source = source_field("lessons")
    report_section, report_paragraph = section_fields()

    # The published data, in the order fixtures/ writes it: the fixtures, the dataset download, imports and exports
    # (and the API) all list these fields from here.
    PUBLISHED_FIELDS = (
        *("slug", "title_zh", "title_en", "description_zh", "description_en", "order", "cities"),
        *("source", "report_section", "report_paragraph"),
    )

    objects = SlugManager.from_queryset(LessonQuerySet)()

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        constraints = [models.UniqueConstraint(fields=["slug"], name="lesson_unique_slug")]

    def __str__(self):
        return self.title_zh

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["cities.city", "cities.source"]

"""Where the initiatives happen: provinces, and the cities and districts in them."""

import reversion
from django.db import connection, models
from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
)
from django.utils.translation import gettext_lazy as _

from core.content import ContentQuerySet, SlugManager, count_subquery
from core.localization import is_english
from core.object_urls import object_url
from core.search_index import SearchIndexed


def model_types():
    """The prefetch of a city's innovation model types into `city.model_types` (CityQuerySet.with_model_types)."""
    return Prefetch("innovation_models", to_attr="model_types")


class ProvinceQuerySet(ContentQuerySet):
    def with_city_preview(self, limit):
        """Each province with its number of cities and its first `limit` cities in report order (two queries)."""
        first_cities = City.objects.order_by("order", "slug")[:limit]
        return (
            self.annotate(city_count=Count("cities"))
            .order_by("order", "slug")  # Meta.ordering does not apply to an aggregating query
            .prefetch_related(Prefetch("cities", queryset=first_cities, to_attr="first_cities"))
        )

    def with_cities(self):
        """Each province with its cities in report order, counts included (two queries in all)."""
        return self.prefetch_related(Prefetch("cities", queryset=City.objects.with_counts().order_by("order", "slug")))


@reversion.register()
class Province(SearchIndexed):
    search_name_fields = ("name_zh", "name_en")
    search_pinyin_fields = ("name_zh",)

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("municipality")
        PROVINCE = "province", _("province")
        AUTONOMOUS_REGION = "autonomous_region", _("autonomous region")

    slug = models.SlugField(_("slug"), max_length=60)
    name_zh = models.CharField(_("name (Chinese)"), max_length=60)
    name_en = models.CharField(_("name (English)"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    order = models.PositiveSmallIntegerField(_("order in the report"), default=0)

    # The published data, in the order fixtures/ writes it: the fixtures, the dataset download, imports and exports
    # (and the API) all list these fields from here.
    PUBLISHED_FIELDS = ("slug", "name_zh", "name_en", "kind", "order")

    objects = SlugManager.from_queryset(ProvinceQuerySet)()

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="province_unique_slug"),
            models.CheckConstraint(
                condition=Q(kind__in=["municipality", "province", "autonomous_region"]),
                name="province_valid_kind",
            ),
        ]

    def __str__(self):
        return self.name_zh

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return object_url("province_detail", self.slug)


# How many cities the pickers list before a reader asks for a province's: the report's 14 and a few more.
PICKER_SHORT_LIST_SIZE = 20


def initiative_models():
    """(Initiative, Metric), reached through the relations they declare to City (City.initiatives, then .metrics):
    the initiatives app builds on this one, so this one names its models without importing them."""
    initiative = City._meta.get_field("initiatives").related_model
    return initiative, initiative._meta.get_field("metrics").related_model


class CityQuerySet(ContentQuerySet):
    def first_in_report_order(self, count=PICKER_SHORT_LIST_SIZE):
        """The ids of the first `count` cities in the report's order, as a subquery (the pickers' short list)."""
        return self.order_by("order", "slug").values("pk")[:count]

    def to_compare_with(self, city):
        """What a city's page offers to compare it with, in one query of names: the cities of its province first,
        then the pickers' short list. Any other city is one step further, on the comparison page with this city
        chosen."""
        same_province = Q(province_id=city.province_id)
        return (
            self.exclude(pk=city.pk)
            .filter(same_province | Q(pk__in=City.objects.first_in_report_order()))
            .select_related("province")
            .only("slug", "name_zh", "name_en", "province__slug", "province__name_zh", "province__name_en")
            .order_by(
                ExpressionWrapper(same_province, output_field=BooleanField()).desc(),
                *("province__order", "province__slug", "order", "slug"),
            )
        )

    def with_counts(self):
        """Annotate each city with its number of initiatives and figures (one query).

        Correlated counts rather than COUNT(DISTINCT) over joins: PostgreSQL computes them only for the rows a
        page returns (after ORDER BY … LIMIT), and COUNT(*) reads the foreign keys' indexes alone, so sorting
        3,000 cities by their number of initiatives counts them in about 30 ms.
        """
        initiative, metric = initiative_models()
        return self.annotate(
            initiative_count=count_subquery(initiative.objects.filter(city=OuterRef("pk"))),
            metric_count=count_subquery(metric.objects.filter(initiative__city=OuterRef("pk"))),
        )

    def totals(self):
        """How many cities, initiatives and figures there are, and how many figures an editor checked, in one query."""
        quote = connection.ops.quote_name
        initiative, metric = initiative_models()
        counts = [f"(SELECT COUNT(*) FROM {quote(model._meta.db_table)})" for model in (City, initiative, metric)]
        checked_sql, checked_params = metric.objects.checked().values("pk").query.sql_with_params()
        counts.append(f"(SELECT COUNT(*) FROM ({checked_sql}) reviewed_figures)")
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {', '.join(counts)}", checked_params)
            city_count, initiative_count, figure_count, checked_count = cursor.fetchone()
        return {
            "city_count": city_count,
            "initiative_count": initiative_count,
            "figure_count": figure_count,
            "checked_count": checked_count,
        }

    def for_directory(self):
        """Cities as the directory lists them: province, counts and model types, in two queries."""
        return self.select_related("province").with_counts().with_model_types()

    def with_model_types(self):
        """Each city with `model_types`, a list of its innovation model types (one more query).

        A list rather than `innovation_models.all()`: prefetching into the relation builds a filtered QuerySet per
        city to hold its rows (0.2-0.5 ms each, more than the query itself)."""
        return self.prefetch_related(model_types())

    def in_category(self, category_slugs):
        """Cities with at least one initiative of these categories (a subquery, so counts stay whole)."""
        initiative, _metric = initiative_models()
        return self.filter(pk__in=initiative.objects.filter(category__slug__in=category_slugs).values("city_id"))

    def sorted_by(self, sort, language):
        """`name` (in the reader's language), `initiatives` (most first) or the report's order."""
        if sort == "name":
            return self.order_by("name_en" if is_english(language) else "name_zh", "slug")
        if sort == "initiatives":
            return self.order_by("-initiative_count", "order", "slug")
        return self.order_by("order", "slug")


@reversion.register(follow=("initiatives",))
class City(SearchIndexed):
    search_name_fields = ("name_zh", "name_en")
    search_pinyin_fields = ("name_zh",)
    search_text_fields = ("summary_zh", "summary_en")
    search_dependents = (("initiatives.Initiative", "city"), ("initiatives.Metric", "initiative__city"))

    class Level(models.TextChoices):
        MUNICIPAL_DISTRICT = "municipal_district", _("district of a municipality")
        PROVINCIAL_CAPITAL = "provincial_capital", _("provincial capital")
        PREFECTURE_CITY = "prefecture_city", _("prefecture-level city")
        COUNTY_CITY = "county_city", _("county-level city")

    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="cities", verbose_name=_("province"))
    slug = models.SlugField(_("slug"), max_length=60)
    name_zh = models.CharField(_("name (Chinese)"), max_length=60)
    name_en = models.CharField(_("name (English)"), max_length=100)
    level = models.CharField(_("administrative level"), max_length=20, choices=Level.choices)
    summary_zh = models.TextField(_("summary (Chinese)"))
    summary_en = models.TextField(_("summary (English)"))
    order = models.PositiveSmallIntegerField(_("order in the report"), default=0)

    # The published data, in the order fixtures/ writes it: the fixtures, the dataset download, imports and exports
    # (and the API) all list these fields from here.
    PUBLISHED_FIELDS = ("province", "slug", "name_zh", "name_en", "level", "summary_zh", "summary_en", "order")

    objects = SlugManager.from_queryset(CityQuerySet)()

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("city or district")
        verbose_name_plural = _("cities and districts")
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="city_unique_slug"),
            models.CheckConstraint(
                condition=Q(level__in=["municipal_district", "provincial_capital", "prefecture_city", "county_city"]),
                name="city_valid_level",
            ),
        ]
        # Lists in report order (cities, then their initiatives) read this index instead of sorting every row:
        # the API's first page of 300,000 initiatives went from 455 ms to 0.2 ms.
        indexes = [models.Index(fields=["order", "slug"], name="city_report_order")]

    def __str__(self):
        return self.name_zh

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["cities.province"]

    def get_absolute_url(self):
        return object_url("city_detail", self.slug)

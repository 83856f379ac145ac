import reversion
from django.db import connection, models
from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.content import ContentQuerySet
from cities.search_index import SearchIndexed


class SlugManager(models.Manager.from_queryset(ContentQuerySet)):
    """Fixtures refer to rows by slug, so reloading them updates instead of duplicating."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


@reversion.register()
class Report(models.Model):
    """The source report every figure of the portal is transcribed from."""

    slug = models.SlugField(_("slug"), max_length=60)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_is_descriptive = models.BooleanField(
        _("title supplied by the portal"),
        default=False,
        help_text=_("True when the report carries no title of its own and this one describes it."),
    )
    publisher = models.CharField(_("publisher"), max_length=100)
    platform = models.CharField(_("published on"), max_length=100, blank=True)
    editor = models.CharField(_("editor"), max_length=100, blank=True)
    proofreader = models.CharField(_("proof-reader"), max_length=100, blank=True)
    period_start_year = models.PositiveSmallIntegerField(_("period from (year)"))
    period_end_year = models.PositiveSmallIntegerField(_("period to (year)"))
    introduction_zh = models.TextField(_("introduction (Chinese)"), blank=True)
    introduction_en = models.TextField(_("introduction (English)"), blank=True)
    call_to_vote_zh = models.TextField(_("call to vote (Chinese)"), blank=True)
    call_to_vote_en = models.TextField(_("call to vote (English)"), blank=True)
    disclaimer_zh = models.TextField(_("disclaimer (Chinese)"), blank=True)
    disclaimer_en = models.TextField(_("disclaimer (English)"), blank=True)
    platform_notice = models.TextField(_("platform notice"), blank=True)

    objects = SlugManager()

    class Meta:
        verbose_name = _("source report")
        verbose_name_plural = _("source reports")
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="report_unique_slug"),
            models.CheckConstraint(
                condition=Q(period_end_year__gte=models.F("period_start_year")),
                name="report_period_in_order",
            ),
        ]

    def __str__(self):
        return self.title_zh

    def natural_key(self):
        return (self.slug,)


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
        from django.urls import reverse

        return reverse("province_detail", args=[self.slug])


# How many cities the pickers list before a reader asks for a province's: the report's 14 and a few more.
PICKER_SHORT_LIST_SIZE = 20


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
        from initiatives.models import Initiative, Metric

        return self.annotate(
            initiative_count=count_subquery(Initiative.objects.filter(city=OuterRef("pk"))),
            metric_count=count_subquery(Metric.objects.filter(initiative__city=OuterRef("pk"))),
        )

    def totals(self):
        """How many cities, initiatives and figures there are, and how many figures an editor checked, in one query."""
        from initiatives.models import Initiative, Metric, ReviewStatus

        quote = connection.ops.quote_name
        counts = [f"(SELECT COUNT(*) FROM {quote(model._meta.db_table)})" for model in (City, Initiative, Metric)]
        reviewed = ", ".join(["%s"] * 2)
        counts.append(
            f"(SELECT COUNT(*) FROM {quote(Metric._meta.db_table)} WHERE {quote('review_status')} IN ({reviewed}))"
        )
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {', '.join(counts)}", [ReviewStatus.CHECKED, ReviewStatus.CORRECTED])
            city_count, initiative_count, figure_count, checked_count = cursor.fetchone()
        return {
            "city_count": city_count,
            "initiative_count": initiative_count,
            "figure_count": figure_count,
            "checked_count": checked_count,
        }

    def for_directory(self):
        """Cities as the directory lists them: province, counts and model types, in two queries."""
        return self.select_related("province").with_counts().prefetch_related("innovation_models")

    def in_category(self, category_slug):
        """Cities with at least one initiative of the category (a subquery, so counts stay whole)."""
        from initiatives.models import Initiative

        return self.filter(pk__in=Initiative.objects.filter(category__slug=category_slug).values("city_id"))

    def sorted_by(self, sort, language):
        """`name` (in the reader's language), `initiatives` (most first) or the report's order."""
        if sort == "name":
            return self.order_by("name_en" if language.startswith("en") else "name_zh", "slug")
        if sort == "initiatives":
            return self.order_by("-initiative_count", "order", "slug")
        return self.order_by("order", "slug")


def count_subquery(queryset, distinct=None):
    """COUNT(*) of a correlated queryset, or COUNT(DISTINCT field), as a subquery (0 when no row matches)."""
    # COUNT(*), not COUNT(id): PostgreSQL then counts from the foreign key's index alone.
    if distinct:
        counted = Func(F(distinct), template="COUNT(DISTINCT %(expressions)s)", output_field=IntegerField())
    else:
        counted = Func(template="COUNT(*)", output_field=IntegerField())
    return Subquery(queryset.order_by().annotate(counted=counted).values("counted"), output_field=IntegerField())


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
        from django.urls import reverse

        return reverse("city_detail", args=[self.slug])


class InnovationModelQuerySet(ContentQuerySet):
    def for_comparison(self):
        """The types with their representative city and their cities (two queries)."""
        return self.select_related("representative_city__province").prefetch_related(
            Prefetch("cities", queryset=City.objects.select_related("province").order_by("order", "slug"))
        )

    def of_city(self, city):
        """The types a city belongs to or represents."""
        return self.filter(Q(cities=city) | Q(representative_city=city)).distinct()


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
    cities = models.ManyToManyField(
        City, related_name="innovation_models", blank=True, verbose_name=_("cities of this type")
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

    natural_key.dependencies = ["cities.city"]

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("innovation_model_detail", args=[self.slug])


class LessonQuerySet(ContentQuerySet):
    def with_cities(self):
        return self.prefetch_related(Prefetch("cities", queryset=City.objects.order_by("order", "slug")))


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

    natural_key.dependencies = ["cities.city"]


class Vote(models.Model):
    """A reader's support for a city. Only a keyed hash of the reader's token is stored."""

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="votes", verbose_name=_("city"))
    voter_hash = models.CharField(_("voter (keyed hash)"), max_length=64)
    # A default rather than auto_now_add, so that import_votes keeps the time a vote was cast.
    created_at = models.DateTimeField(_("cast at"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["city", "voter_hash"], name="vote_one_per_voter_and_city"),
        ]
        indexes = [
            # Every page with vote buttons looks up the reader's votes by voter alone.
            models.Index(fields=["voter_hash"], name="vote_voter_idx"),
            # When voting opened: the earliest vote.
            models.Index(fields=["created_at"], name="vote_created_at_idx"),
        ]

    def __str__(self):
        return f"{self.city} ← {self.voter_hash[:8]}"


class ContentVersion(models.Model):
    """A counter bumped after every committed change to the published data.

    Cached pages and fragments are keyed by it, so no process, however many app servers run, can serve a page
    rendered before an editor's change once that change is committed.
    """

    number = models.BigIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content version")
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="content_version_single_row")]

    def __str__(self):
        return str(self.number)

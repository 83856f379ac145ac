"""The initiatives' filters: one FilterSet, which the API applies as it is and the initiatives page extends with facets
(initiatives/facets.py). The figures' and cities' FilterSets are in list_filters.py."""

import django_filters
from django.db import connection
from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from cities.models import City, Province
from core.localization import bilingual_name
from initiatives.filter_fields import KeywordFilter, SlugsFilter, SortFilter, WholeNumbersFilter, YesNoFilter
from initiatives.models import Initiative, InitiativeCategory, Metric, MetricKind

INITIATIVE_SORTS = [
    ("report", _("report order")),
    ("city", _("city")),
    ("date", _("oldest")),
    ("-date", _("newest")),
    ("figures", _("most figures")),
]
INITIATIVE_ORDERINGS = {
    "report": ("city__order", "city_id", "order", "id"),
    "city": ("city__slug", "order", "id"),
    "date": (F("date").asc(nulls_last=True), "city__order", "order", "id"),
    "-date": (F("date").desc(nulls_last=True), "city__order", "order", "id"),
    "figures": ("-sort_figures", "city__order", "order", "id"),
}
HAS_FIGURES_CHOICES = [("yes", _("with figures")), ("no", _("without figures"))]


def option_label(obj):
    """A choice's text: the name in the reader's language, with the Chinese name beside it in English."""
    return bilingual_name(obj)


def named_choices(queryset):
    return [(obj.slug, option_label(obj)) for obj in queryset.only("slug", "name_zh", "name_en")]


# The date columns a year can come from; each has an index, so its MIN and MAX are two index lookups.
DATED_COLUMNS = ((Initiative, "date"), (Metric, "as_of"), (Metric, "period_start"), (Metric, "period_end"))


def year_choices():
    """Every year from the earliest to the latest an initiative is dated in or a figure refers to, in one query.

    Listing the distinct years instead read every row: 1.1 s with 300,000 initiatives on PostgreSQL.
    """
    quote = connection.ops.quote_name
    sql = " UNION ALL ".join(
        f"SELECT MIN({quote(column)}), MAX({quote(column)}) FROM {quote(model._meta.db_table)}"
        for model, column in DATED_COLUMNS
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        # SQLite hands raw dates back as ISO strings, PostgreSQL as dates: the year is the first four characters.
        years = [int(str(value)[:4]) for row in cursor.fetchall() for value in row if value is not None]
    if not years:
        return []
    return [(str(year), str(year)) for year in range(min(years), max(years) + 1)]


def metric_kind_filter(label, help_text):
    """Initiatives with a figure of these comparable measures: the pages call it `kind`, the API both names."""
    return SlugsFilter(MetricKind, label=label, help_text=help_text, method="filter_kind")


class InitiativeFilterSet(django_filters.FilterSet):
    """The initiatives' filters, as the API applies them; the initiatives page adds its facets (below)."""

    city = SlugsFilter(City, "city", label=_("City or district"), help_text=_("Cities or districts, by slug."))
    province = SlugsFilter(
        Province, label=_("Province"), help_text=_("Provinces, by slug."), method="in_cities_of_provinces"
    )
    category = SlugsFilter(InitiativeCategory, "category", label=_("Category"), help_text=_("Categories, by slug."))
    metric_kind = metric_kind_filter(
        _("Metric kind"), _("Initiatives with a figure of these comparable measures, by slug.")
    )
    kind = metric_kind_filter(_("Metric kind"), _("The same as metric_kind, under the name the initiatives page uses."))
    year = WholeNumbersFilter(
        label=_("Year"),
        help_text=_(
            "Initiatives dated in that year, or with a figure as of that year or over a period starting or "
            "ending in it."
        ),
        method="filter_year",
    )
    has_figures = YesNoFilter(
        label=_("Figures"),
        help_text=_("true: only initiatives with figures; false: only those without."),
        method="filter_has_figures",
    )
    q = KeywordFilter(
        label=_("Keyword"),
        help_text=_(
            "Keyword in the title, description, heading or sub-locality, in Chinese (either script) or English; "
            "case-insensitive."
        ),
        method="filter_keyword",
    )

    sort = SortFilter(
        INITIATIVE_SORTS,
        help_text=_(
            "Order: report (the report's order, the default), city (by the city's slug), date (oldest first), "
            "-date (newest first; undated last) or figures (most figures first)."
        ),
    )

    def sort_by(self, queryset, name, value):
        if value == "figures":
            # A scalar subquery rather than a join and GROUP BY: the page's count then leaves it out.
            figures = Metric.objects.filter(initiative=OuterRef("pk")).order_by().values("initiative")
            queryset = queryset.annotate(
                sort_figures=Coalesce(Subquery(figures.annotate(n=Count("pk")).values("n")), 0)
            )
        return queryset.order_by(*INITIATIVE_ORDERINGS[value])

    def in_cities_of_provinces(self, queryset, name, slugs):
        """`city_id IN (the provinces' cities)`: the initiatives' own column, which the city index serves."""
        return queryset.filter(city__in=City.objects.filter(province__slug__in=slugs).values("pk"))

    def filter_keyword(self, queryset, name, value):
        return queryset.matching(value)

    def filter_kind(self, queryset, name, value):
        return queryset.with_metric_kind(value)

    def filter_year(self, queryset, name, value):
        return queryset.in_year(value)

    def filter_has_figures(self, queryset, name, value):
        return queryset.having_figures(value)

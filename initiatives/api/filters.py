"""The filters of each list, the same as the portal's pages offer. Values of one filter are OR-ed (`?city=a&city=b`
or `?city=a,b`); different filters are AND-ed."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cities.models import City, InnovationModel, Province
from initiatives.models import Initiative, InitiativeCategory, Metric, MetricKind

from .params import BooleanFilter, ChoiceFilter, IntegerFilter, SlugFilter, TextFilter

# The initiatives page's own queryset methods, so a filter means the same on the page and in the API.


def initiative_keyword(queryset, text):
    return queryset.matching(text)


def initiatives_with_figures(queryset, wanted):
    return queryset.having_figures(wanted)


def initiatives_in_year(queryset, year):
    return queryset.in_year(year)


def initiatives_with_kinds(queryset, kind_ids):
    return queryset.filter(pk__in=Metric.objects.filter(kind__in=kind_ids).values("initiative"))


def cities_of_models(queryset, model_ids):
    return queryset.filter(
        pk__in=InnovationModel.cities.through.objects.filter(innovationmodel__in=model_ids).values("city")
    )


def metrics_in_year(queryset, year):
    """As of that year, or over a period that includes it (a period without an end runs on)."""
    return queryset.filter(
        Q(as_of__year=year)
        | Q(period_start__year__lte=year, period_end__year__gte=year)
        | Q(period_start__year__lte=year, period_end__isnull=True)
    )


INITIATIVE_FILTERS = [
    SlugFilter("city", City, _("Cities or districts, by slug."), lambda qs, ids: qs.filter(city__in=ids)),
    SlugFilter("province", Province, _("Provinces, by slug."), lambda qs, ids: qs.filter(city__province__in=ids)),
    SlugFilter("category", InitiativeCategory, _("Categories, by slug."), lambda qs, ids: qs.filter(category__in=ids)),
    SlugFilter(
        "metric_kind",
        MetricKind,
        _("Initiatives with a figure of these comparable measures, by slug."),
        initiatives_with_kinds,
    ),
    SlugFilter(
        "kind",
        MetricKind,
        _("The same as metric_kind, under the name the initiatives page uses."),
        initiatives_with_kinds,
    ),
    IntegerFilter(
        "year",
        _(
            "Initiatives dated in that year, or with a figure as of that year or over a period starting or "
            "ending in it."
        ),
        initiatives_in_year,
    ),
    BooleanFilter(
        "has_figures", _("true: only initiatives with figures; false: only those without."), initiatives_with_figures
    ),
    TextFilter(
        "q",
        _(
            "Keyword in the title, description, heading or sub-locality, in Chinese (either script) or English; "
            "case-insensitive."
        ),
        initiative_keyword,
    ),
]

METRIC_ORDERINGS = {
    "report": ("initiative__city__order", "initiative__order", "position", "id"),
    "value": ("value", "initiative__city__order", "id"),
    "-value": ("-value", "initiative__city__order", "id"),
}

METRIC_FILTERS = [
    SlugFilter("city", City, _("Cities or districts, by slug."), lambda qs, ids: qs.filter(initiative__city__in=ids)),
    SlugFilter(
        "province",
        Province,
        _("Provinces, by slug."),
        lambda qs, ids: qs.filter(initiative__city__province__in=ids),
    ),
    SlugFilter(
        "category",
        InitiativeCategory,
        _("Categories of the figure's initiative, by slug."),
        lambda qs, ids: qs.filter(initiative__category__in=ids),
    ),
    IntegerFilter(
        "initiative",
        _("Initiatives, by id."),
        lambda qs, ids: qs.filter(initiative__in=ids),
        maximum=2**62,
        many=True,
    ),
    SlugFilter("kind", MetricKind, _("Comparable measures, by slug."), lambda qs, ids: qs.filter(kind__in=ids)),
    ChoiceFilter(
        "qualifier",
        Metric.Qualifier.values,
        _("How the report qualifies the figure: exact, over (超), about (約), nearly (近), more_than (余), within."),
        lambda qs, values: qs.filter(qualifier__in=values),
    ),
    IntegerFilter(
        "year",
        _("Figures as of that year, or over a period that includes it."),
        metrics_in_year,
    ),
    BooleanFilter(
        "has_kind",
        _("true: only figures of a comparable measure; false: only the others."),
        lambda qs, wanted: qs.filter(kind__isnull=not wanted),
    ),
    ChoiceFilter(
        "sort",
        list(METRIC_ORDERINGS),
        _("Order: report (the report's order, the default), value (smallest first) or -value (largest first)."),
        lambda qs, value: qs.order_by(*METRIC_ORDERINGS[value]),
        many=False,
    ),
]

CITY_ORDERINGS = {
    "report": ("order", "slug"),
    "name": ("name_en", "slug"),
    "initiatives": ("-initiative_count", "order", "slug"),
}

CITY_FILTERS = [
    SlugFilter("province", Province, _("Provinces, by slug."), lambda qs, ids: qs.filter(province__in=ids)),
    ChoiceFilter(
        "level",
        City.Level.values,
        _("Administrative level."),
        lambda qs, values: qs.filter(level__in=values),
    ),
    SlugFilter(
        "innovation_model",
        InnovationModel,
        _("Cities of these innovation model types, by slug."),
        cities_of_models,
    ),
    SlugFilter(
        "model",
        InnovationModel,
        _("The same as innovation_model, under the name the city directory uses."),
        cities_of_models,
    ),
    SlugFilter(
        "category",
        InitiativeCategory,
        _("Cities with an initiative in these categories, by slug."),
        lambda qs, ids: qs.filter(pk__in=Initiative.objects.filter(category__in=ids).values("city")),
    ),
    ChoiceFilter(
        "sort",
        list(CITY_ORDERINGS),
        _("Order: report (the report's order, the default), name (English name) or initiatives (most first)."),
        lambda qs, value: qs.order_by(*CITY_ORDERINGS[value]),
        many=False,
    ),
]

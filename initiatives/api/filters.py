"""The filters of each list, the same as the portal's pages offer. Values of one filter are OR-ed (`?city=a&city=b`
or `?city=a,b`); different filters are AND-ed."""

from functools import lru_cache

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cities.models import City, InnovationModel, Province
from initiatives.models import Initiative, InitiativeCategory, Metric, MetricKind

from .params import BooleanFilter, ChoiceFilter, IntegerFilter, SlugFilter, TextFilter


@lru_cache(maxsize=1)
def _to_traditional():
    import opencc

    return opencc.OpenCC("s2t")


def keyword_variants(text):
    """The keyword as typed, and in Traditional script (the report's), so 信用修复 finds 信用修復."""
    return {text, _to_traditional().convert(text)}


def initiative_keyword(queryset, text):
    condition = Q()
    for variant in keyword_variants(text):
        for field in ("title_zh", "title_en", "description_zh", "description_en", "heading", "sub_locality"):
            condition |= Q(**{f"{field}__icontains": variant})
    return queryset.filter(condition)


def initiatives_with_figures(queryset, wanted):
    with_figures = Q(pk__in=Metric.objects.values("initiative"))
    return queryset.filter(with_figures if wanted else ~with_figures)


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
        lambda qs, ids: qs.filter(pk__in=Metric.objects.filter(kind__in=ids).values("initiative")),
    ),
    IntegerFilter(
        "year",
        _("Year of the initiative's date (when it took effect, went live, was signed, …)."),
        lambda qs, year: qs.filter(date__year=year),
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
        lambda qs, ids: qs.filter(
            pk__in=InnovationModel.cities.through.objects.filter(innovationmodel__in=ids).values("city")
        ),
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

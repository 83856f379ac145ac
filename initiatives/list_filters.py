"""The filters of the figures and the cities, built from the same filter kinds as the initiatives' FilterSet.

The API applies both; the city directory (initiatives/city_directory_filters.py) shows the cities' one as its form.
"""

import django_filters
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cities.models import City, InnovationModel, Province
from initiatives.filter_fields import ChoicesFilter, SlugsFilter, SortFilter, WholeNumbersFilter, YesNoFilter
from initiatives.models import InitiativeCategory, Metric, MetricKind

METRIC_ORDERINGS = {
    "report": ("initiative__city__order", "initiative__order", "position", "id"),
    "value": ("value", "initiative__city__order", "id"),
    "-value": ("-value", "initiative__city__order", "id"),
}
CITY_SORTS = [
    ("report", _("order of the report")),
    ("name", _("name")),
    ("initiatives", _("number of initiatives (most first)")),
]


def orderings(names):
    return [(name, name) for name in names]


class MetricFilterSet(django_filters.FilterSet):
    city = SlugsFilter(City, "initiative__city", help_text=_("Cities or districts, by slug."))
    province = SlugsFilter(Province, "initiative__city__province", help_text=_("Provinces, by slug."))
    category = SlugsFilter(
        InitiativeCategory, "initiative__category", help_text=_("Categories of the figure's initiative, by slug.")
    )
    initiative = WholeNumbersFilter(
        field_name="initiative", maximum=2**62, many=True, help_text=_("Initiatives, by id.")
    )
    kind = SlugsFilter(MetricKind, "kind", help_text=_("Comparable measures, by slug."))
    qualifier = ChoicesFilter(
        Metric.Qualifier.choices,
        field_name="qualifier",
        help_text=_(
            "How the report qualifies the figure: exact, over (超), about (約), nearly (近), more_than (余), within."
        ),
    )
    year = WholeNumbersFilter(
        help_text=_("Figures as of that year, or over a period that includes it."), method="in_year"
    )
    has_kind = YesNoFilter(
        help_text=_("true: only figures of a comparable measure; false: only the others."), method="having_kind"
    )
    sort = ChoicesFilter(
        orderings(METRIC_ORDERINGS),
        many=False,
        help_text=_(
            "Order: report (the report's order, the default), value (smallest first) or -value (largest first)."
        ),
        method="sort_by",
    )

    def in_year(self, queryset, name, year):
        """As of that year, or over a period that includes it (a period without an end runs on)."""
        return queryset.filter(
            Q(as_of__year=year)
            | Q(period_start__year__lte=year, period_end__year__gte=year)
            | Q(period_start__year__lte=year, period_end__isnull=True)
        )

    def having_kind(self, queryset, name, wanted):
        return queryset.filter(kind__isnull=not wanted)

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*METRIC_ORDERINGS[value])


def innovation_model_filter(help_text):
    """Cities of these innovation model types: the API's name for it and the city directory's (`model`)."""
    return SlugsFilter(InnovationModel, label=_("Innovation model type"), help_text=help_text, method="of_models")


class CityFilterSet(django_filters.FilterSet):
    province = SlugsFilter(Province, "province", label=_("Province"), help_text=_("Provinces, by slug."))
    level = ChoicesFilter(
        City.Level.choices, field_name="level", label=_("Administrative level"), help_text=_("Administrative level.")
    )
    innovation_model = innovation_model_filter(_("Cities of these innovation model types, by slug."))
    model = innovation_model_filter(_("The same as innovation_model, under the name the city directory uses."))
    category = SlugsFilter(
        InitiativeCategory,
        label=_("Has initiatives in"),
        help_text=_("Cities with an initiative in these categories, by slug."),
        method="in_categories",
    )
    sort = SortFilter(
        CITY_SORTS,
        help_text=_(
            "Order: report (the report's order, the default), name (by the name in the reader's language: English "
            "in the API) or initiatives (most first)."
        ),
    )

    def of_models(self, queryset, name, slugs):
        memberships = InnovationModel.cities.through.objects.filter(innovationmodel__slug__in=slugs)
        return queryset.filter(pk__in=memberships.values("city"))

    def in_categories(self, queryset, name, slugs):
        return queryset.in_category(slugs)

    def sort_by(self, queryset, name, value):
        return queryset.sorted_by(value, get_language() or "")

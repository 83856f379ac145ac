"""The filters of the initiatives, figures and cities: one FilterSet each, which the API applies as it is and the
initiatives page extends with facets (how many results each choice would give)."""

from dataclasses import dataclass, field

import django_filters
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from cities.models import City, Province
from core.localization import bilingual_name
from initiatives.filter_fields import KeywordFilter, SlugsFilter, WholeNumbersFilter, YesNoFilter
from initiatives.models import Initiative, InitiativeCategory, Metric, MetricKind

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


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    empty_label: str
    field: object  # the bound form field: its id, its value and its errors
    options: list = field(default_factory=list)


@dataclass
class ActiveFilter:
    name: str
    label: str
    value_label: str
    remove_query: str


def metric_kind_filter(label, help_text):
    """Initiatives with a figure of these comparable measures: the pages call it `kind`, the API both names."""
    return SlugsFilter(MetricKind, label=label, help_text=help_text, method="filter_kind")


class InitiativeFilterSet(django_filters.FilterSet):
    """The initiatives' filters, as the API applies them; the initiatives page adds its facets (below)."""

    city = SlugsFilter(City, "city", label=_("City or district"), help_text=_("Cities or districts, by slug."))
    province = SlugsFilter(Province, "city__province", label=_("Province"), help_text=_("Provinces, by slug."))
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

    def filter_keyword(self, queryset, name, value):
        return queryset.matching(value)

    def filter_kind(self, queryset, name, value):
        return queryset.with_metric_kind(value)

    def filter_year(self, queryset, name, value):
        return queryset.in_year(value)

    def filter_has_figures(self, queryset, name, value):
        return queryset.having_figures(value)


class InitiativeFilter(InitiativeFilterSet):
    """The initiatives page: one choice per facet, each shown with how many results it would give."""

    # The filters shown as facets, in the order of the form, with the choice that means "all".
    FACETS = {
        "province": _("All provinces"),
        "city": _("All cities"),
        "category": _("All categories"),
        "kind": _("Any measure"),
        "year": _("Any year"),
        "has_figures": _("With or without"),
    }

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        # One query per facet for its choices, which then also check the slugs given (no second lookup).
        self.choices = {
            "province": named_choices(Province.objects.all()),
            "city": named_choices(City.objects.all()),
            "category": named_choices(InitiativeCategory.objects.all()),
            "kind": named_choices(MetricKind.objects.all()),
            "year": year_choices(),
            "has_figures": HAS_FIGURES_CHOICES,
        }
        del self.filters["metric_kind"]  # the page's form has `kind` only

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            form.fields["q"].limit = None  # the page looks any keyword up; the API refuses one over 200 characters
            for name in ("province", "city", "category", "kind"):
                form.fields[name].known = dict(self.choices[name])
            years = [int(value) for value, _label in self.choices["year"]]
            if years:
                form.fields["year"].minimum, form.fields["year"].maximum = min(years), max(years)
        return self._form

    def selected(self, name):
        """The choice values that are active for a facet, as the form's options write them."""
        value = self.active_values().get(name)
        if name == "has_figures":
            return ["yes" if value else "no"] if value is not None else []
        if name == "year":
            return [str(value)] if value is not None else []
        return [str(item) for item in value] if value else []

    # Facets -----------------------------------------------------------------------------------

    def active_values(self):
        """The valid, non-empty filter values; invalid ones are reported by the form and ignored."""
        self.errors  # noqa: B018 (validates the form)
        return {name: value for name, value in self.form.cleaned_data.items() if value not in (None, "", [])}

    def queryset_without(self, excluded):
        """The results with every active filter applied except `excluded` (what its choices would give)."""
        queryset = self.queryset.all()
        for name, value in self.active_values().items():
            if name != excluded:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def facet_counts(self, name):
        """{choice value: number of results}, in one aggregate query."""
        queryset = self.queryset_without(name).order_by()
        if name in ("province", "city", "category"):
            key = self.filters[name].field_name
            rows = queryset.values(key).annotate(n=Count("pk"))
            return {row[key]: row["n"] for row in rows}
        if name == "kind":
            rows = (
                queryset.filter(metrics__kind__isnull=False)
                .values("metrics__kind__slug")
                .annotate(n=Count("pk", distinct=True))
            )
            return {row["metrics__kind__slug"]: row["n"] for row in rows}
        if name == "year":
            years = [int(value) for value, _label in self.choices["year"]]
            if not years:
                return {}
            counts = queryset.aggregate(**{f"y{year}": Count("pk", filter=self.year_condition(year)) for year in years})
            return {str(year): counts[f"y{year}"] or 0 for year in years}
        if name == "has_figures":
            rows = (
                queryset.annotate(has=Exists(Metric.objects.filter(initiative=OuterRef("pk"))))
                .values("has")
                .annotate(n=Count("pk"))
            )
            counts = {bool(row["has"]): row["n"] for row in rows}
            return {"yes": counts.get(True, 0), "no": counts.get(False, 0)}
        raise ValueError(f"{name} is not a facet")

    @staticmethod
    def year_condition(year):
        in_year = Q(as_of__year=year) | Q(period_start__year=year) | Q(period_end__year=year)
        return Q(date__year=year) | Q(Exists(Metric.objects.filter(in_year, initiative=OuterRef("pk"))))

    def facets(self):
        facets = []
        for name, empty_label in self.FACETS.items():
            counts = self.facet_counts(name)
            selected = self.selected(name)
            options = [
                FacetOption(str(value), str(label), counts.get(str(value), 0), str(value) in selected)
                for value, label in self.choices[name]
            ]
            facets.append(Facet(name, str(self.filters[name].label), str(empty_label), self.form[name], options))
        return facets

    def active_filters(self, query):
        """Each active filter with the query string that removes it (and goes back to page one)."""
        active = []
        for name, value in self.active_values().items():
            choices = dict(self.choices.get(name, []))
            values = self.selected(name) if name in self.FACETS else [value]
            value_label = ", ".join(str(choices.get(item, item)) for item in values)
            remaining = query.copy()
            remaining.pop(name, None)
            remaining.pop("page", None)
            active.append(ActiveFilter(name, str(self.filters[name].label), value_label, remaining.urlencode()))
        return active

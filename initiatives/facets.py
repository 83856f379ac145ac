"""The initiatives page's facets, as Datasette has them: each filter's values with how many initiatives each would
give with the other filters applied, several values of one filter OR-ed, different filters AND-ed, a chip per chosen
value that removes it, and the sort order, all kept in the URL.

Every facet's counts, and the number of results, are one statement over the facet rows (initiatives/facet_counts.py),
whatever the data size and the filters chosen; the provinces' are the cities' counts summed by province. The city
facet lists the FACET_SIZE cities with the most results (and any chosen one); `?more=city` lists them all.
"""

import hashlib
import json
from dataclasses import dataclass, field

from django.db.models import Q
from django.http import QueryDict

from cities.models import City, Province
from core.localization import localized
from core.per_version import per_version
from core.search_index import normalize
from initiatives import facet_counts
from initiatives.filters import HAS_FIGURES_CHOICES, INITIATIVE_SORTS, InitiativeFilterSet, option_label, year_choices
from initiatives.models import InitiativeCategory, MetricKind

FACET_SIZE = 30
MORE_PARAMETER = "more"
NOT_FILTERS = ("sort",)  # a parameter of the FilterSet that orders rather than narrows


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
    field: object  # the bound form field: its id and its errors
    options: list = field(default_factory=list)
    more_query: str = ""  # the query string that lists every value, where some are left out
    less_query: str = ""  # the query string back to the FACET_SIZE first, where all are listed


@dataclass
class Chip:
    name: str
    label: str
    value_label: str
    remove_query: str


@dataclass
class SortLink:
    value: str
    label: str
    query: str
    current: bool


class Loaded(dict):
    """{name: value}, each value computed by `load(name)` when first asked for."""

    def __init__(self, load):
        super().__init__()
        self.load = load

    def __missing__(self, name):
        self[name] = value = self.load(name)
        return value


def unit_of(kind):
    """A measure's unit in the reader's language and script."""
    return localized(kind, "unit")


def summed(groups, counts):
    """{group: total}: the counts of the keys summed by the group each key is in."""
    totals = {}
    for key, n in counts.items():
        totals[groups[key]] = totals.get(groups[key], 0) + n
    return totals


def told_apart(kinds, choices):
    """Measures of one name (the same amount, cumulative or over a period; in 家 or in 戶) with their basis and unit."""
    labels = [label for _slug, label in choices]
    return [
        (slug, f"{label} ({kind.get_basis_display()}, {unit_of(kind)})" if labels.count(label) > 1 else label)
        for kind, (slug, label) in zip(kinds, choices, strict=True)
    ]


class InitiativeFilter(InitiativeFilterSet):
    """The initiatives page: every filter a facet of checkboxes with counts, and the API's `sort`."""

    FACETS = ("province", "city", "category", "kind", "year", "has_figures")

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        del self.filters["metric_kind"]  # the page's form has `kind` only
        # A facet's choices are read when the page shows the facets or a value given needs checking (a download of
        # every initiative reads none): one query per facet, whose rows then also check the slugs given (no second
        # lookup). The cities are too many to load: the slugs given are checked in one query, the names of those
        # listed read in another.
        self.named = Loaded(self.named_rows)
        self.slugs = Loaded(lambda name: {obj.pk: obj.slug for obj in self.named[name]})
        self.choices = Loaded(self.choices_of)

    @staticmethod
    def named_rows(name):
        model = {"province": Province, "category": InitiativeCategory, "kind": MetricKind}[name]
        extra = ("basis", "unit", "unit_en") if name == "kind" else ()
        return list(model.objects.only("slug", "name_zh", "name_en", *extra))

    def choices_of(self, name):
        if name == "year":
            return year_choices()
        if name == "has_figures":
            return HAS_FIGURES_CHOICES
        choices = [(obj.slug, option_label(obj)) for obj in self.named[name]]
        return told_apart(self.named[name], choices) if name == "kind" else choices

    def given(self, name):
        """Whether the data gives the filter any value (which its choices then check)."""
        values = self.data.getlist(name) if hasattr(self.data, "getlist") else [self.data.get(name)]
        return any(values)

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            form.fields["q"].limit = None  # the page looks any keyword up; the API refuses one over 200 characters
            for name in ("province", "category", "kind"):
                if self.given(name):
                    form.fields[name].known = dict(self.choices[name])
            years = [int(value) for value, _label in self.choices["year"]] if self.given("year") else None
            if years:
                form.fields["year"].minimum, form.fields["year"].maximum = min(years), max(years)
        return self._form

    def active_values(self):
        """The valid, non-empty filter values; invalid ones are reported by the form and ignored."""
        self.errors  # noqa: B018 (validates the form)
        return {name: value for name, value in self.form.cleaned_data.items() if value not in (None, "", [])}

    def selected(self, name):
        """The chosen values of a facet, as its checkboxes write them."""
        value = self.active_values().get(name)
        if value is None:
            return []
        if name == "has_figures":
            return ["yes" if value else "no"]
        return [str(item) for item in value] if isinstance(value, list) else [str(value)]

    def chosen_values(self):
        """Every chosen value, facet by facet in the form's order, each facet's sorted: what a download is named by."""
        labels = {"yes": "with-figures", "no": "without-figures"}
        return [labels.get(value, value) for name in self.FACETS for value in sorted(self.selected(name))]

    @property
    def current_sort(self):
        return self.active_values().get("sort") or "report"

    # Counts -------------------------------------------------------------------------------------

    def all_counts(self):
        """Every facet's {value: number of results} and the number of results ("total"), in one statement over the
        facet rows (initiatives/facet_counts.py) and one query for the cities' provinces.

        The counts of a keyword and filters are the same for every reader until the data changes: kept per content
        version and state (with a keyword in all 300,000 initiatives the statement takes 0.2-0.5 s on PostgreSQL;
        with no filter at all, it counts every initiative).
        """
        if not hasattr(self, "_counts"):
            self._counts = per_version(self.request, f"initiative-facet-counts:{self.counts_key()}", self.counted)
        return self._counts

    def counts_key(self):
        """What the counts depend on: the normalised keyword and the chosen facets' values, in a fixed order."""
        active = self.active_values()
        state = [normalize(active.get("q") or "")]
        state += [[name, sorted(self.selected(name))] for name in self.FACETS if name in active]
        return hashlib.sha256(json.dumps(state, ensure_ascii=False).encode()).hexdigest()

    def facet_counts(self, name):
        if name not in self.FACETS:
            raise ValueError(f"{name} is not a facet")
        return self.all_counts()[name]

    def result_count(self):
        return self.all_counts()["total"]

    def counted(self):
        active = self.active_values()
        chosen = {name: value for name, value in active.items() if name in facet_counts.FACET_FILTERS}
        for name in ("province", "category", "kind"):
            if name in chosen:
                ids = {slug: pk for pk, slug in self.slugs[name].items()}
                chosen[name] = [ids[slug] for slug in chosen[name] if slug in ids] or [None]
        counts = facet_counts.facet_counts(normalize(active.get("q") or ""), chosen)
        provinces = dict(City.objects.order_by().values_list("pk", "province"))
        known_years = {value for value, _label in self.choices["year"]}
        return {
            "province": self.by_slug("province", summed(provinces, counts["province"]).items()),
            "city": dict(sorted(counts["city"].items())),
            "category": self.by_slug("category", counts["category"].items()),
            "kind": self.by_slug("kind", counts["kind"].items()),
            "year": {str(year): n for year, n in counts["year"].items() if str(year) in known_years},
            "has_figures": {"yes": counts["has_figures"].get(True, 0), "no": counts["has_figures"].get(False, 0)},
            "total": counts["total"],
        }

    def by_slug(self, name, rows):
        return {self.slugs[name].get(key): n for key, n in rows}

    # What the page shows ----------------------------------------------------------------------

    def city_options(self, counts, show_all):
        """The cities with the most results (all of them with `show_all`), and every chosen one: one query for their
        names. Returns (options, whether some were left out)."""
        chosen = self.selected("city")
        ranked = sorted((pk for pk, n in counts.items() if n), key=lambda pk: -counts[pk])
        listed = ranked if show_all else ranked[:FACET_SIZE]
        cities = City.objects.filter(Q(pk__in=listed) | Q(slug__in=chosen)).only("slug", "name_zh", "name_en")
        by_pk = {city.pk: city for city in cities}
        chosen_first = [city.pk for city in by_pk.values() if city.slug in chosen and city.pk not in listed]
        options = [
            FacetOption(by_pk[pk].slug, option_label(by_pk[pk]), counts.get(pk, 0), by_pk[pk].slug in chosen)
            for pk in chosen_first + listed
            if pk in by_pk
        ]
        self.city_labels = {city.slug: option_label(city) for city in by_pk.values()}
        return options, len(ranked) > len(listed)

    def facets(self, query=None):
        """Every facet with its values and counts; `query` is the request's (for the city facet's "more" link)."""
        query = QueryDict("") if query is None else query
        facets = []
        for name in self.FACETS:
            counts = self.facet_counts(name)
            facet = Facet(name, str(self.filters[name].label), self.form[name])
            if name == "city":
                show_all = query.get(MORE_PARAMETER) == "city"
                facet.options, left_out = self.city_options(counts, show_all)
                if left_out:
                    facet.more_query = self.query_with(query, **{MORE_PARAMETER: "city"})
                if show_all:
                    facet.less_query = self.query_with(query, **{MORE_PARAMETER: None})
            else:
                chosen = self.selected(name)
                facet.options = [
                    FacetOption(str(value), str(label), counts.get(str(value), 0), str(value) in chosen)
                    for value, label in self.choices[name]
                ]
            facets.append(facet)
        return facets

    @staticmethod
    def query_with(query, **changes):
        """The query string with these parameters set (None: removed), back on page one."""
        changed = query.copy()
        changed.pop("page", None)
        for name, value in changes.items():
            changed.pop(name, None)
            if value is not None:
                changed.setlist(name, value if isinstance(value, list) else [value])
        return changed.urlencode()

    def chips(self, query):
        """One chip per chosen value (and the keyword), each with the query string that removes that value only."""
        chips = []
        for name, value in self.active_values().items():
            if name in NOT_FILTERS:
                continue
            label = str(self.filters[name].label)
            if name not in self.FACETS:
                chips.append(Chip(name, label, str(value), self.query_with(query, **{name: None})))
                continue
            chosen = self.selected(name)
            labels = getattr(self, "city_labels", {}) if name == "city" else dict(self.choices[name])
            for item in chosen:
                others = [other for other in chosen if other != item] or None
                chips.append(Chip(name, label, str(labels.get(item, item)), self.query_with(query, **{name: others})))
        return chips

    def clear_query(self, query):
        """Every filter off; the sort order stays."""
        return self.query_with(query.__class__(""), sort=self.active_values().get("sort"))

    def sort_query(self, query, value):
        return self.query_with(query, sort=None if value == "report" else value)

    def sort_links(self, query):
        current = self.current_sort
        return [
            SortLink(value, str(label), self.sort_query(query, value), value == current)
            for value, label in INITIATIVE_SORTS
        ]

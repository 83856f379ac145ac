"""The comparison of two to four cities, as rows × columns ready for the page and for the CSV and JSON downloads.

`select_cities` turns the `cities` parameter into cities (or clear problems); `build_comparison` reads what
those cities report in a fixed number of queries and aligns it: facts at a glance, one row per category,
one row per family of measures (compare.measure_rows: the larger figure marked only within one measure),
and what only one of the cities reports. A comparison can be narrowed to a theme (`Theme`) and can hide the rows
none of the cities reports.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import quote

from django.db.models import prefetch_related_objects
from django.urls import reverse
from django.utils.translation import gettext as _

from cities.models import City
from cities.models.places import model_types
from compare.measure_rows import metric_rows
from compare.options import Options
from initiatives import display, exports
from initiatives.history import distinct_sources, histories
from initiatives.measures import display_name, initiative_list_url, kind_unit
from initiatives.models import Initiative, Metric

MIN_CITIES = 2
MAX_CITIES = 4


# Which cities ------------------------------------------------------------------------------------------


def requested_slugs(query):
    """The slugs asked for, in order: `?cities=a,b` and `?cities=a&cities=b` (the city page's form) alike."""
    slugs = []
    for value in query.getlist("cities"):
        slugs += [part.strip().lower() for part in value.split(",") if part.strip()]
    return slugs


def query_string(slugs):
    """The canonical, shareable form: `cities=a,b,c` (commas kept readable)."""
    return "cities=" + quote(",".join(slugs), safe=",")


def is_canonical(query, slugs):
    values = query.getlist("cities")
    return len(values) == 1 and values[0] == ",".join(slugs)


@dataclass
class Selection:
    slugs: list
    cities: list
    problems: list = field(default_factory=list)
    is_bad_request: bool = False
    suggestion: list = field(default_factory=list)  # a corrected selection to offer, when there is one

    @property
    def is_complete(self):
        return not self.problems and MIN_CITIES <= len(self.cities) <= MAX_CITIES

    @property
    def suggestion_query(self):
        return query_string([city.slug for city in self.suggestion])


def select_cities(slugs, all_cities):
    """Match the requested slugs against the cities (already loaded for the picker): no query here."""
    by_slug = {city.slug: city for city in all_cities}
    cities, problems, seen, repeated = [], [], set(), []
    unknown = [slug for slug in slugs if slug not in by_slug]
    for slug in slugs:
        if slug in by_slug and slug not in seen:
            cities.append(by_slug[slug])
        elif slug in seen and slug not in repeated:
            repeated.append(slug)
        seen.add(slug)

    for slug in list(dict.fromkeys(unknown))[:MAX_CITIES]:  # a few are enough to see the mistake
        problems.append(_("There is no city with the identifier “%(slug)s” in the report.") % {"slug": slug})
    for slug in repeated:
        problems.append(
            _("%(city)s is chosen more than once; each city can appear only once.")
            % {"city": display_name(by_slug[slug])}
        )
    if len(slugs) > MAX_CITIES:
        problems.append(
            _("At most %(max)d cities can be compared at once; you chose %(count)d.")
            % {"max": MAX_CITIES, "count": len(slugs)}
        )
    is_bad_request = bool(problems)
    if not problems and len(cities) == 1:
        problems.append(
            _("Choose at least one more city to compare with %(city)s.") % {"city": display_name(cities[0])}
        )
    suggestion = cities[:MAX_CITIES] if is_bad_request and len(cities) >= MIN_CITIES else []
    return Selection(slugs, cities, problems, is_bad_request, suggestion)


def same_province_selections(all_cities):
    """Ready-made comparisons for the empty page: the cities of each province, where it has several."""
    by_province = defaultdict(list)
    for city in all_cities:
        by_province[city.province].append(city)
    return [
        (province, cities[:MAX_CITIES], query_string([city.slug for city in cities[:MAX_CITIES]]))
        for province, cities in by_province.items()
        if len(cities) >= MIN_CITIES
    ]


# The comparison -----------------------------------------------------------------------------------------


@dataclass
class Column:
    city: City
    initiatives: list
    metrics: list
    remove_query: str  # the comparison without this city

    @property
    def figure_count(self):
        return len(self.metrics)


@dataclass
class Link:
    text: str
    url: str = ""


@dataclass
class FactRow:
    label: str
    cells: list  # per column: a list of Link


@dataclass
class CategoryRow:
    category: object
    cells: list  # per column: the city's initiatives in this category (each with .figures), or []

    @property
    def reported_by(self):
        return sum(1 for cell in self.cells if cell)


@dataclass
class UniqueEntry:
    column: Column
    categories: list  # (category, initiatives) only this city reports among those compared
    kinds: list  # metric kinds only this city reports


@dataclass
class Comparison:
    columns: list
    facts: list
    categories: list
    metrics: list
    unique: list
    options: Options = field(default_factory=Options)

    @property
    def cities(self):
        return [column.city for column in self.columns]

    @property
    def shared_measures(self):
        """The measures two or more of the cities report, each with its chart."""
        return [compared for row in self.metrics for compared in row.compared]

    @property
    def sources(self):
        """The sources of the compared initiatives and figures, each once: the cite block names them all."""
        return distinct_sources([row for column in self.columns for row in (*column.initiatives, *column.metrics)])

    @property
    def query(self):
        return query_string([city.slug for city in self.cities])

    @property
    def permanent_url(self):
        """The canonical address of this comparison (`?cities=a,b`), the one to cite."""
        return f"{reverse('compare')}?{self.query}"

    @property
    def download_name(self):
        """The downloads' file name without its extension: compare-chaoyang-haidian."""
        return "compare-" + "-".join(city.slug for city in self.cities)

    @property
    def title(self):
        return _("Compare: %(cities)s") % {"cities": " · ".join(display_name(city) for city in self.cities)}


def build_comparison(cities, categories, options=None):
    """Align what `cities` report, in four queries whatever their number of initiatives and figures.

    `categories` are every category (read once for the page's theme filter too); `options` narrow the comparison
    to a theme and hide the rows none of the cities reports.
    """
    options = options or Options()
    slugs = [city.slug for city in cities]
    prefetch_related_objects(cities, model_types())  # as CityQuerySet.with_model_types, on cities already read
    initiatives = list(Initiative.objects.filter(city__in=cities).select_related("category", "source"))
    if options.theme is not None:
        initiatives = [initiative for initiative in initiatives if options.theme.matches(initiative)]
    metrics = list(
        Metric.objects.filter(initiative__city__in=cities)
        .select_related("kind", "source")
        .order_by("initiative_id", "position")
    )
    figures_of = defaultdict(list)
    kept = {initiative.pk for initiative in initiatives}
    metrics = [metric for metric in metrics if metric.initiative_id in kept]
    for metric in metrics:
        figures_of[metric.initiative_id].append(metric)
    initiatives_of = defaultdict(list)
    for initiative in initiatives:
        initiative.figures = figures_of[initiative.pk]
        initiatives_of[initiative.city_id].append(initiative)

    columns = []
    for city in cities:
        city_initiatives = initiatives_of[city.pk]
        # A city's earlier figures of a measure a later source gives again are shown, but not compared.
        histories([metric for initiative in city_initiatives for metric in initiative.figures])
        columns.append(
            Column(
                city=city,
                initiatives=city_initiatives,
                metrics=[metric for initiative in city_initiatives for metric in initiative.figures],
                remove_query=query_string([slug for slug in slugs if slug != city.slug]),
            )
        )

    if options.theme is not None and options.theme.parameter == "category":
        categories = [options.theme.value]
    category_rows = _category_rows(columns, categories, options.hide_unreported)
    return Comparison(
        columns=columns,
        facts=_facts(columns),
        categories=category_rows,
        metrics=metric_rows(columns, hide_unreported=options.hide_unreported),
        unique=_unique(columns, category_rows),
        options=options,
    )


def _facts(columns):
    def count_link(number, **filters):
        return [Link(str(number), initiative_list_url(**filters) if number else "")]

    return [
        FactRow(
            _("Province"),
            [[Link(display_name(column.city.province), column.city.province.get_absolute_url())] for column in columns],
        ),
        FactRow(_("Administrative level"), [[Link(column.city.get_level_display())] for column in columns]),
        FactRow(
            _("Innovation model type"),
            [
                [Link(display_name(model), model.get_absolute_url()) for model in column.city.model_types]
                for column in columns
            ],
        ),
        FactRow(
            _("Initiatives"),
            [count_link(len(column.initiatives), city=column.city.slug) for column in columns],
        ),
        FactRow(_("Figures"), [[Link(str(column.figure_count))] for column in columns]),
        FactRow(
            _("Dated events"),
            [[Link(str(sum(1 for i in column.initiatives if i.date)))] for column in columns],
        ),
    ]


def _category_rows(columns, categories, hide_unreported):
    rows = []
    for category in categories:
        cells = [
            [initiative for initiative in column.initiatives if initiative.category_id == category.pk]
            for column in columns
        ]
        row = CategoryRow(category=category, cells=cells)
        if row.reported_by or not hide_unreported:
            rows.append(row)
    return rows


def _unique(columns, category_rows):
    entries = []
    for index, column in enumerate(columns):
        only_here = [
            (row.category, row.cells[index]) for row in category_rows if row.reported_by == 1 and row.cells[index]
        ]
        kinds_elsewhere = {
            metric.kind_id for other in columns if other is not column for metric in other.metrics if metric.kind_id
        }
        kinds = {
            metric.kind.pk: metric.kind
            for metric in column.metrics
            if metric.kind_id and metric.kind_id not in kinds_elsewhere
        }
        entries.append(UniqueEntry(column=column, categories=only_here, kinds=list(kinds.values())))
    return entries


# The CSV and JSON downloads ---------------------------------------------------------------------------------


def measure_note(row):
    """What the page says beside a row of measures, as one text: which figures were ranked, and why others weren't."""
    notes = []
    for compared in row.compared:
        name = f"{display_name(compared.kind)} ({compared.kind.get_basis_display()})"
        if compared.caveats:
            notes.append(
                _("%(measure)s: larger marked, but %(caveats)s")
                % {"measure": name, "caveats": ", ".join(compared.caveats)}
            )
        else:
            notes.append(_("%(measure)s: like for like") % {"measure": name})
    notes += [_("Not ranked: %(reason)s") % {"reason": reason} for reason in row.unlike]
    return "; ".join(notes)


def _figure_text(metric, largest=False):
    parts = [display.figure_value(metric)]
    time = display.figure_time(metric)
    if time:
        parts.append(f"({time})")
    if metric.kind is not None:
        parts.append(f"[{display.machine_number(metric.value)} {kind_unit(metric.kind)}]")
        parts.append(f"{display_name(metric.kind)} ({metric.kind.get_basis_display()})")
    if largest:
        parts.append(_("(largest)"))
    if getattr(metric, "superseded_by", None) is not None:
        parts.append(_("(an earlier figure: not compared)"))
    parts.append(_("source: 《%(title)s》") % {"title": metric.source.title_zh})
    return " ".join(parts)


def _initiative_text(initiative):
    text = display_name(initiative, "title")
    if initiative.figures:
        text += ": " + "; ".join(_figure_text(metric) for metric in initiative.figures)
    return text


def json_table(comparison):
    """(columns, rows) of the same table for exports.json_response: the CSV's header row as the columns' headers,
    keyed `section`, `row`, each city's slug and `note`; rows as dicts of the same texts."""
    rows = text_rows(comparison)
    keys = ["section", "row", *(city.slug for city in comparison.cities), "note"]
    columns = [exports.Column(key, header) for key, header in zip(keys, next(rows), strict=True)]
    return columns, (dict(zip(keys, row, strict=True)) for row in rows)


def text_rows(comparison):
    """The table of the downloads, a header row first: plain text, in the reader's language."""
    not_reported = _("Not reported")
    yield [_("Section"), _("Row")] + [display_name(city) for city in comparison.cities] + [_("Note")]
    for fact in comparison.facts:
        yield [_("At a glance"), fact.label] + ["; ".join(link.text for link in cell) for cell in fact.cells] + [""]
    for row in comparison.categories:
        cells = [" | ".join(_initiative_text(i) for i in cell) if cell else not_reported for cell in row.cells]
        yield [_("By category"), display_name(row.category)] + cells + [""]
    for row in comparison.metrics:
        cells = [
            " | ".join(_figure_text(metric, largest) for metric, largest in cell.figures)
            if cell.metrics
            else not_reported
            for cell in row.cells
        ]
        yield [_("By measure"), str(row.label)] + cells + [measure_note(row)]
    for label, attribute in (
        (_("Categories only this city reports"), "categories"),
        (_("Measures only this city reports"), "kinds"),
    ):
        cells = []
        for entry in comparison.unique:
            items = getattr(entry, attribute)
            names = [display_name(item[0] if attribute == "categories" else item) for item in items]
            cells.append("; ".join(names) or _("None"))
        yield [_("Unique to one city"), label] + cells + [""]

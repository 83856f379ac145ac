"""Measures across cities: rankings per metric kind, the coverage matrix and the timeline of dated events.

Each function reads everything it needs in a fixed number of queries and returns plain structures the
templates only have to lay out.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from cities.localization import current_language, localized
from cities.models import City
from initiatives import charts, display
from initiatives.models import Initiative, InitiativeCategory, Metric, MetricKind


def initiative_list_url(base=None, **filters):
    """The list of initiatives filtered by its GET parameters, e.g. city=<slug>&category=<slug>."""
    base = base or reverse("initiative_list")
    return f"{base}?{urlencode(filters)}" if filters else base


def display_name(obj, field="name"):
    """A city's or programme's name in the reader's language; in English with the Chinese beside it."""
    name = localized(obj, field)
    if current_language().startswith("en"):
        chinese = getattr(obj, f"{field}_zh", "")
        if chinese and chinese != name:
            return f"{name} {chinese}"
    return name


# Rankings ---------------------------------------------------------------------------------------------


@dataclass
class RankedFigure:
    rank: int
    metric: Metric
    same_unit: bool  # written in the kind's canonical unit

    @property
    def city(self):
        return self.metric.initiative.city

    @property
    def initiative(self):
        return self.metric.initiative


@dataclass
class Ranking:
    kind: MetricKind
    rows: list
    chart: charts.BarChart
    city_count: int
    mixed_times: bool
    mixed_qualifiers: bool
    other_units: list = field(default_factory=list)
    limit: int | None = None

    @property
    def is_shortened(self):
        return self.limit is not None and len(self.rows) > self.limit

    @property
    def shown_rows(self):
        """The rows an overview shows: those of the chart (the largest `limit` figures)."""
        return self.rows[: self.limit] if self.is_shortened else self.rows


def figure_time_key(metric):
    return (metric.as_of, metric.as_of_precision, metric.period_start, metric.period_end, metric.time_as_written)


def rank_figures(kind, metrics, limit=None):
    """The figures of one kind, largest first, with a bar chart of them.

    Figures written in another unit than the kind's (家 where the kind counts 戶) are ranked too, because
    the kind says they measure the same thing, but they are flagged. `limit` shortens the chart for overviews.
    """
    metrics = sorted(metrics, key=lambda metric: (-metric.value, metric.initiative.city.order, metric.pk))
    for metric in metrics:
        metric.kind = kind  # known already: no query when a template reads metric.kind
    rank_numbers = charts.ranks([metric.value for metric in metrics])
    rows = [
        RankedFigure(rank, metric, metric.unit == kind.unit) for rank, metric in zip(rank_numbers, metrics, strict=True)
    ]
    several = {city_id for city_id, count in _count_by_city(metrics).items() if count > 1}
    items = []
    for metric in metrics[:limit] if limit else metrics:
        label = display_name(metric.initiative.city)
        if metric.initiative.city_id in several:  # tell a city's figures apart by their own labels
            label = f"{label} · {localized(metric, 'label')}"
        items.append(
            charts.ChartItem(
                label=label,
                value=float(metric.value),
                value_text=display.figure_value(metric),
                note=display.figure_time(metric),
            )
        )
    chart = charts.bar_chart(
        items,
        chart_id=f"chart-{kind.slug}",
        title=_("%(kind)s: figures reported by each city, largest first") % {"kind": localized(kind, "name")},
        description=_("Bar lengths are proportional to the figures; the table that follows lists them."),
        sort=False,
    )
    return Ranking(
        kind=kind,
        rows=rows,
        chart=chart,
        city_count=len({metric.initiative.city_id for metric in metrics}),
        mixed_times=len({figure_time_key(metric) for metric in metrics}) > 1,
        mixed_qualifiers=len({metric.qualifier for metric in metrics}) > 1,
        other_units=sorted({metric.unit for metric in metrics if metric.unit != kind.unit}),
        limit=limit,
    )


def _count_by_city(metrics):
    counts = defaultdict(int)
    for metric in metrics:
        counts[metric.initiative.city_id] += 1
    return counts


def kind_unit(kind):
    return kind.unit_en if current_language().startswith("en") else kind.unit


def ranking_queryset():
    # Only what a ranking shows: the figure, its initiative and city (the kind is known by its id).
    return Metric.objects.filter(kind__isnull=False).select_related("initiative__city").order_by()


def all_rankings(chart_limit=None):
    """Every metric kind with its ranking (two queries whatever the number of kinds and figures)."""
    by_kind = defaultdict(list)
    for metric in ranking_queryset():
        by_kind[metric.kind_id].append(metric)
    return [rank_figures(kind, by_kind[kind.pk], limit=chart_limit) for kind in MetricKind.objects.all()]


def kind_ranking(kind):
    return rank_figures(kind, list(ranking_queryset().filter(kind=kind)))


# Coverage ---------------------------------------------------------------------------------------------


@dataclass
class CoverageCell:
    category: InitiativeCategory
    initiatives: int
    figures: int
    url: str

    @property
    def empty(self):
        return self.initiatives == 0


@dataclass
class CoverageRow:
    city: City
    cells: list
    initiatives: int
    figures: int
    categories_reported: int


def coverage_matrix():
    """Cities × categories: how many initiatives and figures each city reports in each category."""
    cities = list(City.objects.select_related("province"))
    categories = list(InitiativeCategory.objects.all())
    initiative_counts = {
        (row["city_id"], row["category_id"]): row["n"]
        for row in Initiative.objects.order_by().values("city_id", "category_id").annotate(n=Count("id"))
    }
    figure_counts = {
        (row["initiative__city_id"], row["initiative__category_id"]): row["n"]
        for row in Metric.objects.order_by()
        .values("initiative__city_id", "initiative__category_id")
        .annotate(n=Count("id"))
    }
    base = reverse("initiative_list")
    rows = []
    for city in cities:
        cells = [
            CoverageCell(
                category=category,
                initiatives=initiative_counts.get((city.pk, category.pk), 0),
                figures=figure_counts.get((city.pk, category.pk), 0),
                url=initiative_list_url(base, city=city.slug, category=category.slug),
            )
            for category in categories
        ]
        rows.append(
            CoverageRow(
                city=city,
                cells=cells,
                initiatives=sum(cell.initiatives for cell in cells),
                figures=sum(cell.figures for cell in cells),
                categories_reported=sum(1 for cell in cells if not cell.empty),
            )
        )
    column_totals = [
        {
            "category": category,
            "initiatives": sum(row.cells[index].initiatives for row in rows),
            "figures": sum(row.cells[index].figures for row in rows),
            "cities": sum(1 for row in rows if not row.cells[index].empty),
        }
        for index, category in enumerate(categories)
    ]
    return {"categories": categories, "rows": rows, "column_totals": column_totals}


# Timeline ---------------------------------------------------------------------------------------------


def timeline_events(city=None, category=None):
    """Every dated initiative in date order, optionally of one city and/or one category."""
    events = Initiative.objects.dated().for_list()
    if city is not None:
        events = events.filter(city=city)
    if category is not None:
        events = events.filter(category=category)
    return events.order_by("date", "city__order", "order", "pk")

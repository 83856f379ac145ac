"""Rankings: the figures of one measure (one concept on one basis), largest first, with their chart and summary.

A ranking never holds figures of two measures: related measures (a family) are laid out as separate rankings
side by side. Each function reads everything it needs in a fixed number of queries.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.paginator import Page
from django.db import connection
from django.db.models import Count, F, Max, Min, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils.translation import gettext as _

from core.localization import localized
from initiatives import charts, display
from initiatives.measures import display_name, kind_unit
from initiatives.models import MeasureFamily, Metric, MetricKind
from initiatives.pagination import paginate_by_key

# A ranking's order: the largest figure first; equal figures in the report's order of cities, then as entered.
RANKING_ORDER = ("-value", "initiative__city__order", "pk")
RANKING_PAGE_SIZE = 50
CHART_BARS = 20  # a kind's own page draws its largest figures; the table lists them all, page by page
TIME_FIELDS = ("as_of", "as_of_precision", "period_start", "period_end", "time_as_written")
# What a ranking says about all of a kind's figures changes only with the data: kept under the content version.
SUMMARY_CACHE_SECONDS = 600


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
class KindSummary:
    """What a ranking says about every figure of its kind, whichever of them a page shows."""

    figure_count: int = 0
    city_count: int = 0
    mixed_times: bool = False
    mixed_qualifiers: bool = False
    other_units: list = field(default_factory=list)


@dataclass
class Ranking:
    kind: MetricKind
    rows: list  # RankedFigure: the page's figures, or on the overview the largest ones
    chart: charts.BarChart  # the largest figures
    summary: KindSummary
    page: Page | None = None  # on the kind's own page: the page of the table, its object_list being `rows`

    @property
    def figure_count(self):
        return self.summary.figure_count

    @property
    def city_count(self):
        return self.summary.city_count

    @property
    def mixed_times(self):
        return self.summary.mixed_times

    @property
    def mixed_qualifiers(self):
        return self.summary.mixed_qualifiers

    @property
    def other_units(self):
        return self.summary.other_units

    @property
    def is_shortened(self):
        """The overview shows only the largest figures of this kind."""
        return self.figure_count > len(self.rows)

    @property
    def chart_is_shortened(self):
        return self.figure_count > len(self.chart.bars)


def figure_time_key(metric):
    return (metric.as_of, metric.as_of_precision, metric.period_start, metric.period_end, metric.time_as_written)


def ranked_figures(kind):
    """Every figure of the kind in ranking order, with its initiative and city.

    Figures written in another unit than the kind's (家 where the kind counts 戶) are ranked too, because the kind
    says they measure the same thing, but they are flagged (RankedFigure.same_unit, KindSummary.other_units).
    """
    return Metric.objects.filter(kind=kind).select_related("initiative__city", "source").order_by(*RANKING_ORDER)


def with_ranks(metrics, first_position=1, first_rank=1):
    """(rank, metric) for figures in ranking order: equal values share the rank of the first of them (1, 2, 2, 4).

    The first figure sits at `first_position` of the whole ranking with rank `first_rank`, so a page of a ranking
    numbers its rows as the whole ranking does.
    """
    rank, previous = first_rank, None
    for position, metric in enumerate(metrics, start=first_position):
        if previous is not None and metric.value != previous:
            rank = position
        previous = metric.value
        yield rank, metric


def ranked_rows(kind, metrics, first_position=1, first_rank=1):
    rows = []
    for rank, metric in with_ranks(metrics, first_position, first_rank):
        metric.kind = kind  # known already: no query when a template reads metric.kind
        rows.append(RankedFigure(rank, metric, metric.unit == kind.unit))
    return rows


def ranking_chart(kind, metrics):
    """A bar chart of these figures (the largest of a kind), in their order."""
    counts = Counter(metric.initiative.city_id for metric in metrics)
    items = []
    for metric in metrics:
        label = display_name(metric.initiative.city)
        if counts[metric.initiative.city_id] > 1:  # tell a city's bars apart by their figures' labels
            label = f"{label} · {localized(metric, 'label')}"
        items.append(
            charts.ChartItem(
                label=label,
                value=float(metric.value),
                value_text=display.figure_value(metric),
                note=display.figure_time(metric),
            )
        )
    return charts.bar_chart(
        items,
        chart_id=f"chart-{kind.slug}",
        title=_("%(kind)s (%(basis)s): figures reported by each city, largest first")
        % {"kind": localized(kind, "name"), "basis": kind.get_basis_display()},
        description=_("Bar lengths are proportional to the figures; the table that follows lists them."),
        sort=False,
        unit=kind_unit(kind),
    )


def kind_ranking(kind, page_number, version=None):
    """A kind's ranking as its own page shows it: one page of the table, the chart of the largest figures and
    the summary of all of them. At most seven queries whatever the number of figures (the page's four, the chart's,
    the summary's two); three on page 1 once the summary is cached."""
    figures = ranked_figures(kind)
    page = paginate_by_key(figures, "value", RANKING_PAGE_SIZE, page_number, descending=True)
    metrics = page.object_list
    page.object_list = ranked_rows(kind, metrics, page.start_index(), page.before + 1)
    largest = metrics[:CHART_BARS] if page.number == 1 else list(figures[:CHART_BARS])
    return Ranking(
        kind=kind,
        rows=page.object_list,
        chart=ranking_chart(kind, largest),
        summary=kind_summaries([kind], version)[kind.pk],
        page=page,
    )


def all_rankings(limit, version=None, family=None):
    """Every metric kind (or those of one family) with its `limit` largest figures, in four queries whatever the
    number of kinds and figures (two with the summaries cached): the kinds, their largest figures, the summaries of
    all their figures."""
    kinds = MetricKind.objects.all()
    kinds = list(kinds.filter(family=family) if family else kinds)
    largest = largest_figures(kinds, limit)
    summaries = kind_summaries(kinds, version)
    rankings = []
    for kind in kinds:
        metrics = largest[kind.pk]
        rankings.append(Ranking(kind, ranked_rows(kind, metrics), ranking_chart(kind, metrics), summaries[kind.pk]))
    return rankings


@dataclass
class Family:
    """Related measures, each its own ranking, shown side by side under one heading."""

    slug: str
    label: str
    rankings: list

    @property
    def url(self):
        return reverse("metric_family_detail", args=[self.slug])


def by_family(rankings):
    """The rankings grouped by their measures' families, in the families' order; no query."""
    groups = defaultdict(list)
    for ranking in rankings:
        groups[ranking.kind.family].append(ranking)
    return [Family(slug, MeasureFamily(slug).label, groups[slug]) for slug in MeasureFamily.values if groups[slug]]


def largest_figures(kinds, limit):
    """{kind id: its `limit` largest figures in ranking order}, in one query whatever the number of figures."""
    largest = defaultdict(list)
    if not kinds:
        return largest
    if connection.features.supports_slicing_ordering_in_compound:
        # PostgreSQL: each kind's first rows straight from its (kind, value) index, the kinds' parts in one UNION.
        parts = [ranked_figures(kind)[:limit] for kind in kinds]
        figures = parts[0].union(*parts[1:], all=True)
    else:
        # SQLite cannot limit the parts of a UNION: number each kind's figures in ranking order instead.
        place = Window(
            RowNumber(),
            partition_by=F("kind"),
            order_by=list(RANKING_ORDER),
        )
        figures = (
            Metric.objects.filter(kind__in=kinds).select_related("initiative__city", "source").annotate(place=place)
        )
        figures = figures.filter(place__lte=limit)
    for metric in sorted(figures, key=ranking_key):
        largest[metric.kind_id].append(metric)
    return largest


def ranking_key(metric):
    return (metric.kind_id, -metric.value, metric.initiative.city.order, metric.pk)


def kind_summaries(kinds, version=None):
    """{kind id: KindSummary} of these kinds, read in two grouped queries over all their figures.

    Given the content version (page_cache), each summary is kept in the cache under it, so it is read again only
    after the data changes.
    """
    keys = {kind.pk: f"measures:kind-summary:{version}:{kind.pk}" for kind in kinds}
    cached = cache.get_many(keys.values()) if version is not None else {}
    summaries = {kind.pk: cached[keys[kind.pk]] for kind in kinds if keys[kind.pk] in cached}
    missing = [kind for kind in kinds if kind.pk not in summaries]
    if missing:
        computed = _read_summaries(missing)
        summaries.update(computed)
        if version is not None:
            cache.set_many({keys[pk]: summary for pk, summary in computed.items()}, SUMMARY_CACHE_SECONDS)
    return summaries


def _read_summaries(kinds):
    aggregates = {
        "figures": Count("pk"),
        "cities": Count("initiative__city", distinct=True),
        "qualifiers": Count("qualifier", distinct=True),
    }
    for name in TIME_FIELDS:
        aggregates |= {f"{name}_min": Min(name), f"{name}_max": Max(name), f"{name}_count": Count(name)}
    figures = Metric.objects.filter(kind__in=kinds).order_by()
    summaries = {kind.pk: KindSummary() for kind in kinds}
    for row in figures.values("kind").annotate(**aggregates):
        summaries[row["kind"]] = KindSummary(
            figure_count=row["figures"],
            city_count=row["cities"],
            mixed_times=any(_has_several_values(row, name) for name in TIME_FIELDS),
            mixed_qualifiers=row["qualifiers"] > 1,
        )
    other_units = figures.exclude(unit=F("kind__unit")).values_list("kind", "unit").distinct()
    for kind_id, unit in sorted(other_units):
        summaries[kind_id].other_units.append(unit)
    return summaries


def _has_several_values(row, name):
    """Whether a kind's figures hold more than one value of the field (no value counting as one)."""
    return row[f"{name}_min"] != row[f"{name}_max"] or 0 < row[f"{name}_count"] < row["figures"]

"""Figures over time: when a later source gives the same measure for the same city at a later date, its figure is
the city's latest and the earlier sources' figures are its history.

Only figures of one measure (MetricKind) are set against each other, and only across sources: two figures of one
source are two things it reports, not an update. A figure without a date is never called earlier or later. No query
here: everything comes from figures already read (with their kind and source).
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Subquery

from initiatives.models import Metric


def figure_date(metric):
    """When a figure holds: its as-of date, else the end (or start) of its period; None when the source gives none."""
    return metric.as_of or metric.period_end or metric.period_start


@dataclass
class MeasureHistory:
    """One measure of one city given by two or more sources at different dates."""

    kind: object
    latest: list  # the figures of the latest date (one source's, usually one figure)
    earlier: list  # the other sources' earlier figures, latest first

    @property
    def city(self):
        return self.latest[0].initiative.city

    @property
    def figures(self):
        """Every figure of the history, latest first."""
        return self.latest + self.earlier


def histories(metrics, group=lambda metric: metric.kind_id):
    """The measure histories among `metrics`, in the measures' order (then the latest first).

    `group` says which figures belong together: by measure for one city's figures (the default), by city and
    measure (`lambda metric: (metric.initiative.city_id, metric.kind_id)`) across cities. Each earlier figure gets
    `superseded_by`, the latest figure that replaces it, for the pages that list it among the others.
    """
    groups = defaultdict(list)
    for metric in metrics:
        if metric.kind_id is not None:
            groups[group(metric)].append(metric)
    found = []
    for figures in groups.values():
        if len({metric.source_id for metric in figures}) < 2:
            continue
        dated = [metric for metric in figures if figure_date(metric) is not None]
        if not dated:
            continue
        newest = max(figure_date(metric) for metric in dated)
        latest = [metric for metric in dated if figure_date(metric) == newest]
        latest_sources = {metric.source_id for metric in latest}
        earlier = [
            metric for metric in dated if figure_date(metric) < newest and metric.source_id not in latest_sources
        ]
        if not earlier:
            continue
        earlier.sort(key=figure_date, reverse=True)
        for metric in earlier:
            metric.superseded_by = latest[0]
        found.append(MeasureHistory(kind=latest[0].kind, latest=latest, earlier=earlier))
    found.sort(key=lambda history: (history.kind.order, history.kind.slug, -history.latest[0].pk))
    return found


def current(metrics):
    """The figures no later source's figure replaces (call histories() on them first)."""
    return [metric for metric in metrics if getattr(metric, "superseded_by", None) is None]


def distinct_sources(rows):
    """The sources of rows (initiatives, figures) with their source loaded, once each, in the sources' order."""
    seen = {}
    for row in rows:
        seen.setdefault(row.source_id, row.source)
    return sorted(seen.values(), key=lambda source: source.pk)


def by_city_and_measure(metric):
    return (metric.initiative.city_id, metric.kind_id)


def kind_histories(kind):
    """A measure's histories across the cities, in one query: the figures of the cities that have figures of the
    measure from two or more sources."""
    # Only a city with a figure from a source after the measure's first can have two: counting the sources of
    # those cities alone, through the (kind, source) index, reads nothing when the measure has one source (grouping
    # all of its 53,000 figures by city took 350 to 490 ms at 300,000 initiatives on PostgreSQL).
    of_kind = Metric.objects.filter(kind=kind)
    first_source = Subquery(of_kind.order_by("source").values("source")[:1])
    later = of_kind.filter(source__gt=first_source).values("initiative__city")
    cities = (
        of_kind.filter(initiative__city__in=later)
        .values("initiative__city")
        .annotate(source_count=Count("source", distinct=True))
        .filter(source_count__gt=1)
        .values("initiative__city")
    )
    figures = (
        Metric.objects.filter(kind=kind, initiative__city__in=cities)
        .select_related("initiative__city", "kind", "source")
        .order_by("initiative__city__order", "initiative__city_id", "id")
    )
    found = histories(figures, group=by_city_and_measure)
    found.sort(key=lambda history: (history.city.order, history.city.slug))
    return found

"""A comparison's figures, one row per family of measures.

A figure is marked larger only against figures of its own measure (one concept on one basis) from the other cities;
where their dates, qualifiers or units differ the row says so in words. Figures of different measures in one row
are shown side by side with the reason, in plain words, why they cannot be ranked ("credit lines granted vs loans
disbursed", "one stated period vs the total since launch"). Measures two or more of the cities report get a small
chart of their figures, one bar per city. No query here: everything comes from the figures already read.
"""

from dataclasses import dataclass, field
from itertools import combinations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.localization import localized
from initiatives import charts, display
from initiatives.history import current
from initiatives.measures import display_name
from initiatives.models import Basis, MeasureFamily
from initiatives.rankings import figure_time_key

# How a basis reads where two figures of the same concept differ only in it.
BASIS_PHRASES = {
    Basis.STOCK: gettext_lazy("a count as of a date"),
    Basis.FLOW: gettext_lazy("one stated period"),
    Basis.CUMULATIVE: gettext_lazy("the total since launch"),
    Basis.SHARE: gettext_lazy("a share or percentage change"),
}


@dataclass
class MetricCell:
    metrics: list
    marked: list = field(default_factory=list)  # the figures marked larger, one per measure compared

    @property
    def figures(self):
        """(metric, is marked larger) pairs, for the template."""
        return [(metric, any(metric is other for other in self.marked)) for metric in self.metrics]

    @property
    def largest(self):
        return self.marked[0] if self.marked else None


@dataclass
class MeasureComparison:
    """One measure that two or more of the cities report: their largest figures of it, side by side."""

    kind: object
    figures: list  # each reporting city's largest figure of the measure, in the columns' order
    leader: object = None  # the larger figure, None when the largest are equal
    caveats: list = field(default_factory=list)  # what differs between them though the measure is the same
    chart: object = None

    @property
    def tied(self):
        return self.leader is None

    @property
    def dates_differ(self):
        return _("different dates or periods") in self.caveats


@dataclass
class MetricRow:
    family: str
    cells: list
    compared: list  # MeasureComparison, for each measure at least two of the cities report
    unlike: list  # why figures of different measures in the row cannot be ranked, in plain words

    @property
    def label(self):
        return MeasureFamily(self.family).label

    @property
    def reported_by(self):
        return sum(1 for cell in self.cells if cell.metrics)

    @property
    def kinds(self):
        seen = {}
        for cell in self.cells:
            for metric in cell.metrics:
                seen.setdefault(metric.kind_id, metric.kind)
        return sorted(seen.values(), key=lambda kind: (kind.order, kind.slug))


def comparability_problems(kind, metrics):
    """What differs between these figures of one measure (one per city): empty when they are like for like."""
    reasons = []
    if len({metric.unit for metric in metrics}) > 1 or any(metric.unit != kind.unit for metric in metrics):
        reasons.append(_("different units"))
    if any(not any(figure_time_key(metric)) for metric in metrics):
        reasons.append(_("a figure without a date"))
    elif len({figure_time_key(metric) for metric in metrics}) > 1:
        reasons.append(_("different dates or periods"))
    if len({(metric.qualifier, metric.second_qualifier) for metric in metrics}) > 1:
        reasons.append(_("different qualifiers (none, over, about…)"))
    if any(metric.value_max is not None for metric in metrics):
        reasons.append(_("a range rather than one number"))
    if len({metric.source_id for metric in metrics}) > 1:
        reasons.append(_("from different sources"))
    return reasons


def unlike_reason(first, second):
    """Why figures of two measures cannot be ranked against each other, in plain words."""
    if first.name_en == second.name_en:  # one concept on two bases
        return _("%(first)s vs %(second)s") % {
            "first": BASIS_PHRASES[first.basis],
            "second": BASIS_PHRASES[second.basis],
        }
    return _("%(first)s vs %(second)s: not the same thing counted") % {
        "first": localized(first, "name"),
        "second": localized(second, "name"),
    }


def metric_rows(columns, families=None, hide_unreported=True):
    """One row per family of measures, in the families' order: those the cities report, or every family of
    `families` (all of them when None) unless `hide_unreported`."""
    present = {metric.kind.family for column in columns for metric in column.metrics if metric.kind_id}
    wanted = MeasureFamily.values if families is None else families
    rows = []
    for family in wanted:
        if family not in present and hide_unreported:
            continue
        cells = [
            MetricCell([metric for metric in column.metrics if metric.kind_id and metric.kind.family == family])
            for column in columns
        ]
        rows.append(_row(family, columns, cells))
    return rows


def _row(family, columns, cells):
    kinds_by_column = [{metric.kind_id: metric.kind for metric in cell.metrics} for cell in cells]
    kinds = {}
    for column_kinds in kinds_by_column:
        kinds.update(column_kinds)
    compared = []
    for kind in sorted(kinds.values(), key=lambda kind: (kind.order, kind.slug)):
        figures = []
        for index, cell in enumerate(cells):
            own = current(metric for metric in cell.metrics if metric.kind_id == kind.pk)
            if own:  # each city is represented by its largest latest figure of the measure
                figures.append((index, max(own, key=lambda metric: metric.value)))
        if len(figures) < 2:
            continue
        comparison = _compare(kind, figures, columns)
        if comparison.leader is not None:
            cells[next(index for index, metric in figures if metric is comparison.leader)].marked.append(
                comparison.leader
            )
        compared.append(comparison)
    unlike = []
    for first, second in combinations(range(len(cells)), 2):
        # Measures one city reports and the other does not: their figures are side by side but never ranked.
        only_first = [kind for pk, kind in kinds_by_column[first].items() if pk not in kinds_by_column[second]]
        only_second = [kind for pk, kind in kinds_by_column[second].items() if pk not in kinds_by_column[first]]
        for a in only_first:
            for b in only_second:
                reason = unlike_reason(a, b)
                if reason not in unlike:
                    unlike.append(reason)
    return MetricRow(family=family, cells=cells, compared=compared, unlike=unlike)


def _compare(kind, figures, columns):
    metrics = [metric for _, metric in figures]
    top = max(metric.value for metric in metrics)
    leaders = [metric for metric in metrics if metric.value == top]
    items = [
        charts.ChartItem(
            label=display_name(columns[index].city),
            value=float(metric.value),
            value_text=display.figure_value(metric),
            note=display.figure_time(metric),
        )
        for index, metric in figures
    ]
    chart = charts.bar_chart(
        items,
        chart_id=f"compare-chart-{kind.slug}",
        title=_("%(kind)s (%(basis)s): the compared cities' figures")
        % {"kind": localized(kind, "name"), "basis": kind.get_basis_display()},
        description=_("Bar lengths are proportional to the figures of this one measure."),
        width=480,
    )
    return MeasureComparison(
        kind=kind,
        figures=metrics,
        leader=leaders[0] if len(leaders) == 1 else None,
        caveats=comparability_problems(kind, metrics),
        chart=chart,
    )

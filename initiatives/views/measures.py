"""The pages of measures: every measure ranked, a family of related measures, one measure's ranking."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.per_version import request_version as content_version
from initiatives import export_rows, exports, figure_rows, history, rankings
from initiatives.models import MeasureFamily, MetricKind

# The overview draws at most this many bars per kind; each kind's own page draws rankings.CHART_BARS.
OVERVIEW_CHART_BARS = 10

# Measures that mixed concepts or bases before they were split: their addresses lead to the family of the split ones.
FORMER_KINDS = {
    "credit-loan-amount": MeasureFamily.LENDING,
    "credit-loan-enterprises": MeasureFamily.LENDING,
    "credit-repair-entities": MeasureFamily.REPAIR,
    "credit-report-domains": MeasureFamily.CREDIT_REPORTS,
    "credit-records-aggregated": MeasureFamily.CREDIT_DATA,
    "time-reduction-percent": MeasureFamily.PROCESSING_TIME,
}


def metric_kind_list(request):
    ranked = rankings.all_rankings(OVERVIEW_CHART_BARS, version=content_version(request))
    return render(
        request,
        "initiatives/metric_kind_list.html",
        {"rankings": ranked, "families": rankings.by_family(ranked), "chart_bars": OVERVIEW_CHART_BARS},
    )


def metric_family_detail(request, family):
    """Related measures side by side, each ranked on its own: never one ordered list."""
    if family not in MeasureFamily.values:
        raise Http404(_("There is no family of measures with this identifier."))
    ranked = rankings.all_rankings(OVERVIEW_CHART_BARS, version=content_version(request), family=family)
    return render(
        request,
        "initiatives/metric_family_detail.html",
        {"family": rankings.Family(family, MeasureFamily(family).label, ranked), "chart_bars": OVERVIEW_CHART_BARS},
    )


def metric_kind_detail(request, slug):
    kind = MetricKind.objects.filter(slug=slug).first()
    if kind is None:
        if slug in FORMER_KINDS:
            return redirect("metric_family_detail", FORMER_KINDS[slug], permanent=True)
        raise Http404(_("There is no measure with this identifier."))
    download = figure_rows.figures_download(request, f"figures-{kind.slug}", kind.metrics.all())
    rows = export_rows.ranking_rows(kind, rankings.ranked_figures(kind), request)
    download = download or exports.download(request, f"metrics-{kind.slug}", export_rows.RANKING_COLUMNS, rows)
    if download:
        return download
    ranking = rankings.kind_ranking(kind, request.GET.get("page"), version=content_version(request))
    related = MetricKind.objects.filter(family=kind.family).exclude(pk=kind.pk)  # one query: the family's others
    histories = history.kind_histories(kind)  # one query: the cities a later source updates
    context = {
        "kind": kind,
        "ranking": ranking,
        "related": list(related),
        "family_label": MeasureFamily(kind.family).label,
        "histories": histories,
        "superseded_ids": {metric.pk for found in histories for metric in found.earlier},
    }
    return render(request, "initiatives/metric_kind_detail.html", context)

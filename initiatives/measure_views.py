from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.per_version import request_version as content_version
from initiatives import coverage as coverage_matrix
from initiatives import exports, measures, rankings
from initiatives.models import InitiativeCategory, MeasureFamily, MetricKind

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
    rows = exports.ranking_rows(kind, rankings.ranked_figures(kind), request)
    download = exports.download(request, f"metrics-{kind.slug}", exports.RANKING_COLUMNS, rows)
    if download:
        return download
    ranking = rankings.kind_ranking(kind, request.GET.get("page"), version=content_version(request))
    related = MetricKind.objects.filter(family=kind.family).exclude(pk=kind.pk)  # one query: the family's others
    context = {
        "kind": kind,
        "ranking": ranking,
        "related": list(related),
        "family_label": MeasureFamily(kind.family).label,
    }
    return render(request, "initiatives/metric_kind_detail.html", context)


def coverage(request):
    """`?theme=topics` shows the topics instead of the categories; anything else, the categories."""
    theme = request.GET.get("theme", "")
    theme = theme if theme in coverage_matrix.THEMES else "categories"
    matrix = coverage_matrix.coverage_matrix(theme, request.GET.get("page"), version=content_version(request))
    return render(request, "initiatives/coverage.html", {"matrix": matrix, "page": matrix["page"]})


def timeline(request):
    """Dated initiatives in order, a page at a time; `?city=<slug>` and `?category=<slug>` narrow them down."""
    city_groups = measures.cities_by_province()
    categories = list(InitiativeCategory.objects.all())
    city_slug = request.GET.get("city", "").strip()
    category_slug = request.GET.get("category", "").strip()
    city = next((c for group in city_groups for c in group.cities if c.slug == city_slug), None)
    category = next((c for c in categories if c.slug == category_slug), None)

    problems = []
    if city_slug and city is None:
        problems.append(_("There is no city with the identifier “%(slug)s” in the report.") % {"slug": city_slug})
    if category_slug and category is None:
        problems.append(_("There is no category with the identifier “%(slug)s”.") % {"slug": category_slug})

    page = None
    if not problems:
        events = measures.timeline_events(city=city.pk if city else None, category=category)
        rows = exports.initiative_rows(events, request)
        download = exports.download(request, "timeline", exports.INITIATIVE_COLUMNS, rows)
        if download:
            return download
        page = measures.timeline_page(events, request.GET.get("page"))
    context = {
        "page": page,
        "city_groups": city_groups,
        "categories": categories,
        "city": city,
        "category": category,
        "problems": problems,
    }
    return render(request, "initiatives/timeline.html", context, status=400 if problems else 200)

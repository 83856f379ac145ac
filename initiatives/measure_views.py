from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from cities.models import City
from initiatives import measures
from initiatives.models import InitiativeCategory, MetricKind

# The overview draws at most this many bars per kind; each kind's own page draws them all.
OVERVIEW_CHART_BARS = 10


def metric_kind_list(request):
    rankings = measures.all_rankings(chart_limit=OVERVIEW_CHART_BARS)
    return render(
        request,
        "initiatives/metric_kind_list.html",
        {"rankings": rankings, "chart_bars": OVERVIEW_CHART_BARS},
    )


def metric_kind_detail(request, slug):
    kind = get_object_or_404(MetricKind, slug=slug)
    return render(
        request, "initiatives/metric_kind_detail.html", {"kind": kind, "ranking": measures.kind_ranking(kind)}
    )


def coverage(request):
    return render(request, "initiatives/coverage.html", {"matrix": measures.coverage_matrix()})


def timeline(request):
    """Dated initiatives in order; `?city=<slug>` and `?category=<slug>` narrow them down."""
    cities = list(City.objects.only("slug", "name_zh", "name_en", "order"))
    categories = list(InitiativeCategory.objects.all())
    city_slug = request.GET.get("city", "").strip()
    category_slug = request.GET.get("category", "").strip()
    city = next((c for c in cities if c.slug == city_slug), None)
    category = next((c for c in categories if c.slug == category_slug), None)

    problems = []
    if city_slug and city is None:
        problems.append(_("There is no city with the identifier “%(slug)s” in the report.") % {"slug": city_slug})
    if category_slug and category is None:
        problems.append(_("There is no category with the identifier “%(slug)s”.") % {"slug": category_slug})

    context = {
        "events": [] if problems else measures.timeline_events(city=city, category=category),
        "cities": cities,
        "categories": categories,
        "city": city,
        "category": category,
        "problems": problems,
    }
    return render(request, "initiatives/timeline.html", context, status=400 if problems else 200)

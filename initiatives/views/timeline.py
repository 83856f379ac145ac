"""The timeline: dated initiatives in order, narrowed to a city or a category, and its downloads."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from initiatives import export_rows, exports, measures
from initiatives.models import InitiativeCategory


def timeline_detail(request):
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
        rows = export_rows.initiative_rows(events, request)
        download = exports.download(request, "timeline", export_rows.INITIATIVE_COLUMNS, rows)
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

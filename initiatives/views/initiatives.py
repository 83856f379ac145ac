"""The pages of initiatives: the filterable list (and its downloads) and one initiative."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from initiatives import exports
from initiatives.filters import InitiativeFilter
from initiatives.models import Initiative

PAGE_SIZE = 20


def paginate(request, queryset):
    """A page of results; a junk page number gives the first page, one past the end the last."""
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def initiative_list(request):
    initiative_filter = InitiativeFilter(request.GET, queryset=Initiative.objects.all(), request=request)
    rows = exports.initiative_rows(initiative_filter.qs, request)
    download = exports.download(request, "initiatives", exports.INITIATIVE_COLUMNS, rows)
    if download:
        return download
    page = paginate(request, initiative_filter.qs.for_list().with_figures())
    context = {
        "filter": initiative_filter,
        "facets": initiative_filter.facets(),
        "active_filters": initiative_filter.active_filters(request.GET),
        "page": page,
    }
    return render(request, "initiatives/initiative_list.html", context)


def initiative_detail(request, pk):
    initiative = get_object_or_404(Initiative.objects.for_list().with_figures().with_tags(), pk=pk)
    context = {
        "initiative": initiative,
        "city_initiatives": initiative.city.initiatives.select_related("category").exclude(pk=initiative.pk),
    }
    return render(request, "initiatives/initiative_detail.html", context)

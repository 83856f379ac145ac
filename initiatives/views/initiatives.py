"""The pages of initiatives: the filterable list (and its downloads) and one initiative."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from initiatives import figure_rows
from initiatives.facets import InitiativeFilter
from initiatives.models import Initiative

PAGE_SIZE = 20


def paginate(request, queryset, count=None):
    """A page of results; a junk page number gives the first page, one past the end the last. `count`: the number
    of results where it is known already (the paginator then does not count them)."""
    paginator = Paginator(queryset, PAGE_SIZE)
    if count is not None:
        paginator.count = count
    return paginator.get_page(request.GET.get("page"))


def initiative_list(request):
    initiative_filter = InitiativeFilter(request.GET, queryset=Initiative.objects.all(), request=request)
    download = figure_rows.list_download(request, initiative_filter)
    if download:
        return download
    facets = initiative_filter.facets(request.GET)  # before the chips: it reads the chosen cities' names
    # The facets' statement counts the results too.
    page = paginate(request, initiative_filter.qs.for_list().with_figures(), initiative_filter.result_count())
    context = {
        "filter": initiative_filter,
        "facets": facets,
        "active_filters": initiative_filter.chips(request.GET),
        "clear_query": initiative_filter.clear_query(request.GET),
        "sort_links": initiative_filter.sort_links(request.GET),
        "page": page,
    }
    return render(request, "initiatives/initiative_list.html", context)


def initiative_detail(request, pk):
    initiative = get_object_or_404(Initiative.objects.for_list(), pk=pk)
    # Its figures and tags read through its own relations, kept as if prefetched: prefetch_related's machinery cost
    # more than the three queries themselves for a single initiative.
    figures = initiative.metrics.select_related("kind", "source").order_by("position")
    keep_as_prefetched(initiative, metrics=figures, additional_categories=None, topics=None)
    context = {
        "initiative": initiative,
        "city_initiatives": initiative.city.initiatives.select_related("category").exclude(pk=initiative.pk),
    }
    return render(request, "initiatives/initiative_detail.html", context)


def keep_as_prefetched(instance, **querysets):
    """Read each relation (its queryset, or None for the relation's own) and keep the rows where `.all()` finds them."""
    cache = instance.__dict__.setdefault("_prefetched_objects_cache", {})
    for relation, queryset in querysets.items():
        rows = queryset if queryset is not None else getattr(instance, relation).all()
        len(rows)
        cache[relation] = rows

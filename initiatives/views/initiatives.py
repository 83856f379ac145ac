"""The pages of initiatives: the filterable list (and its downloads) and one initiative."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from cities.models import City
from core.prepared import PreparedQuery
from initiatives import figure_rows
from initiatives.facets import InitiativeFilter
from initiatives.models import Initiative, InitiativeCategory, Metric, Topic

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


# The initiative page's five reads, compiled once per process (core/prepared.py): building them through the ORM was
# most of the page's CPU. Each is the queryset the page read before, built on an initiative or city of the given pk.
INITIATIVE = PreparedQuery(Initiative, lambda pk: Initiative.objects.for_list().filter(pk=pk).order_by())
FIGURES = PreparedQuery(
    Metric, lambda pk: Initiative(pk=pk).metrics.select_related("kind", "source").order_by("position")
)
ADDITIONAL_CATEGORIES = PreparedQuery(InitiativeCategory, lambda pk: Initiative(pk=pk).additional_categories.all())
TOPICS = PreparedQuery(Topic, lambda pk: Initiative(pk=pk).topics.all())
CITY_INITIATIVES = PreparedQuery(
    Initiative,
    lambda city, pk: City(pk=city).initiatives.select_related("category").exclude(pk=pk),
    arity=2,
)


def initiative_detail(request, pk):
    found = INITIATIVE.objects(pk)
    if not found:
        raise Http404("No Initiative matches the given query.")
    initiative = found[0]
    # Its figures and tags kept as if prefetched: prefetch_related's machinery cost more than the three queries
    # themselves for a single initiative. Each figure knows its initiative, each other initiative its city, as
    # through the relations.
    figures = FIGURES.objects(initiative.pk)
    for figure in figures:
        Metric.initiative.field.set_cached_value(figure, initiative)
    keep_as_prefetched(
        initiative,
        metrics=fetched(Metric, figures),
        additional_categories=fetched(InitiativeCategory, ADDITIONAL_CATEGORIES.objects(initiative.pk)),
        topics=fetched(Topic, TOPICS.objects(initiative.pk)),
    )
    city_initiatives = CITY_INITIATIVES.objects(initiative.city_id, initiative.pk)
    for other in city_initiatives:
        Initiative.city.field.set_cached_value(other, initiative.city)
    context = {"initiative": initiative, "city_initiatives": city_initiatives}
    return render(request, "initiatives/initiative_detail.html", context)


def fetched(model, rows):
    """A queryset of rows already read, as prefetch_related leaves one."""
    queryset = model._default_manager.all()
    queryset._result_cache = rows
    queryset._prefetch_done = True
    return queryset


def keep_as_prefetched(instance, **querysets):
    """Keep each relation's rows (a queryset, read now) where `.all()` finds them."""
    cache = instance.__dict__.setdefault("_prefetched_objects_cache", {})
    for relation, queryset in querysets.items():
        len(queryset)
        cache[relation] = queryset

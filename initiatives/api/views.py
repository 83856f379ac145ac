"""One list and one detail view per resource, the OpenAPI document and its HTML page. All JSON, all read-only."""

import functools
import json
import math

from django.db.models import Count, Prefetch
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from cities.models import City, InnovationModel, Province
from initiatives.models import Initiative, InitiativeCategory, Metric, MetricKind

from . import openapi, representations
from .conditional import conditional_response
from .errors import ApiError, NotFound, error_response
from .filters import CITY_FILTERS, INITIATIVE_FILTERS, METRIC_FILTERS, METRIC_ORDERINGS
from .params import DIGITS_RE, SLUG_RE, parse_query
from .representations import Links


def api_view(view):
    """GET and HEAD only (the API never changes anything, so no CSRF token is needed); errors as JSON."""

    @csrf_exempt
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            response = error_response(None, "This API is read-only: use GET.", 405)
            response["Allow"] = "GET, HEAD"
            return response
        try:
            return view(request, *args, **kwargs)
        except ApiError as error:
            return error_response(error.parameter, error.message, error.status)

    return wrapper


def json_response(request, payload):
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    return conditional_response(request, body, "application/json")


def page_link(request, links, page):
    query = request.GET.copy()
    query["page"] = str(page)
    return f"{links.base}{request.path}?{query.urlencode()}"


def list_response(request, queryset, query, represent):
    """One page of a list: count, links to the neighbouring pages, results. Two queries plus prefetches."""
    links = Links(request)
    count = queryset.count()
    last_page = max(1, math.ceil(count / query.page_size))
    if query.page > last_page:
        raise ApiError("page", f"Page {query.page} is past the last page, {last_page}.")
    start = (query.page - 1) * query.page_size
    objects = queryset[start : start + query.page_size]
    return json_response(
        request,
        {
            "count": count,
            "page": query.page,
            "page_size": query.page_size,
            "next": page_link(request, links, query.page + 1) if query.page < last_page else None,
            "previous": page_link(request, links, query.page - 1) if query.page > 1 else None,
            "results": [represent(obj, links) for obj in objects],
        },
    )


def detail_response(request, queryset, key, represent, noun):
    """One object by slug or id; anything that cannot be one is a 404 like an unknown one, never a server error."""
    parse_query(request, paginated=False)
    by_id = noun in ("initiative", "metric")
    valid = (DIGITS_RE if by_id else SLUG_RE).match(key)
    obj = queryset.filter(**{"pk" if by_id else "slug": key}).first() if valid else None
    if obj is None:
        parameter = "id" if by_id else "slug"
        raise NotFound(parameter, f"No {noun} with the {parameter} {key[:80]!r}.")
    return json_response(request, represent(obj, Links(request)))


# What each resource's representation needs, fetched in a fixed number of queries.


def provinces():
    cities = Prefetch("cities", queryset=City.objects.order_by("order", "slug"))
    return Province.objects.prefetch_related(cities).order_by("order", "slug")


def cities():
    return City.objects.with_counts().select_related("province").prefetch_related("innovation_models")


def categories():
    return InitiativeCategory.objects.annotate(initiative_count=Count("initiatives")).order_by("order", "slug")


def metric_kinds():
    return MetricKind.objects.annotate(metric_count=Count("metrics")).order_by("order", "slug")


def innovation_models():
    cities = Prefetch("cities", queryset=City.objects.order_by("order", "slug"))
    return InnovationModel.objects.select_related("representative_city").prefetch_related(cities).order_by("order")


def initiatives():
    figures = Prefetch("metrics", queryset=Metric.objects.select_related("kind").order_by("position", "id"))
    return Initiative.objects.for_list().prefetch_related(figures).with_tags().order_by("city__order", "order", "id")


def metrics():
    return Metric.objects.select_related("initiative__city", "kind").order_by(*METRIC_ORDERINGS["report"])


@api_view
def province_list(request):
    query = parse_query(request)
    return list_response(request, provinces(), query, representations.province)


@api_view
def province_detail(request, slug):
    return detail_response(request, provinces(), slug, representations.province, "province")


@api_view
def city_list(request):
    query = parse_query(request, CITY_FILTERS)
    return list_response(request, query.apply(cities().order_by("order", "slug")), query, representations.city)


@api_view
def city_detail(request, slug):
    return detail_response(request, cities(), slug, representations.city, "city")


@api_view
def category_list(request):
    query = parse_query(request)
    return list_response(request, categories(), query, representations.category)


@api_view
def category_detail(request, slug):
    return detail_response(request, categories(), slug, representations.category, "category")


@api_view
def metric_kind_list(request):
    query = parse_query(request)
    return list_response(request, metric_kinds(), query, representations.metric_kind)


@api_view
def metric_kind_detail(request, slug):
    return detail_response(request, metric_kinds(), slug, representations.metric_kind, "metric kind")


@api_view
def innovation_model_list(request):
    query = parse_query(request)
    return list_response(request, innovation_models(), query, representations.innovation_model)


@api_view
def innovation_model_detail(request, slug):
    return detail_response(request, innovation_models(), slug, representations.innovation_model, "innovation model")


@api_view
def initiative_list(request):
    query = parse_query(request, INITIATIVE_FILTERS)
    return list_response(request, query.apply(initiatives()), query, representations.initiative)


@api_view
def initiative_detail(request, pk):
    return detail_response(request, initiatives(), pk, representations.initiative, "initiative")


@api_view
def metric_list(request):
    query = parse_query(request, METRIC_FILTERS)
    return list_response(request, query.apply(metrics()), query, representations.metric)


@api_view
def metric_detail(request, pk):
    return detail_response(request, metrics(), pk, representations.metric, "metric")


@api_view
def openapi_document(request):
    parse_query(request, paginated=False)
    with translation.override("en"):
        document = openapi.document(request)
    return json_response(request, document)


@require_safe
def docs(request):
    """The OpenAPI document as a page to read, in the reader's language."""
    document = openapi.document(request)
    context = {
        "document": document,
        "operations": openapi.operations(document),
        "schemas": openapi.schema_tables(document),
        "openapi_url": reverse("api:openapi"),
    }
    return render(request, "api/docs.html", context)


@csrf_exempt
def not_found(request, path=""):
    """Anything else under /api/ is a JSON 404 (or the same URL with its missing slash)."""
    if not request.path_info.endswith("/"):
        try:
            match = resolve(request.path_info + "/")
        except Resolver404:
            match = None
        if match and match.func is not not_found:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(request.path + "/" + (f"?{query}" if query else ""))
    return error_response(
        None, f"No API endpoint at {request.path}. The API is described at {reverse('api:docs')}.", 404
    )

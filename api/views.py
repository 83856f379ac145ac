"""One read-only viewset per resource, the OpenAPI document and its HTML page, and the JSON 404 of /api/."""

from django.db.models import Count, Prefetch
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from drf_spectacular.renderers import OpenApiJsonRenderer
from drf_spectacular.utils import extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularAPIView
from rest_framework import viewsets
from rest_framework.negotiation import BaseContentNegotiation

from cities.models import City, InnovationModel, Province, Source
from initiatives.conditional import conditional_response
from initiatives.filters import InitiativeFilterSet
from initiatives.links import Links
from initiatives.list_filters import METRIC_ORDERINGS, CityFilterSet, MetricFilterSet
from initiatives.models import Initiative, InitiativeCategory, Metric, MetricKind

from . import plain_rows, schema, serializers
from .errors import error_response
from .filtering import check_parameters


class JsonOnly(BaseContentNegotiation):
    """Always JSON, whatever the client's Accept header says (as before the framework: no 406)."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class ConditionalJson:
    """English messages, and every 200 with an ETag and Last-Modified, or a 304 when the client's copy is current."""

    content_negotiation_class = JsonOnly
    http_method_names = ["get", "head"]

    def dispatch(self, request, *args, **kwargs):
        with translation.override("en"):
            return super().dispatch(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code != 200:
            return response
        # render() keeps the body; `rendered_content` would encode the JSON a second time.
        response.render()
        return conditional_response(request, response.content, "application/json")


class ResourceViewSet(ConditionalJson, viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "links": Links(self.request)}

    # The page's rows read as plain values (api/plain_rows.py): the same JSON as the serializer's. (A comment, not
    # a docstring: drf-spectacular would publish a docstring as each list's description.)
    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(plain_rows.reader(type(self)).rows(page, Links(request)))


class ByIdViewSet(ResourceViewSet):
    lookup_field = "pk"
    lookup_value_regex = r"[0-9]{1,18}"


def documented(list_summary, detail_summary):
    return extend_schema_view(
        list=extend_schema(summary=list_summary, description="", tags=[list_summary]),
        retrieve=extend_schema(summary=detail_summary, description="", tags=[list_summary]),
    )


def city_refs():
    return Prefetch("cities", queryset=City.objects.order_by("order", "slug"))


@documented(*schema.SUMMARIES["sources"])
class SourceViewSet(ResourceViewSet):
    queryset = Source.objects.order_by("id")
    serializer_class = serializers.SourceSerializer


@documented(*schema.SUMMARIES["provinces"])
class ProvinceViewSet(ResourceViewSet):
    queryset = Province.objects.prefetch_related(city_refs()).order_by("order", "slug")
    serializer_class = serializers.ProvinceSerializer


@documented(*schema.SUMMARIES["cities"])
class CityViewSet(ResourceViewSet):
    queryset = (
        City.objects.with_counts()
        .select_related("province")
        .prefetch_related("innovation_models")
        .order_by("order", "slug")
    )
    serializer_class = serializers.CitySerializer
    filterset_class = CityFilterSet


@documented(*schema.SUMMARIES["categories"])
class CategoryViewSet(ResourceViewSet):
    queryset = InitiativeCategory.objects.annotate(initiative_count=Count("initiatives")).order_by("order", "slug")
    serializer_class = serializers.CategorySerializer


@documented(*schema.SUMMARIES["metric-kinds"])
class MetricKindViewSet(ResourceViewSet):
    queryset = MetricKind.objects.annotate(metric_count=Count("metrics")).order_by("order", "slug")
    serializer_class = serializers.MetricKindSerializer


@documented(*schema.SUMMARIES["innovation-models"])
class InnovationModelViewSet(ResourceViewSet):
    queryset = (
        InnovationModel.objects.select_related("representative_city", "source")
        .prefetch_related(city_refs())
        .order_by("order")
    )
    serializer_class = serializers.InnovationModelSerializer


@documented(*schema.SUMMARIES["initiatives"])
class InitiativeViewSet(ByIdViewSet):
    queryset = (
        Initiative.objects.for_list()
        .prefetch_related(
            Prefetch("metrics", queryset=Metric.objects.select_related("kind", "source").order_by("position", "id"))
        )
        .with_tags()
        .order_by("city__order", "order", "id")
    )
    serializer_class = serializers.InitiativeSerializer
    filterset_class = InitiativeFilterSet


@documented(*schema.SUMMARIES["metrics"])
class MetricViewSet(ByIdViewSet):
    queryset = Metric.objects.select_related("initiative__city", "kind", "source").order_by(*METRIC_ORDERINGS["report"])
    serializer_class = serializers.MetricSerializer
    filterset_class = MetricFilterSet


class OpenApiView(ConditionalJson, SpectacularAPIView):
    """The generated OpenAPI document, always in English."""

    schema = None  # not an operation of the document itself
    renderer_classes = [OpenApiJsonRenderer]

    def get(self, request, *args, **kwargs):
        check_parameters(request, {})
        return super().get(request, *args, **kwargs)


@require_safe
def docs(request):
    """The OpenAPI document as a page to read, in the reader's language."""
    document = schema.generate(request)
    context = {
        "document": document,
        "operations": schema.operations(document),
        "schemas": schema.schema_tables(document),
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

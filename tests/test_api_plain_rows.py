"""Every list read as plain values (api/plain_rows.py) equals what the serializers give for the same objects."""

import pytest
from django.test import RequestFactory
from django.utils import translation
from rest_framework.renderers import JSONRenderer

from api import plain_rows, views
from initiatives.links import Links

pytestmark = pytest.mark.usefixtures("report_data")

LIST_VIEWS = [
    views.SourceViewSet,
    views.ProvinceViewSet,
    views.CityViewSet,
    views.CategoryViewSet,
    views.MetricKindViewSet,
    views.InnovationModelViewSet,
    views.InitiativeViewSet,
    views.MetricViewSet,
]


def both_readings(view_class):
    """The view's whole list read both ways, in English as the API answers, as the JSON bytes it would send."""
    request = RequestFactory().get("/api/")
    view = view_class(request=request, format_kwarg=None, action="list")
    queryset = view.get_queryset()
    links = Links(request)
    serializer = view.get_serializer_class()(queryset, many=True, context={"request": request, "links": links})
    with translation.override("en"):
        plain, serialized = plain_rows.reader(view_class).rows(queryset, links), serializer.data
    return len(plain), JSONRenderer().render(plain), JSONRenderer().render(serialized)


@pytest.mark.parametrize("view_class", LIST_VIEWS)
def test_a_list_read_as_plain_values_equals_the_serializer(view_class):
    count, plain, serialized = both_readings(view_class)
    assert count > 0
    assert plain == serialized


@pytest.mark.parametrize("view_class", LIST_VIEWS)
def test_the_same_with_ten_times_the_data(generated_data, view_class):
    _count, plain, serialized = both_readings(view_class)
    assert plain == serialized

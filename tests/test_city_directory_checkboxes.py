"""The city directory writes its filters' checkboxes itself; each must be what Django's widget writes for it."""

import pytest

from cities.models import City
from initiatives.city_directory_filters import CityDirectoryFilter

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query, checked",
    [
        ({}, 0),
        ({"province": ["beijing"], "category": ["finance", "credit-repair"]}, 3),
        ({"province": ["nowhere", "beijing"]}, 1),  # an invalid choice: every checkbox of the field is marked invalid
    ],
)
def test_each_checkbox_is_the_widgets_own(client, report_data, query, checked):
    html = client.get("/cities/", query).content.decode()
    directory = CityDirectoryFilter(query, queryset=City.objects.for_directory())
    checkboxes = [str(choice.tag()) for field in directory.form if field.name != "sort" for choice in field.subwidgets]
    assert len(checkboxes) > 20
    for checkbox in checkboxes:
        assert checkbox in html
    assert html.count('type="checkbox"') == len(checkboxes)
    assert html.count(" checked>") == checked

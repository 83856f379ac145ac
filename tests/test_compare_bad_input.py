"""Bad selections on the comparison page and its CSV download: a clear message, and the corrected comparison offered."""

import pytest
from django.urls import reverse

from cities.models import City
from tests.compare_support import COMPARE, compare, translated
from tests.page_support import page_text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query, status, message",
    [
        # (message as written in the code, its values): the page shows it in the reader's language.
        ("cities=chaoyang", 200, ("Choose at least one more city to compare with %(city)s.", {"city": "朝陽區"})),
        (
            "cities=chaoyang,chaoyang",
            400,
            ("%(city)s is chosen more than once; each city can appear only once.", {"city": "朝陽區"}),
        ),
        (
            "cities=chaoyang,atlantis",
            400,
            ("There is no city with the identifier “%(slug)s” in the report.", {"slug": "atlantis"}),
        ),
        (
            "cities=chaoyang,haidian,hedong,wuqing,benxi",
            400,
            ("At most %(max)d cities can be compared at once; you chose %(count)d.", {"max": 4, "count": 5}),
        ),
        (
            "cities=<script>alert(1)</script>,haidian",
            400,
            ("There is no city with the identifier “%(slug)s” in the report.", None),
        ),
    ],
)
def test_bad_selections_get_a_clear_message_on_the_page(client, report_data, query, status, message):
    response = compare(client, query)
    assert response.status_code == status
    assert response.context["comparison"] is None
    assert translated(*message) in page_text(response)
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_bad_selection_offers_the_corrected_comparison(client, report_data):
    response = compare(client, "cities=chaoyang,chaoyang,haidian")
    assert response.status_code == 400
    assert f'href="{COMPARE}?cities=chaoyang,haidian"' in response.content.decode()
    # The picker keeps the valid cities, so nothing has to be chosen again.
    assert response.context["picker_slots"][:2] == list(City.objects.filter(slug__in=["chaoyang", "haidian"]))


def test_csv_of_a_bad_selection_is_a_plain_400(client, report_data):
    response = client.get(reverse("compare_csv") + "?cities=chaoyang")
    assert response.status_code == 400
    assert translated("Choose at least one more city to compare with %(city)s.") in response.content.decode()
    assert client.get(reverse("compare_csv")).status_code == 400

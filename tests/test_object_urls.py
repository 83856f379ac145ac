"""An object's address built from its URL name's reversed stand-in (core/object_urls.py) is reverse()'s own."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import translation

from core.object_urls import object_url

KEYS = {
    "initiative_detail": [1, 94, 0, 10**12],
    "city_detail": ["chaoyang", "gen-city-0001", "a_b", "x"],
    "category_detail": ["finance", "credit-repair"],
    "metric_kind_detail": ["loans-disbursed-cumulative"],
    "topic_detail": ["personal-credit-score"],
    "province_detail": ["beijing"],
    "innovation_model_detail": ["cross-regional"],
}


@pytest.mark.parametrize("language", ["zh-hant", "zh-hans", "en"])
@pytest.mark.parametrize("name", sorted(KEYS))
def test_an_address_is_what_reverse_gives(language, name):
    with translation.override(language):
        for key in KEYS[name]:
            assert object_url(name, key) == reverse(name, args=[key])


def test_another_key_goes_through_reverse():
    with translation.override("en"):
        others = [("initiative_detail", -1), ("city_detail", "朝陽"), ("city_detail", "a b"), ("city_detail", "")]
        for name, key in others:
            try:
                expected = reverse(name, args=[key])
            except NoReverseMatch:
                with pytest.raises(NoReverseMatch):
                    object_url(name, key)
            else:
                assert object_url(name, key) == expected


@pytest.mark.parametrize("prefix", ["/portal/", "/"])
def test_an_address_follows_the_script_prefix(prefix):
    with translation.override("en"):
        object_url("city_detail", "chaoyang")  # kept for the prefix before
        set_script_prefix(prefix)
        try:
            assert object_url("city_detail", "chaoyang") == reverse("city_detail", args=["chaoyang"])
            assert object_url("city_detail", "chaoyang").startswith(prefix)
        finally:
            set_script_prefix("/")

"""Measures across cities: the timeline of dated events (rankings: initiatives.rankings; the coverage matrix:
initiatives.coverage).

Each function reads everything it needs in a fixed number of queries and returns plain structures the
templates only have to lay out.
"""

from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter
from urllib.parse import urlencode

from django.urls import reverse

from cities.models import City
from core.localization import bilingual_name, localized
from initiatives.models import Initiative
from initiatives.pagination import paginate_by_key


def initiative_list_url(base=None, **filters):
    """The list of initiatives filtered by its GET parameters, e.g. city=<slug>&category=<slug>."""
    base = base or reverse("initiative_list")
    return f"{base}?{urlencode(filters)}" if filters else base


def display_name(obj, field="name"):
    """A city's or programme's name in the reader's language; in English with the Chinese beside it."""
    return bilingual_name(obj, field)


def kind_unit(kind):
    """A measure's canonical unit in the reader's language."""
    return localized(kind, "unit")


# Timeline ---------------------------------------------------------------------------------------------


TIMELINE_PAGE_SIZE = 50


def timeline_events(city=None, category=None):
    """Every dated initiative in date order, optionally of one city and/or one category."""
    events = Initiative.objects.dated().for_list()
    if city is not None:
        events = events.filter(city=city)
    if category is not None:
        events = events.filter(category=category)
    return events.order_by("date", "city__order", "order", "pk")


def timeline_page(events, page_number):
    """One page of timeline_events(), in at most four queries however many events there are."""
    return paginate_by_key(events, "date", TIMELINE_PAGE_SIZE, page_number)


@dataclass
class CityChoice:
    pk: int
    slug: str
    name_zh: str
    name_en: str


@dataclass
class ProvinceCities:
    name_zh: str
    name_en: str
    cities: list  # CityChoice


def cities_by_province():
    """Every city under its province, both in the report's order: a city filter's choices, in one query that reads
    only names (thousands of cities cost a few milliseconds)."""
    rows = City.objects.order_by("province__order", "province__slug", "order", "slug").values_list(
        "pk", "slug", "name_zh", "name_en", "province_id", "province__name_zh", "province__name_en"
    )
    return [
        ProvinceCities(name_zh, name_en, [CityChoice(*row[:4]) for row in members])
        for (_, name_zh, name_en), members in groupby(rows, itemgetter(4, 5, 6))
    ]

"""Measures across cities: the coverage matrix and the timeline of dated events (rankings: initiatives.rankings).

Each function reads everything it needs in a fixed number of queries and returns plain structures the
templates only have to lay out.
"""

from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter
from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse

from cities.models import City
from core.localization import chinese, current_language, localized
from initiatives.models import Initiative, InitiativeCategory, Metric
from initiatives.pagination import paginate, paginate_by_key


def initiative_list_url(base=None, **filters):
    """The list of initiatives filtered by its GET parameters, e.g. city=<slug>&category=<slug>."""
    base = base or reverse("initiative_list")
    return f"{base}?{urlencode(filters)}" if filters else base


def display_name(obj, field="name"):
    """A city's or programme's name in the reader's language; in English with the Chinese beside it."""
    name = localized(obj, field)
    if current_language().startswith("en"):
        chinese = getattr(obj, f"{field}_zh", "")
        if chinese and chinese != name:
            return f"{name} {chinese}"
    return name


def kind_unit(kind):
    """A measure's canonical unit in the reader's language."""
    return kind.unit_en if current_language().startswith("en") else chinese(kind.unit)


# Coverage ---------------------------------------------------------------------------------------------


@dataclass
class CoverageCell:
    category: InitiativeCategory
    initiatives: int
    figures: int
    url: str

    @property
    def empty(self):
        return self.initiatives == 0


@dataclass
class CoverageRow:
    city: City
    cells: list
    initiatives: int
    figures: int
    categories_reported: int


COVERAGE_PAGE_SIZE = 50  # cities a page: the report's 14 fit on the first


def coverage_matrix(page_number=None):
    """Cities × categories, a page of cities at a time: how many initiatives and figures each city reports in each
    category, and per category how many cities and initiatives in all. The counts are read for the page's cities
    only; the totals with the categories, from the (category, city) index. Five queries whatever the data size.
    """
    page = paginate(City.objects.select_related("province").order_by("order", "slug"), COVERAGE_PAGE_SIZE, page_number)
    cities = list(page.object_list)
    categories = list(InitiativeCategory.objects.with_counts())  # each category's totals over every city
    initiative_counts = {
        (row["city_id"], row["category_id"]): row["n"]
        for row in Initiative.objects.filter(city__in=cities)
        .order_by()
        .values("city_id", "category_id")
        .annotate(n=Count("id"))
    }
    figure_counts = {
        (row["initiative__city_id"], row["initiative__category_id"]): row["n"]
        for row in Metric.objects.filter(initiative__city__in=cities)
        .order_by()
        .values("initiative__city_id", "initiative__category_id")
        .annotate(n=Count("id"))
    }
    base = reverse("initiative_list")
    rows = []
    for city in cities:
        cells = [
            CoverageCell(
                category=category,
                initiatives=initiative_counts.get((city.pk, category.pk), 0),
                figures=figure_counts.get((city.pk, category.pk), 0),
                url=initiative_list_url(base, city=city.slug, category=category.slug),
            )
            for category in categories
        ]
        rows.append(
            CoverageRow(
                city=city,
                cells=cells,
                initiatives=sum(cell.initiatives for cell in cells),
                figures=sum(cell.figures for cell in cells),
                categories_reported=sum(1 for cell in cells if not cell.empty),
            )
        )
    column_totals = [
        {"category": category, "initiatives": category.initiative_count, "cities": category.city_count}
        for category in categories
    ]
    return {"categories": categories, "rows": rows, "column_totals": column_totals, "page": page}


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

"""The coverage matrix: cities × categories or × topics, and what each cell says the report holds.

A city carries a category where one of its initiatives is filed under it or lists it among its additional
categories (the further themes the report's text for the initiative carries, e.g. Yichun's cross-province
recognition of 信用代證 reports is filed under cross-regional cooperation and also carries 信用代證). A city carries a
topic where one of its initiatives is tagged with it. A "—" cell therefore means that no initiative of the city
carries the theme, and each city's page shows the same themes on its initiatives.
"""

from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse

from cities.models import City
from core.content import count_subquery
from core.per_version import kept
from initiatives.models import Initiative, InitiativeCategory, Metric, Topic
from initiatives.pagination import paginate

COVERAGE_PAGE_SIZE = 50  # cities a page: the report's 14 fit on the first
THEMES = ("categories", "topics")


@dataclass
class CoverageCell:
    theme: object  # an InitiativeCategory or a Topic
    initiatives: int
    figures: int
    additional: int  # of the initiatives, those that carry a category as an additional one
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
    themes_reported: int


def categories_with_totals():
    """Each category with its number of initiatives carrying it and of cities that have one (one query)."""
    additional = Initiative.additional_categories.through.objects.filter(
        initiative=OuterRef("pk"), initiativecategory=OuterRef(OuterRef("pk"))
    )
    carrying = Initiative.objects.filter(Q(category=OuterRef("pk")) | Exists(additional))
    return InitiativeCategory.objects.annotate(
        initiative_count=count_subquery(carrying), city_count=count_subquery(carrying, distinct="city")
    )


def _counts(rows, city_key, theme_key):
    return Counter({(row[city_key], row[theme_key]): row["n"] for row in rows if row[theme_key] is not None})


def _grouped(queryset, city_key, theme_key):
    # COUNT(*), not COUNT(id): PostgreSQL then counts the figures from their initiative_id index alone (at 300,000
    # initiatives, 8 ms against 47 ms for a page of 50 cities).
    rows = queryset.order_by().values(city_key, theme_key).annotate(n=Count("*"))
    return _counts(rows, city_key, theme_key)


def category_counts(cities):
    """(initiatives, figures, additional) Counters keyed by (city id, category id): four grouped queries."""
    additional = Initiative.additional_categories.through.objects.filter(initiative__city__in=cities)
    figures = Metric.objects.filter(initiative__city__in=cities)
    own = _grouped(Initiative.objects.filter(city__in=cities), "city_id", "category_id")
    also = _counts(
        additional.order_by().values("initiative__city_id", "initiativecategory_id").annotate(n=Count("pk")),
        "initiative__city_id",
        "initiativecategory_id",
    )
    own_figures = _grouped(figures, "initiative__city_id", "initiative__category_id")
    # An inner join from the few additional categories: a left join read every figure of the page's cities.
    also_figures = _grouped(
        figures.filter(initiative__additional_categories__isnull=False),
        "initiative__city_id",
        "initiative__additional_categories",
    )
    return own + also, own_figures + also_figures, also


def topic_counts(cities):
    """(initiatives, figures, nothing) Counters keyed by (city id, topic id): two grouped queries."""
    tagged = Initiative.topics.through.objects.filter(initiative__city__in=cities)
    initiatives = _counts(
        tagged.order_by().values("initiative__city_id", "topic_id").annotate(n=Count("pk")),
        "initiative__city_id",
        "topic_id",
    )
    tagged_figures = Metric.objects.filter(initiative__city__in=cities, initiative__topics__isnull=False)
    figures = _grouped(tagged_figures, "initiative__city_id", "initiative__topics")
    return initiatives, figures, Counter()


def _cell_urls(theme, themes, cities):
    """{(city id, theme id): (the cell's link, the link when some of its initiatives are filed elsewhere)}.

    Each address is reversed once, not once per cell: 170 cells reversed 220 URLs, a fifth of the page's time.
    """
    list_url = reverse("initiative_list")
    topic_urls = {item.pk: item.get_absolute_url() for item in themes} if theme == "topics" else {}
    urls = {}
    for city in cities:
        city_url = f"{city.get_absolute_url()}#initiatives"
        for item in themes:
            if theme == "topics":
                own = f"{topic_urls[item.pk]}#city-{city.slug}"
                urls[city.pk, item.pk] = (own, own)
            else:  # the list filters by an initiative's own category: the city's page shows them all
                urls[city.pk, item.pk] = (
                    f"{list_url}?{urlencode({'city': city.slug, 'category': item.slug})}",
                    city_url,
                )
    return urls


def coverage_matrix(theme="categories", page_number=None, version=None):
    """Cities × categories (or × topics), a page of cities at a time, with each theme's totals over every city.

    Seven queries for categories (the page's count and cities with their totals, the categories with theirs, four
    grouped counts), five for topics, whatever the data size; one fewer once the themes' totals are kept.
    """
    cities = City.objects.select_related("province").with_counts().order_by("order", "slug")
    page = paginate(cities, COVERAGE_PAGE_SIZE, page_number)
    cities = list(page.object_list)
    # Each theme's totals over every city are the same for every page and reader: kept per content version.
    if theme == "topics":
        themes = kept(version, "coverage-topics", lambda: list(Topic.objects.with_counts()))
        initiative_counts, figure_counts, additional_counts = topic_counts(cities)
    else:
        themes = kept(version, "coverage-categories", lambda: list(categories_with_totals()))
        initiative_counts, figure_counts, additional_counts = category_counts(cities)
    urls = _cell_urls(theme, themes, cities)
    rows = []
    for city in cities:
        cells = []
        for item in themes:
            key = (city.pk, item.pk)
            cells.append(
                CoverageCell(
                    theme=item,
                    initiatives=initiative_counts[key],
                    figures=figure_counts[key],
                    additional=additional_counts[key],
                    url=urls[key][1 if additional_counts[key] else 0],
                )
            )
        rows.append(
            CoverageRow(
                city=city,
                cells=cells,
                initiatives=city.initiative_count,  # each once, whatever the themes it carries
                figures=city.metric_count,
                themes_reported=sum(1 for cell in cells if not cell.empty),
            )
        )
    column_totals = [
        {"theme": item, "initiatives": item.initiative_count, "cities": item.city_count} for item in themes
    ]
    return {"theme": theme, "themes": themes, "rows": rows, "column_totals": column_totals, "page": page}

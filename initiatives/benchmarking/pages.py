"""Which URLs the benchmark requests: the portal's pages, their Datasette equivalents and the large-data bounds.

The lists are built from a few facts about the database (Facts), so they name rows that exist at any data size.
"""

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from cities.models import City, Province
from initiatives.models import Initiative, InitiativeCategory, MetricKind

# Reports' own cities and measures where they exist; otherwise the first rows of each (generated data only).
PREFERRED_CITIES = ("chaoyang", "haidian", "hengshui", "shenyang")
PREFERRED_MEASURE = "loans-disbursed-cumulative"
PREFERRED_CATEGORY = "finance"
PREFERRED_PROVINCE = "beijing"
KEYWORD = "信用"
# 1, 2 and 4 characters, each found in the report's text.
SEARCHES = ("信", "信用", "信用修復")
DATASETTE_TABLE = "initiatives_initiative"


@dataclass(frozen=True)
class Facts:
    cities: tuple  # four city slugs: the first is "the city page", all four are compared
    province: str
    category: str
    category_id: int
    measure: str
    initiative_id: int


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    bound_ms: float | None = None  # the large-data bound on p95 of single uncached requests, if it has one


def query(path, **params):
    return f"{path}?{urlencode(params)}" if params else path


def portal_pages(facts):
    """Every public page kind, once: what the default and --no-cache runs measure."""
    return [
        Page("home", "/"),
        Page("city", f"/cities/{facts.cities[0]}/"),
        Page("city directory", "/cities/"),
        Page("initiatives, faceted", "/initiatives/"),
        Page(
            "initiatives, 2 facets + keyword",
            query("/initiatives/", province=facts.province, category=facts.category, q=KEYWORD),
        ),
        Page("an initiative", f"/initiatives/{facts.initiative_id}/"),
        Page("compare 4 cities", query("/compare/", cities=",".join(facts.cities))),
        Page("metric ranking", f"/metrics/{facts.measure}/"),
        Page("measures overview", "/metrics/"),
        Page("coverage", "/coverage/"),
        Page("search 2 characters", query("/search/", q=SEARCHES[1])),
        Page("initiatives CSV", query("/initiatives/", format="csv")),
        Page("API initiatives", "/api/initiatives/"),
    ]


def large_data_pages(facts):
    """The pages the issue bounds at 300,000 initiatives (p95 of single uncached requests), and a few unbounded."""
    fast, slow = 100, 250
    pages = [
        Page("city", f"/cities/{facts.cities[0]}/", fast),
        Page("compare 4 cities", query("/compare/", cities=",".join(facts.cities)), fast),
        Page("metric ranking", f"/metrics/{facts.measure}/", fast),
        Page("coverage", "/coverage/", fast),
        Page("initiatives, faceted", "/initiatives/", slow),
        Page("initiatives, faceted + keyword", query("/initiatives/", q=KEYWORD), slow),
        Page("measures overview", "/metrics/", slow),
    ]
    pages += [
        Page(f"search {len(term)} character{'s' * (len(term) > 1)}", query("/search/", q=term), slow)
        for term in SEARCHES
    ]
    return pages + [Page("home", "/"), Page("API initiatives", "/api/initiatives/")]


def datasette_pairs(facts, database):
    """(what, portal page, Datasette's equivalent on the same SQLite file): the facet page unfiltered and filtered
    by a category, one initiative's row page, and the whole table as CSV."""
    table = f"/{quote(database)}/{DATASETTE_TABLE}"
    facets = [("_facet", "city_id"), ("_facet", "category_id")]
    return [
        ("facet page", Page("portal", "/initiatives/"), Page("datasette", f"{table}?{urlencode(facets)}")),
        (
            "filtered facet page",
            Page("portal", query("/initiatives/", category=facts.category)),
            Page("datasette", f"{table}?{urlencode(facets + [('category_id', facts.category_id)])}"),
        ),
        (
            "row page",
            Page("portal", f"/initiatives/{facts.initiative_id}/"),
            Page("datasette", f"{table}/{facts.initiative_id}"),
        ),
        ("CSV", Page("portal", query("/initiatives/", format="csv")), Page("datasette", f"{table}.csv?_size=max")),
    ]


def database_facts():
    """Facts about the configured database: the report's rows where present, else the first of each."""

    def pick(model, preferred):
        rows = model.objects.order_by("pk")
        chosen = rows.filter(slug=preferred).first() or rows.first()
        if chosen is None:
            raise LookupError(f"The database has no {model._meta.verbose_name_plural}: run `make setup` first.")
        return chosen

    cities = list(City.objects.filter(slug__in=PREFERRED_CITIES).values_list("slug", flat=True))
    if len(cities) < len(PREFERRED_CITIES):
        cities = list(City.objects.order_by("pk").values_list("slug", flat=True)[: len(PREFERRED_CITIES)])
    category = pick(InitiativeCategory, PREFERRED_CATEGORY)
    initiative = Initiative.objects.checked().order_by("pk").first() or Initiative.objects.order_by("pk").first()
    if initiative is None:
        raise LookupError("The database has no initiatives: run `make setup` first.")
    return Facts(
        cities=tuple(sorted(cities, key=lambda slug: PREFERRED_CITIES.index(slug) if slug in PREFERRED_CITIES else 9)),
        province=pick(Province, PREFERRED_PROVINCE).slug,
        category=category.slug,
        category_id=category.pk,
        measure=pick(MetricKind, PREFERRED_MEASURE).slug,
        initiative_id=initiative.pk,
    )

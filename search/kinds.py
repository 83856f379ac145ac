"""Search across the portal: cities, provinces, initiatives, figures, categories, topics, measures, model types,
lessons.

Rows are found through their normalised `search_text` column (core.search_index): the query is normalised
the same way, so 朝陽, 朝阳, ｃｈａｏｙａｎｇ, Chao Yang and chaoyang are one query. Results come grouped by
kind, names matches first, and every shown text is escaped before its matches are wrapped in <mark>.
The page's CSV and JSON downloads (`download_rows`) hold every matching row of what the page shows, unhighlighted.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Case, Count, F, IntegerField, Value, When, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext_lazy as _

from cities.models import City, InnovationModel, Lesson, Province
from initiatives.links import Links
from initiatives.models import Initiative, InitiativeCategory, Metric, MetricKind, Topic
from search.hits import (
    category_hit,
    city_hit,
    initiative_hit,
    innovation_model_hit,
    lesson_hit,
    metric_hit,
    metric_kind_hit,
    province_hit,
    topic_hit,
)
from search.rows import (
    category_row,
    city_row,
    initiative_row,
    innovation_model_row,
    lesson_row,
    metric_kind_row,
    metric_row,
    province_row,
    topic_row,
)

PREVIEW_SIZE = 5  # results per kind on the overview
PAGE_SIZE = 20  # results per page when one kind is shown
MAX_RANKED = 1000  # results per kind the pages rank and show; more are counted as "1000+"; downloads give all
TOPIC_INITIATIVES = 200  # a topic's hit names the cities of its first initiatives, in the report's order


# What a topic's hit shows of each city: read as plain values, one City per city rather than three objects per link.
TAGGED_CITY_FIELDS = ("pk", "order", "name_zh", "name_en")


def with_tagged_cities(topics):
    """The topics, each with `tagged_cities`: the cities of its first TOPIC_INITIATIVES initiatives (every one of the
    report's), in one query whatever the number of topics; search.hits puts them in the report's order.

    All of them, 44,000 a topic at 300,000 initiatives, took 1.4 s to read and 10 s to turn into objects; each topic's
    first ones come from the (topic, initiative) index (migration initiatives 0011)."""
    topics = list(topics)
    if not topics:
        return topics
    columns = ["topic", *(f"initiative__city__{name}" for name in TAGGED_CITY_FIELDS)]
    links = Initiative.topics.through.objects.all()
    if connection.features.supports_slicing_ordering_in_compound:
        parts = [
            links.filter(topic=topic.pk).order_by("initiative_id").values_list(*columns)[:TOPIC_INITIATIVES]
            for topic in topics
        ]
        rows = parts[0].union(*parts[1:], all=True)
    else:  # SQLite cannot limit the parts of a UNION: number each topic's links instead
        place = Window(RowNumber(), partition_by=F("topic"), order_by=F("initiative_id").asc())
        rows = (
            links.filter(topic__in=topics)
            .annotate(place=place)
            .filter(place__lte=TOPIC_INITIATIVES)
            .values_list(*columns)
        )
    tagged = defaultdict(dict)
    for topic_id, city_id, *values in rows:
        if city_id not in tagged[topic_id]:
            tagged[topic_id][city_id] = City(**dict(zip(TAGGED_CITY_FIELDS, (city_id, *values), strict=True)))
    for topic in topics:
        topic.tagged_cities = list(tagged[topic.pk].values())
    return topics


@dataclass(frozen=True)
class Kind:
    slug: str
    label: str
    queryset: object  # () -> QuerySet, with what its hits and rows show in the same query
    hit: object  # (row, needle) -> Hit
    row: object  # (row, Links) -> dict of DOWNLOAD_COLUMNS
    prepare: object = list  # (rows) -> the rows, with what their hits show that one more query reads
    shown: object = None  # () -> QuerySet with only the relations the hits show, when narrower than `queryset`

    def hit_queryset(self):
        return (self.shown or self.queryset)()


KINDS = [
    Kind("cities", _("Cities and districts"), lambda: City.objects.select_related("province"), city_hit, city_row),
    Kind("provinces", _("Provinces"), lambda: Province.objects.all(), province_hit, province_row),
    Kind(
        "initiatives",
        _("Programmes and initiatives"),
        lambda: Initiative.objects.for_list(),
        initiative_hit,
        initiative_row,
        shown=lambda: Initiative.objects.select_related("city", "category"),
    ),
    Kind(
        "figures",
        _("Figures"),
        lambda: Metric.objects.for_list(),
        metric_hit,
        metric_row,
        shown=lambda: Metric.objects.select_related("initiative__city"),
    ),
    Kind("categories", _("Categories"), lambda: InitiativeCategory.objects.all(), category_hit, category_row),
    Kind("topics", _("Topics"), lambda: Topic.objects.all(), topic_hit, topic_row, prepare=with_tagged_cities),
    Kind(
        "measures",
        _("Measures compared across cities"),
        lambda: MetricKind.objects.all(),
        metric_kind_hit,
        metric_kind_row,
    ),
    Kind(
        "models",
        _("Innovation model types"),
        lambda: InnovationModel.objects.select_related("representative_city__province"),
        innovation_model_hit,
        innovation_model_row,
        shown=lambda: InnovationModel.objects.select_related("representative_city"),
    ),
    Kind("lessons", _("Lessons"), lambda: Lesson.objects.all(), lesson_hit, lesson_row),
]
KINDS_BY_SLUG = {kind.slug: kind for kind in KINDS}


def _name_rank(needle):
    return Case(When(search_name__contains=needle, then=Value(0)), default=Value(1), output_field=IntegerField())


def _name_matches_first(rows, needle):
    """The rows with their name_rank, ordered: name matches first, then the report's order."""
    return rows.annotate(name_rank=_name_rank(needle)).order_by("name_rank", *rows.model._meta.ordering, "pk")


def matching(kind, needle):
    """Every row of one kind whose search text contains `needle`: name matches first, then the report's order."""
    return _name_matches_first(kind.queryset().filter(search_text__search_contains=needle), needle)


def first_matches(kind, needle):
    """The keys of one kind's matches in the report's order: the database can stop as soon as it has enough."""
    model = kind.queryset().model
    return model._default_manager.filter(search_text__search_contains=needle).order_by(*model._meta.ordering, "pk")


def ranked(kind, needle):
    """What the pages show of one kind: its first MAX_RANKED matches in the report's order, name matches first.

    Ranking every match sorts them all: 1.2 s for a word in each of 300,000 initiatives. Taking the first matches
    in the report's order first lets the database stop early, so a page costs the same whatever the number of
    matches; downloads (download_rows) still give every match.
    """
    first = first_matches(kind, needle).values("pk")[:MAX_RANKED]
    return _name_matches_first(kind.hit_queryset().filter(pk__in=first), needle)


def _more_than_ranked(kind, needle):
    return first_matches(kind, needle)[MAX_RANKED : MAX_RANKED + 1].exists()


@dataclass
class Group:
    kind: Kind
    count: int  # at most MAX_RANKED: see is_capped
    hits: list
    page: object = None  # a Page when one kind is shown page by page
    is_capped: bool = False  # there are more than MAX_RANKED matches; the pages show the first MAX_RANKED


def _hits(kind, rows, needle):
    hits = []
    for row in kind.prepare(rows):
        hit = kind.hit(row, needle)
        hit.name_match = row.name_rank == 0
        hits.append(hit)
    return hits


def overview(query):
    """Every kind with matches: its count and its first few results (one query per kind, two when it has more
    than MAX_RANKED matches). The count comes with the rows (COUNT(*) OVER ()), so each table is read once."""
    if query.is_empty:
        return []
    groups = []
    for kind in KINDS:
        rows = list(ranked(kind, query.needle).annotate(match_count=Window(Count("pk")))[:PREVIEW_SIZE])
        if rows:
            count = rows[0].match_count
            is_capped = count == MAX_RANKED and _more_than_ranked(kind, query.needle)
            hits = _hits(kind, rows, query.needle)
            groups.append(Group(kind=kind, count=count, hits=hits, is_capped=is_capped))
    return groups


def kind_page(query, kind, page_number):
    """One kind's results, one page at a time (two queries), up to MAX_RANKED of them."""
    if query.is_empty:
        return Group(kind=kind, count=0, hits=[])
    matches = first_matches(kind, query.needle)[: MAX_RANKED + 1].count()
    paginator = Paginator(ranked(kind, query.needle), PAGE_SIZE)
    paginator.count = min(matches, MAX_RANKED)  # known already: the paginator need not count again
    page = paginator.get_page(page_number)
    hits = _hits(kind, page.object_list, query.needle)
    return Group(kind=kind, count=paginator.count, hits=hits, page=page, is_capped=matches > MAX_RANKED)


def download_rows(query, kind, request):
    """Every match, not only the page shown nor only the MAX_RANKED a page ranks: one kind's, or every kind's one
    kind after another, name matches first, as rows of DOWNLOAD_COLUMNS with absolute URLs. One query per kind,
    streamed."""
    if query.is_empty:
        return
    links = Links(request)
    for each in [kind] if kind else KINDS:
        kind_name = str(each.label)
        for row in matching(each, query.needle).iterator(chunk_size=2000):
            yield {"kind": each.slug, "kind_name": kind_name, **each.row(row, links)}

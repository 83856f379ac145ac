"""Search across the portal: cities, provinces, initiatives, figures, categories, topics, measures, model types,
lessons.

Rows are found through their normalised `search_text` column (core.search_index): the query is normalised
the same way, so 朝陽, 朝阳, ｃｈａｏｙａｎｇ, Chao Yang and chaoyang are one query. Results come grouped by
kind, names matches first, and every shown text is escaped before its matches are wrapped in <mark>.
The page's CSV and JSON downloads (`download_rows`) hold every matching row of what the page shows, unhighlighted.
"""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, Prefetch, Value, When, Window
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cities.models import City, InnovationModel, Lesson, Province
from core.languages import html_lang
from core.localization import is_english, localized
from core.search_index import normalize, normalize_with_positions, pinyin_syllables
from initiatives import display, exports
from initiatives.links import Links
from initiatives.models import Initiative, InitiativeCategory, Metric, MetricKind, Topic

MAX_QUERY_CHARACTERS = 100  # of what the reader typed; a longer query is cut, and the page says so
PREVIEW_SIZE = 5  # results per kind on the overview
PAGE_SIZE = 20  # results per page when one kind is shown
MAX_RANKED = 1000  # results per kind the pages rank and show; more are counted as "1000+"; downloads give all
SNIPPET_BEFORE = 30
SNIPPET_AFTER = 90
PINYIN_HIGHLIGHT_MAX = 40  # only names are stored in pinyin, so only short texts are matched through it


@dataclass(frozen=True)
class SearchQuery:
    text: str  # as typed, trimmed and cut to MAX_QUERY_CHARACTERS
    needle: str  # normalised: what search_text must contain
    was_cut: bool = False

    @property
    def is_empty(self):
        return not self.needle


def parse_query(raw):
    text = " ".join((raw or "").split())
    was_cut = len(text) > MAX_QUERY_CHARACTERS
    text = text[:MAX_QUERY_CHARACTERS]
    return SearchQuery(text=text, needle=normalize(text), was_cut=was_cut)


# -- highlighting -------------------------------------------------------------------------------------------


def match_spans(text, needle):
    """(start, end) spans of `text` whose normalised form is `needle`, in order, not overlapping."""
    if not text or not needle:
        return []
    normalized, positions = normalize_with_positions(text)
    spans = _spans(normalized, positions, needle)
    return spans or _pinyin_spans(text, needle)


def _spans(normalized, positions, needle):
    spans = []
    start = normalized.find(needle)
    while start != -1:
        end = start + len(needle)
        spans.append((positions[start], positions[end - 1] + 1))
        start = normalized.find(needle, end)
    return spans


def _pinyin_spans(text, needle):
    """Spans of a Chinese name matched through its pinyin: 'chaoyang' marks 朝陽 in 朝陽區."""
    if len(text) > PINYIN_HIGHLIGHT_MAX or text.isascii() or not needle.isascii():
        return []
    syllables = pinyin_syllables(text)
    if len(syllables) != len(text):
        return []
    normalized, positions = [], []
    for index, syllable in enumerate(syllables):
        for character in normalize(syllable):
            normalized.append(character)
            positions.append(index)
    return _spans("".join(normalized), positions, needle)


def highlight(text, needle):
    """`text` escaped, with each match of `needle` wrapped in <mark>; safe to render as it is."""
    text = str(text or "")
    pieces = []
    done = 0
    for start, end in match_spans(text, needle):
        pieces.append(escape(text[done:start]))
        pieces.append(f"<mark>{escape(text[start:end])}</mark>")
        done = end
    pieces.append(escape(text[done:]))
    return mark_safe("".join(pieces))


def snippet(text, needle):
    """A short window of a long text around its first match, highlighted; the beginning when nothing matches."""
    text = str(text or "")
    spans = match_spans(text, needle)
    if spans:
        start, end = spans[0]
        window_start = max(0, start - SNIPPET_BEFORE)
        window_end = min(len(text), end + SNIPPET_AFTER)
    else:
        window_start, window_end = 0, SNIPPET_BEFORE + SNIPPET_AFTER
    window = text[window_start:window_end]
    prefix = "…" if window_start > 0 else ""
    suffix = "…" if window_end < len(text) else ""
    return mark_safe(f"{prefix}{highlight(window, needle)}{suffix}")


# -- results ------------------------------------------------------------------------------------------------


@dataclass
class Hit:
    """One result as the page shows it: every text already escaped and highlighted."""

    title: str
    url: str = ""
    title_lang: str = ""  # set when the title is not in the page's language
    original_name: str = ""  # the Chinese name beside an English one
    context: list = field(default_factory=list)  # plain strings: city, category, …
    figure: str = ""
    excerpt: str = ""
    excerpt_lang: str = ""
    name_match: bool = True


def _url(obj):
    from django.urls import NoReverseMatch

    try:
        return obj.get_absolute_url()
    except (AttributeError, NoReverseMatch):
        return ""


def _local_name(obj, field_name, needle):
    """The row's name in the reader's language, with the Chinese name beside it in English."""
    title = highlight(localized(obj, field_name), needle)
    original = ""
    if is_english():
        original = highlight(getattr(obj, f"{field_name}_zh", ""), needle)
    return title, original


def _excerpt(obj, fields, needle):
    """(highlighted snippet, lang) of the first of the row's texts that contains the query, the reader's first."""
    english = is_english()
    page_lang = html_lang(get_language())
    candidates = []
    for name in fields:
        local_text = localized(obj, name)
        other_text = getattr(obj, f"{name}_zh" if english else f"{name}_en", "")
        other_lang = "zh-Hant" if english else "en"
        candidates += [(local_text, ""), (other_text, other_lang if other_text != local_text else "")]
    for text, lang in candidates:
        if text and match_spans(text, needle):
            return snippet(text, needle), lang if lang != page_lang else ""
    first = next((text for text, lang in candidates if text and not lang), "")
    return (snippet(first, needle), "") if first else ("", "")


def city_hit(city, needle):
    title, original = _local_name(city, "name", needle)
    excerpt, excerpt_lang = _excerpt(city, ["summary"], needle)
    return Hit(
        title=title,
        original_name=original,
        url=_url(city),
        context=[localized(city.province, "name")],
        excerpt=excerpt,
        excerpt_lang=excerpt_lang,
    )


def province_hit(province, needle):
    title, original = _local_name(province, "name", needle)
    return Hit(title=title, original_name=original, url=_url(province), context=[province.get_kind_display()])


def initiative_hit(initiative, needle):
    title, original = _local_name(initiative, "title", needle)
    excerpt, excerpt_lang = _excerpt(initiative, ["description"], needle)
    context = [localized(initiative.city, "name"), localized(initiative.category, "name")]
    if initiative.date:
        context.append(display.event_date(initiative))
    return Hit(
        title=title,
        original_name=original,
        url=_url(initiative),
        context=context,
        excerpt=excerpt,
        excerpt_lang=excerpt_lang,
    )


def metric_hit(metric, needle):
    title, original = _local_name(metric, "label", needle)
    value = display.figure_value(metric)
    time = display.figure_time(metric)
    figure = highlight(f"{value} · {time}" if time else value, needle)
    initiative = metric.initiative
    return Hit(
        title=title,
        original_name=original,
        url=_url(initiative),
        context=[localized(initiative.city, "name"), localized(initiative, "title")],
        figure=figure,
    )


def category_hit(category, needle):
    title, original = _local_name(category, "name", needle)
    excerpt, excerpt_lang = _excerpt(category, ["description"], needle)
    return Hit(title=title, original_name=original, url=_url(category), excerpt=excerpt, excerpt_lang=excerpt_lang)


def topic_hit(topic, needle):
    """A topic with the cities that have it: "personal credit score" answers which cities run one."""
    title, original = _local_name(topic, "name", needle)
    excerpt, excerpt_lang = _excerpt(topic, ["description"], needle)
    cities = list({initiative.city_id: initiative.city for initiative in topic.tagged}.values())
    context = [localized(city, "name") for city in cities]
    return Hit(
        title=title,
        original_name=original,
        url=_url(topic),
        context=context,
        excerpt=excerpt,
        excerpt_lang=excerpt_lang,
    )


def tagged_cities():
    """Topics with their initiatives' cities, in the report's order (one more query for the topics shown)."""
    tagged = Initiative.objects.select_related("city").only("city").order_by("city__order", "city_id")
    return Topic.objects.prefetch_related(Prefetch("initiatives", queryset=tagged, to_attr="tagged"))


def metric_kind_hit(kind, needle):
    title, original = _local_name(kind, "name", needle)
    excerpt, excerpt_lang = _excerpt(kind, ["description"], needle)
    return Hit(title=title, original_name=original, url=_url(kind), excerpt=excerpt, excerpt_lang=excerpt_lang)


def innovation_model_hit(model, needle):
    title, original = _local_name(model, "name", needle)
    excerpt, excerpt_lang = _excerpt(model, ["description", "focus", "approach", "scenarios", "results"], needle)
    return Hit(
        title=title,
        original_name=original,
        url=_url(model),
        context=[localized(model.representative_city, "name")],
        excerpt=excerpt,
        excerpt_lang=excerpt_lang,
    )


def lesson_hit(lesson, needle):
    title, original = _local_name(lesson, "title", needle)
    excerpt, excerpt_lang = _excerpt(lesson, ["description"], needle)
    return Hit(title=title, original_name=original, excerpt=excerpt, excerpt_lang=excerpt_lang)


# -- rows of the downloads -----------------------------------------------------------------------------------

# A figure's columns as the figure downloads have them (exports.METRIC_COLUMNS), in their order.
FIGURE_KEYS = (
    "initiative_id",
    "value",
    "value_max",
    "unit",
    "unit_en",
    "qualifier",
    "as_of",
    "as_of_precision",
    "as_written",
    "time_as_written",
)

DOWNLOAD_COLUMNS = [
    exports.Column("kind", _("Kind of result (slug)")),
    exports.Column("kind_name", _("Kind of result")),
    exports.Column("id", _("ID")),
    exports.Column("slug", _("Slug")),
    exports.Column("title", _("Name or title")),
    exports.Column("title_zh", _("Name or title (Chinese)")),
    exports.Column("city", _("City (slug)")),
    exports.Column("city_name", _("City")),
    exports.Column("province_name", _("Province")),
    *[column for column in exports.METRIC_COLUMNS if column.key in FIGURE_KEYS],
    exports.Column("url", _("Permanent URL")),
]


def _named_row(obj, field_name, url):
    """What every kind of result but figures has: its slug, its name in the reader's language and in Chinese, its
    absolute URL."""
    return {
        "slug": obj.slug,
        "title": localized(obj, field_name),
        "title_zh": getattr(obj, f"{field_name}_zh"),
        "url": url,
    }


def _place(city=None, province=None):
    province = province or (city.province if city else None)
    return {
        "city": city.slug if city else None,
        "city_name": localized(city, "name") if city else None,
        "province_name": localized(province, "name") if province else None,
    }


def city_row(city, links):
    return {**_named_row(city, "name", links.page("city_detail", city.slug)), **_place(city)}


def province_row(province, links):
    return {**_named_row(province, "name", links.page("province_detail", province.slug)), **_place(province=province)}


def initiative_row(initiative, links):
    url = links.page("initiative_detail", initiative.pk)
    return {"id": initiative.pk, **_named_row(initiative, "title", url), **_place(initiative.city)}


def metric_row(metric, links):
    """A figure's columns as the figure downloads write them (exports.metric_row), with the name and place the other
    kinds have."""
    published = exports.metric_row(metric, links)
    return {
        "id": metric.pk,
        "title": localized(metric, "label"),
        "title_zh": metric.label_zh,
        **_place(metric.initiative.city),
        **{key: published[key] for key in FIGURE_KEYS},
        "url": published["url"],
    }


def category_row(category, links):
    return _named_row(category, "name", links.page("category_detail", category.slug))


def topic_row(topic, links):
    return _named_row(topic, "name", links.page("topic_detail", topic.slug))


def metric_kind_row(kind, links):
    return _named_row(kind, "name", links.page("metric_kind_detail", kind.slug))


def innovation_model_row(model, links):
    return {
        **_named_row(model, "name", links.page("innovation_model_detail", model.slug)),
        **_place(model.representative_city),
    }


def lesson_row(lesson, links):
    # A lesson has no page of its own: it is a section of the lessons page.
    return _named_row(lesson, "title", f"{links.base}{reverse('lesson_list')}#lesson-{lesson.slug}")


@dataclass(frozen=True)
class Kind:
    slug: str
    label: str
    queryset: object  # () -> QuerySet, with what its hits and rows show in the same query
    hit: object  # (row, needle) -> Hit
    row: object  # (row, Links) -> dict of DOWNLOAD_COLUMNS


KINDS = [
    Kind("cities", _("Cities and districts"), lambda: City.objects.select_related("province"), city_hit, city_row),
    Kind("provinces", _("Provinces"), lambda: Province.objects.all(), province_hit, province_row),
    Kind(
        "initiatives",
        _("Programmes and initiatives"),
        lambda: Initiative.objects.for_list(),
        initiative_hit,
        initiative_row,
    ),
    Kind("figures", _("Figures"), lambda: Metric.objects.for_list(), metric_hit, metric_row),
    Kind("categories", _("Categories"), lambda: InitiativeCategory.objects.all(), category_hit, category_row),
    Kind("topics", _("Topics"), tagged_cities, topic_hit, topic_row),
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
    return _name_matches_first(kind.queryset().filter(pk__in=first), needle)


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
    for row in rows:
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

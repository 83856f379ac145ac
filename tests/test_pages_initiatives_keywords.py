"""The initiatives list's keyword: it matches what a reader expects, in either script; odd keywords just match or
not."""

import pytest

from core.search_index import normalize, pinyin
from initiatives.models import Initiative
from tests.initiative_list_support import all_listed_ids, get_list, listed_ids

pytestmark = pytest.mark.django_db

# The texts of an initiative a reader expects the keyword to be looked for in.
KEYWORD_FIELDS = ("title_zh", "title_en", "description_zh", "description_en", "heading", "sub_locality")


def matching_ids(keyword):
    """What a reader expects a keyword to match: the keyword inside one of the initiative's texts, its topics' or
    its city's names, whatever the case, width, spaces, quotes or script (Simplified or Traditional). A keyword made
    only of what does not matter is no keyword: everything matches."""
    needle = normalize(keyword)

    def texts(initiative):
        city = initiative.city
        topics = [name for topic in initiative.topics.all() for name in (topic.name_zh, topic.name_en)]
        return (
            [getattr(initiative, field) for field in KEYWORD_FIELDS]
            + topics
            + [
                city.name_zh,
                city.name_en,
                pinyin(city.name_zh),
            ]
        )

    return {
        initiative.pk
        for initiative in Initiative.objects.select_related("city").prefetch_related("topics")
        if not needle or any(needle in normalize(text or "") for text in texts(initiative))
    }


@pytest.mark.parametrize(
    "keyword",
    [
        "%",
        "_",
        "'",
        '"',
        "“",
        "信用修復",
        "Credit repair",
        "7.58萬",
        "100%",
        "😀",
        "' OR 1=1 --",
        "'; DROP TABLE initiatives_initiative; --",
        "\\",
        "a" * 1000,
        "信" * 1000,
    ],
)
def test_odd_keywords_just_match_or_not(client, report_data, keyword):
    ids = all_listed_ids(client, q=keyword)
    assert set(ids) == matching_ids(keyword)
    assert Initiative.objects.count() == 94  # nothing was dropped


def test_percent_and_underscore_are_literal(client, report_data):
    assert 0 < len(all_listed_ids(client, q="%")) < Initiative.objects.count()
    assert all_listed_ids(client, q="_") == []


def test_a_simplified_keyword_finds_the_traditional_text(client, report_data):
    traditional = set(all_listed_ids(client, q="信用修復"))
    assert traditional
    assert set(all_listed_ids(client, q="信用修复")) == traditional


def test_keyword_searches_english_headings_and_sub_localities(client, report_data):
    assert set(all_listed_ids(client, q="明山街道")) == set(
        Initiative.objects.filter(sub_locality__contains="明山街道").values_list("pk", flat=True)
    )
    assert set(all_listed_ids(client, q="平臺建設方面")) >= set(
        Initiative.objects.filter(heading="平臺建設方面").values_list("pk", flat=True)
    )
    assert all_listed_ids(client, q="summer palace")


def test_an_empty_result_says_so(client, report_data):
    _, html = get_list(client, q="no initiative says this")
    assert listed_ids(html) == []
    assert 'class="empty-results"' in html

"""The timeline of dated events: every one in date order at its precision, its filters, its pages and its city
choices."""

import re
from collections import Counter
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from query_budget import CONTENT_VERSION_QUERY

from cities.models import City, Province
from initiatives import measures
from initiatives.models import Initiative
from initiatives.templatetags.measures import city_options
from tests.page_support import page_text

pytestmark = pytest.mark.django_db

# Cities and categories for the filters, the count, the page's dates, the events before them, the page's events.
TIMELINE_QUERY_BOUND = 6


def timeline_events(response):
    return list(response.context["page"])


def test_timeline_contains_every_dated_initiative_in_order(client, report_data):
    response = client.get(reverse("timeline"))
    assert response.status_code == 200
    assert response.context["page"].paginator.num_pages == 1  # the report's dated events fit on one page
    events = timeline_events(response)
    dated = Initiative.objects.filter(date__isnull=False)
    assert {event.pk for event in events} == set(dated.values_list("pk", flat=True))
    assert len(events) == dated.count()
    # Dated events a reader of the report would look for.
    known = {(str(event.date), event.city.slug) for event in events}
    assert {("2024-01-01", "shenyang"), ("2024-09-20", "jincheng"), ("2025-03-14", "haidian")} <= known
    assert ("2025-05-27", "ordos") in known
    assert [event.date for event in events] == sorted(event.date for event in events)
    text = page_text(response)
    positions = [text.index(event.title_zh) for event in events]
    assert positions == sorted(positions)


def test_timeline_shows_each_date_at_its_precision(client, report_data):
    text = page_text(client.get(reverse("timeline")))
    assert "2024年1月1日" in text  # 《沈陽市社會信用條例》 took effect on a day
    assert "2023年8月" in text and "2023年8月1日" not in text  # a month only
    assert "2025年9月20日" not in text and "2024年9月20日" in text
    assert '<time datetime="2023">2023年</time>' in text  # a year only


def test_timeline_filters_by_city_and_category(client, report_data):
    response = client.get(reverse("timeline"), {"city": "shenyang"})
    assert {event.city.slug for event in timeline_events(response)} == {"shenyang"}
    assert len(timeline_events(response)) == 3
    response = client.get(reverse("timeline"), {"category": "platforms-data"})
    assert {event.category.slug for event in timeline_events(response)} == {"platforms-data"}
    assert [event.city.slug for event in timeline_events(response)] == ["jincheng", "haidian"]
    response = client.get(reverse("timeline"), {"city": "shenyang", "category": "rules-law"})
    assert [event.title_zh for event in timeline_events(response)] == ["《沈陽市社會信用條例》"]
    response = client.get(reverse("timeline"), {"city": "chaoyang"})
    assert response.status_code == 200 and translation.gettext("No dated event matches these filters.") in page_text(
        response
    )


def test_timeline_unknown_filter_is_a_clear_400(client, report_data):
    response = client.get(reverse("timeline"), {"city": "atlantis"})
    assert response.status_code == 400
    no_city = translation.gettext("There is no city with the identifier “%(slug)s” in the report.")
    assert no_city % {"slug": "atlantis"} in page_text(response)
    response = client.get(reverse("timeline"), {"category": "nope"})
    assert response.status_code == 400


@pytest.mark.parametrize("data", ["report_data", "generated_data"])
def test_timeline_queries_are_bounded(client, request, data, django_assert_max_num_queries):
    request.getfixturevalue(data)
    for params in [{}, {"city": "shenyang"}, {"page": "2"}, {"category": "finance", "page": "999"}, {"page": "x"}]:
        with django_assert_max_num_queries(TIMELINE_QUERY_BOUND + CONTENT_VERSION_QUERY):
            assert client.get(reverse("timeline"), params).status_code == 200


def expected_timeline(**filters):
    events = Initiative.objects.filter(date__isnull=False, **filters)
    return list(events.order_by("date", "city__order", "order", "pk").values_list("pk", flat=True))


def busiest_category():
    """The category with the most dated events."""
    counts = Counter(Initiative.objects.filter(date__isnull=False).values_list("category__slug", flat=True))
    return counts.most_common(1)[0][0]


@pytest.mark.parametrize("filtered", [False, True])
def test_the_timeline_pages_follow_each_other_in_date_order(client, generated_data, filtered):
    params = {"category": busiest_category()} if filtered else {}
    filters = {"category__slug": params["category"]} if params else {}
    expected = expected_timeline(**filters)
    pages = -(-len(expected) // measures.TIMELINE_PAGE_SIZE)
    assert pages >= 2
    shown = []
    for number in range(1, pages + 1):
        response = client.get(reverse("timeline"), {**params, "page": number})
        assert response.status_code == 200
        page_ids = [event.pk for event in timeline_events(response)]
        html = response.content.decode()
        positions = [html.index(f'href="/initiatives/{pk}/"') for pk in page_ids]
        assert positions == sorted(positions)  # in the page in that order
        shown += page_ids
    assert shown == expected


def test_timeline_page_links_keep_the_filters(client, generated_data):
    category = busiest_category()
    response = client.get(reverse("timeline"), {"category": category})
    html = unescape(response.content.decode())
    next_link = re.search(r'href="([^"]+)" rel="next"', html).group(1)
    assert parse_qs(urlsplit(next_link).query) == {"category": [category], "page": ["2"]}
    total = len(expected_timeline(category__slug=category))
    count = translation.ngettext("%(counter)s dated event", "%(counter)s dated events", total) % {"counter": total}
    assert count in html


def test_the_city_filter_groups_every_city_under_its_province(client, generated_data):
    html = client.get(reverse("timeline"), {"city": "haidian"}).content.decode()
    select = html.split('<select id="timeline-city"', 1)[1].split("</select>", 1)[0]
    groups = re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', select, re.S)
    assert [label for label, _ in groups] == list(Province.objects.values_list("name_zh", flat=True))
    beijing = dict(groups)["北京市"]
    slugs = re.findall(r'<option value="([\w-]+)"', beijing)
    assert slugs == list(City.objects.filter(province__slug="beijing").values_list("slug", flat=True))
    assert slugs[:2] == ["chaoyang", "haidian"]
    assert '<option value="haidian" selected>' in beijing
    assert len(re.findall(r"<option value=\"[\w-]+\"", select)) == City.objects.count()


@pytest.mark.parametrize("language", ["zh-hant", "zh-hans", "en"])
def test_the_city_choices_read_as_the_names_do_elsewhere(report_data, language):
    groups = measures.cities_by_province()
    with translation.override(language):
        html = city_options(groups, "shenyang")
        for group in groups:
            assert f'<optgroup label="{escape(measures.display_name(group))}">' in html
            for city in group.cities:
                selected = " selected" if city.slug == "shenyang" else ""
                assert f'<option value="{city.slug}"{selected}>{escape(measures.display_name(city))}</option>' in html
    assert html.count(" selected") == 1


def test_english_names_carry_the_chinese_beside_them(client, report_data):
    response = client.get("/en" + reverse("timeline"))
    assert 'Shenyang <span class="name-zh" lang="zh-Hant">沈陽市</span>' in response.content.decode()
    shenyang = City.objects.get(slug="shenyang")
    with translation.override("en"):
        assert measures.display_name(shenyang) == "Shenyang 沈陽市"
    with translation.override("zh-hant"):
        assert measures.display_name(shenyang) == "沈陽市"

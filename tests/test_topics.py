"""Topics: tags on initiatives, their pages in three languages, search by them, and the honest coverage matrix."""

import csv
import io
import json
import re

import pytest
from django.urls import reverse
from django.utils import translation

from cities.models import City, InnovationModel
from core.localization import to_simplified
from initiatives.models import Initiative, InitiativeCategory, Topic

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("report_data")]

PERSONAL_CREDIT_SCORE_CITIES = {"hedong", "wuqing", "jincheng", "jixi"}


def get(client, name, *args, language="zh-hant", **params):
    with translation.override(language):
        url = reverse(name, args=args)
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def city_slugs_with(topic_slug):
    return set(Initiative.objects.filter(topics__slug=topic_slug).values_list("city__slug", flat=True))


def test_the_starting_topics_are_loaded_with_names_in_both_languages():
    topics = list(Topic.objects.all())
    assert len(topics) == 12
    assert all(topic.name_zh and topic.name_en and topic.description_zh and topic.description_en for topic in topics)
    assert city_slugs_with("personal-credit-score") == PERSONAL_CREDIT_SCORE_CITIES
    assert city_slugs_with("blockchain") == {"haidian"}
    assert city_slugs_with("rural-credit") == {"benxi"}
    assert {"hengshui", "hejian", "taiyuan", "hohhot", "shenyang", "yichun"} == city_slugs_with(
        "credit-report-substitution"
    )


@pytest.mark.parametrize("language", ["zh-hant", "zh-hans", "en"])
def test_topic_pages_list_every_city_and_initiative_with_the_topic(client, language):
    listing = get(client, "topic_list", language=language)
    for topic in Topic.objects.all():
        name = topic.name_en if language == "en" else topic.name_zh
        assert (to_simplified(name) if language == "zh-hans" else name) in listing
        page = get(client, "topic_detail", topic.slug, language=language)
        for initiative in topic.initiatives.select_related("city"):
            assert f'href="{initiative.get_absolute_url()}"' in page
            assert f'id="city-{initiative.city.slug}"' in page
        shown = set(re.findall(r'id="city-([a-z0-9-]+)"', page))
        assert shown == city_slugs_with(topic.slug)
    assert get(client, "topic_list", language=language).count('class="card"') == 12


def test_an_unknown_topic_is_a_404(client):
    assert client.get(reverse("topic_detail", args=["no-such-topic"])).status_code == 404


@pytest.mark.parametrize(
    "language, query, names",
    [
        ("en", "personal credit score", ["Hedong", "Wuqing", "Jincheng", "Jixi"]),
        ("zh-hant", "個人信用分", ["河東區", "武清區", "晉城市", "雞西市"]),
        ("zh-hans", "个人信用分", ["河东区", "武清区", "晋城市", "鸡西市"]),
    ],
)
def test_search_for_the_topic_lists_the_cities_that_run_a_personal_credit_score(client, language, query, names):
    page = get(client, "search", language=language, q=query)
    topics_section = page.split('id="results-topics"', 1)[1].split("</section>", 1)[0]
    for name in names:
        assert name in topics_section, name
    initiatives = Initiative.objects.matching(query)
    assert set(initiatives.values_list("city__slug", flat=True)) == PERSONAL_CREDIT_SCORE_CITIES


def test_initiatives_are_found_by_a_topic_added_later_and_by_its_new_name():
    initiative = Initiative.objects.get(city__slug="benxi", slug="integrity-points")
    topic = Topic.objects.get(slug="tourism")
    assert not Initiative.objects.matching("文旅").filter(pk=initiative.pk).exists()
    initiative.topics.add(topic)
    assert Initiative.objects.matching("文旅").filter(pk=initiative.pk).exists()
    topic.name_en = "Fictional tourism rename"
    topic.save()
    assert Initiative.objects.matching("fictional tourism rename").filter(pk=initiative.pk).exists()
    topic.initiatives.remove(initiative)
    assert not Initiative.objects.matching("fictional tourism rename").filter(pk=initiative.pk).exists()


# Coverage ------------------------------------------------------------------------------------------------


def carried(city, theme):
    return Initiative.objects.filter(city=city).carrying(theme).exists()


def coverage_cells(html):
    """{(city slug, column index): is "—"} read from the coverage page's table."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    cells = {}
    for row in body.split("<tr>")[1:]:
        city = re.search(r'href="/cities/([a-z0-9-]+)/"', row).group(1)
        # Not the totals' cell; a reported cell is shaded by its count.
        for index, cell in enumerate(re.findall(r'<td(?: class="(empty|shade-\d)")?>', row)):
            cells[(city, index)] = cell == "empty"
    return cells


def city_page_themes(client, city):
    """The categories and topics a city's page shows on its initiatives (headings and tags)."""
    page = get(client, "city_detail", city.slug)
    body = page.split('id="initiatives"', 1)[1].split("city-vote", 1)[0]
    return set(re.findall(r'href="/categories/([a-z0-9-]+)/"', body)), set(
        re.findall(r'href="/topics/([a-z0-9-]+)/"', body)
    )


@pytest.mark.parametrize("theme, model", [("categories", InitiativeCategory), ("topics", Topic)])
def test_a_dash_in_the_coverage_matrix_means_no_initiative_of_the_city_carries_the_theme(client, theme, model):
    cells = coverage_cells(get(client, "coverage", theme=theme))
    themes = list(model.objects.all())
    cities = list(City.objects.all())
    assert len(cells) == len(themes) * len(cities)
    for city in cities:
        categories_shown, topics_shown = city_page_themes(client, city)
        shown = categories_shown if theme == "categories" else topics_shown
        for index, item in enumerate(themes):
            is_dash = cells[(city.slug, index)]
            assert is_dash == (not carried(city, item)), (city.slug, item.slug)
            assert is_dash == (item.slug not in shown), (city.slug, item.slug)


def test_yichun_carries_credit_substitution_and_credit_repair(client):
    yichun = City.objects.get(slug="yichun")
    for slug in ("credit-report-substitution", "credit-repair"):
        assert carried(yichun, InitiativeCategory.objects.get(slug=slug))
    categories_shown, _topics_shown = city_page_themes(client, yichun)
    assert {"credit-report-substitution", "credit-repair", "regional-cooperation"} <= categories_shown
    page = get(client, "coverage", language="en")
    assert "also counts under 信用代證" in page


def test_coverage_totals_count_each_initiative_carrying_a_theme_once(client):
    response = client.get(reverse("coverage"), {"theme": "topics"})
    for total in response.context["matrix"]["column_totals"]:
        tagged = Initiative.objects.filter(topics=total["theme"])
        assert total["initiatives"] == tagged.count()
        assert total["cities"] == tagged.values("city").distinct().count()
    response = client.get(reverse("coverage"))
    for total in response.context["matrix"]["column_totals"]:
        carrying = Initiative.objects.carrying(total["theme"])
        assert total["initiatives"] == carrying.count()
        assert total["cities"] == carrying.values("city").distinct().count()
    assert client.get(reverse("coverage"), {"theme": "<junk>"}).context["matrix"]["theme"] == "categories"


# Model types ----------------------------------------------------------------------------------------------


def test_each_model_type_shows_the_reports_one_city_and_no_portal_additions(client):
    for model in InnovationModel.objects.select_related("representative_city"):
        assert model.portal_cities == []
        page = get(client, "innovation_model_detail", model.slug, language="en")
        assert "Rebuilt by the portal" in page and "empty image" in page
        others = City.objects.exclude(pk=model.representative_city_id)
        facts = page.split('class="facts"', 1)[1].split("</dl>", 1)[0]
        assert model.representative_city.get_absolute_url() in facts
        assert not any(city.get_absolute_url() in facts for city in others)
    listing = get(client, "innovation_model_list", language="en")
    assert "Rebuilt by the portal" in listing
    hengshui = get(client, "city_detail", "hengshui", language="en")
    assert "not named by the report" in hengshui


def test_a_city_the_portal_adds_to_a_type_is_labelled_as_the_portals(client):
    model = InnovationModel.objects.get(slug="institutional-innovation")
    model.cities.add(City.objects.get(slug="hengshui"))
    page = get(client, "innovation_model_detail", model.slug, language="en")
    assert "The portal's classification, not the report's" in page
    assert "/cities/hengshui/" in page.split("portal-classification", 1)[1]
    city_page = get(client, "city_detail", "hengshui", language="en")
    assert "the portal's classification, not the report's" in city_page


@pytest.mark.parametrize(
    "city, texts",
    [("jincheng", ["“信易保”", "2025年9月"]), ("ordos", ["7×24小時", "“專家信用行為軌跡系統”"])],
)
def test_the_model_type_sections_additions_are_on_the_citys_page_cited_to_that_section(client, city, texts):
    page = get(client, "city_detail", city)
    summary = page.split('class="model-summary"', 1)[1].split("</section>", 1)[0]
    for text in texts:
        assert text in summary
    assert "創新模式總結與對比分析 › 創新模式類型" in summary


def test_haidian_shows_its_inspect_once_a_year(client):
    assert "“一年只查一次,服務指導隨時響應”" in get(client, "city_detail", "haidian")


# Downloads and the API ----------------------------------------------------------------------------------


def test_the_initiative_download_and_the_api_carry_topics_and_additional_categories(client):
    yichun = Initiative.objects.get(city__slug="yichun", slug="cross-province-credit-report-recognition")
    response = client.get(reverse("initiative_list"), {"format": "csv", "city": "yichun"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    header, *rows = rows
    row = dict(zip(header, next(row for row in rows if row[0] == str(yichun.pk)), strict=True))
    assert row["topics"] == "credit-report-substitution; cross-region"
    response = client.get(reverse("initiative_list"), {"format": "json", "city": "yichun"})
    data = json.loads(b"".join(response.streaming_content))
    row = next(row for row in data["rows"] if row["id"] == yichun.pk)
    assert row["topics"] == ["credit-report-substitution", "cross-region"]
    assert row["additional_categories"] == ["credit-report-substitution"]
    api = client.get(f"/api/initiatives/{yichun.pk}/").json()
    assert api["topics"] == ["credit-report-substitution", "cross-region"]
    assert api["additional_categories"] == ["credit-report-substitution"]

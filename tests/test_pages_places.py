"""Home, provinces, the city directory and the city pages, as a reader sees them with the report's data."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db.models import Count
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from cities.models import City, InnovationModel, Province, Source
from cities.views import CITY_PAGE_SIZE
from initiatives import display
from initiatives.models import Initiative, InitiativeCategory, Metric, ReviewStatus

pytestmark = pytest.mark.django_db

ENGLISH = "/en"  # English pages live under /en/


def text_of(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def city_links(html):
    """The slugs of the city pages a page links to, in order."""
    prefix = reverse("city_detail", args=["x"]).rsplit("x/", 1)[0]
    return re.findall(rf'href="{re.escape(prefix)}([\w-]+)/"', html)


# Home -----------------------------------------------------------------------------------------


def test_home_shows_every_city_grouped_by_province(client, report_data):
    html = text_of(client.get(reverse("home")))
    html = html[html.index("<h2>各省的城市</h2>") :]  # the directory part, after the ready comparisons
    for province in Province.objects.prefetch_related("cities"):
        assert province.name_zh in html
        assert province.get_absolute_url() in html
        for city in province.cities.all():
            assert f'href="{city.get_absolute_url()}"' in html
            assert city.name_zh in html
    assert set(city_links(html)) == set(City.objects.values_list("slug", flat=True))
    # Provinces in report order, each followed by its own cities.
    positions = [html.index(p.name_zh) for p in Province.objects.order_by("order")]
    assert positions == sorted(positions)
    assert html.index("北京市") < html.index("朝陽區") < html.index("天津市") < html.index("河東區")


def test_home_shows_the_model_types_the_source_and_entry_points(client, report_data):
    html = text_of(client.get(reverse("home")))
    for model in InnovationModel.objects.all():
        assert model.name_zh in html
        assert model.get_absolute_url() in html
    report = Source.objects.get()
    assert report.publisher in html
    assert f"{report.period_start_year}–{report.period_end_year}" in html
    # One search box, the header's, which searches everything.
    assert html.count('role="search"') == 1 and f'action="{reverse("search")}"' in html
    assert f'href="{reverse("compare")}"' in html
    assert f'href="{reverse("about")}"' in html
    assert "<strong>14</strong>" in html  # cities
    assert f"<strong>{Metric.objects.count()}</strong>" in html


def test_home_in_english_shows_the_chinese_name_beside(client, report_data):
    html = text_of(client.get(ENGLISH + reverse("home")))
    assert 'lang="en"' in html
    assert "Chaoyang District" in html and "朝陽區" in html
    assert "Data-opening model" in html


# Provinces ------------------------------------------------------------------------------------


def test_province_list_shows_each_province_with_its_cities(client, report_data):
    html = text_of(client.get(reverse("province_list")))
    assert html.count('class="card"') == Province.objects.count() == 7
    for province in Province.objects.all():
        assert f'href="{province.get_absolute_url()}"' in html
    assert html.index("內蒙古自治區") < html.index("呼和浩特市") < html.index("鄂爾多斯市") < html.index("遼寧省")


def test_province_detail_lists_only_its_cities(client, report_data):
    html = text_of(client.get(reverse("province_detail", args=["beijing"])))
    assert "<h1>北京市" in html
    assert set(city_links(html)) == {"chaoyang", "haidian"}
    assert "河東區" not in html
    # Links into the initiatives list, already filtered on the province.
    assert f"{reverse('initiative_list')}?province=beijing" in html


def test_province_detail_counts_its_initiatives_by_theme(client, report_data):
    categories = client.get(reverse("province_detail", args=["liaoning"])).context["categories"]
    expected = (
        Initiative.objects.filter(city__province__slug="liaoning")
        .values_list("category__slug")
        .annotate(n=Count("pk"))
        .order_by("category__order", "category__slug")
    )
    assert [(category.slug, category.initiative_count) for category in categories] == list(expected)


@pytest.mark.parametrize("slug", ["no-such-province", "BEIJING", "beijing-"])
def test_unknown_province_is_404(client, report_data, slug):
    assert client.get(reverse("province_detail", args=[slug])).status_code == 404


# City directory -------------------------------------------------------------------------------


def directory_slugs(client, prefix="", **params):
    html = text_of(client.get(prefix + reverse("city_list"), params))
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return city_links(body), html


def test_directory_lists_every_city_in_report_order(client, report_data):
    slugs, html = directory_slugs(client)
    assert slugs == list(City.objects.order_by("order").values_list("slug", flat=True))
    assert "14" in html.split("<caption>", 1)[1].split("</caption>", 1)[0]


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"province": "hebei"}, {"hengshui", "hejian"}),
        ({"level": "county_city"}, {"hejian"}),
        ({"level": "provincial_capital"}, {"taiyuan", "hohhot", "shenyang"}),
        ({"model": "institutional-innovation"}, {"taiyuan"}),  # the report names one city per type
        ({"model": "cross-regional", "province": "heilongjiang"}, {"yichun"}),
        ({"model": "cross-regional", "province": "tianjin"}, set()),
        ({"category": "grassroots-governance"}, None),
    ],
)
def test_directory_filters(client, report_data, params, expected):
    if expected is None:  # computed from the data: cities with an initiative of the category
        expected = set(
            City.objects.filter(initiatives__category__slug=params["category"]).values_list("slug", flat=True)
        )
        assert expected
    slugs, _ = directory_slugs(client, **params)
    assert set(slugs) == expected
    assert len(slugs) == len(expected)


def test_directory_category_filter_keeps_whole_counts(client, report_data):
    """Filtering on a category must not shrink each city's count of initiatives to that category."""
    html = text_of(client.get(reverse("city_list"), {"category": "finance"}))
    shenyang_row = html.split('href="/cities/shenyang/"', 1)[1].split("</tr>", 1)[0]
    assert '<td class="num">10</td>' in shenyang_row


def test_directory_sorts_by_number_of_initiatives_and_by_name(client, report_data):
    slugs, _ = directory_slugs(client, sort="initiatives")
    counts = dict(City.objects.with_counts().values_list("slug", "initiative_count"))
    assert [counts[slug] for slug in slugs] == sorted(counts.values(), reverse=True)
    assert slugs[:2] == ["shenyang", "benxi"]  # 10 initiatives each, in report order

    slugs, _ = directory_slugs(client, prefix=ENGLISH, sort="name")
    names = dict(City.objects.values_list("slug", "name_en"))
    assert [names[slug] for slug in slugs] == sorted(names.values())


def test_the_directory_shows_the_report_s_cities_first_and_pages_through_the_rest(client, generated_data):
    in_order = list(City.objects.order_by("order", "slug").values_list("slug", flat=True))
    size = CITY_PAGE_SIZE
    assert len(in_order) > 3 * size
    slugs, html = directory_slugs(client)
    assert slugs == in_order[:size]
    assert set(slugs[:14]) == set(City.objects.exclude(slug__startswith="gen-").values_list("slug", flat=True))
    caption = html.split("<caption>", 1)[1].split("</caption>", 1)[0]
    assert str(len(in_order)) in caption
    assert directory_slugs(client, page="2")[0] == in_order[size : 2 * size]
    shown = []
    for number in range(1, -(-len(in_order) // size) + 1):
        shown += directory_slugs(client, page=number)[0]
    assert shown == in_order


def test_each_directory_page_counts_its_own_cities_whole(client, generated_data):
    html = text_of(client.get(reverse("city_list"), {"page": "2", "sort": "initiatives"}))
    for slug, initiatives, figures in re.findall(
        r'href="/cities/([\w-]+)/">.*?<td class="num">(\d+)</td>\s*<td class="num">(\d+)</td>', html, re.S
    ):
        city = City.objects.get(slug=slug)
        assert int(initiatives) == city.initiatives.count()
        assert int(figures) == Metric.objects.filter(initiative__city=city).count()


def test_directory_pages_keep_the_filters_and_the_sort(client, generated_data):
    category = InitiativeCategory.objects.first().slug  # every generated city has initiatives in it
    params = {"category": category, "sort": "initiatives"}
    slugs, html = directory_slugs(client, **params)
    next_link = unescape(re.search(r'href="([^"]+)" rel="next"', html).group(1))
    assert parse_qs(urlsplit(next_link).query) == {"category": [category], "sort": ["initiatives"], "page": ["2"]}
    having = set(City.objects.filter(initiatives__category__slug=category).values_list("slug", flat=True))
    expected = sorted(
        (city for city in City.objects.with_counts() if city.slug in having),
        key=lambda city: (-city.initiative_count, city.order, city.slug),
    )
    second, _ = directory_slugs(client, **params, page="2")
    assert slugs + second == [city.slug for city in expected[: 2 * CITY_PAGE_SIZE]]


@pytest.mark.parametrize("url_name", ["city_list", "timeline"])  # the directory, and the timeline of initiatives
@pytest.mark.parametrize("page, expected", [("abc", 1), ("", 1), ("1.5", 1), ("999", "last"), ("0", "last")])
def test_a_junk_or_out_of_range_page_lands_on_the_first_or_last_page(client, generated_data, url_name, page, expected):
    response = client.get(reverse(url_name), {"page": page})
    assert response.status_code == 200
    shown = response.context["page"]
    assert shown.number == (shown.paginator.num_pages if expected == "last" else expected)
    assert list(shown)


@pytest.mark.parametrize(
    "params", [{"province": "atlantis"}, {"level": "megacity"}, {"model": "x" * 500}, {"sort": "'; DROP TABLE x"}]
)
def test_directory_reports_and_ignores_a_malformed_filter(client, report_data, params):
    slugs, html = directory_slugs(client, **params)
    assert len(slugs) == 14
    assert 'class="form-error"' in html


# City page ------------------------------------------------------------------------------------


def test_city_page_shows_summary_province_level_and_figures_as_written(client, report_data):
    city = City.objects.get(slug="chaoyang")
    html = text_of(client.get(city.get_absolute_url()))
    assert "<h1>朝陽區" in html
    assert escape(city.summary_zh) in html
    assert f'href="{reverse("province_detail", args=["beijing"])}"' in html
    with translation.override("zh-hant"):
        assert str(City.Level.MUNICIPAL_DISTRICT.label).capitalize() in html
    assert "7.58萬家" in html
    assert "截至2026年1月" in html
    assert '<time datetime="2026-01">' in html


def test_city_page_in_english(client, report_data):
    html = text_of(client.get(ENGLISH + reverse("city_detail", args=["chaoyang"])))
    assert "75,800 enterprises" in html
    assert "as of January 2026" in html
    assert "7.58萬家" in html  # the report's own writing stays beside the English


def test_city_page_in_simplified_chinese(client, report_data):
    html = text_of(client.get("/zh-hans" + reverse("city_detail", args=["chaoyang"])))
    assert 'lang="zh-Hans"' in html
    assert "<h1>朝阳区" in html
    assert "7.58万家" in html and "截至2026年1月" in html


def test_city_page_groups_initiatives_by_category_with_dates_places_and_references(client, report_data):
    city = City.objects.get(slug="shenyang")
    html = text_of(client.get(city.get_absolute_url()))
    categories = list(
        city.initiatives.order_by("category__order").values_list("category__name_zh", flat=True).distinct()
    )
    headings = re.findall(r'<h3 id="theme-[\w-]+"><a href="[^"]+">([^<]+)</a></h3>', html)
    assert headings == list(dict.fromkeys(categories))
    for initiative in city.initiatives.all():
        assert f'href="{initiative.get_absolute_url()}"' in html
        assert escape(initiative.heading) in html
    # 《沈陽市社會信用條例》 took effect on 1 January 2024, a date at day precision.
    assert '<time datetime="2024-01-01">2024年1月1日</time>' in html
    assert "北京市創新示范研究" not in html
    assert "遼寧省創新示范研究 › 沈陽市" in html


def test_city_page_shows_sub_localities_and_its_review_status_once(client, report_data):
    city = City.objects.get(slug="benxi")
    figures = Metric.objects.filter(initiative__city=city)
    figures.filter(position=1).update(review_status=ReviewStatus.CHECKED)
    html = text_of(client.get(city.get_absolute_url()))
    assert "明山街道" in html and "本溪滿族自治縣" in html
    checked = figures.filter(review_status__in=["checked", "corrected"]).count()
    assert 0 < checked < figures.count()
    assert html.count('class="review-status"') == 1
    assert f"本頁 {figures.count()} 項數據中有 {checked} 項已經編輯核對" in html
    with translation.override("zh-hant"):
        label = str(ReviewStatus.UNCHECKED.label)
    assert f">{label}</span>" not in html  # no pill on each figure


def test_city_page_shows_its_model_types(client, report_data):
    html = text_of(client.get(reverse("city_detail", args=["haidian"])))
    model = InnovationModel.objects.get(slug="data-opening")
    assert f'href="{model.get_absolute_url()}"' in html
    html = text_of(client.get(reverse("city_detail", args=["jincheng"])))
    assert InnovationModel.objects.get(slug="scenario-application").name_zh in html
    html = text_of(client.get(reverse("city_detail", args=["wuqing"])))  # the report names it for no type
    assert not any(model.name_zh in html for model in InnovationModel.objects.all())


def test_city_page_has_a_compare_form_with_the_other_cities(client, report_data):
    html = text_of(client.get(reverse("city_detail", args=["chaoyang"])))
    form = html.split('class="compare-form"', 1)[1].split("</form>", 1)[0]
    assert f'action="{reverse("compare")}"' in form and 'method="get"' in form
    assert '<input type="hidden" name="cities" value="chaoyang">' in form
    options = re.findall(r'<option value="([\w-]+)">', form.split('name="cities">', 1)[1])
    assert sorted(options) == sorted(City.objects.exclude(slug="chaoyang").values_list("slug", flat=True))
    assert len(options) == 13


def test_every_figure_is_one_click_from_home(client, report_data):
    """Home → city page, and every figure of the report is on its city's page."""
    home = text_of(client.get(reverse("home")))
    pages = {slug: text_of(client.get(reverse("city_detail", args=[slug]))) for slug in set(city_links(home))}
    missing = []
    with translation.override("zh-hant"):
        for metric in Metric.objects.select_related("initiative__city"):
            html = pages[metric.initiative.city.slug]
            value = escape(display.figure_value(metric))
            time = escape(display.figure_time(metric))
            if value not in html or (time and time not in html):
                missing.append(str(metric))
    assert not missing
    assert Metric.objects.count() > 100


@pytest.mark.parametrize("slug", ["no-such-city", "gen-city-00001", "Chaoyang"])
def test_unknown_city_is_404(client, report_data, slug):
    response = client.get(reverse("city_detail", args=[slug]))
    assert response.status_code == 404


def test_the_directory_takes_several_values_of_a_filter_as_checkboxes(client):
    html = text_of(
        client.get(reverse("city_list"), {"province": ["beijing", "tianjin"], "level": "municipal_district"})
    )
    listed = set(city_links(html))
    wanted = City.objects.filter(province__slug__in=["beijing", "tianjin"], level="municipal_district")
    assert listed == set(wanted.values_list("slug", flat=True)) and len(listed) == 4
    checked = re.findall(r'<input type="checkbox" name="province" value="([\w-]+)"[^>]* checked>', html)
    assert sorted(checked) == ["beijing", "tianjin"]
    assert '<details class="fold-narrow filter-panel">' in html

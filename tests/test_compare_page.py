"""The comparison page: two to four cities side by side, their facts, themes and shared measures, and its queries."""

import itertools

import pytest
from django.urls import reverse
from django.utils import translation

from cities.models import City
from compare import comparison as comparing
from initiatives.models import Initiative, Metric
from tests.compare_support import COMPARE, PROVINCE_LIST_QUERY, QUERY_BOUND, compare, options_of
from tests.page_support import page_text

pytestmark = pytest.mark.django_db


def test_chaoyang_and_haidian_side_by_side_with_their_real_figures(client, report_data):
    response = compare(client, "cities=chaoyang,haidian")
    assert response.status_code == 200
    text = page_text(response)
    assert "朝陽區" in text and "海淀區" in text
    # Figures exactly as the report writes them, with their time.
    assert "7.58萬家" in text and "截至2026年1月" in text
    assert "約1.2億條" in text and "70.42億條次" in text
    assert response.context["comparison"].cities == list(City.objects.filter(slug__in=["chaoyang", "haidian"]))
    # Every initiative of both is linked to its page; the city names to the city pages.
    html = response.content.decode()
    for initiative in Initiative.objects.filter(city__slug__in=["chaoyang", "haidian"]):
        assert f'href="{initiative.get_absolute_url()}"' in html
    assert f'href="{reverse("city_detail", args=["haidian"])}"' in html


def test_every_pair_of_the_fourteen_cities_shows_both_names_and_every_figure(client, report_data):
    cities = list(City.objects.all())
    assert len(cities) == 14
    figures = {city.pk: [] for city in cities}
    for metric in Metric.objects.select_related("initiative"):
        figures[metric.initiative.city_id].append(metric.as_written)
    pairs = list(itertools.combinations(cities, 2))
    assert len(pairs) == 91
    for first, second in pairs:
        response = compare(client, f"cities={first.slug},{second.slug}")
        assert response.status_code == 200, (first.slug, second.slug)
        text = page_text(response)
        for city in (first, second):
            assert city.name_zh in text
            missing = [written for written in figures[city.pk] if written not in text]
            assert not missing, (first.slug, second.slug, city.slug, missing)


def test_columns_follow_the_order_of_the_address(client, report_data):
    response = compare(client, "cities=haidian,chaoyang,benxi")
    assert [city.slug for city in response.context["comparison"].cities] == ["haidian", "chaoyang", "benxi"]
    text = page_text(response)
    assert text.index("海淀區") < text.index("朝陽區") < text.index("本溪市")


def test_repeated_parameter_from_a_city_page_form_redirects_to_the_shareable_form(client, report_data):
    response = compare(client, "cities=chaoyang&cities=haidian")
    assert response.status_code == 302
    assert response["Location"] == f"{COMPARE}?cities=chaoyang,haidian"
    # Spaces, capitals and empty values of an unfilled select are tidied the same way.
    response = compare(client, "cities=Chaoyang&cities=+haidian&cities=")
    assert response["Location"] == f"{COMPARE}?cities=chaoyang,haidian"
    assert compare(client, "cities=chaoyang,haidian").status_code == 200


def test_no_city_shows_the_picker_with_every_city(client, report_data):
    response = client.get(COMPARE)
    assert response.status_code == 200
    assert response.context["comparison"] is None
    text = page_text(response)
    assert text.count('<select id="compare-city-') == comparing.MAX_CITIES
    # Every city in each list, by province in the report's order; nothing chosen yet.
    in_report_order = list(City.objects.order_by("province__order", "order").values_list("slug", flat=True))
    for number in range(1, comparing.MAX_CITIES + 1):
        assert options_of(text, f"compare-city-{number}") == ([""] + in_report_order, [])
    assert text.index('<optgroup label="北京市">') < text.index('<optgroup label="天津市">')
    # Every city is in the lists already: no province to browse.
    assert 'id="compare-province"' not in text
    # Ready-made comparisons of the cities of one province.
    assert f'href="{COMPARE}?cities=chaoyang,haidian"' in text
    assert f'href="{COMPARE}?cities=shenyang,benxi"' in text


def test_remove_links_keep_the_other_cities_in_order(client, report_data):
    response = compare(client, "cities=chaoyang,haidian,benxi")
    html = response.content.decode()
    assert f'href="{COMPARE}?cities=haidian,benxi"' in html
    assert f'href="{COMPARE}?cities=chaoyang,benxi"' in html
    assert f'href="{COMPARE}?cities=chaoyang,haidian"' in html
    # With two cities, removing one would leave nothing to compare: the picker swaps instead.
    response = compare(client, "cities=chaoyang,haidian")
    assert "compare-remove" not in response.content.decode()


def test_the_picker_is_filled_with_the_compared_cities_in_order(client, report_data):
    response = compare(client, "cities=benxi,chaoyang")
    html = response.content.decode()
    first = html[html.index('id="compare-city-1"') : html.index('id="compare-city-2"')]
    second = html[html.index('id="compare-city-2"') : html.index('id="compare-city-3"')]
    third = html[html.index('id="compare-city-3"') : html.index('id="compare-city-4"')]
    assert 'value="benxi" selected' in first
    assert 'value="chaoyang" selected' in second
    assert " selected" not in third


def test_facts_at_a_glance(client, report_data):
    response = compare(client, "cities=haidian,taiyuan")
    # The rows' labels are in the page's language (zh-Hant); look them up through the catalog.
    facts = {row.label: row.cells for row in response.context["comparison"].facts}
    haidian = City.objects.with_counts().get(slug="haidian")
    taiyuan = City.objects.with_counts().get(slug="taiyuan")
    assert [cell[0].text for cell in facts[translation.gettext("Initiatives")]] == [
        str(haidian.initiative_count),
        str(taiyuan.initiative_count),
    ]
    assert [cell[0].text for cell in facts[translation.gettext("Figures")]] == [
        str(haidian.metric_count),
        str(taiyuan.metric_count),
    ]
    assert [link.text for link in facts[translation.gettext("Province")][0]] == ["北京市"]
    assert [link.text for link in facts[translation.gettext("Innovation model type")][0]] == ["數據開放驅動型模式"]
    assert [link.text for link in facts[translation.gettext("Innovation model type")][1]] == ["制度創新引領型模式"]


def test_categories_are_aligned_and_gaps_say_not_reported(client, report_data):
    response = compare(client, "cities=haidian,taiyuan")
    rows = {row.category.slug: row for row in response.context["comparison"].categories}
    repair = rows["credit-repair"]
    assert all(repair.cells), "both cities report credit repair"
    assert [i.city.slug for i in repair.cells[0]] == ["haidian"]
    assert [i.city.slug for i in repair.cells[1]] == ["taiyuan"] * len(repair.cells[1])
    # Haidian reports platforms and data, Taiyuan does not.
    assert rows["platforms-data"].cells[0] and not rows["platforms-data"].cells[1]
    assert translation.gettext("Not reported") in page_text(response)


def test_a_comparison_narrowed_to_a_category_holds_only_it(client, report_data):
    response = compare(client, "cities=haidian,taiyuan&category=credit-repair")
    comparison = response.context["comparison"]
    assert [row.category.slug for row in comparison.categories] == ["credit-repair"]
    for column in comparison.columns:
        assert column.initiatives and all(i.category.slug == "credit-repair" for i in column.initiatives)
    assert "約1.2億條" not in page_text(response)  # 海淀區's data opening is another category
    assert "超1.4萬戶" in page_text(response)
    assert compare(client, "cities=haidian,taiyuan&category=nothing").status_code == 400


def test_rows_none_of_the_cities_reports_can_be_hidden(client, report_data):
    everything = compare(client, "cities=chaoyang,haidian").context["comparison"]
    assert any(row.reported_by == 0 for row in everything.categories)
    assert any(row.reported_by == 0 for row in everything.metrics)
    hidden = compare(client, "cities=chaoyang,haidian&reported=1").context["comparison"]
    assert all(row.reported_by for row in hidden.categories) and all(row.reported_by for row in hidden.metrics)
    assert len(hidden.categories) == sum(1 for row in everything.categories if row.reported_by)


def test_measures_the_cities_share_get_a_chart_of_that_measure_alone(client, report_data):
    response = compare(client, "cities=hejian,wuqing")
    shared = {compared.kind.slug: compared for compared in response.context["comparison"].shared_measures}
    assert set(shared) == {"loans-disbursed-cumulative", "credit-platform-registered-enterprises"}
    chart = shared["credit-platform-registered-enterprises"].chart
    assert [bar.value_text for bar in chart.bars] == ["61440家", "1910家"]
    html = response.content.decode()
    assert f'<title id="{chart.id}-title">' in html and "<script" not in html.split("<main", 1)[-1]


def test_what_is_unique_to_each_city(client, report_data):
    response = compare(client, "cities=haidian,taiyuan")
    haidian, taiyuan = response.context["comparison"].unique
    assert "platforms-data" in [category.slug for category, _ in haidian.categories]
    assert "credit-repair" not in [category.slug for category, _ in haidian.categories]
    assert "credit-records-opened" in [kind.slug for kind in haidian.kinds]
    assert "credit-repair-time-reduction" in [kind.slug for kind in taiyuan.kinds]


def test_english_shows_the_chinese_name_beside_each_city(client, report_data):
    response = client.get(f"/en{COMPARE}?cities=chaoyang,haidian")
    html = response.content.decode()
    assert 'Chaoyang District <span class="name-zh" lang="zh-Hant">朝陽區</span>' in html
    assert "75,800 enterprises" in html


def test_compare_page_queries_are_bounded(client, report_data, django_assert_max_num_queries):
    with django_assert_max_num_queries(QUERY_BOUND):
        response = compare(client, "cities=chaoyang,haidian,hejian,benxi")
    assert response.status_code == 200


def test_compare_page_queries_do_not_grow_with_the_data(client, generated_data, django_assert_max_num_queries):
    generated = list(City.objects.filter(slug__startswith="gen-").values_list("slug", flat=True)[:2])
    with django_assert_max_num_queries(QUERY_BOUND + PROVINCE_LIST_QUERY):
        response = compare(client, f"cities=chaoyang,haidian,{generated[0]},{generated[1]}")
    assert response.status_code == 200
    with django_assert_max_num_queries(QUERY_BOUND):
        assert client.get(reverse("compare_csv") + "?cities=chaoyang," + generated[0]).status_code == 200

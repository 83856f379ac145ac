"""The comparison page: two to four cities side by side, its bad inputs, and its CSV download."""

import csv
import io
import itertools
import re
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse
from django.utils import translation

from cities.models import PICKER_SHORT_LIST_SIZE, City, Province
from compare import comparison as comparing
from compare import measure_rows
from initiatives import synthetic
from initiatives.models import Initiative, Metric, MetricKind

pytestmark = pytest.mark.django_db

COMPARE = reverse("compare")
# cities, the categories (theme filter and rows), innovation model types, initiatives, figures, the report (cite
# block), the page cache's content version
QUERY_BOUND = 7
# With more cities than the picker lists, it offers the provinces: one more query, whatever the number of cities.
PROVINCE_LIST_QUERY = 1


def translated(msgid, values=None):
    """A message in the reader's language (zh-Hant here); without values, the part before the first one."""
    text = translation.gettext(msgid)
    return text % values if values is not None else text.split("%(")[0]


def page_text(response):
    return unescape(response.content.decode())


def compare(client, query, **headers):
    return client.get(f"{COMPARE}?{query}", **headers)


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


def options_of(html, select_id):
    """The values of a select's options in order, and the selected ones."""
    start = html.index(f'<select id="{select_id}"')
    options = re.findall(r'<option value="([^"]*)"( selected)?>', html[start : html.index("</select>", start)])
    return [value for value, _ in options], [value for value, selected in options if selected]


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


@pytest.mark.parametrize(
    "query, status, message",
    [
        # (message as written in the code, its values): the page shows it in the reader's language.
        ("cities=chaoyang", 200, ("Choose at least one more city to compare with %(city)s.", {"city": "朝陽區"})),
        (
            "cities=chaoyang,chaoyang",
            400,
            ("%(city)s is chosen more than once; each city can appear only once.", {"city": "朝陽區"}),
        ),
        (
            "cities=chaoyang,atlantis",
            400,
            ("There is no city with the identifier “%(slug)s” in the report.", {"slug": "atlantis"}),
        ),
        (
            "cities=chaoyang,haidian,hedong,wuqing,benxi",
            400,
            ("At most %(max)d cities can be compared at once; you chose %(count)d.", {"max": 4, "count": 5}),
        ),
        (
            "cities=<script>alert(1)</script>,haidian",
            400,
            ("There is no city with the identifier “%(slug)s” in the report.", None),
        ),
    ],
)
def test_bad_selections_get_a_clear_message_on_the_page(client, report_data, query, status, message):
    response = compare(client, query)
    assert response.status_code == status
    assert response.context["comparison"] is None
    assert translated(*message) in page_text(response)
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_bad_selection_offers_the_corrected_comparison(client, report_data):
    response = compare(client, "cities=chaoyang,chaoyang,haidian")
    assert response.status_code == 400
    assert f'href="{COMPARE}?cities=chaoyang,haidian"' in response.content.decode()
    # The picker keeps the valid cities, so nothing has to be chosen again.
    assert response.context["picker_slots"][:2] == list(City.objects.filter(slug__in=["chaoyang", "haidian"]))


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


def measure_row(response, family):
    return next(row for row in response.context["comparison"].metrics if row.family == family)


def test_the_larger_figure_is_marked_in_words_and_the_row_flagged_when_dates_differ(client, report_data):
    # 武清區 突破140億元 (截至2025年2月) and 伊春市 近90億元 (截至2025年7月): both money lent, totalled since launch.
    response = compare(client, "cities=wuqing,yichun")
    row = measure_row(response, "lending")
    loans = next(compared for compared in row.compared if compared.kind.slug == "loans-disbursed-cumulative")
    assert loans.leader.as_written == "突破140億元"
    assert row.cells[0].largest.as_written == "突破140億元" and row.cells[1].largest is None
    assert loans.dates_differ
    text = page_text(response)
    assert "▲ " + translation.gettext("larger") in text  # not by colour alone
    assert translation.gettext("the figures hold at different times, so “larger” compares different moments") in text


def test_one_year_and_the_total_since_launch_are_not_ranked(client, report_data):
    # 朝陽區 超1億元 is lent in 2024 alone; 武清區 突破140億元 is the total since its platform began.
    response = compare(client, "cities=chaoyang,wuqing")
    row = measure_row(response, "lending")
    assert all(cell.largest is None for cell in row.cells)
    assert not any(compared.kind.slug.startswith("loans-disbursed") for compared in row.compared)
    reason = translated(
        "%(first)s vs %(second)s",
        {"first": translated("one stated period"), "second": translated("the total since launch")},
    )
    assert reason in row.unlike
    assert reason in page_text(response)


def test_list_removals_and_repair_services_are_not_ranked(client, report_data):
    # 海淀區's 超1.4萬戶 left a list; 太原市's 3786戶 were given repair services: the misleading badge.
    response = compare(client, "cities=haidian,taiyuan")
    row = measure_row(response, "repair")
    assert all(cell.largest is None for cell in row.cells)
    assert row.compared == []
    assert any("3786戶" in metric.as_written for metric in row.cells[1].metrics)
    assert row.unlike
    assert 'class="largest-mark"' not in response.content.decode()


def test_a_credit_line_is_not_ranked_against_money_lent(client, report_data):
    response = compare(client, "cities=hejian,yichun")
    row = measure_row(response, "lending")
    lines = MetricKind.objects.get(slug="credit-lines-granted")
    assert all(cell.largest is None or cell.largest.kind_id != lines.pk for cell in row.cells)
    loans = MetricKind.objects.get(slug="loans-disbursed-cumulative")
    compared = [c.kind.slug for c in row.compared]
    assert compared == ["loans-disbursed-cumulative"]  # 河間市 6789萬元 and 伊春市 近90億元, both totals since launch
    assert loans.name_zh in page_text(response)


def test_every_pair_marks_larger_only_within_one_measure_and_basis(client, report_data):
    """The issue's check, walked over all 91 pairs of the 14 cities."""
    cities = list(City.objects.all())
    pairs = list(itertools.combinations(cities, 2))
    assert len(pairs) == 91
    marked_pairs = 0
    for first, second in pairs:
        response = compare(client, f"cities={first.slug},{second.slug}")
        assert response.status_code == 200
        for row in response.context["comparison"].metrics:
            for index, cell in enumerate(row.cells):
                for leader in cell.marked:
                    other = row.cells[1 - index].metrics
                    rivals = [m for m in other if m.kind_id == leader.kind_id]
                    assert rivals, (first.slug, second.slug, leader)  # marked against a figure of its own measure
                    assert all(m.kind.basis == leader.kind.basis for m in rivals)
                    assert leader.value > max(m.value for m in rivals)
                    marked_pairs += 1
            for compared in row.compared:
                assert len({(m.kind.name_en, m.kind.basis) for m in compared.figures}) == 1
                if compared.dates_differ and compared.leader is not None:
                    assert translation.gettext(
                        "the figures hold at different times, so “larger” compares different moments"
                    ) in page_text(response)
        html = response.content.decode()
        assert html.count('class="largest-mark"') == sum(
            len(cell.marked) for row in response.context["comparison"].metrics for cell in row.cells
        )
    assert marked_pairs > 0


def test_same_date_unit_and_qualifier_is_said_to_be_comparable():
    kind = MetricKind(slug="k", unit="家")
    same = [Metric(unit="家", qualifier="exact", value=Decimal(n), time_as_written="2024年") for n in (1, 2)]
    assert measure_rows.comparability_problems(kind, same) == []
    other = [Metric(unit="戶", qualifier="over", value=Decimal(1), time_as_written="2025年"), same[0]]
    translation.activate("en")  # the reasons as written in the code
    assert measure_rows.comparability_problems(kind, other) == [
        "different units",
        "different dates or periods",
        "different qualifiers (none, over, about…)",
    ]
    undated = [Metric(unit="家", qualifier="exact", value=Decimal(1)), same[0]]
    assert measure_rows.comparability_problems(kind, undated) == ["a figure without a date"]


def test_equal_largest_figures_are_not_marked(client, report_data):
    # 衡水市 and 太原市 both report 60%以上 shorter credit repair.
    response = compare(client, "cities=hengshui,taiyuan")
    row = measure_row(response, "processing-time")
    compared = next(c for c in row.compared if c.kind.slug == "credit-repair-time-reduction")
    assert compared.tied
    assert all(cell.largest is None for cell in row.cells)


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
    assert 'Chaoyang District <span lang="zh-Hant">朝陽區</span>' in html
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


# Choosing among thousands of cities ---------------------------------------------------------------------

# Pages at 3,000 cities, in bytes (each list held every city before: 615 kB for the empty comparison page).
PICKER_PAGE_BYTES = 40_000
PICKER_PAGE_WITH_A_PROVINCE_BYTES = 60_000
CITY_PAGE_FORM_BYTES = 15_000


@pytest.fixture
def thousands_of_cities(report_data):
    """The report's 14 cities among 3,000 generated ones in 34 provinces: the size the pickers are made for."""
    synthetic.generate(cities=3000, initiatives_per_city=1, metrics_per_initiative=1, seed=11)
    assert City.objects.count() == 3014


def far_city():
    """A generated city well beyond the pickers' short list."""
    return City.objects.select_related("province").get(slug="gen-city-02999")


def test_at_thousands_of_cities_the_lists_hold_the_reports_cities_and_the_provinces_are_offered(
    client, thousands_of_cities, django_assert_max_num_queries
):
    with django_assert_max_num_queries(QUERY_BOUND + PROVINCE_LIST_QUERY):
        response = client.get(COMPARE)
    assert response.status_code == 200
    assert len(response.content) < PICKER_PAGE_BYTES
    html = response.content.decode()
    report_cities = set(City.objects.exclude(slug__startswith="gen-").values_list("slug", flat=True))
    for number in range(1, comparing.MAX_CITIES + 1):
        values, selected = options_of(html, f"compare-city-{number}")
        assert report_cities <= set(values)
        assert len(values) == 1 + PICKER_SHORT_LIST_SIZE and selected == []
    # Every other city is reachable through its province.
    values, selected = options_of(html, "compare-province")
    assert values == list(Province.objects.values_list("slug", flat=True)) and len(values) == 34
    assert f'action="{COMPARE}#compare-picker"' in html
    # The ready-made comparisons stay the report's neighbours.
    assert f'href="{COMPARE}?cities=chaoyang,haidian"' in html


def test_a_province_adds_its_cities_to_every_list_and_keeps_the_chosen_ones(
    client, thousands_of_cities, django_assert_max_num_queries
):
    far = far_city()
    with django_assert_max_num_queries(QUERY_BOUND + PROVINCE_LIST_QUERY):
        response = compare(client, f"cities=chaoyang&province={far.province.slug}")
    assert response.status_code == 200
    assert len(response.content) < PICKER_PAGE_WITH_A_PROVINCE_BYTES
    html = response.content.decode()
    province_cities = list(far.province.cities.order_by("order", "slug").values_list("slug", flat=True))
    assert len(province_cities) > 80
    for number in range(1, comparing.MAX_CITIES + 1):
        values, selected = options_of(html, f"compare-city-{number}")
        assert set(province_cities) <= set(values) and "haidian" in values
        assert selected == (["chaoyang"] if number == 1 else [])
    assert options_of(html, "compare-province")[1] == [far.province.slug]
    assert translated("The lists include every city of %(province)s.", {"province": far.province.name_zh}) in html
    # The province's form carries the chosen cities, so listing a province forgets nothing.
    assert '<input type="hidden" name="cities" value="chaoyang">' in html

    # Choosing one of them in the second list, as the form sends it, compares the two.
    response = compare(client, f"cities=chaoyang&cities={far.slug}&cities=&cities=")
    assert response["Location"] == f"{COMPARE}?cities=chaoyang,{far.slug}"
    with django_assert_max_num_queries(QUERY_BOUND + PROVINCE_LIST_QUERY):
        response = client.get(response["Location"])
    assert response.status_code == 200
    assert response.context["comparison"].cities == [City.objects.get(slug="chaoyang"), far]
    # The chosen city stays chosen in its list, though it is not one of the short list.
    html = response.content.decode()
    assert options_of(html, "compare-city-2")[1] == [far.slug]
    assert len(options_of(html, "compare-city-2")[0]) == 1 + PICKER_SHORT_LIST_SIZE + 1


@pytest.mark.parametrize(
    "query, message",
    [
        (
            "cities=chaoyang,gen-city-99999",
            ("There is no city with the identifier “%(slug)s” in the report.", {"slug": "gen-city-99999"}),
        ),
        # A city far beyond the lists is found, so the only mistake is the repetition.
        (
            "cities=chaoyang,gen-city-02999,chaoyang",
            ("%(city)s is chosen more than once; each city can appear only once.", {"city": "朝陽區"}),
        ),
        (
            "cities=chaoyang,haidian&province=atlantis",
            ("There is no province with the identifier “%(slug)s”.", {"slug": "atlantis"}),
        ),
        (
            "province=<script>alert(1)</script>",
            ("There is no province with the identifier “%(slug)s”.", {"slug": "<script>alert(1)</script>"}),
        ),
    ],
)
def test_bad_choices_among_thousands_of_cities_are_still_explained(client, thousands_of_cities, query, message):
    response = compare(client, query)
    assert response.status_code == 400
    problems = response.context["selection"].problems + [response.context["picker"].problem]
    assert [problem for problem in problems if problem] == [translated(*message)]
    assert translated(*message) in page_text(response)
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_the_city_page_offers_its_province_and_the_reports_cities_and_a_way_to_any_other(
    client, thousands_of_cities, django_assert_max_num_queries
):
    # The city page's query budget (tests/test_pages_queries.py), plus the page cache's content version.
    with django_assert_max_num_queries(9 + 1):  # as tests/test_pages_queries.py counts a city's page
        response = client.get(reverse("city_detail", args=["shenyang"]))
    html = response.content.decode()
    form = html[html.index('<form class="compare-form"') : html.index("</form>", html.index('class="compare-form"'))]
    assert len(form.encode()) < CITY_PAGE_FORM_BYTES
    values, selected = options_of(form, "compare-with")
    liaoning = set(
        City.objects.filter(province__slug="liaoning").exclude(slug="shenyang").values_list("slug", flat=True)
    )
    short_list = set(City.objects.order_by("order", "slug").values_list("slug", flat=True)[:PICKER_SHORT_LIST_SIZE])
    assert set(values) == (liaoning | short_list) - {"shenyang"}
    assert set(values[: len(liaoning)]) == liaoning, "its own province comes first"
    assert len(liaoning) > 80 and selected == []
    # Any other city: the comparison page, with this city already chosen.
    assert f'href="{COMPARE}?cities=shenyang"' in form
    response = compare(client, "cities=shenyang")
    assert options_of(response.content.decode(), "compare-city-1")[1] == ["shenyang"]
    assert 'id="compare-province"' in response.content.decode()
    # A generated city's page lists its own province's cities the same way.
    far = far_city()
    html = client.get(far.get_absolute_url()).content.decode()
    values, _ = options_of(html, "compare-with")
    assert set(far.province.cities.exclude(pk=far.pk).values_list("slug", flat=True)) <= set(values)
    assert "chaoyang" in values


# The CSV download ---------------------------------------------------------------------------------------


def read_csv(response):
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff"), "a byte-order mark, so spreadsheet programs read the Chinese"
    return list(csv.reader(io.StringIO(body[1:])))


def test_csv_has_a_header_row_and_the_same_rows_as_the_page(client, report_data):
    response = client.get(reverse("compare_csv") + "?cities=chaoyang,haidian")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="compare-chaoyang-haidian.csv"' in response["Content-Disposition"]
    rows = read_csv(response)
    _ = translation.gettext  # the CSV is in the reader's language, like the page
    assert rows[0] == [_("Section"), _("Row"), "朝陽區", "海淀區", _("Note")]
    assert all(len(row) == 5 for row in rows)
    facts = {row[1]: row[2:4] for row in rows if row[0] == _("At a glance")}
    assert facts[translation.gettext("Province")] == ["北京市", "北京市"]
    chaoyang_figures = " ".join(row[2] for row in rows)
    assert "7.58萬家 (截至2026年1月)" in chaoyang_figures
    measures = {row[1]: row for row in rows if row[0] == _("By measure")}
    records = measures["信用數據"]
    assert records[2].startswith("超3.6萬條 (2024年全年) [")
    assert "約1.2億條" in records[3] and _("(largest)") not in records[3]  # opened vs shared in a year: not ranked
    assert records[4].startswith(translated("Not ranked: %(reason)s"))


def test_csv_through_the_format_parameter(client, report_data):
    response = compare(client, "cities=chaoyang,haidian&format=csv")
    assert response.status_code == 200
    assert read_csv(response)[0][2:4] == ["朝陽區", "海淀區"]
    # The city page's form plus ?format=csv still ends at the CSV.
    response = compare(client, "cities=chaoyang&cities=haidian&format=csv")
    assert response["Location"] == f"{COMPARE}?cities=chaoyang,haidian&format=csv"


def test_csv_of_a_bad_selection_is_a_plain_400(client, report_data):
    response = client.get(reverse("compare_csv") + "?cities=chaoyang")
    assert response.status_code == 400
    assert translated("Choose at least one more city to compare with %(city)s.") in response.content.decode()
    assert client.get(reverse("compare_csv")).status_code == 400


def test_csv_follows_the_readers_language(client, report_data):
    with translation.override("en"):
        response = client.get(reverse("compare_csv") + "?cities=chaoyang,haidian", HTTP_ACCEPT_LANGUAGE="en")
    rows = read_csv(response)
    assert rows[0][2:4] == ["Chaoyang District 朝陽區", "Haidian District 海淀區"]

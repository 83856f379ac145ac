"""Choosing cities to compare among thousands: short lists, the provinces to browse, and the city page's form."""

import pytest
from django.urls import reverse

from cities.models import PICKER_SHORT_LIST_SIZE, City, Province
from compare import comparison as comparing
from initiatives import synthetic
from tests.compare_support import COMPARE, PROVINCE_LIST_QUERY, QUERY_BOUND, compare, options_of, translated
from tests.page_support import page_text

pytestmark = pytest.mark.django_db

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

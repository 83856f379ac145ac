"""The initiatives list's facets: each count is what choosing it gives, values of one facet unite, facets combine."""

import re
from html import unescape
from urllib.parse import parse_qs

import pytest

from initiatives.facets import InitiativeFilter
from initiatives.models import Initiative
from tests.initiative_list_support import all_listed_ids, facet_values, get_list

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "state",
    [
        {},
        {"province": "beijing"},
        {"city": "haidian", "has_figures": "yes"},
        {"category": "finance", "year": "2025"},
        {"q": "信用"},
    ],
)
def test_each_facet_count_is_what_choosing_it_gives(report_data, state):
    facets = InitiativeFilter(state, queryset=Initiative.objects.all()).facets()
    checked = 0
    for facet in facets:
        for option in facet.options:
            chosen = InitiativeFilter({**state, facet.name: option.value}, queryset=Initiative.objects.all())
            assert option.count == chosen.qs.count(), (facet.name, option.value)
            checked += 1
    assert checked > 40


def test_facets_show_their_counts_and_the_selected_choice(client, report_data):
    _, html = get_list(client, city="chaoyang")
    cities = facet_values(html, "city")
    assert cities["chaoyang"] == (8, True, "項符合的舉措")
    assert cities["haidian"] == (6, False, "項符合的舉措")
    provinces = facet_values(html, "province")
    assert provinces["beijing"] == (8, False, "項符合的舉措")
    assert provinces["tianjin"][0] == 0
    # The count says what it counts, in sight as well as to a screen reader.
    assert 'class="facet__unit" aria-hidden="true">符合的舉措數</p>' in html
    english = client.get("/en/initiatives/", {"city": "chaoyang"}).content.decode()
    assert facet_values(english, "city")["haidian"] == (6, False, "matching initiatives")
    assert facet_values(english, "has_figures")["yes"][2] == "matching initiatives"


def test_two_values_of_one_facet_give_the_union_and_facets_combine(client, report_data):
    union = set(all_listed_ids(client, category=["credit-repair", "finance"]))
    wanted = Initiative.objects.filter(category__slug__in=["credit-repair", "finance"])
    assert union == set(wanted.values_list("pk", flat=True))
    assert union > set(all_listed_ids(client, category="finance"))
    # The comma form means the same.
    assert set(all_listed_ids(client, category="credit-repair,finance")) == union
    # Another facet narrows the union down.
    both = set(all_listed_ids(client, category=["credit-repair", "finance"], province="beijing"))
    assert both == set(wanted.filter(city__province__slug="beijing").values_list("pk", flat=True))
    assert both and both < union
    _, html = get_list(client, category=["credit-repair", "finance"], province="beijing")
    categories = facet_values(html, "category")
    assert categories["finance"][1] and categories["credit-repair"][1]
    # Each value's count is what it gives with the other facets applied: Beijing's, not the union's.
    beijing = Initiative.objects.filter(city__province__slug="beijing")
    assert categories["finance"][0] == beijing.filter(category__slug="finance").count()
    assert facet_values(html, "province")["beijing"][0] == len(both)


def test_the_city_facet_lists_the_cities_with_most_results_and_a_link_to_all(client, generated_data):
    from initiatives.facets import FACET_SIZE

    _, html = get_list(client)
    cities = facet_values(html, "city")
    assert len(cities) == FACET_SIZE
    counts = [count for count, _checked, _unit in cities.values()]
    assert counts == sorted(counts, reverse=True)
    more = unescape(re.search(r'<p class="facet__more"><a href="\?([^"#]+)#facet-city">', html).group(1))
    assert parse_qs(more) == {"more": ["city"]}
    _, everything = get_list(client, more="city")
    assert len(facet_values(everything, "city")) == Initiative.objects.values("city").distinct().count()
    # A chosen city is listed, checked, even where it is not among the first.
    left_out = Initiative.objects.exclude(city__slug__in=cities).values_list("city__slug", flat=True).first()
    _, chosen = get_list(client, city=left_out)
    assert facet_values(chosen, "city")[left_out][1]


def test_every_facets_counts_and_the_number_of_results_are_one_statement(report_data, django_assert_num_queries):
    state = {"province": "beijing", "q": "信用", "year": "2025"}
    initiative_filter = InitiativeFilter(state, queryset=Initiative.objects.all())
    initiative_filter.form.is_valid()
    for name in ("province", "category", "kind", "year"):  # the choices, which the page reads once for its facets
        initiative_filter.choices[name]  # noqa: B018
    # The statement over the facet rows, and the cities' provinces (the province facet sums the cities' counts).
    with django_assert_num_queries(2):
        initiative_filter.facet_counts(InitiativeFilter.FACETS[0])
    with django_assert_num_queries(0):
        for name in InitiativeFilter.FACETS:
            initiative_filter.facet_counts(name)
        total = initiative_filter.result_count()
    assert total == initiative_filter.qs.count() > 0


def test_measures_of_one_name_are_told_apart_in_their_facet(client, report_data):
    _, html = get_list(client)
    kinds = html.split('id="facet-kind"', 1)[1].split("</fieldset>", 1)[0]
    labels = [unescape(label) for label in re.findall(r'value="[^"]+"[^>]*> ([^<]+) <span class="facet-count">', kinds)]
    assert len(labels) == len(set(labels)) > 5
    assert len([label for label in labels if label.startswith("信用貸款放款金額 (")]) == 2

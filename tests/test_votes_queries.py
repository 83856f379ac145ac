"""What voting costs in queries: the vote page's fixed number, and one query for every vote button of a page."""

from django.db import connection
from django.template import RequestContext, Template
from django.test import RequestFactory

from cities.models import City
from tests.vote_support import VOTE_URL, add_votes, cast
from votes import voting as votes


def test_the_vote_page_makes_a_fixed_number_of_queries(client, chaoyang, django_assert_max_num_queries):
    cast(client, "chaoyang")
    with django_assert_max_num_queries(5):
        response = client.get(VOTE_URL)
    assert response.status_code == 200


def test_the_vote_page_makes_as_many_queries_with_ten_times_the_cities(
    client, generated_data, django_assert_max_num_queries
):
    cast(client, "chaoyang")
    for number, city in enumerate(City.objects.filter(slug__startswith="gen-")[:50]):
        add_votes(city, number % 4, f"g{number:03d}")
    assert City.objects.count() >= 154
    with django_assert_max_num_queries(5):
        response = client.get(VOTE_URL)
    assert response.content.decode().count('<form class="vote-button') == City.objects.count()


def queries_of(request):
    """The number of SQL queries a request makes (counted as they run, whatever the query log holds)."""
    statements = []

    def count(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = request()
    assert response.status_code == 200
    return len(statements)


def test_the_vote_button_adds_one_query_to_the_city_page(client, chaoyang, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the page cache's own version read is not the button's cost
    client.get(chaoyang.get_absolute_url())  # warm the page's cached fragments, the same for both visits
    without_token = queries_of(lambda: client.get(chaoyang.get_absolute_url()))
    cast(client, "haidian")  # now the reader has a voter token, so the page asks which cities it supports

    assert queries_of(lambda: client.get(chaoyang.get_absolute_url())) == without_token + 1


def test_vote_buttons_on_any_page_cost_one_query_together(client, generated_data, django_assert_num_queries):
    cast(client, "chaoyang")
    request = RequestFactory().get("/cities/")
    request.COOKIES[votes.COOKIE_NAME] = client.cookies[votes.COOKIE_NAME].value
    cities = list(City.objects.all())
    template = Template(
        '{% for city in cities %}{% include "cities/includes/vote_button.html" with city=city %}{% endfor %}'
    )

    with django_assert_num_queries(1):
        html = template.render(RequestContext(request, {"cities": cities}))

    assert html.count('class="vote-button vote-button--voted"') == 1
    assert html.count('class="vote-button"') == len(cities) - 1
    assert 'name="next" value="/cities/#vote-chaoyang"' in html

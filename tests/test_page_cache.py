"""Readers' pages come from the cache, and never after the data they show has changed."""

from decimal import Decimal

import pytest
from django.test import RequestFactory
from django.utils import translation

from cities.models import City, InnovationModel
from credit_portal import page_cache
from initiatives.models import Metric

COMPARE = "/compare/?cities=chaoyang,haidian"

pytestmark = pytest.mark.django_db


@pytest.fixture
def chaoyang_figure(report_data):
    return Metric.objects.get(as_written="7.58萬家")


def test_a_second_visit_is_served_from_the_cache_with_one_query(client, report_data, django_assert_num_queries):
    first = client.get(COMPARE)
    assert first.status_code == 200
    with django_assert_num_queries(1):  # the content version, nothing else
        second = client.get(COMPARE)
    assert second.status_code == 200
    assert second.content == first.content


def test_a_changed_figure_is_never_served_stale(client, chaoyang_figure):
    metric = chaoyang_figure
    assert "7.58萬家" in client.get(COMPARE).content.decode()
    metric.as_written = "7.59萬家"
    metric.value = Decimal("75900")
    metric.save()
    page = client.get(COMPARE).content.decode()
    assert "7.59萬家" in page and "7.58萬家" not in page


def test_a_deleted_figure_disappears_at_once(client, chaoyang_figure):
    assert "7.58萬家" in client.get(COMPARE).content.decode()
    chaoyang_figure.delete()
    assert "7.58萬家" not in client.get(COMPARE).content.decode()


def test_a_changed_relation_is_never_served_stale(client, report_data):
    model = InnovationModel.objects.get(slug="data-opening")
    chaoyang = City.objects.get(slug="chaoyang")
    before = client.get("/innovation-models/data-opening/").content.decode()
    assert chaoyang.name_zh not in before.split("<main", 1)[1].split("</main>", 1)[0]
    model.cities.add(chaoyang)
    after = client.get("/innovation-models/data-opening/").content.decode()
    assert chaoyang.name_zh in after.split("<main", 1)[1].split("</main>", 1)[0]


def test_generated_data_moves_the_version_on(report_data):
    from initiatives import synthetic

    before = page_cache.current_version()
    synthetic.generate(cities=1, initiatives_per_city=1, metrics_per_initiative=1)
    assert page_cache.current_version() > before


def test_an_editor_session_is_never_served_from_the_cache(client, report_data, django_assert_max_num_queries):
    client.get(COMPARE)
    client.cookies["sessionid"] = "an-editor"
    with django_assert_max_num_queries(10) as queries:
        client.get(COMPARE)
    assert len(queries) > 1  # rendered afresh, not served from the cache


def test_pages_with_a_readers_form_are_not_stored(client, report_data, django_assert_max_num_queries):
    # The city page carries a CSRF-protected vote form, which belongs to one reader.
    client.get("/cities/chaoyang/")
    with django_assert_max_num_queries(10) as queries:
        client.get("/cities/chaoyang/")
    assert len(queries) > 1


def test_each_language_has_its_own_cache_entry():
    request = RequestFactory().get("/metrics/")
    keys = set()
    for language in ("zh-hant", "zh-hans", "en"):
        with translation.override(language):
            keys.add(page_cache.page_key(request, 7))
    assert len(keys) == 3


def test_a_reader_who_has_the_page_gets_304(client, report_data):
    first = client.get(COMPARE)
    assert first.has_header("ETag")
    assert client.get(COMPARE, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_errors_are_not_cached(client, report_data, django_assert_max_num_queries):
    assert client.get("/cities/nowhere/").status_code == 404
    with django_assert_max_num_queries(10) as queries:
        assert client.get("/cities/nowhere/").status_code == 404
    assert len(queries) > 1

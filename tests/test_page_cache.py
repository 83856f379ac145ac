"""Readers' pages come from the cache, and never after the data they show has changed."""

import hashlib
import re
from decimal import Decimal

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from cities.models import City, InnovationModel, Province
from core import page_cache
from initiatives.models import Initiative, Metric
from votes.models import Vote

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


CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def test_the_city_page_is_cached_with_each_readers_own_csrf_token(report_data, django_assert_num_queries):
    first_reader, second_reader = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_reader.get("/cities/chaoyang/")
    with django_assert_num_queries(1):  # the content version: the vote form's page comes from the cache
        page = second_reader.get("/cities/chaoyang/")
    html = page.content.decode()
    assert page_cache.CSRF_PLACEHOLDER not in html
    token = CSRF_TOKEN.search(html).group(1)
    assert "csrftoken" in page.cookies  # the reader's own cookie, set on the cached page's way out
    assert token != CSRF_TOKEN.search(first_reader.get("/cities/chaoyang/").content.decode()).group(1)

    vote = second_reader.post(reverse("vote_cast", args=["chaoyang"]), {"csrfmiddlewaretoken": token})
    assert vote.status_code == 302
    assert Vote.objects.filter(city__slug="chaoyang").count() == 1


def test_a_reader_who_voted_never_gets_the_cached_page(report_data):
    reader = Client(enforce_csrf_checks=True)
    token = CSRF_TOKEN.search(reader.get("/cities/chaoyang/").content.decode()).group(1)
    reader.post(reverse("vote_cast", args=["chaoyang"]), {"csrfmiddlewaretoken": token})
    del reader.cookies["messages"]  # read on the page after the vote; what remains is the voter's own cookie
    assert "You voted" in reader.get("/en/cities/chaoyang/").content.decode()
    assert "You voted" in reader.get("/en/cities/chaoyang/").content.decode()
    assert "You voted" not in Client().get("/en/cities/chaoyang/").content.decode()


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


def test_a_cached_page_keeps_the_etag_of_its_body_and_a_head_request_gets_none(client, report_data):
    first = client.get(COMPARE)
    cached = client.get(COMPARE)
    assert cached["ETag"] == first["ETag"] == '"' + hashlib.md5(cached.content).hexdigest() + '"'
    assert client.get(COMPARE, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert not client.head(COMPARE).has_header("ETag")  # as for a page rendered afresh


def test_a_page_with_the_vote_form_has_each_readers_own_etag(report_data):
    first_reader, second_reader = Client(), Client()
    first, second = first_reader.get("/cities/chaoyang/"), second_reader.get("/cities/chaoyang/")
    assert first["ETag"] != second["ETag"]
    assert second["ETag"] == '"' + hashlib.md5(second.content).hexdigest() + '"'


def test_errors_are_not_cached(client, report_data, django_assert_max_num_queries):
    assert client.get("/cities/nowhere/").status_code == 404
    with django_assert_max_num_queries(10) as queries:
        assert client.get("/cities/nowhere/").status_code == 404
    assert len(queries) > 1


def test_a_bulk_update_is_never_served_stale(client, chaoyang_figure):
    # update() sends no save signal (admin bulk actions and imports use it); the content models' QuerySet bumps.
    assert "7.58萬家" in client.get(COMPARE).content.decode()
    Metric.objects.filter(pk=chaoyang_figure.pk).update(as_written="7.59萬家", value=Decimal("75900"))
    assert "7.59萬家" in client.get(COMPARE).content.decode()
    chaoyang_figure.refresh_from_db()
    chaoyang_figure.as_written = "7.60萬家"
    Metric.objects.bulk_update([chaoyang_figure], ["as_written"])
    assert "7.60萬家" in client.get(COMPARE).content.decode()


def test_the_api_is_cached_and_never_stale(client, chaoyang_figure, django_assert_num_queries):
    url = "/api/metrics/?city=chaoyang"
    first = client.get(url)
    with django_assert_num_queries(1):
        assert client.get(url).content == first.content
    Metric.objects.filter(pk=chaoyang_figure.pk).update(value=Decimal("75900"))
    assert '"value":"75900"' in client.get(url).content.decode()


PUBLISHED_MODELS = [
    "cities.Source",
    "cities.Province",
    "cities.City",
    "cities.InnovationModel",
    "cities.Lesson",
    "initiatives.InitiativeCategory",
    "initiatives.MetricKind",
    "initiatives.Initiative",
    "initiatives.Metric",
]


def test_every_published_model_writes_through_the_versioned_queryset():
    # The page cache watches the models whose manager writes through ContentQuerySet: every published one.
    watched = {model._meta.label for model in page_cache.content_models()}
    assert set(PUBLISHED_MODELS) <= watched
    assert "votes.Vote" not in watched and "core.ContentVersion" not in watched


def test_removing_generated_data_keeps_the_reports_and_moves_the_version_on(client, report_data):
    from initiatives import synthetic

    report_rows = {model: model.objects.count() for model in (City, Initiative, Metric, InnovationModel)}
    synthetic.generate(cities=3, initiatives_per_city=4, metrics_per_initiative=2)
    generated_city = City.objects.filter(slug__startswith=synthetic.GENERATED_PREFIX).first()
    Vote.objects.create(city=generated_city, voter_hash="x" * 64)
    InnovationModel.objects.get(slug="data-opening").cities.add(generated_city)
    listed = client.get("/api/cities/?page_size=500").json()["count"]
    assert listed == report_rows[City] + 3

    generated_provinces = Province.objects.filter(slug__startswith=synthetic.GENERATED_PREFIX).count()
    # Figures, initiatives, their topic links, cities, the vote, the model link, provinces.
    assert synthetic.remove() == 3 * 4 * 2 + 3 * 4 + 3 * 4 + 3 + 1 + 1 + generated_provinces
    assert not Province.objects.filter(slug__startswith=synthetic.GENERATED_PREFIX).exists()
    assert {model: model.objects.count() for model in report_rows} == report_rows
    assert not Vote.objects.filter(city__slug__startswith=synthetic.GENERATED_PREFIX).exists()
    assert client.get("/api/cities/?page_size=500").json()["count"] == report_rows[City]  # not served stale


CSV = "/initiatives/?format=csv"


def streamed(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_a_streamed_download_is_served_from_the_cache_once_sent(client, report_data, django_assert_num_queries):
    first = client.get(CSV)
    assert first.status_code == 200 and first.streaming
    body = streamed(first)
    with django_assert_num_queries(1):  # the content version, nothing else
        second = client.get(CSV)
    assert streamed(second) == body
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Disposition"] == first["Content-Disposition"]


def test_a_cached_download_is_never_served_stale(client, chaoyang_figure):
    initiative = chaoyang_figure.initiative
    streamed(client.get(CSV))
    initiative.title_zh = "虛構的新標題"
    initiative.save()
    assert "虛構的新標題" in streamed(client.get(CSV)).decode()


def test_a_download_left_half_read_or_too_large_is_not_stored(client, report_data, monkeypatch):
    first = client.get(CSV)
    next(iter(first.streaming_content))  # the reader went away after the first chunk
    assert client.get(CSV).streaming
    monkeypatch.setattr(page_cache, "MAX_STORED_DOWNLOAD_BYTES", 100)
    streamed(client.get(CSV))
    assert client.get(CSV).streaming

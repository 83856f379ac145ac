"""Counts and summaries computed once per content version: read again only after the data changes."""

import re

import pytest

from initiatives.models import Initiative, Metric

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0  # every request renders: only the per-version values are kept


def initiatives_on_home(client):
    page = client.get("/").content.decode()
    return int(re.search(r"<strong>(\d+)</strong> (?:initiatives|項舉措|個舉措|项举措)", page).group(1))


def test_the_home_page_counts_once_per_content_version(client, report_data, no_page_cache, django_assert_num_queries):
    client.get("/")
    with django_assert_num_queries(5):  # the first visit's seven less the totals and the categories' counts
        assert client.get("/").status_code == 200


def test_a_new_initiative_is_counted_on_the_home_page_at_once(client, report_data, no_page_cache):
    before = initiatives_on_home(client)
    assert before == Initiative.objects.count()
    copy = Initiative.objects.order_by("pk").first()
    copy.pk, copy.slug, copy.title_zh = None, "fictional-copy", "虛構的舉措"
    copy.save()
    assert initiatives_on_home(client) == before + 1


def test_a_changed_figure_is_shown_on_the_measures_overview_at_once(client, report_data, no_page_cache):
    metric = Metric.objects.order_by("-value").first()  # the largest of its measure: on the overview
    assert metric.as_written in client.get("/metrics/").content.decode()
    metric.as_written = "虛構的9.99億元"
    metric.save()
    assert "虛構的9.99億元" in client.get("/metrics/").content.decode()


def test_the_measures_overview_draws_each_section_once_per_language_and_version(client, report_data, no_page_cache):
    chinese, english = client.get("/metrics/").content.decode(), client.get("/en/metrics/").content.decode()
    assert client.get("/metrics/").content.decode() == chinese
    assert client.get("/en/metrics/").content.decode() == english
    assert "Figures of this measure, largest first" in english and "Figures of this measure" not in chinese


def test_coverage_totals_are_kept_per_content_version(client, report_data, no_page_cache, django_assert_num_queries):
    first = client.get("/coverage/").content.decode()
    with django_assert_num_queries(7):  # the first visit's eight less the categories' totals
        assert client.get("/coverage/").content.decode() == first
    copy = Initiative.objects.order_by("pk").first()
    copy.pk, copy.slug, copy.title_zh = None, "fictional-copy", "虛構的舉措"
    copy.save()
    assert client.get("/coverage/").content.decode() != first  # the copy counts under its category at once


def facet_count(client, facet, value):
    page = client.get("/initiatives/").content.decode()
    pattern = rf'name="{facet}" value="{value}"[^>]*> [^<]+ <span class="facet-count">(\d+)<'
    return int(re.search(pattern, page).group(1))


def test_the_unfiltered_initiatives_facets_count_once_per_content_version(
    client, report_data, no_page_cache, django_assert_num_queries
):
    with django_assert_num_queries(10):
        assert client.get("/initiatives/").status_code == 200
    # The first visit's ten less the facet statement and the cities' provinces it sums by.
    with django_assert_num_queries(8):
        assert client.get("/initiatives/").status_code == 200
    copy = Initiative.objects.order_by("pk").first()
    before = facet_count(client, "category", copy.category.slug)
    copy.pk, copy.slug, copy.title_zh = None, "fictional-copy", "虛構的舉措"
    copy.save()
    assert facet_count(client, "category", copy.category.slug) == before + 1  # counted at once

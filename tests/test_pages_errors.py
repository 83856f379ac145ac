"""The 404 and 500 pages are in the site's layout; the 500 page needs neither a request nor the database."""

import pytest
from django.template import loader
from django.test import RequestFactory
from django.urls import reverse
from django.views import defaults

from cities.models.findings import LessonQuerySet


@pytest.mark.django_db
def test_404_page_is_in_the_layout(client, report_data):
    response = client.get("/no/such/page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="zh-Hant">' in html
    assert 'class="site-header"' in html and 'class="site-footer"' in html
    assert f'href="{reverse("city_list")}"' in html
    assert html.count("<h1>") == 1
    assert 'name="q"' in html


@pytest.mark.django_db
def test_404_page_in_english(client, report_data):
    html = client.get("/en" + reverse("city_detail", args=["nowhere"])).content.decode()
    assert '<html lang="en">' in html
    assert "Page not found" in html


def test_500_page_renders_without_a_request_or_the_database():
    # No `db` fixture: any query here would fail the test.
    html = loader.get_template("500.html").render()
    assert 'class="site-header"' in html
    assert "<h1>" in html
    assert 'rel="canonical"' not in html


def test_500_view_uses_the_page_without_the_database():
    response = defaults.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert 'class="site-header"' in response.content.decode()


@pytest.mark.django_db
def test_a_failing_page_answers_with_the_500_page(client, report_data, monkeypatch):
    def broken(queryset):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(LessonQuerySet, "with_cities", broken)
    client.raise_request_exception = False
    response = client.get(reverse("lesson_list"))
    assert response.status_code == 500
    assert 'class="site-header"' in response.content.decode()

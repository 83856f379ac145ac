"""The "cite this" block the city, initiative and comparison pages include."""

import datetime

import pytest
from django.template import engines
from django.test import RequestFactory
from django.utils import timezone, translation

from cities.models import Source
from core.localization import to_simplified

pytestmark = pytest.mark.usefixtures("report_data")

TEMPLATE = "{% load citation %}{% cite title url %}"


def render(language, title="朝陽區", url="/cities/chaoyang/", template=TEMPLATE, **context):
    request = RequestFactory().get(url)
    with translation.override(language):
        return engines["django"].from_string(template).render({"title": title, "url": url, **context}, request)


def test_it_shows_title_permanent_url_date_accessed_and_the_source_report():
    html = render("zh-hant")
    report = Source.objects.get()
    today = timezone.localdate()
    assert "朝陽區" in html
    assert 'href="http://testserver/cities/chaoyang/"' in html
    assert f'<time datetime="{today.isoformat()}">{today.year}年{today.month}月{today.day}日</time>' in html
    assert f"《{report.title_zh}》" in html
    assert report.publisher in html
    assert '<h2 id="cite-heading">' in html


def test_it_follows_the_reader_language():
    report = Source.objects.get()
    simplified = render("zh-hans")
    assert f"《{to_simplified(report.title_zh)}》" in simplified
    english = render("en")
    assert report.title_en in english
    assert timezone.localdate().strftime("%Y") in english


def test_an_absolute_url_is_kept_and_a_given_report_saves_the_query(django_assert_num_queries):
    report = Source.objects.get()
    with django_assert_num_queries(0):
        html = render(
            "en",
            url="https://portal.example/compare/?cities=chaoyang,haidian",
            template="{% load citation %}{% cite title url report=report %}",
            report=report,
        )
    assert 'href="https://portal.example/compare/?cities=chaoyang,haidian"' in html


def test_the_date_accessed_is_today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda: datetime.date(2026, 1, 15))
    assert '<time datetime="2026-01-15">' in render("en")


def test_the_include_alone_still_shows_the_date_accessed():
    html = render(
        "en",
        template='{% include "includes/cite.html" with title=title permanent_url=url %}',
    )
    assert f'<time datetime="{timezone.localdate().isoformat()}">' in html
    assert 'href="/cities/chaoyang/"' in html

"""One initiative's page: its figures, city, theme and place in the report, in each language."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from initiatives.models import Initiative

pytestmark = pytest.mark.django_db


def test_initiative_page_shows_its_figures_city_and_source(client, report_data):
    initiative = Initiative.objects.get(city__slug="chaoyang", slug="wushi-burao")
    response = client.get(initiative.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{escape(initiative.title_zh)}" in html
    assert "7.58萬家" in html and "截至2026年1月" in html
    assert f'href="{initiative.city.get_absolute_url()}"' in html
    assert f'href="{initiative.category.get_absolute_url()}"' in html
    assert "北京市創新示范研究 › 朝陽區" in html
    assert escape(initiative.heading) in html
    for other in initiative.city.initiatives.exclude(pk=initiative.pk):
        assert f'href="{other.get_absolute_url()}"' in html


def test_initiative_page_in_english(client, report_data):
    initiative = Initiative.objects.get(city__slug="haidian", slug="platform-data-opening")
    html = client.get("/en" + initiative.get_absolute_url()).content.decode()
    assert escape(initiative.title_en) in html
    assert "7.042 billion" in html
    assert "14 March 2025" in html


def test_unknown_initiative_is_404(client, report_data):
    missing = (Initiative.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    assert client.get(reverse("initiative_detail", args=[missing])).status_code == 404
    assert client.get("/initiatives/abc/").status_code == 404
    assert client.get("/initiatives/99999999999999999999999/").status_code == 404

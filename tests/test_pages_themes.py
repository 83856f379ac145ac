"""The themes: every one listed with its count, and a theme's page with its initiatives and cities."""

import pytest
from django.urls import reverse

from initiatives.models import InitiativeCategory
from initiatives.views.initiatives import PAGE_SIZE
from tests.initiative_list_support import LIST

pytestmark = pytest.mark.django_db


def test_category_list_shows_every_theme_with_counts(client, report_data):
    html = client.get(reverse("category_list")).content.decode()
    for category in InitiativeCategory.objects.with_counts():
        assert f'href="{category.get_absolute_url()}"' in html
        assert category.name_zh in html
    finance = InitiativeCategory.objects.with_counts().get(slug="finance")
    assert f"{finance.initiative_count} " in html.split(finance.get_absolute_url(), 1)[1][:300]


def test_category_page_lists_its_initiatives_and_cities(client, report_data):
    category = InitiativeCategory.objects.get(slug="credit-repair")
    response = client.get(category.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["page"].paginator.count == category.initiatives.count()
    for initiative in category.initiatives.all()[:PAGE_SIZE]:
        assert f'href="{initiative.get_absolute_url()}"' in html
    assert f"{reverse(LIST)}?category=credit-repair&amp;city=taiyuan" in html
    assert "7.58萬家" not in html  # a figure of another theme


def test_unknown_category_is_404(client, report_data):
    assert client.get(reverse("category_detail", args=["no-such-theme"])).status_code == 404

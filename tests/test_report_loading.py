"""Loading the report's fixtures is idempotent and never overwrites an editor's data."""

import pytest
from django.apps import apps
from django.core.management import call_command

from cities.models import City


def row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_app_config("cities").get_models()} | {
        model._meta.label: model.objects.count() for model in apps.get_app_config("initiatives").get_models()
    }


@pytest.mark.django_db
def test_loading_twice_leaves_the_same_row_counts(report_data):
    before = row_counts()
    assert before["cities.City"] == 14
    call_command("load_report", force=True, verbosity=0)
    assert row_counts() == before


@pytest.mark.django_db
def test_load_without_force_keeps_an_editors_correction(report_data):
    city = City.objects.get(slug="chaoyang")
    city.summary_en = "Edited by an editor"
    city.save()
    call_command("load_report", verbosity=0)
    city.refresh_from_db()
    assert city.summary_en == "Edited by an editor"

"""export_fixtures writes the database back to fixtures/ so editors' corrections can be committed."""

import json
import shutil

import pytest
from django.conf import settings
from django.core import serializers
from django.core.management import call_command

from cities.management.commands.load_report import FIXTURE_FILES
from cities.models import City, InnovationModel, Lesson, Province, Source
from editing import fixtures
from initiatives.models import Initiative, InitiativeCategory, Metric, MetricKind

# Children first, so nothing is protected when emptying the database.
CONTENT_MODELS = [Metric, Initiative, Lesson, InnovationModel, City, Province, MetricKind, InitiativeCategory, Source]
FIXTURES = settings.BASE_DIR / "fixtures"


def database_as_data():
    """Every content row with natural keys, independent of the exporter under test (Django's serializer)."""
    data = {}
    for model in CONTENT_MODELS:
        rows = serializers.serialize(
            "python", model.objects.all(), use_natural_foreign_keys=True, use_natural_primary_keys=True
        )
        for row in rows:
            row["fields"].pop("reviewed_by", None)
            # Derived from the row's texts on save and by rebuild_search_index: not data the fixtures carry.
            row["fields"].pop("search_name", None)
            row["fields"].pop("search_text", None)
            if "cities" in row["fields"]:
                row["fields"]["cities"] = sorted(row["fields"]["cities"])
        data[model._meta.label] = rows
    return data


def exported(tmp_path):
    folder = tmp_path / "fixtures"
    shutil.copytree(FIXTURES, folder)  # as in the project: the command writes over the committed files
    call_command("export_fixtures", output=folder, verbosity=0)
    return folder


@pytest.mark.django_db
def test_exporting_the_loaded_report_reproduces_the_fixtures_byte_for_byte(report_data, tmp_path):
    folder = exported(tmp_path)
    for name in FIXTURE_FILES:
        assert (folder / name).read_bytes() == (FIXTURES / name).read_bytes(), name


@pytest.mark.django_db
def test_the_layout_covers_every_fixture_file_in_loading_order(report_data):
    assert [name for name, _ in fixtures.LAYOUT] == FIXTURE_FILES


@pytest.mark.django_db
def test_a_correction_changes_exactly_its_lines_in_the_fixtures(report_data, tmp_path):
    figure = Metric.objects.get(as_written="7.58萬家")
    figure.as_written, figure.value = "7.85萬家", 78500
    figure.save()
    folder = exported(tmp_path)
    before = (FIXTURES / "metrics.json").read_text(encoding="utf-8").splitlines()
    after = (folder / "metrics.json").read_text(encoding="utf-8").splitlines()
    changed = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
    assert changed == [
        ('      "value": "75800",', '      "value": "78500",'),
        ('      "as_written": "7.58萬家",', '      "as_written": "7.85萬家",'),
    ]
    for name in FIXTURE_FILES:
        if name != "metrics.json":
            assert (folder / name).read_bytes() == (FIXTURES / name).read_bytes(), name


@pytest.mark.django_db
def test_exported_fixtures_reload_into_an_empty_database_as_the_same_data(report_data, tmp_path):
    # Corrections of every kind an editor makes: a figure, a review status, a new initiative, a lesson's cities.
    figure = Metric.objects.get(as_written="7.58萬家")
    figure.as_written, figure.value, figure.review_status = "7.85萬家", 78500, "corrected"
    figure.save()
    chaoyang = City.objects.get(slug="chaoyang")
    template = chaoyang.initiatives.first()
    template.pk, template.slug, template.order = None, "added-by-an-editor", 99
    template.save()
    lesson = Lesson.objects.first()
    lesson.cities.add(chaoyang)
    before = database_as_data()
    folder = exported(tmp_path)

    for model in CONTENT_MODELS:
        model.objects.all().delete()
    assert not City.objects.exists()
    call_command("loaddata", *[str(folder / name) for name in FIXTURE_FILES], verbosity=0)

    assert database_as_data() == before
    records = json.loads((folder / "metrics.json").read_text(encoding="utf-8"))
    assert all("pk" not in record for record in records)
    assert records[0]["fields"]["initiative"] == ["chaoyang", "wushi-burao"]

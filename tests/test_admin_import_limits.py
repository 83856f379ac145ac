"""Imports that cannot work in the admin: too large for one request (refused up front, with the command that does
it), or with unknown or missing columns (a message, never a traceback). The figures' rows here are made up."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation

from editing.resources import MetricResource
from initiatives.models import Metric

IMPORT_URL = reverse("admin:initiatives_metric_import")


def figure_rows(count):
    """`count` new figures for one initiative, as the export writes them (made-up positions from 1000 on)."""
    dataset = MetricResource().export(Metric.objects.filter(initiative__slug="wushi-burao")[:1])
    first = dict(zip(dataset.headers, dataset[0], strict=True))
    return dataset.headers, [{**first, "position": str(1000 + n)} for n in range(count)]


def as_csv(headers, records):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=headers, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue().encode("utf-8")


def upload(client, content):
    with translation.override("en"):
        return client.post(IMPORT_URL, {"import_file": SimpleUploadedFile("f.csv", content), "format": "0"})


@pytest.mark.django_db
def test_a_10000_row_import_is_refused_up_front_naming_the_command(editor_client, settings):
    before = Metric.objects.count()
    response = upload(editor_client, as_csv(*figure_rows(10_000)))
    html = response.content.decode()
    assert response.status_code == 200
    assert "10,000 rows" in html and f"at most {settings.IMPORT_MAX_ROWS:,}" in html
    assert "python manage.py import_content initiatives.Metric FILE" in html
    assert "Traceback" not in html
    assert Metric.objects.count() == before


@pytest.mark.django_db
def test_the_command_imports_a_file_over_the_admins_limit(report_data, tmp_path, settings):
    settings.IMPORT_MAX_ROWS = 5  # a small limit: the rows' number matters here, not their count's size
    headers, records = figure_rows(12)
    path = tmp_path / "figures.csv"
    path.write_bytes(as_csv(headers, records))
    before = Metric.objects.count()
    out = io.StringIO()
    call_command("import_content", "initiatives.Metric", str(path), stdout=out)
    assert Metric.objects.count() == before + len(records)
    assert f"{len(records)} new" in out.getvalue()


@pytest.mark.django_db
def test_the_command_reports_a_bad_file_and_changes_nothing(report_data, tmp_path):
    headers, records = figure_rows(3)
    path = tmp_path / "figures.csv"
    path.write_bytes(as_csv([*headers, "colour"], [{**row, "colour": "red"} for row in records]))
    before = Metric.objects.count()
    with pytest.raises(CommandError, match="colour"):
        call_command("import_content", "initiatives.Metric", str(path))
    assert Metric.objects.count() == before


@pytest.mark.django_db
@pytest.mark.parametrize("change", ["unknown column", "missing column"])
def test_column_problems_show_a_message_and_no_traceback(editor_client, change):
    headers, records = figure_rows(2)
    if change == "unknown column":
        headers = [*headers, "colour"]
    else:
        headers = [header for header in headers if header != "city"]
    html = upload(editor_client, as_csv(headers, records)).content.decode()
    assert "Traceback" not in html and 'File "/' not in html and ".py" not in html
    assert "colour" in html if change == "unknown column" else "city" in html

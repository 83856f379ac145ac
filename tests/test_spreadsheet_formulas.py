"""Every CSV and XLSX the portal writes, admin's included, quotes text a spreadsheet would run as a formula
(= + - @ tab carriage-return at the start) with one leading apostrophe; numbers stay numbers. One rule, one writer
(initiatives/exports.py), one test per download. The hostile names below are made up for the test."""

import csv
import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from cities.models import City
from initiatives import exports
from initiatives.models import Initiative, Metric
from tests.admin_support import make_editor

HOSTILE = {
    "=": '=HYPERLINK("http://evil.example/","click")',
    "+": "+1+cmd|' /C calc'!A0",
    "-": "-2+3",
    "@": "@SUM(1+1)",
    "\t": "\t=1+1",
    "\r": "\r=1+1",
}


@pytest.fixture
def hostile_city(report_data):
    """Chaoyang under a made-up English name that a spreadsheet would run."""
    City.objects.filter(slug="chaoyang").update(name_en=HOSTILE["="])
    return City.objects.get(slug="chaoyang")


def csv_rows(body):
    text = body.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def cells(rows):
    return [cell for row in rows for cell in row]


def assert_no_formula(all_cells):
    assert "'" + HOSTILE["="] in all_cells
    assert HOSTILE["="] not in all_cells
    assert not [cell for cell in all_cells if cell.startswith(exports.FORMULA_STARTS)]


@pytest.mark.parametrize("start", list(HOSTILE))
def test_the_one_rule_quotes_each_formula_start_and_leaves_numbers(start):
    assert exports.csv_cell(HOSTILE[start]) == "'" + HOSTILE[start]
    assert exports.csv_cell("超1億元") == "超1億元"
    assert exports.csv_cell(Decimal("-5.5")) == "-5.5"  # a negative figure stays a number
    assert exports.csv_cell(-3) == "-3"


@pytest.mark.django_db
def test_the_initiatives_download(client, hostile_city):
    Initiative.objects.filter(city=hostile_city).update(title_en=HOSTILE["@"])
    rows = csv_rows(b"".join(client.get("/en/initiatives/?format=csv").streaming_content))
    assert "'" + HOSTILE["@"] in cells(rows)
    assert not [cell for cell in cells(rows) if cell.startswith(exports.FORMULA_STARTS)]


@pytest.mark.django_db
def test_the_figures_download(client, hostile_city):
    Metric.objects.filter(initiative__city=hostile_city).update(label_en=HOSTILE["-"])
    rows = csv_rows(b"".join(client.get("/en/initiatives/?rows=figures&format=csv").streaming_content))
    assert "'" + HOSTILE["-"] in cells(rows)
    assert "75800" in cells(rows)  # the value stays a number
    assert not [cell for cell in cells(rows) if cell.startswith(exports.FORMULA_STARTS)]


@pytest.mark.django_db
def test_the_comparison_download(client, hostile_city):
    response = client.get("/en" + reverse("compare_csv") + "?cities=chaoyang,haidian")
    assert response.status_code == 200
    header = csv_rows(response.content)[0]
    assert any(cell.startswith("'" + HOSTILE["="]) for cell in header), header
    assert not [cell for cell in cells(csv_rows(response.content)) if cell.startswith(exports.FORMULA_STARTS)]


@pytest.mark.django_db
def test_the_vote_tally_download(client, hostile_city):
    rows = csv_rows(client.get("/vote/tally.csv").content)
    assert_no_formula(cells(rows))
    assert [row[-1] for row in rows[1:]] == ["0"] * (len(rows) - 1)  # counts are numbers, unquoted


@pytest.mark.django_db
def test_the_dataset_zip(client, hostile_city):
    archive = zipfile.ZipFile(io.BytesIO(client.get("/about/data.zip").content))
    assert_no_formula(cells(csv_rows(archive.read("cities.csv"))))


def admin_export(client, model, file_format):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_export")
    form = client.get(url).context["form"]
    data = {name: "on" for name, field in form.fields.items() if field.initial is True}
    data.update({"format": file_format, "resource": "0"})
    response = client.post(url, data)
    assert response.status_code == 200
    return response.content


@pytest.mark.django_db
def test_the_admin_csv_export(client, hostile_city):
    client.force_login(make_editor())
    assert_no_formula(cells(csv_rows(admin_export(client, City, "0"))))
    figures = list(csv.DictReader(io.StringIO(admin_export(client, Metric, "0").decode("utf-8-sig"))))
    values = {row["value"] for row in figures if row["value"]}
    assert values and all(Decimal(value) >= 0 for value in values)  # numbers, written as numbers


@pytest.mark.django_db
def test_the_admin_xlsx_export(client, hostile_city):
    client.force_login(make_editor())
    sheet = openpyxl.load_workbook(io.BytesIO(admin_export(client, City, "1"))).active
    written = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not [cell for cell in written if cell.data_type == "f"]  # no live formula
    assert "'" + HOSTILE["="] in [cell.value for cell in written]

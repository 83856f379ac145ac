"""Bulk corrections by file: export a filtered list, import it back with a preview, all or nothing."""

import csv
import io
from decimal import Decimal

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from reversion.models import Revision

from cities.models import City
from editing.resources import CityResource, InitiativeResource, LessonResource, MetricResource
from initiatives.models import Initiative, Metric

# The admin's messages are checked as written in the code: an editor whose browser asks for English.
pytestmark = pytest.mark.usefixtures("english_admin")


@pytest.fixture(autouse=True)
def english_messages():
    """Imports run here in the test's thread: their messages too are checked in English."""
    with translation.override("en"):
        yield


CSV, XLSX = "0", "1"  # the format choices of the import and export forms


def admin_url(model, view):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}")


def export(client, model, file_format=CSV, **filters):
    """Export the admin list as the editor sees it after filtering, with every column."""
    url = admin_url(model, "export")
    query = "?" + "&".join(f"{key}={value}" for key, value in filters.items()) if filters else ""
    form = client.get(url + query).context["form"]
    data = {name: "on" for name, field in form.fields.items() if field.initial is True}
    data.update({"format": file_format, "resource": "0"})
    response = client.post(url + query, data)
    assert response.status_code == 200
    return response.content


def import_file(client, model, content, name="corrections.csv", file_format=CSV, confirm=True):
    """Upload a file, look at the preview, and confirm it when asked to. Returns (preview, confirmation)."""
    upload = SimpleUploadedFile(name, content)
    preview = client.post(admin_url(model, "import"), {"import_file": upload, "format": file_format, "resource": "0"})
    assert preview.status_code == 200
    confirm_form = preview.context.get("confirm_form")
    if not confirm or confirm_form is None:
        return preview, None
    data = {name: field.value() for name, field in ((n, confirm_form[n]) for n in confirm_form.fields)}
    return preview, client.post(admin_url(model, "process_import"), data)


def snapshot():
    """The report's content, by natural key, to compare before and after."""
    return {
        "metrics": {
            m.natural_key(): tuple(str(getattr(m, f.attname)) for f in Metric._meta.fields)
            for m in Metric.objects.all()
        },
        "initiatives": {
            i.natural_key(): tuple(str(getattr(i, f.attname)) for f in Initiative._meta.fields)
            for i in Initiative.objects.all()
        },
        "cities": {c.slug: tuple(str(getattr(c, f.attname)) for f in City._meta.fields) for c in City.objects.all()},
    }


def rows(content):
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def to_csv(records):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(records[0]))
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue().encode("utf-8")


@pytest.mark.django_db
def test_export_of_a_filtered_list_has_only_its_rows_keyed_by_slugs(editor_client):
    chaoyang = City.objects.get(slug="chaoyang")
    records = rows(export(editor_client, Metric, **{"initiative__city__id__exact": chaoyang.pk}))
    assert len(records) == Metric.objects.filter(initiative__city=chaoyang).count()
    assert {r["city"] for r in records} == {"chaoyang"}
    first = records[0]
    assert (first["initiative"], first["position"], first["as_written"]) == ("wushi-burao", "1", "7.58萬家")
    assert "id" not in first


@pytest.mark.django_db
def test_export_to_excel(editor_client):
    content = export(editor_client, Initiative, file_format=XLSX, q="wushi-burao")
    dataset = tablib.Dataset().load(content, format="xlsx")
    assert dataset.dict[0]["city"] == "chaoyang"
    assert dataset.dict[0]["title_zh"] == "“無事不擾”企業清單動態管理"


@pytest.mark.django_db
@pytest.mark.parametrize("model, file_format", [(Metric, CSV), (Initiative, CSV), (City, CSV), (Metric, XLSX)])
def test_export_then_import_of_the_unchanged_file_changes_nothing(editor_client, model, file_format):
    before, revisions = snapshot(), Revision.objects.count()
    name = "unchanged.xlsx" if file_format == XLSX else "unchanged.csv"
    preview, confirmation = import_file(
        editor_client, model, export(editor_client, model, file_format), name, file_format
    )
    result = preview.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["skip"] == model.objects.count()
    assert result.totals["update"] == result.totals["new"] == 0
    assert confirmation.status_code == 302
    assert snapshot() == before
    assert Revision.objects.count() == revisions


@pytest.mark.django_db
def test_an_imported_correction_is_previewed_then_applied_as_one_revision(editor_client):
    records = rows(export(editor_client, Metric, q="7.58萬家"))
    records[0].update({"as_written": "7.85萬家", "value": "78500", "review_status": "corrected"})
    preview, _ = import_file(editor_client, Metric, to_csv(records), confirm=False)
    assert preview.context["result"].totals["update"] == 1
    figure = Metric.objects.get(as_written="7.58萬家")  # the preview applied nothing
    preview, confirmation = import_file(editor_client, Metric, to_csv(records))
    assert confirmation.status_code == 302
    figure.refresh_from_db()
    assert (figure.as_written, figure.value) == ("7.85萬家", Decimal("78500"))
    assert figure.review_status == "corrected" and figure.reviewed_by.username == "editor"
    revision = Revision.objects.latest("pk")
    assert revision.comment == "Imported from corrections.csv"
    assert revision.user.username == "editor"
    assert [v.object_id for v in revision.version_set.all()] == [str(figure.pk)]


@pytest.mark.django_db
def test_a_malformed_file_is_rejected_naming_row_and_column_and_nothing_changes(editor_client):
    chaoyang = City.objects.get(slug="chaoyang")
    records = rows(export(editor_client, Metric, **{"initiative__city__id__exact": chaoyang.pk}))
    records[0].update({"as_written": "7.85萬家", "value": "78500"})  # a good correction…
    records[2]["value"] = "lots"  # …and a bad number in the third row
    before = snapshot()
    preview, confirmation = import_file(editor_client, Metric, to_csv(records))
    assert confirmation is None  # no confirm button: the file cannot be applied
    result = preview.context["result"]
    [(row_number, errors)] = [(row.number, row.error_dict) for row in result.invalid_rows]
    assert row_number == 3 and "value" in errors
    page = preview.content.decode()
    assert "<td>3 </td>" in page  # the row…
    assert '<span class="validation-error-field-label">value</span>' in page  # …the column…
    assert "“lots” is not a number" in page  # …and what is wrong
    assert snapshot() == before


@pytest.mark.django_db
def test_an_import_is_all_or_nothing_even_when_applied_directly(report_data):
    dataset = MetricResource().export(Metric.objects.filter(initiative__city__slug="chaoyang"))
    good = dict(zip(dataset.headers, dataset[0], strict=True)) | {"as_written": "7.85萬家", "value": "78500"}
    bad = dict(zip(dataset.headers, dataset[1], strict=True)) | {"value": "-5"}
    changed = tablib.Dataset(headers=dataset.headers)
    changed.append([good[h] for h in dataset.headers])
    changed.append([bad[h] for h in dataset.headers])
    before = snapshot()
    result = MetricResource().import_data(changed, dry_run=False)
    assert result.has_validation_errors()
    assert "negative" in str(result.invalid_rows[0].error_dict["value"])
    assert snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change, column, message",
    [
        ({"city": "atlantis"}, "initiative", "atlantis"),
        ({"kind": "no-such-kind"}, "kind", "no-such-kind"),
        ({"as_of": "January 2026"}, "as_of", ""),
        ({"qualifier": "roughly"}, "qualifier", "roughly"),
        ({"as_of_precision": ""}, "as_of_precision", "how much of the date"),
        ({"value": "lots"}, "value", "“lots” is not a number"),
    ],
)
def test_invalid_cells_are_reported_by_column(report_data, change, column, message):
    dataset = MetricResource().export(Metric.objects.filter(as_written="7.58萬家"))
    row = dict(zip(dataset.headers, dataset[0], strict=True)) | change
    changed = tablib.Dataset([row[h] for h in dataset.headers], headers=dataset.headers)
    result = MetricResource().import_data(changed, dry_run=True)
    errors = result.invalid_rows[0].error_dict
    assert column in errors and message in str(errors[column])


@pytest.mark.django_db
def test_an_unknown_column_is_refused(report_data):
    dataset = CityResource().export(City.objects.all())
    dataset.headers = ["nmae_en" if h == "name_en" else h for h in dataset.headers]
    before = snapshot()
    result = CityResource().import_data(dataset, dry_run=False)
    assert result.has_errors()
    assert "nmae_en" in str(result.base_errors[0].error)
    assert snapshot() == before


@pytest.mark.django_db
def test_cities_of_a_lesson_import_by_slug(report_data):
    dataset = LessonResource().export()
    assert dataset.dict[0]["cities"] == "haidian,taiyuan"
    result = LessonResource().import_data(dataset, dry_run=True)
    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["skip"] == len(dataset)


@pytest.mark.django_db
def test_a_new_initiative_can_be_imported(report_data):
    dataset = InitiativeResource().export(Initiative.objects.filter(city__slug="chaoyang", slug="wushi-burao"))
    row = dict(zip(dataset.headers, dataset[0], strict=True)) | {"slug": "new-programme", "order": "99"}
    result = InitiativeResource().import_data(
        tablib.Dataset([row[h] for h in dataset.headers], headers=dataset.headers), dry_run=False
    )
    assert result.totals["new"] == 1
    assert Initiative.objects.get(city__slug="chaoyang", slug="new-programme").title_zh == row["title_zh"]

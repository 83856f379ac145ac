"""The whole dataset as one download (/about/data.zip): one CSV per table and a README of fields, source and terms.

The CSV files use the same writer as the pages' downloads (exports.py): UTF-8 with a BOM, a header row of field
names (stable, in English, described in the README), exact decimals, ISO dates. The zip's bytes depend only on the
data and the host, so its ETag changes exactly when the data does and a repeat request gets 304.
"""

import io
import zipfile
from typing import NamedTuple

from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

from cities.models import City, InnovationModel, Lesson, Province, Source
from core.site import absolute_url
from initiatives import exports
from initiatives.conditional import conditional_response
from initiatives.models import Initiative, InitiativeCategory, Metric, MetricKind, Topic

ZIP_NAME = "social-credit-portal-data.zip"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed, so the same data gives the same bytes


class DatasetColumn(NamedTuple):
    name: str
    description: str
    value: object  # function of the row object


class Table(NamedTuple):
    name: str
    description: str
    queryset: object  # function returning the rows, in the report's order
    columns: list


def field_description(model, name):
    """The README's line for a field, from the model: "Date: When it took effect, … (may be empty)"."""
    field = model._meta.get_field(name)
    with translation.override("en"):
        text = str(field.verbose_name)
        help_text = str(field.help_text).rstrip(".")
    text = text[0].upper() + text[1:] + (f": {help_text}" if help_text else "")
    notes = []
    if name == "slug":
        notes.append("stable identifier, used in URLs")
    if field.many_to_many:
        notes.append(f"slugs in {TABLE_OF[field.related_model]}.csv, separated by '; '")
    elif field.is_relation:
        target = field.related_model
        notes.append(f"{'id' if target is Initiative else 'slug'} in {TABLE_OF[target]}.csv")
    elif field.choices:
        notes.append("one of: " + ", ".join(str(value) for value, _label in field.choices if value))
    if field.null or field.blank:
        notes.append("may be empty")
    return text + (f" ({'; '.join(notes)})" if notes else "")


def field_value(model, name):
    field = model._meta.get_field(name)
    if field.many_to_many:
        return lambda obj: [related.slug for related in getattr(obj, name).all()]
    if field.is_relation and field.related_model is Initiative:
        return lambda obj: getattr(obj, field.attname)
    if field.is_relation:
        return lambda obj: getattr(getattr(obj, name), "slug", None)
    return lambda obj: getattr(obj, name)


def columns(model, *names, extra=()):
    listed = [DatasetColumn(name, field_description(model, name), field_value(model, name)) for name in names]
    return listed + list(extra)


TABLE_OF = {
    Source: "sources",
    Province: "provinces",
    City: "cities",
    InitiativeCategory: "categories",
    Topic: "topics",
    MetricKind: "metric_kinds",
    Initiative: "initiatives",
    Metric: "metrics",
    InnovationModel: "innovation_models",
    Lesson: "lessons",
}

ID = DatasetColumn("id", "Identifier of the row (referred to by other tables)", lambda obj: obj.pk)


def listed_table(name, description, model, *related):
    """The table of a model listed in its own order (then by slug), with its published fields as the columns."""
    return Table(
        name,
        description,
        lambda: (model.objects.select_related(*related) if related else model.objects).order_by("order", "slug"),
        columns(model, *model.PUBLISHED_FIELDS),
    )


def tables():
    return [
        Table(
            "sources",
            "The reports the data is transcribed from; every other row names its source (slug in this table).",
            lambda: Source.objects.order_by("id"),
            columns(Source, *Source.PUBLISHED_FIELDS),
        ),
        listed_table("provinces", "The provinces and municipalities of the report.", Province),
        listed_table("cities", "The cities and districts of the report.", City, "province"),
        listed_table(
            "categories",
            "The portal's categories of initiatives (normalised from the report's '…方面' headings).",
            InitiativeCategory,
        ),
        listed_table("topics", "The portal's topics: cross-cutting tags an initiative can have several of.", Topic),
        listed_table(
            "metric_kinds", "Comparable measures: figures several cities report, to rank them side by side.", MetricKind
        ),
        Table(
            "initiatives",
            "Every programme or measure a city reports, one per row.",
            lambda: (
                Initiative.objects.select_related("city", "category", "source")
                .prefetch_related(*Initiative.TAG_FIELDS)
                .order_by("city__order", "order", "id")
            ),
            [ID] + columns(Initiative, *Initiative.PUBLISHED_FIELDS),
        ),
        Table(
            "metrics",
            "Every figure of the report, one per row, exactly as written and as an expanded number.",
            lambda: Metric.objects.select_related("initiative__city", "kind", "source").order_by(
                "initiative__city__order", "initiative__order", "position", "id"
            ),
            [ID]
            + columns(
                Metric,
                "initiative",
                extra=[
                    DatasetColumn(
                        "city",
                        "The city of the figure's initiative (slug in cities.csv)",
                        lambda metric: metric.initiative.city.slug,
                    )
                ],
            )
            + columns(Metric, *(name for name in Metric.PUBLISHED_FIELDS if name != "initiative")),
        ),
        Table(
            "innovation_models",
            "The report's five innovation model types, with the points its comparison table sets side by side.",
            lambda: (
                InnovationModel.objects.select_related("representative_city", "source")
                .prefetch_related("cities")
                .order_by("order", "slug")
            ),
            columns(InnovationModel, *InnovationModel.PUBLISHED_FIELDS),
        ),
        Table(
            "lessons",
            "The report's lessons (典型經驗), with the cities each cites.",
            lambda: Lesson.objects.select_related("source").prefetch_related("cities").order_by("order", "slug"),
            columns(Lesson, *Lesson.PUBLISHED_FIELDS),
        ),
    ]


def table_csv(table, rows):
    keys = [exports.Column(column.name, column.name) for column in table.columns]
    values = ({column.name: column.value(obj) for column in table.columns} for obj in rows)
    return exports.csv_bytes(keys, values, header=[column.name for column in table.columns])


def source_lines(source):
    title = f"《{source.title_zh}》 ({source.title_en})"
    if source.title_is_descriptive:
        title += " [the report has no title of its own; this one describes it]"
    return [
        f"Report: {title}",
        f"Source slug: {source.slug} (the 'source' column of the other tables)",
        f"Publisher: {source.publisher}",
        *([f"Published on: {source.platform}"] if source.platform else []),
        *([f"Address: {source.url}"] if source.url else []),
        *(
            [f"Publication date: {source.published.isoformat()} ({source.published_precision})"]
            if source.published
            else []
        ),
        *([f"Editor: {source.editor}"] if source.editor else []),
        *([f"Proof-reader: {source.proofreader}"] if source.proofreader else []),
        f"Period covered: {source.period_start_year}–{source.period_end_year}",
        *([f"Terms: {source.terms}"] if source.terms else []),
        *([f"Note: {source.note}"] if source.note else []),
    ]


def readme(sources, counts, download_url):
    lines = ["SOCIAL CREDIT INNOVATION PORTAL: THE WHOLE DATASET", "", f"Downloaded from: {download_url}", ""]
    lines += ["SOURCES" if len(sources) > 1 else "SOURCE", ""]
    for source in sources:
        lines += [*source_lines(source), ""]
    publishers = "、".join(dict.fromkeys(source.publisher for source in sources)) or "源點蘇研院"
    lines += [
        "TERMS",
        "",
        "Every name, figure and date in these files is transcribed from the report above; descriptions and",
        "summaries are the portal's own words.",
        f"The report's own rights remain with its publisher, {publishers}.",
        "Cite the report (and this portal) when you use the data.",
        "",
    ]
    for source in sources:
        if source.disclaimer_zh or source.disclaimer_en:
            lines += ["The report's disclaimer:", ""]
            lines += [text for text in (source.disclaimer_zh, source.disclaimer_en) if text]
            lines += [""]
        if source.platform_notice:
            lines += ["The publishing platform's notice:", "", source.platform_notice, ""]
    lines += [
        "FORMAT",
        "",
        "One CSV file per table: UTF-8 with a byte-order mark (Excel opens the Chinese text correctly),",
        "comma-separated, a header row of the field names below. Numbers are exact, with '.' as the decimal",
        "point and no thousands separators (7.58萬 is written 75800). Dates are ISO 8601 (YYYY-MM-DD); a date",
        "of month precision is stored as the 1st of the month, of year precision as 1 January, and the",
        "precision is in the column beside it. An empty cell means no value. Rows refer to other tables by",
        "slug (or by id for initiatives). A text cell that a spreadsheet would run as a formula (starting",
        "with =, +, -, @) is written with a leading apostrophe.",
        "",
        "FILES AND FIELDS",
        "",
    ]
    for table in tables():
        lines += [f"{table.name}.csv: {table.description} Rows: {counts[table.name]}."]
        lines += [f"  {column.name}: {column.description}" for column in table.columns]
        lines += [""]
    return "\n".join(lines)


def build_zip(download_url):
    """The dataset's zip, as bytes: a fixed number of queries (one per table, two prefetches, the report)."""
    counts, files, rows_of = {}, [], {}
    for table in tables():
        rows = rows_of[table.name] = list(table.queryset())
        counts[table.name] = len(rows)
        files.append((f"{table.name}.csv", table_csv(table, rows)))
    text = readme(rows_of["sources"], counts, download_url)
    files.insert(0, ("README.txt", text.encode("utf-8")))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files:
            entry = zipfile.ZipInfo(name, ZIP_DATE)
            entry.external_attr = 0o644 << 16  # readable files when unpacked
            archive.writestr(entry, content, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


@require_safe
def dataset_download(request):
    body = build_zip(absolute_url(reverse("dataset_download")))
    disposition = exports.content_disposition_header(True, ZIP_NAME)
    return conditional_response(request, body, "application/zip", headers={"Content-Disposition": disposition})

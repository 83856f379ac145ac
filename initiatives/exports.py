"""Downloads of what a list page shows: CSV (UTF-8 with a BOM, so Excel opens the Chinese text correctly) or JSON,
with every matching row (not only the current page) and a header row in the reader's language.

Use it in a list view, with the same filtered queryset the page shows, before paginating:

    from initiatives import exports

    def initiative_list(request):
        initiatives = filterset.qs  # every matching row, the page's filters applied
        download = exports.download(
            request, "initiatives", exports.INITIATIVE_COLUMNS, exports.initiative_rows(initiatives, request)
        )
        if download:  # the URL asked for ?format=csv or ?format=json
            return download
        ...  # otherwise render the page as usual

and offer the buttons in its template: ``{% include "includes/download_links.html" %}`` (the same URL, filters kept,
with format=csv or format=json and without the page number).

Ready-made columns and rows: INITIATIVE_COLUMNS / initiative_rows, METRIC_COLUMNS / metric_rows, CITY_COLUMNS /
city_rows. Any other list (the comparison, the timeline, search results) declares its own:

    columns = [exports.Column("city", _("City")), exports.Column("value", _("Value"))]
    rows = ({"city": metric.initiative.city.name_zh, "value": metric.value} for metric in metrics)
    return exports.download(request, "comparison", columns, rows) or render(...)

Rows are dicts keyed by column key (other keys are ignored, a missing key is an empty cell). They may be a generator:
it is consumed only when a download is asked for, so offering one costs the page no query. Cells may be str, int,
Decimal (written exactly, without trailing zeros: 75800, 77.14), date (ISO 8601), bool, None (empty) or a list
(joined with "; "). In CSV (and in admin's CSV and XLSX exports, editing/resources.py), a text cell that a
spreadsheet would run as a formula (it starts with = + - @, a tab or a carriage return) gets a leading apostrophe;
numbers, dates and booleans are never changed, so a negative figure stays a number. JSON is
{"columns": [{"key", "header"}], "rows": [{key: value}], "count": n}, with decimals as strings so no figure passes
through a float.
"""

import csv
import datetime
import io
import json
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Count, Prefetch
from django.http import HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _

from initiatives.display import machine_number
from initiatives.links import Links
from initiatives.rankings import with_ranks

BOM = "\ufeff"
FORMATS = ("csv", "json")
CSV_TYPE = "text/csv; charset=utf-8"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class Column(NamedTuple):
    key: str  # stable snake_case name: the JSON key
    header: str  # what the CSV header row says, translated


def requested_format(request):
    value = request.GET.get("format", "")
    return value if value in FORMATS else None


def download(request, basename, columns, rows):
    """The CSV or JSON download the URL asks for (?format=csv|json), or None to render the page as usual.

    Any other non-empty format answers 400 with a plain message naming the formats on offer.
    """
    chosen = requested_format(request)
    if chosen == "csv":
        return csv_response(basename, columns, rows)
    if chosen == "json":
        return json_response(basename, columns, rows)
    if request.GET.get("format", ""):
        return unknown_format_response(request.GET["format"])
    return None


def unknown_format_response(value):
    message = _("Unknown download format “%(format)s”: use format=csv or format=json.") % {"format": value}
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


def text_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return machine_number(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "; ".join(text_cell(item) for item in value)
    return str(value)


def spreadsheet_text(text):
    """The one formula rule of every CSV and XLSX the portal writes: text a spreadsheet would run is quoted."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_cell(value):
    text = text_cell(value)
    return spreadsheet_text(text) if isinstance(value, str) else text


def json_cell(value):
    if isinstance(value, Decimal):
        return machine_number(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [json_cell(item) for item in value]
    return value


class _Line:
    """A file-like object that hands back what csv.writer writes, one line at a time."""

    def write(self, text):
        return text


def csv_lines(columns, rows, header=None):
    """The CSV text, line by line, starting with the BOM and the header row (translated, or the given one)."""
    writer = csv.writer(_Line())
    yield BOM + writer.writerow([spreadsheet_text(str(text)) for text in header or [c.header for c in columns]])
    keys = [column.key for column in columns]
    for row in rows:
        yield writer.writerow([csv_cell(row.get(key)) for key in keys])


def write_csv(file, columns, rows, header=None):
    for line in csv_lines(columns, rows, header):
        file.write(line)


def csv_bytes(columns, rows, header=None):
    buffer = io.StringIO()
    write_csv(buffer, columns, rows, header)
    return buffer.getvalue().encode("utf-8")


def attachment(response, filename):
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def table_csv_response(filename, header, rows):
    """A CSV download of plain rows (lists of cells) under a header row, written by the same writer."""
    columns = [Column(str(index), label) for index, label in enumerate(header)]
    keyed = ({str(index): cell for index, cell in enumerate(row)} for row in rows)
    response = HttpResponse(csv_bytes(columns, keyed, [str(label) for label in header]), content_type=CSV_TYPE)
    return attachment(response, filename)


def csv_response(basename, columns, rows):
    header = [str(column.header) for column in columns]  # in the request's language, before streaming starts
    lines = (line.encode("utf-8") for line in csv_lines(columns, rows, header))
    response = StreamingHttpResponse(lines, content_type=CSV_TYPE)
    return attachment(response, f"{basename}.csv")


def json_chunks(columns, rows):
    header = [{"key": column.key, "header": str(column.header)} for column in columns]
    keys = [column.key for column in columns]
    yield '{"columns":' + json.dumps(header, ensure_ascii=False) + ',"rows":['
    count = 0
    for row in rows:
        cells = {key: json_cell(row.get(key)) for key in keys}
        yield ("," if count else "") + json.dumps(cells, ensure_ascii=False)
        count += 1
    yield f'],"count":{count}}}'


def json_response(basename, columns, rows):
    chunks = json_chunks(columns, rows)
    first = next(chunks)  # resolves the headers in the request's language now
    body = (chunk.encode("utf-8") for chunk in _prepend(first, chunks))
    response = StreamingHttpResponse(body, content_type="application/json")
    return attachment(response, f"{basename}.json")


def _prepend(first, rest):
    yield first
    yield from rest


def in_model_order(queryset):
    """The queryset in its explicit order, or else its model's: Django drops Meta.ordering once counts group rows."""
    return queryset if queryset.query.order_by else queryset.order_by(*queryset.model._meta.ordering)


def _page_links(request):
    if request is None:
        return None
    return Links(request)


# Ready-made columns and rows for the lists several pages show.

CITY_COLUMNS = [
    Column("slug", _("Slug")),
    Column("name_zh", _("Name (Chinese)")),
    Column("name_en", _("Name (English)")),
    Column("province", _("Province (slug)")),
    Column("province_name_zh", _("Province (Chinese)")),
    Column("province_name_en", _("Province (English)")),
    Column("level", _("Administrative level")),
    Column("innovation_models", _("Innovation model types")),
    Column("initiative_count", _("Initiatives")),
    Column("metric_count", _("Figures")),
    Column("url", _("Permanent URL")),
]


def city_rows(queryset, request=None):
    """Rows of CITY_COLUMNS for these cities (a CityQuerySet): two queries, whatever their number."""
    links = _page_links(request)
    cities = in_model_order(queryset).with_counts().select_related("province").prefetch_related("innovation_models")
    for city in cities:
        yield {
            "slug": city.slug,
            "name_zh": city.name_zh,
            "name_en": city.name_en,
            "province": city.province.slug,
            "province_name_zh": city.province.name_zh,
            "province_name_en": city.province.name_en,
            "level": city.level,
            "innovation_models": [model.slug for model in city.innovation_models.all()],
            "initiative_count": city.initiative_count,
            "metric_count": city.metric_count,
            "url": links.page("city_detail", city.slug) if links else None,
        }


INITIATIVE_COLUMNS = [
    Column("id", _("ID")),
    Column("city", _("City (slug)")),
    Column("city_name_zh", _("City (Chinese)")),
    Column("city_name_en", _("City (English)")),
    Column("province_name_zh", _("Province (Chinese)")),
    Column("province_name_en", _("Province (English)")),
    Column("category", _("Category (slug)")),
    Column("category_name_zh", _("Category (Chinese)")),
    Column("category_name_en", _("Category (English)")),
    Column("additional_categories", _("Additional categories (slugs)")),
    Column("topics", _("Topics (slugs)")),
    Column("heading", _("Heading in the report")),
    Column("title_zh", _("Title (Chinese)")),
    Column("title_en", _("Title (English)")),
    Column("description_zh", _("Description (Chinese)")),
    Column("description_en", _("Description (English)")),
    Column("sub_locality", _("Sub-locality")),
    Column("date", _("Date")),
    Column("date_precision", _("Date precision")),
    Column("date_event", _("What happened on the date")),
    Column("metric_count", _("Figures")),
    Column("report_section", _("Report section")),
    Column("report_paragraph", _("Report paragraph")),
    Column("url", _("Permanent URL")),
]


def tag_slugs():
    """The prefetches of an initiative's additional categories and topics, slugs only."""
    from initiatives.models import InitiativeCategory, Topic

    return (
        Prefetch("additional_categories", queryset=InitiativeCategory.objects.only("slug")),
        Prefetch("topics", queryset=Topic.objects.only("slug")),
    )


def initiative_rows(queryset, request=None):
    """Rows of INITIATIVE_COLUMNS, streamed: one query per 2,000 initiatives and two for their tags."""
    links = _page_links(request)
    initiatives = (
        in_model_order(queryset)
        .select_related("city__province", "category")
        .prefetch_related(*tag_slugs())
        .annotate(export_metric_count=Count("metrics"))
    )
    for initiative in initiatives.iterator(chunk_size=2000):
        city = initiative.city
        yield {
            "id": initiative.pk,
            "city": city.slug,
            "city_name_zh": city.name_zh,
            "city_name_en": city.name_en,
            "province_name_zh": city.province.name_zh,
            "province_name_en": city.province.name_en,
            "category": initiative.category.slug,
            "category_name_zh": initiative.category.name_zh,
            "category_name_en": initiative.category.name_en,
            "additional_categories": [row.slug for row in initiative.additional_categories.all()],
            "topics": [row.slug for row in initiative.topics.all()],
            "heading": initiative.heading,
            "title_zh": initiative.title_zh,
            "title_en": initiative.title_en,
            "description_zh": initiative.description_zh,
            "description_en": initiative.description_en,
            "sub_locality": initiative.sub_locality,
            "date": initiative.date,
            "date_precision": initiative.date_precision,
            "date_event": initiative.date_event,
            "metric_count": initiative.export_metric_count,
            "report_section": initiative.report_section,
            "report_paragraph": initiative.report_paragraph,
            "url": links.page("initiative_detail", initiative.pk) if links else None,
        }


METRIC_COLUMNS = [
    Column("id", _("ID")),
    Column("city", _("City (slug)")),
    Column("city_name_zh", _("City (Chinese)")),
    Column("city_name_en", _("City (English)")),
    Column("initiative_id", _("Initiative ID")),
    Column("initiative_title_zh", _("Initiative (Chinese)")),
    Column("initiative_title_en", _("Initiative (English)")),
    Column("label_zh", _("Label (Chinese)")),
    Column("label_en", _("Label (English)")),
    Column("value", _("Value")),
    Column("value_max", _("Upper value")),
    Column("unit", _("Unit")),
    Column("unit_en", _("Unit (English)")),
    Column("qualifier", _("Qualifier")),
    Column("second_qualifier", _("Second qualifier")),
    Column("as_of", _("As of")),
    Column("as_of_precision", _("As-of precision")),
    Column("period_start", _("Period from")),
    Column("period_precision", _("Period-start precision")),
    Column("period_end", _("Period to")),
    Column("basis", _("Basis")),
    Column("as_written", _("As the report writes it")),
    Column("time_as_written", _("Time as the report writes it")),
    Column("kind", _("Metric kind (slug)")),
    Column("kind_name_zh", _("Metric kind (Chinese)")),
    Column("kind_name_en", _("Metric kind (English)")),
    Column("report_section", _("Report section")),
    Column("report_paragraph", _("Report paragraph")),
    Column("heading", _("Heading in the report")),
    Column("url", _("Permanent URL")),
]


def metric_rows(queryset, request=None):
    """Rows of METRIC_COLUMNS: one query, streamed, whatever the number of figures."""
    links = _page_links(request)
    for metric in queryset.select_related("initiative__city", "kind").iterator(chunk_size=2000):
        yield metric_row(metric, links)


def metric_row(metric, links=None):
    initiative, kind = metric.initiative, metric.kind
    return {
        "id": metric.pk,
        "city": initiative.city.slug,
        "city_name_zh": initiative.city.name_zh,
        "city_name_en": initiative.city.name_en,
        "initiative_id": initiative.pk,
        "initiative_title_zh": initiative.title_zh,
        "initiative_title_en": initiative.title_en,
        "label_zh": metric.label_zh,
        "label_en": metric.label_en,
        "value": metric.value,
        "value_max": metric.value_max,
        "unit": metric.unit,
        "unit_en": metric.unit_en,
        "qualifier": metric.qualifier,
        "second_qualifier": metric.second_qualifier,
        "as_of": metric.as_of,
        "as_of_precision": metric.as_of_precision,
        "period_start": metric.period_start,
        "period_precision": metric.period_precision,
        "period_end": metric.period_end,
        "basis": metric.basis,
        "as_written": metric.as_written,
        "time_as_written": metric.time_as_written,
        "kind": kind.slug if kind else None,
        "kind_name_zh": kind.name_zh if kind else None,
        "kind_name_en": kind.name_en if kind else None,
        "report_section": initiative.report_section,
        "report_paragraph": initiative.report_paragraph,
        "heading": initiative.heading,
        "url": links.page("initiative_detail", initiative.pk) if links else None,
    }


RANKING_COLUMNS = [Column("rank", _("Rank")), *METRIC_COLUMNS]


def ranking_rows(kind, metrics, request=None):
    """Rows of RANKING_COLUMNS for every figure of a kind in ranking order (rankings.ranked_figures), ranked as the
    page ranks them: one query, streamed."""
    links = _page_links(request)
    for rank, metric in with_ranks(metrics.iterator(chunk_size=2000)):
        metric.kind = kind  # known already: no query per row
        yield {"rank": rank, **metric_row(metric, links)}

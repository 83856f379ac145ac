"""Downloads of what a list page shows: CSV (UTF-8 with a BOM, so Excel opens the Chinese text correctly) or JSON,
with every matching row (not only the current page) and a header row in the reader's language, or of the columns'
machine names (`machine_header=True`: the figures downloads, the same in every language).

Use it in a list view, with the same filtered queryset the page shows, before paginating:

    from initiatives import export_rows, exports

    def initiative_list(request):
        initiatives = filterset.qs  # every matching row, the page's filters applied
        rows = export_rows.initiative_rows(initiatives, request)
        download = exports.download(request, "initiatives", export_rows.INITIATIVE_COLUMNS, rows)
        if download:  # the URL asked for ?format=csv or ?format=json
            return download
        ...  # otherwise render the page as usual

and offer the buttons in its template: ``{% include "includes/download_links.html" %}`` (the same URL, filters kept,
with format=csv or format=json and without the page number).

Ready-made columns and rows (export_rows.py): INITIATIVE_COLUMNS / initiative_rows, METRIC_COLUMNS / metric_rows,
CITY_COLUMNS / city_rows; and the figures download (figure_rows.py): FIGURE_COLUMNS / figure_rows. Any other
list (the comparison, the timeline, search results) declares its own:

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

from django.http import HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _

from initiatives.display import machine_number

BOM = "\ufeff"
# Characters per block of a streamed download (in_blocks).
BLOCK_SIZE = 32 * 1024
FORMATS = ("csv", "json")
CSV_TYPE = "text/csv; charset=utf-8"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class Column(NamedTuple):
    key: str  # stable snake_case name: the JSON key
    header: str  # what the CSV header row says, translated
    read: str | None = None  # where a values_list() reads it, for the rows that are read as plain values


def requested_format(request):
    value = request.GET.get("format", "")
    return value if value in FORMATS else None


def download(request, basename, columns, rows, machine_header=False):
    """The CSV or JSON download the URL asks for (?format=csv|json), or None to render the page as usual.

    Any other non-empty format answers 400 with a plain message naming the formats on offer.
    """
    chosen = requested_format(request)
    if chosen == "csv":
        return csv_response(basename, columns, rows, machine_header)
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
    if type(value) is str:  # most cells: text_cell's checks would give the text itself (spreadsheet_text, inlined)
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    if type(value) is int:
        return str(value)
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


def in_blocks(texts, size=BLOCK_SIZE):
    """The texts encoded and joined into blocks of about `size` characters: the server sends each block the stream
    gives it on its own (a line at a time was a write to the socket per row)."""
    block, length = [], 0
    for text in texts:
        block.append(text)
        length += len(text)
        if length >= size:
            yield "".join(block).encode("utf-8")
            block, length = [], 0
    if block:
        yield "".join(block).encode("utf-8")


def csv_response(basename, columns, rows, machine_header=False):
    # The machine names, or the headers in the request's language, resolved before streaming starts.
    header = [column.key if machine_header else str(column.header) for column in columns]
    response = StreamingHttpResponse(in_blocks(csv_lines(columns, rows, header)), content_type=CSV_TYPE)
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
    response = StreamingHttpResponse(in_blocks(_prepend(first, chunks)), content_type="application/json")
    return attachment(response, f"{basename}.json")


def _prepend(first, rest):
    yield first
    yield from rest

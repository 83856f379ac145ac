"""Shared by the comparison page's tests: its address and query budget, and how they read its pages and downloads."""

import csv
import io
import re

from django.urls import reverse
from django.utils import translation

COMPARE = reverse("compare")
# cities, the categories (theme filter and rows), innovation model types, initiatives, figures, the report (cite
# block), the page cache's content version
QUERY_BOUND = 7
# With more cities than the picker lists, it offers the provinces: one more query, whatever the number of cities.
PROVINCE_LIST_QUERY = 1


def translated(msgid, values=None):
    """A message in the reader's language (zh-Hant here); without values, the part before the first one."""
    text = translation.gettext(msgid)
    return text % values if values is not None else text.split("%(")[0]


def compare(client, query, **headers):
    return client.get(f"{COMPARE}?{query}", **headers)


def options_of(html, select_id):
    """The values of a select's options in order, and the selected ones."""
    start = html.index(f'<select id="{select_id}"')
    options = re.findall(r'<option value="([^"]*)"( selected)?>', html[start : html.index("</select>", start)])
    return [value for value, _ in options], [value for value, selected in options if selected]


def read_csv(response):
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff"), "a byte-order mark, so spreadsheet programs read the Chinese"
    return list(csv.reader(io.StringIO(body[1:])))

"""The coverage table's rows, written in Python (initiatives/coverage_cells.py), say what the template loop they
replace said: the same HTML but for the whitespace between blocks, in every language and for both themes."""

import re

import pytest
from django.template import Context, Template
from django.utils import translation

from initiatives.coverage import coverage_matrix
from initiatives.coverage_cells import rows_html

pytestmark = pytest.mark.django_db

# The loop of templates/initiatives/coverage.html before its rows were written in Python.
LOOP = Template("""{% load i18n localize_data %}{% for row in matrix.rows %}
    <tr>
      <th scope="row"><a href="{{ row.city.get_absolute_url }}">{{ row.city|bilingual }}</a></th>
      {% for cell in row.cells %}
      {% if cell.empty %}
      <td class="empty"><span aria-hidden="true">—</span><span class="visually-hidden">{% translate "none reported" %}</span></td>
      {% else %}
      <td class="shade-{% if cell.initiatives >= 3 %}3{% else %}{{ cell.initiatives }}{% endif %}"><a href="{{ cell.url }}">{% blocktranslate count counter=cell.initiatives %}{{ counter }} initiative{% plural %}{{ counter }} initiatives{% endblocktranslate %}<br><span class="muted">{% blocktranslate count counter=cell.figures %}{{ counter }} figure{% plural %}{{ counter }} figures{% endblocktranslate %}</span></a>{% if cell.additional %}<br><span class="muted">{% blocktranslate count counter=cell.additional %}{{ counter }} of them filed under another category{% plural %}{{ counter }} of them filed under another category{% endblocktranslate %}</span>{% endif %}</td>
      {% endif %}
      {% endfor %}
      <td class="totals">{% blocktranslate count counter=row.initiatives %}{{ counter }} initiative{% plural %}{{ counter }} initiatives{% endblocktranslate %}<br>{% blocktranslate count counter=row.figures %}{{ counter }} figure{% plural %}{{ counter }} figures{% endblocktranslate %}</td>
    </tr>
  {% endfor %}""")  # noqa: E501
BLOCK_TAG = re.compile(r"\s*(</?(?:tr|td|th)\b[^>]*>)\s*")


def between_blocks_removed(html):
    return BLOCK_TAG.sub(r"\1", re.sub(r"\s+", " ", html)).strip()


@pytest.mark.parametrize("language", ["zh-hant", "zh-hans", "en"])
@pytest.mark.parametrize("theme", ["categories", "topics"])
def test_the_rows_read_as_the_loop_wrote_them(report_data, language, theme):
    with translation.override(language):
        matrix = coverage_matrix(theme)
        looped = LOOP.render(Context({"matrix": matrix}))
        written = rows_html(matrix)
    cells = [cell for row in matrix["rows"] for cell in row.cells]
    assert any(cell.empty for cell in cells) and any(cell.initiatives >= 3 for cell in cells)
    if theme == "categories":
        assert any(cell.additional for cell in cells)
    assert between_blocks_removed(written) == between_blocks_removed(looped)

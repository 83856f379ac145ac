"""The comparison page's cells, written in Python (compare/page_cells.py), say what the template loops they replace
said: the same HTML but for the whitespace between blocks, in every language."""

import re

import pytest
from django.template import Context, Template
from django.utils import translation

from cities.models import City
from compare.comparison import build_comparison
from compare.page_cells import add_cells_html
from initiatives.models import InitiativeCategory

pytestmark = pytest.mark.django_db

# The loops of templates/cities/compare.html and cities/includes/compare_measures.html before their cells were
# written in Python.
LOOPS = Template("""{% load i18n localize_data figures measures %}{% for row in comparison.categories %}
        {% for cell in row.cells %}
        <td>
          {% if cell %}
          <ul class="compare-initiatives">
            {% for initiative in cell %}
            <li>
              <a href="{{ initiative.get_absolute_url }}">{{ initiative|bilingual:"title" }}</a>
              {% if initiative.sub_locality %}<span class="muted">({{ initiative.sub_locality|zh }})</span>{% endif %}
              {% if initiative.figures %}<ul class="compare-figures">{% for metric in initiative.figures %}<li>{{ metric|local:"label" }}: {% figure metric %}</li>{% endfor %}</ul>{% endif %}
            </li>
            {% endfor %}
          </ul>
          {% else %}
          <span class="not-reported">— {% translate "Not reported" %}</span>
          {% endif %}
        </td>
        {% endfor %}{% endfor %}{% for row in comparison.metrics %}
        {% for cell in row.cells %}
        <td>
          {% for metric, largest in cell.figures %}
          <div class="compare-figure{% if largest %} compare-figure--largest{% endif %}">
            {% figure metric largest %}{% if largest %} <strong class="largest-mark">▲ {% translate "larger" %}</strong>{% endif %}
            <br><span class="muted compare-figure__label">{{ metric|local:"label" }}</span>
            <br><span class="compare-figure__measure"><a href="{{ metric.kind.get_absolute_url }}">{{ metric.kind|local:"name" }}</a> · {{ metric.kind.get_basis_display }}</span>
            <br><span class="compare-figure__source">{% translate "Source:" %} {% include "includes/source_ref.html" with source=metric.source %}</span>{% if metric.superseded_by %}
            <br><span class="muted">{% translate "An earlier figure: not compared" %}</span>{% endif %}
          </div>
          {% empty %}
          <span class="not-reported">— {% translate "Not reported" %}</span>
          {% endfor %}
        </td>
        {% endfor %}{% endfor %}""")  # noqa: E501
CELLS = Template(
    "{% for row in comparison.categories %}{% for cell in row.cells_html %}<td>{{ cell }}</td>{% endfor %}{% endfor %}"
    "{% for row in comparison.metrics %}{% for cell in row.cells_html %}<td>{{ cell }}</td>{% endfor %}{% endfor %}"
)
BLOCK_TAG = re.compile(r"\s*(</?(?:li|ul|td|div)\b[^>]*>)\s*")


def between_blocks_removed(html):
    return BLOCK_TAG.sub(r"\1", re.sub(r"\s+", " ", html)).strip()


@pytest.mark.parametrize("language", ["zh-hant", "zh-hans", "en"])
def test_every_cell_reads_as_the_template_wrote_it(report_data, language):
    slugs = ["chaoyang", "haidian", "hengshui", "shenyang"]
    cities = list(City.objects.select_related("province").filter(slug__in=slugs))
    comparison = build_comparison(cities, list(InitiativeCategory.objects.all()))
    with translation.override(language):
        looped = LOOPS.render(Context({"comparison": comparison, "LANGUAGE_CODE": language}))
        add_cells_html(comparison)
        written = CELLS.render(Context({"comparison": comparison}))
    assert "compare-figure--largest" in written and "compare-figures" in written and "not-reported" in written
    assert between_blocks_removed(written) == between_blocks_removed(looped)

"""The items of a list of initiatives, written in Python (initiatives/list_items.py), say what the includes that show
an initiative elsewhere say: the same HTML but for the whitespace between blocks, in every language."""

import re

import pytest
from django.template import Context, Template
from django.utils import translation

from initiatives import list_items
from initiatives.models import Initiative

pytestmark = pytest.mark.django_db

# The loop templates/initiatives/includes/initiative_list_body.html ran before its items were written in Python.
INCLUDES = Template("""{% load localize_data %}{% for initiative in initiatives %}{% with city=initiative.city %}
  <li class="initiative">
    <h3><a href="{{ initiative.get_absolute_url }}">{{ initiative|bilingual:"title" }}</a></h3>
    <p class="initiative__where"><a href="{{ initiative.city.get_absolute_url }}">{{ city|bilingual }}</a>
      · {{ initiative.city.province|local:"name" }}
      · <a href="{{ initiative.category.get_absolute_url }}">{{ initiative.category|local:"name" }}</a></p>
    {% include "initiatives/includes/initiative_meta.html" %}
    <p class="initiative__summary">{{ initiative|local:"description"|truncatechars:220 }}</p>
    {% include "initiatives/includes/figure_list.html" with metrics=initiative.metrics.all %}
    {% include "initiatives/includes/report_reference.html" %}
  </li>
{% endwith %}{% endfor %}""")
BLOCK_TAG = re.compile(r"\s*(</?(?:li|ul|p|h3)\b[^>]*>)\s*")


def between_blocks_removed(html):
    return BLOCK_TAG.sub(r"\1", re.sub(r"\s+", " ", html)).strip()


@pytest.mark.parametrize("language", ["zh-hant", "zh-hans", "en"])
def test_every_initiative_reads_as_the_includes_write_it(report_data, language):
    initiatives = list(Initiative.objects.for_list().with_figures())
    with translation.override(language):
        included = INCLUDES.render(Context({"initiatives": initiatives, "LANGUAGE_CODE": language}))
        written = list_items.initiative_items(initiatives)
    assert "figure-list__item" in written and "initiative__meta" in written
    assert between_blocks_removed(written) == between_blocks_removed(included)

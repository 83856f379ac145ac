"""A facet's checkboxes, written in Python (initiatives/facet_options.py), are the HTML the form's loop wrote, byte
for byte, in every language, with chosen values and with a value the form refused."""

import pytest
from django.http import QueryDict
from django.template import Context, Template
from django.utils import translation

from initiatives.facet_options import facet_options
from initiatives.facets import InitiativeFilter
from initiatives.models import Initiative

pytestmark = pytest.mark.django_db

# The loop templates/initiatives/includes/facet_form.html ran before the options were written in Python.
LOOP = Template("""{% load i18n %}{% for option in facet.options %}
      <li><label for="facet-{{ facet.name }}-{{ forloop.counter }}"><input type="checkbox" id="facet-{{ facet.name }}-{{ forloop.counter }}" name="{{ facet.name }}" value="{{ option.value }}"{% if option.selected %} checked{% endif %}{% if facet.field.errors %} aria-invalid="true" aria-describedby="facet-{{ facet.name }}_error"{% endif %}> {{ option.label }} <span class="facet-count">{{ option.count }}<span class="visually-hidden"> {% blocktranslate count counter=option.count %}matching initiative{% plural %}matching initiatives{% endblocktranslate %}</span></span></label></li>
    {% endfor %}""")  # noqa: E501


@pytest.mark.parametrize("language", ["zh-hant", "zh-hans", "en"])
@pytest.mark.parametrize("query", ["", "category=finance&has_figures=yes", "city=nowhere&year=1800&kind=none"])
def test_every_facet_reads_as_the_loop_wrote_it(report_data, language, query):
    data = QueryDict(query)
    with translation.override(language):
        facets = InitiativeFilter(data, queryset=Initiative.objects.all()).facets(data)
        assert sum(len(facet.options) for facet in facets) > 20
        assert any(facet.field.errors for facet in facets) == ("none" in query)
        for facet in facets:
            assert facet_options(facet) == LOOP.render(Context({"facet": facet}))

"""A facet's checkboxes (templates/initiatives/includes/facet_form.html), written in Python.

The same HTML as the loop over a facet's options that the form rendered before, whitespace included: each option
resolved a dozen variables and a plural translation through the template engine, about a tenth of an uncached
list page's CPU with some sixty options. tests/test_facet_options.py compares the two.
"""

from django.utils.formats import localize
from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe
from django.utils.translation import ngettext


def facet_options(facet):
    """The <li> of every option of a facet, each between the whitespace the template's loop wrote."""
    name = escape(facet.name)
    invalid = f' aria-invalid="true" aria-describedby="facet-{name}_error"' if facet.field.errors else ""
    items = []
    for counter, option in enumerate(facet.options, start=1):
        number = localize(counter)
        checked = " checked" if option.selected else ""
        count = escape(localize(option.count))
        matching = ngettext("matching initiative", "matching initiatives", option.count) % {}
        items.append(
            f'\n      <li><label for="facet-{name}-{number}"><input type="checkbox" id="facet-{name}-{number}" '
            f'name="{name}" value="{escape(option.value)}"{checked}{invalid}> {escape(option.label)} '
            f'<span class="facet-count">{count}<span class="visually-hidden"> {matching}</span></span></label></li>'
            "\n    "
        )
    return mark_safe("".join(items))

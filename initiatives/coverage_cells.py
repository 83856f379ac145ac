"""The coverage table's rows, written in Python: the same HTML as the template loop they replace but for the
whitespace between blocks (tests/test_coverage_cells.py compares them in every language).

The loop rendered about 200 {% blocktranslate %} and 1,000 variables for the report's 14 cities and 12 categories,
most of the page's CPU; here the language is decided once and each plural is one ngettext().
"""

from django.utils.formats import localize
from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from core.localization import bilingual_html, current_language


def counted(text, number):
    """What {% blocktranslate count counter=number %} writes, given ngettext()'s text (written out at each call, so
    that makemessages finds it)."""
    return escape(text % {"counter": localize(number)})


def initiatives_text(number):
    return counted(ngettext("%(counter)s initiative", "%(counter)s initiatives", number), number)


def figures_text(number):
    return counted(ngettext("%(counter)s figure", "%(counter)s figures", number), number)


EMPTY_CELL = '<td class="empty"><span aria-hidden="true">—</span><span class="visually-hidden">{}</span></td>'


def cell_html(cell, none_reported):
    if cell.empty:
        return EMPTY_CELL.format(none_reported)
    html = (
        f'<td class="shade-{min(cell.initiatives, 3)}"><a href="{escape(cell.url)}">'
        f'{initiatives_text(cell.initiatives)}<br><span class="muted">{figures_text(cell.figures)}</span></a>'
    )
    if cell.additional:
        other = counted(
            ngettext(
                "%(counter)s of them filed under another category",
                "%(counter)s of them filed under another category",
                cell.additional,
            ),
            cell.additional,
        )
        html += f'<br><span class="muted">{other}</span>'
    return html + "</td>"


def rows_html(matrix):
    language = current_language()
    none_reported = escape(gettext("none reported"))
    rows = []
    for row in matrix["rows"]:
        cells = "".join(cell_html(cell, none_reported) for cell in row.cells)
        rows.append(
            f'<tr><th scope="row"><a href="{escape(row.city.get_absolute_url())}">'
            f"{bilingual_html(row.city, 'name', language)}</a></th>{cells}"
            f'<td class="totals">{initiatives_text(row.initiatives)}<br>{figures_text(row.figures)}</td></tr>'
        )
    return mark_safe("\n".join(rows))

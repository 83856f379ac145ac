"""The cells of the comparison page's two big tables (programmes by category, figures by measure), written in Python.

The same HTML as the template loops they replace but for the whitespace between blocks: a template loop over every
initiative and figure of four cities, resolving each variable and looking up the reader's language again for every
name, was most of the page's CPU. The language is decided once per page here. A figure is display.figure_html and a
source initiatives.list_items.source_ref, as everywhere; tests/test_compare_page_cells.py compares them with the loops.
"""

from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from core.localization import bilingual_html, chinese, current_language, is_english, localized
from initiatives import display
from initiatives.list_items import Urls, source_ref


def _not_reported():
    text = gettext("Not reported")
    return f'<span class="not-reported">— {text}</span>'


def initiatives_cell(initiatives, language, urls):
    """One city's initiatives in one category, each with its figures."""
    if not initiatives:
        return _not_reported()
    items = []
    for initiative in initiatives:
        html = f'<li>\n<a href="{urls(initiative)}">{escape(bilingual_html(initiative, "title", language))}</a>\n'
        if initiative.sub_locality:
            html += f'<span class="muted">({escape(chinese(initiative.sub_locality, language))})</span>\n'
        if initiative.figures:
            figures = "".join(
                f"<li>{escape(localized(metric, 'label', language))}: {display.figure_html(metric)}</li>"
                for metric in initiative.figures
            )
            html += f'<ul class="compare-figures">{figures}</ul>\n'
        items.append(html + "</li>")
    return f'<ul class="compare-initiatives">{"".join(items)}</ul>'


def figures_cell(cell, language, urls):
    """One city's figures of one family of measures, the one marked larger flagged."""
    if not cell.metrics:
        return _not_reported()
    larger, source_label, earlier = gettext("larger"), gettext("Source:"), gettext("An earlier figure: not compared")
    parts = []
    for metric, largest in cell.figures:
        kind = metric.kind
        html = f'<div class="compare-figure{" compare-figure--largest" if largest else ""}">\n'
        html += display.figure_html(metric, largest)
        if largest:
            html += f' <strong class="largest-mark">▲ {larger}</strong>'
        label, measure = escape(localized(metric, "label", language)), escape(localized(kind, "name", language))
        html += f'\n<br><span class="muted compare-figure__label">{label}</span>'
        html += (
            f'\n<br><span class="compare-figure__measure"><a href="{urls(kind)}">{measure}</a>'
            f" · {escape(kind.get_basis_display())}</span>"
        )
        source = source_ref(metric.source, "", "", is_english(language), urls)
        html += f'\n<br><span class="compare-figure__source">{source_label} {source}</span>'
        if getattr(metric, "superseded_by", None):
            html += f'\n<br><span class="muted">{earlier}</span>'
        parts.append(html + "\n</div>")
    return "".join(parts)


def add_cells_html(comparison):
    """Set `cells_html` on the comparison's category and measure rows: each cell's HTML, safe to render."""
    language = current_language()
    urls = Urls()
    for row in comparison.categories:
        row.cells_html = [mark_safe(initiatives_cell(cell, language, urls)) for cell in row.cells]  # noqa: S308
    for row in comparison.metrics:
        row.cells_html = [mark_safe(figures_cell(cell, language, urls)) for cell in row.cells]  # noqa: S308

"""Parts of an initiative's page written in Python: its tags (templates/initiatives/includes/initiative_tags.html)
and its place in the report (report_reference.html, with includes/source_ref.html and zh_text.html inside).

The same bytes as those includes, which the page rendered through five nested includes: a seventh of its CPU once
its queries were compiled. The includes stay for the pages that still include them (initiative_body.html);
tests/test_page_parts.py renders both for every initiative of the report in every language.
"""

from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from core.localization import is_english, localized
from initiatives import list_items


def tags(rows):
    return " ".join(
        f'<a class="tag" href="{escape(row.get_absolute_url())}">{escape(localized(row, "name"))}</a>' for row in rows
    )


def initiative_tags(initiative):
    """Its additional categories and topics (both prefetched), as initiative_tags.html writes them."""
    also, topics = list(initiative.additional_categories.all()), list(initiative.topics.all())
    if not (also or topics):
        return mark_safe("\n")
    html = '<p class="initiative__tags">\n  '
    if also:
        html += f'<span class="initiative__also">{gettext("Also under:")} {tags(also)}</span>'
    html += "\n  "
    if topics:
        html += f'<span class="initiative__topics">{gettext("Topics:")} {tags(topics)}</span>'
    return mark_safe(html + "\n</p>\n")


def report_reference(initiative):
    """Where it is in the report, as report_reference.html writes it."""
    return mark_safe(list_items.report_reference(initiative, is_english(), list_items.Urls()) + "\n")

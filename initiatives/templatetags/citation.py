"""{% cite title url %}: the "cite this" block of the city, initiative and comparison pages.

    {% load citation %}
    {% cite city.name_zh city.get_absolute_url %}             fetches the first source, the report (one query)
    {% cite title permanent_url report=report %}              when the view already has the report
    {% cite title permanent_url sources=sources %}            the sources the page's rows cite (no query)
    {{ initiatives|sources_cited }}                           those sources, from initiatives with their figures

`url` is the page's permanent URL, absolute or a path (made absolute with settings.SITE_ORIGIN). It renders
templates/includes/cite.html, which can also be included directly with title, permanent_url, accessed and report.
"""

from django import template
from django.utils import timezone

from cities.models import Source
from core.site import absolute_url
from initiatives.history import distinct_sources

register = template.Library()


@register.inclusion_tag("includes/cite.html", takes_context=True)
def cite(context, title, url, report=None, sources=None):
    sources = list(sources or ())
    if not sources:
        report = report if report is not None else Source.objects.first()
        sources = [report] if report is not None else []
    return {
        "title": title,
        "permanent_url": absolute_url(url),
        "accessed": timezone.localdate(),
        "report": sources[0] if len(sources) == 1 else None,
        "sources": sources,
    }


@register.filter
def sources_cited(initiatives):
    """The sources of initiatives (one or several) and of their figures, as prefetched (with_figures())."""
    if hasattr(initiatives, "metrics"):
        initiatives = [initiatives]
    rows = []
    for initiative in initiatives:
        rows += [initiative, *initiative.metrics.all()]
    return distinct_sources(rows)

"""{% cite title url %}: the "cite this" block of the city, initiative and comparison pages.

    {% load citation %}
    {% cite city.name_zh city.get_absolute_url %}             fetches the source report (one query)
    {% cite title permanent_url report=report %}              when the view already has the report

`url` is the page's permanent URL, absolute or a path (made absolute with settings.SITE_ORIGIN). It renders
templates/includes/cite.html, which can also be included directly with title, permanent_url, accessed and report.
"""

from django import template
from django.utils import timezone

from cities.models import Source
from core.site import absolute_url

register = template.Library()


@register.inclusion_tag("includes/cite.html", takes_context=True)
def cite(context, title, url, report=None):
    return {
        "title": title,
        "permanent_url": absolute_url(url),
        "accessed": timezone.localdate(),
        "report": report if report is not None else Source.objects.first(),
    }

"""{% review_summary %}: how many of a page's figures an editor has checked, said once per page.

It counts the figures the page already holds (prefetched), so it costs no query. Give it the initiatives whose
figures the page lists (`initiatives=`, their `metrics` prefetched) or the figures themselves (`metrics=`, figures
or ranking rows carrying `.metric`).
"""

from django import template

from initiatives.models import ReviewStatus

register = template.Library()

REVIEWED = (ReviewStatus.CHECKED, ReviewStatus.CORRECTED)


def page_figures(initiatives=None, metrics=None):
    if initiatives is not None:
        for initiative in initiatives:
            yield from initiative.metrics.all()
    for item in metrics or ():
        yield getattr(item, "metric", item)


@register.inclusion_tag("initiatives/includes/review_summary.html")
def review_summary(initiatives=None, metrics=None, scope="page"):
    statuses = [metric.review_status for metric in page_figures(initiatives, metrics)]
    return {"total": len(statuses), "checked": sum(status in REVIEWED for status in statuses), "scope": scope}

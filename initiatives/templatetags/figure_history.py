"""{{ initiatives|figure_histories }}: figures over time among the (prefetched) figures of one city's initiatives."""

from django import template

from initiatives import history

register = template.Library()


@register.filter
def figure_histories(initiatives):
    """The measures a later source gives again for the city; marks each earlier figure with `superseded_by`, so
    render this before the figure lists."""
    return history.histories([metric for initiative in initiatives for metric in initiative.metrics.all()])

"""The charts' own downloads: each chart of a page as an SVG file and its data as CSV, in the page's language."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from core.localization import localized
from initiatives import charts, exports, rankings
from initiatives.chart_svg import bar_chart_svg
from initiatives.models import InitiativeCategory, MetricKind

CHART_COLUMNS = [
    exports.Column("rank", _("Rank")),
    exports.Column("label", _("Label")),
    exports.Column("value", _("Value")),
    exports.Column("value_text", _("Value as shown")),
    exports.Column("note", _("Date")),
]
FORMATS = ("svg", "csv")


def chart_response(chart, basename, fmt):
    """The chart as image/svg+xml, or its bars' data through the portal's CSV writer."""
    if fmt == "csv":
        return exports.csv_response(basename, CHART_COLUMNS, charts.chart_rows(chart))
    if fmt != "svg":
        raise Http404(_("A chart downloads as .svg or .csv."))
    svg = '<?xml version="1.0" encoding="utf-8"?>\n' + bar_chart_svg(chart)
    return exports.attachment(HttpResponse(svg, content_type="image/svg+xml; charset=utf-8"), f"{basename}.svg")


def themes_chart(categories):
    """The home page's chart: how many initiatives the report gives under each theme."""
    items = [
        charts.ChartItem(
            label=localized(category, "name"),
            value=category.initiative_count,
            value_text=str(category.initiative_count),
        )
        for category in categories
    ]
    return charts.bar_chart(
        items,
        chart_id="chart-themes",
        title=_("Initiatives by theme, most first"),
        description=_("Bar lengths are proportional to the number of initiatives; the table view lists them."),
        unit=_("initiatives"),
    )


def themes_chart_download(request, fmt):
    return chart_response(themes_chart(InitiativeCategory.objects.with_counts()), "chart-themes", fmt)


def measure_chart_download(request, slug, fmt):
    kind = get_object_or_404(MetricKind, slug=slug)
    largest = list(rankings.ranked_figures(kind)[: rankings.CHART_BARS])
    return chart_response(rankings.ranking_chart(kind, largest), f"chart-{kind.slug}", fmt)

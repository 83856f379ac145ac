"""The figures download: one row per figure (Metric) of a list, a comparison or a measure, under column names that
are the same in every language (the human labels are in docs/open-data.md), and the file names that say what the
download holds (`initiatives-beijing-credit-repair.csv`, `figures-beijing.csv`)."""

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from initiatives import exports
from initiatives.export_rows import INITIATIVE_COLUMNS, METRIC_COLUMNS, initiative_rows, metric_row
from initiatives.links import Links
from initiatives.models import Initiative, Metric

# The figures' order in every figures download: the report's.
REPORT_ORDER = ("initiative__city__order", "initiative__city_id", "initiative__order", "initiative_id", "position")
MAX_NAME_LENGTH = 120
ROWS_PARAMETER = "rows"  # ?rows=figures&format=csv asks a page for its figures rather than its own rows
FIGURES = "figures"

# The figure's own columns as the other figure downloads have them (export_rows.METRIC_COLUMNS), and the place,
# measure and themes a researcher filters on.
SHARED = {column.key: column for column in METRIC_COLUMNS}
FIGURE_COLUMNS = [
    *(SHARED[key] for key in ("city", "city_name_zh", "city_name_en")),
    exports.Column("province", _("Province (slug)")),
    *(SHARED[key] for key in ("initiative_id", "initiative_title_zh", "initiative_title_en", "label_zh", "label_en")),
    *(SHARED[key] for key in ("value", "value_max", "unit", "unit_en", "as_written", "qualifier", "second_qualifier")),
    *(SHARED[key] for key in ("as_of", "as_of_precision", "period_start", "period_precision", "period_end")),
    SHARED["time_as_written"],
    exports.Column("measure", _("Metric kind (slug)")),
    SHARED["basis"],
    exports.Column("category", _("Category (slug)")),
    exports.Column("topics", _("Topics (slugs)")),
    *(SHARED[key] for key in ("source", "report_section", "report_paragraph")),
    exports.Column("figure_url", _("Permanent URL of the figure")),
]


def wants_figures(request):
    return request.GET.get(ROWS_PARAMETER) == FIGURES


def topics_of(metrics):
    """{initiative id: [topic slugs]} of these figures' initiatives, in one query."""
    links = Initiative.topics.through.objects.filter(initiative__in=metrics.order_by().values("initiative"))
    topics = {}
    for initiative, slug in links.order_by("initiative", "topic__order", "topic__slug").values_list(
        "initiative", "topic__slug"
    ):
        topics.setdefault(initiative, []).append(slug)
    return topics


def figure_rows(metrics, request=None):
    """Rows of FIGURE_COLUMNS for these figures, in the report's order: two queries whatever their number (their
    initiatives' topics, then the figures streamed with their initiatives, cities, provinces and kinds)."""
    links = Links(request) if request is not None else None
    topics = topics_of(metrics)
    figures = metrics.order_by(*REPORT_ORDER).select_related(
        "initiative__city__province", "initiative__category", "kind", "source"
    )
    for metric in figures.iterator(chunk_size=2000):
        initiative = metric.initiative
        page = links.page("initiative_detail", initiative.pk) if links else None
        yield metric_row(metric) | {
            "province": initiative.city.province.slug,
            "measure": metric.kind.slug if metric.kind else None,
            "category": initiative.category.slug,
            "topics": topics.get(initiative.pk, []),
            "figure_url": f"{page}#figure-{metric.position}" if page else None,
        }


def figures_download(request, basename, metrics):
    """The figures download the URL asks for (?rows=figures&format=csv|json), or None."""
    if not wants_figures(request):
        return None
    return exports.download(request, basename, FIGURE_COLUMNS, figure_rows(metrics, request), machine_header=True)


def figures_of_initiatives(initiatives):
    return Metric.objects.filter(initiative__in=initiatives.order_by().values("pk"))


def download_name(prefix, values):
    """`prefix` and the chosen values' slugs, each facet's sorted, cut to a length every file system takes."""
    parts = [slugify(str(value)) for value in values]
    name = "-".join([prefix, *[part for part in parts if part]])
    return name[:MAX_NAME_LENGTH].rstrip("-")


def list_download(request, initiative_filter):
    """The initiatives list's downloads, of its initiatives or (?rows=figures) their figures, named by the filter."""
    chosen = initiative_filter.chosen_values()
    if wants_figures(request):
        metrics = figures_of_initiatives(initiative_filter.qs)
        return figures_download(request, download_name(FIGURES, chosen), metrics)
    rows = initiative_rows(initiative_filter.qs, request)
    return exports.download(
        request, download_name("initiatives", chosen), INITIATIVE_COLUMNS, rows, machine_header=True
    )

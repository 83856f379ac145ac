from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from cities.models import City
from compare import city_picker, page_cells
from compare import comparison as comparing
from compare.options import Options, options_from_query
from initiatives import exports, figure_rows
from initiatives.models import InitiativeCategory, Metric


@dataclass
class RequestedComparison:
    selection: comparing.Selection
    categories: list  # the theme filter's choices
    options: Options
    comparison: comparing.Comparison | None  # None until the selection is complete and the options are sound

    @property
    def problems(self):
        """Why there is no comparison (nothing when there is one)."""
        if self.comparison is not None:
            return []
        return self.selection.problems or self.options.problems or [_("Choose two to four cities to compare.")]


def requested_comparison(query, cities):
    """The comparison the query asks for among `cities` (loaded by the caller), as the page and its downloads show
    it; no query for the cities here."""
    selection = comparing.select_cities(comparing.requested_slugs(query), cities)
    categories = list(InitiativeCategory.objects.all())
    options = options_from_query(query, categories)
    complete = selection.is_complete and not options.problems
    comparison = comparing.build_comparison(selection.cities, categories, options) if complete else None
    return RequestedComparison(selection, categories, options, comparison)


def comparison_detail(request):
    """Two to four cities side by side: `?cities=a,b` (`cities` repeated is redirected to that form)."""
    chosen = request.GET.get("format", "")
    if chosen and chosen not in exports.FORMATS:
        return exports.unknown_format_response(chosen)
    slugs = comparing.requested_slugs(request.GET)
    if slugs and not comparing.is_canonical(request.GET, slugs):
        extra = f"&format={chosen}" if chosen else ""
        for name in ("category", "reported", figure_rows.ROWS_PARAMETER):  # the options survive the redirect
            if request.GET.get(name):
                extra += f"&{urlencode({name: request.GET[name]})}"
        return HttpResponseRedirect(f"{reverse('compare')}?{comparing.query_string(slugs)}{extra}")
    if chosen and figure_rows.wants_figures(request):
        return comparison_figures_download(request)
    if chosen:
        return comparison_download(request, chosen)

    picker = city_picker.load(slugs, request.GET.get("province", "").strip().lower())
    requested = requested_comparison(request.GET, picker.cities)
    selection, options, comparison = requested.selection, requested.options, requested.comparison
    if comparison is not None:
        page_cells.add_cells_html(comparison)
    picker_slots = selection.cities[: comparing.MAX_CITIES] + [None] * (comparing.MAX_CITIES - len(selection.cities))
    context = {
        "selection": selection,
        "comparison": comparison,
        "picker": picker,
        "picker_slots": picker_slots if selection.slugs else [None] * comparing.MAX_CITIES,
        "chosen_slugs": ",".join(city.slug for city in selection.cities[: comparing.MAX_CITIES]),
        "can_add": comparison is not None and len(comparison.columns) < comparing.MAX_CITIES,
        "can_remove": comparison is not None and len(comparison.columns) > comparing.MIN_CITIES,
        "max_cities": comparing.MAX_CITIES,
        "suggestions": [] if slugs else comparing.same_province_selections(picker.listed),
        "categories": requested.categories,
        "options": options,
    }
    status = 400 if selection.is_bad_request or picker.problem or options.problems else 200
    return render(request, "cities/compare.html", context, status=status)


def downloaded_comparison(request):
    """The comparison a download asks for, or a plain 400 saying what is wrong with the selection."""
    requested = requested_comparison(request.GET, list(City.objects.select_related("province")))
    if requested.problems:
        return None, HttpResponse("\n".join(requested.problems), status=400, content_type="text/plain; charset=utf-8")
    return requested.comparison, None


def comparison_download(request, fmt):
    """The comparison as a spreadsheet (UTF-8 with a byte-order mark, so Excel reads the Chinese; a header row) or
    as JSON: {"columns": [{"key", "header"}], "rows": [{key: text}], "count": n}."""
    comparison, problem = downloaded_comparison(request)
    if problem:
        return problem
    if fmt == "json":
        columns, rows = comparing.json_table(comparison)
        return exports.json_response(comparison.download_name, columns, rows)
    rows = comparing.text_rows(comparison)
    header = [str(cell) for cell in next(rows)]
    return exports.table_csv_response(
        f"{comparison.download_name}.csv", header, ([str(c) for c in row] for row in rows)
    )


def comparison_figures_download(request):
    """The compared cities' figures, one row each, of the chosen theme only where one is chosen."""
    comparison, problem = downloaded_comparison(request)
    if problem:
        return problem
    cities = [city.slug for city in comparison.cities]
    metrics = Metric.objects.filter(initiative__city__slug__in=cities)
    theme = comparison.options.theme
    if theme:
        metrics = metrics.filter(initiative__category=theme.value)
    name = figure_rows.download_name(figure_rows.FIGURES, sorted(cities))
    return figure_rows.figures_download(request, name, metrics)

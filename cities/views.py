"""The browsing pages of places and of the report: home, provinces, cities, model types, lessons, about."""

from dataclasses import dataclass

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from cities.models import City, InnovationModel, Lesson, Province, Source
from core.localization import localized
from core.pages import listing_page
from core.per_version import per_version
from core.site import absolute_url
from initiatives import export_rows, exports
from initiatives.city_directory_filters import CityDirectoryFilter
from initiatives.models import InitiativeCategory, Metric, Precision
from initiatives.pagination import paginate_by_id
from initiatives.views.charts import themes_chart

# The directory's page holds the report's 14 cities on its first page, in the report's order.
CITY_PAGE_SIZE = 50

# Home lists this many cities per province; the province's page lists them all.
HOME_CITIES_PER_PROVINCE = 8

# The comparisons home offers to start with: places alike enough that setting them side by side says something.
READY_COMPARISONS = [("chaoyang", "haidian"), ("hedong", "wuqing"), ("taiyuan", "shenyang")]


@dataclass
class ReadyComparison:
    cities: list
    query: str
    reason: str


def ready_comparisons(provinces):
    """READY_COMPARISONS with their cities, read from the provinces' previews (no query); a pair missing a city
    (data not loaded, or a city beyond the preview) is left out."""
    cities = {city.slug: city for province in provinces for city in province.first_cities}
    ready = []
    for slugs in READY_COMPARISONS:
        pair = [cities[slug] for slug in slugs if slug in cities]
        if len(pair) == len(slugs):
            ready.append(ReadyComparison(pair, "cities=" + ",".join(slugs), comparison_reason(pair)))
    return ready


def comparison_reason(cities):
    first = cities[0]
    if all(city.province_id == first.province_id for city in cities):
        return _("Both in %(province)s") % {"province": localized(first.province, "name")}
    if all(city.level == City.Level.PROVINCIAL_CAPITAL for city in cities):
        return _("Two provincial capitals")
    return ""


def home(request):
    provinces = list(Province.objects.with_city_preview(HOME_CITIES_PER_PROVINCE))
    # Counting every initiative and figure per category takes 115 ms at 300,000 initiatives.
    categories = per_version(request, "categories-with-counts", lambda: list(InitiativeCategory.objects.with_counts()))
    context = {
        "report": Source.objects.first(),
        "totals": per_version(request, "totals", City.objects.totals),  # 650 ms at 300,000 initiatives
        "provinces": provinces,
        "ready_comparisons": ready_comparisons(provinces),
        "innovation_models": InnovationModel.objects.select_related("representative_city"),
        "categories": categories,
        "themes_chart": themes_chart(categories),
    }
    return render(request, "cities/home.html", context)


province_list = listing_page("cities/province_list.html", "provinces", Province.objects.with_cities)


def province_detail(request, slug):
    province = get_object_or_404(Province, slug=slug)
    context = {
        "province": province,
        "cities": province.cities.for_directory(),
        "categories": InitiativeCategory.objects.in_province(province),
    }
    return render(request, "cities/province_detail.html", context)


def city_list(request):
    directory = CityDirectoryFilter(request.GET, queryset=City.objects.for_directory(), request=request)
    download = exports.download(
        request, "cities", export_rows.CITY_COLUMNS, export_rows.city_rows(directory.qs, request)
    )
    if download:
        return download
    page = paginate_by_id(directory.qs, CITY_PAGE_SIZE, request.GET.get("page"))
    context = {"directory": directory, "page": page, "sort": directory.selected_sort}
    return render(request, "cities/city_list.html", context)


def city_detail(request, slug):
    city = get_object_or_404(City.objects.select_related("province"), slug=slug)
    context = {
        "city": city,
        "initiatives": city.initiatives.by_theme().with_figures().with_tags(),
        "innovation_models": InnovationModel.objects.of_city(city),
        "lessons": city.lessons.all(),
        "other_cities": City.objects.to_compare_with(city),
        "sources": Source.objects.cited_for_city(city),
    }
    return render(request, "cities/city_detail.html", context)


innovation_model_list = listing_page(
    "cities/innovation_model_list.html", "innovation_models", InnovationModel.objects.for_comparison
)


def innovation_model_detail(request, slug):
    innovation_model = get_object_or_404(InnovationModel.objects.for_comparison(), slug=slug)
    context = {
        "innovation_model": innovation_model,
        "comparison_rows": [innovation_model],
        "others": InnovationModel.objects.exclude(pk=innovation_model.pk),
    }
    return render(request, "cities/innovation_model_detail.html", context)


lesson_list = listing_page("cities/lesson_list.html", "lessons", Lesson.objects.with_cities)


def about(request):
    sources = list(Source.objects.all())
    context = {
        "sources": sources,
        "report": sources[0] if sources else None,
        "totals": per_version(request, "totals", City.objects.totals),  # 650 ms at 300,000 initiatives
        "example_figure": Metric.objects.transcription_example(),
        # The words a figure can carry; a figure without one shows none.
        "qualifiers": [choice for choice in Metric.Qualifier.choices if choice[0] != Metric.Qualifier.EXACT],
        "precisions": Precision.choices,
        "citation_title": _("About the data"),
        "permanent_url": absolute_url(reverse("about")),
    }
    return render(request, "cities/about.html", context)

import csv

from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from cities import city_picker
from cities import comparison as comparing
from cities.models import City


def compare(request):
    """Two to four cities side by side: `?cities=a,b` (`cities` repeated is redirected to that form)."""
    slugs = comparing.requested_slugs(request.GET)
    if slugs and not comparing.is_canonical(request.GET, slugs):
        extra = "&format=csv" if request.GET.get("format") == "csv" else ""
        return HttpResponseRedirect(f"{reverse('compare')}?{comparing.query_string(slugs)}{extra}")
    if request.GET.get("format") == "csv":
        return compare_csv(request)

    picker = city_picker.load(slugs, request.GET.get("province", "").strip().lower())
    selection = comparing.select_cities(slugs, picker.cities)
    comparison = comparing.build_comparison(selection.cities) if selection.is_complete else None
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
    }
    status = 400 if selection.is_bad_request or picker.problem else 200
    return render(request, "cities/compare.html", context, status=status)


def compare_csv(request):
    """The comparison as a spreadsheet: UTF-8 with a byte-order mark (so Excel reads the Chinese), header row."""
    slugs = comparing.requested_slugs(request.GET)
    selection = comparing.select_cities(slugs, list(City.objects.select_related("province")))
    if not selection.is_complete:
        problems = selection.problems or [_("Choose two to four cities to compare.")]
        return HttpResponse("\n".join(problems), status=400, content_type="text/plain; charset=utf-8")

    comparison = comparing.build_comparison(selection.cities)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="compare-{"-".join(slugs)}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerows(comparing.csv_rows(comparison))
    return response

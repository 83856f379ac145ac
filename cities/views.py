from django.db.models import Prefetch
from django.shortcuts import render

from cities.models import City, InnovationModel, Province, Report


def home(request):
    provinces = Province.objects.prefetch_related(
        Prefetch("cities", queryset=City.objects.with_counts().order_by("order"))
    )
    context = {
        "report": Report.objects.first(),
        "provinces": provinces,
        "innovation_models": InnovationModel.objects.select_related("representative_city"),
    }
    return render(request, "cities/home.html", context)

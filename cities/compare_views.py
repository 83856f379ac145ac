from django.shortcuts import render

from cities.models import City


def compare(request):
    """Side-by-side comparison of two to four cities: `?cities=a,b` (or `cities` repeated)."""
    return render(request, "cities/compare.html", {"cities": City.objects.select_related("province")})

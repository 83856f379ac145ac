"""The coverage page: which city reports initiatives under which theme."""

from django.shortcuts import render

from core.per_version import request_version as content_version
from initiatives import coverage as coverage_matrix
from initiatives.coverage_cells import rows_html


def coverage_detail(request):
    """`?theme=topics` shows the topics instead of the categories; anything else, the categories."""
    theme = request.GET.get("theme", "")
    theme = theme if theme in coverage_matrix.THEMES else "categories"
    matrix = coverage_matrix.coverage_matrix(theme, request.GET.get("page"), version=content_version(request))
    context = {"matrix": matrix, "rows_html": rows_html(matrix), "page": matrix["page"]}
    return render(request, "initiatives/coverage.html", context)

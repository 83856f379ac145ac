"""Views that are only a template and what it lists."""

from django.shortcuts import render


def listing_page(template, name, rows):
    """The view of a page listing `rows()` (a QuerySet method, read anew on each request) as `name`."""

    def view(request):
        return render(request, template, {name: rows()})

    return view

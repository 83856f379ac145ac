from django.shortcuts import render

from initiatives import search


def search_page(request):
    """/search/?q=…[&kind=figures&page=2]: every kind of result, or one kind page by page."""
    query = search.parse_query(request.GET.get("q", ""))
    kind = search.KINDS_BY_SLUG.get(request.GET.get("kind", ""))
    if kind is not None:
        groups = [search.kind_page(query, kind, request.GET.get("page"))]
    else:
        groups = search.overview(query)
    context = {
        "query": query,
        "search_query": query.text,
        "kind": kind,
        "kinds": search.KINDS,
        "groups": groups,
        "total": sum(group.count for group in groups),
        "preview_size": search.PREVIEW_SIZE,
        "max_query_characters": search.MAX_QUERY_CHARACTERS,
    }
    return render(request, "search/results.html", context)

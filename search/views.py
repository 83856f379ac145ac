"""The site search: every kind of result for a query, one kind page by page, or every match as a download."""

from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _

from initiatives import exports
from search import kinds as search
from search.rows import DOWNLOAD_COLUMNS
from search.text import MAX_QUERY_CHARACTERS, parse_query


def result_list(request):
    """/search/?q=…[&kind=figures&page=2][&format=csv|json]: every kind of result, or one kind page by page,
    or every match as a download."""
    query = parse_query(request.GET.get("q", ""))
    kind = search.KINDS_BY_SLUG.get(request.GET.get("kind", ""))
    if exports.requested_format(request) and query.is_empty:
        message = _("Nothing to download: a search download needs a query (q=…).")
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    rows = search.download_rows(query, kind, request)
    download = exports.download(request, f"search-{kind.slug}" if kind else "search", DOWNLOAD_COLUMNS, rows)
    if download:
        return download

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
        "is_capped": any(group.is_capped for group in groups),
        "preview_size": search.PREVIEW_SIZE,
        "max_query_characters": MAX_QUERY_CHARACTERS,
    }
    return render(request, "search/results.html", context)

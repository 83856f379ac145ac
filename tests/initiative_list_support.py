"""Shared by the initiatives list's tests: the list as a reader's browser asks for it, and what its pages show."""

import re

from django.urls import reverse

from initiatives.views.initiatives import PAGE_SIZE

LIST = "initiative_list"


def get_list(client, **params):
    response = client.get(reverse(LIST), params)
    assert response.status_code == 200
    return response, response.content.decode()


def listed_ids(html):
    """The initiatives a results page lists, in order."""
    body = html.split('class="initiative-list"', 1)[1].split("</ol>", 1)[0] if "initiative-list" in html else ""
    return [int(pk) for pk in re.findall(r'<h3><a href="/initiatives/(\d+)/">', body)]


def all_listed_ids(client, **params):
    """Every initiative the filters give, across all pages."""
    response, html = get_list(client, **params)
    ids = listed_ids(html)
    # Read from the page itself: a repeat visit may be served from the page cache, without a template context.
    total = int(re.search(r'class="result-count">\s*(\d+)', html).group(1))
    pages = max(1, -(-total // PAGE_SIZE))
    for number in range(2, pages + 1):
        ids += listed_ids(get_list(client, **params, page=number)[1])
    return ids


def facet_values(html, name):
    """{value: (count, checked, unit)} of a facet's checkboxes, as the page shows them."""
    pattern = (
        rf'<input type="checkbox" id="facet-{name}-\d+" name="{name}" value="([^"]+)"( checked)?[^>]*> [^<]+ '
        r'<span class="facet-count">(\d+)<span class="visually-hidden"> ([^<]+)</span>'
    )
    return {value: (int(count), bool(checked), unit) for value, checked, count, unit in re.findall(pattern, html)}

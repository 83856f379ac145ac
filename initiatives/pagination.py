"""Numbered pages of the lists that grow with the data, as the initiatives list pages them.

Every page shows them with ``{% include "initiatives/includes/pagination.html" %}`` (links keep the query string, so
filters and sort stay). `number` is the raw ``?page=`` value: a junk one (``abc``, ``1.5``, empty) gives the first
page, one past the end (or 0, or a negative number) the last, so a bad page number never gives an error.

``paginate`` pages any queryset. ``paginate_by_id`` pages a queryset whose rows carry per-row subqueries
(counts): the database picks the page's ids first, then computes those for the page's rows only, not for every row
before the page as it would under a plain OFFSET. ``paginate_by_key`` gives the same pages of a list whose order
starts with one indexed column (a figure's value, an event's date) without making the database walk every row
before the page: the column alone is read from its index to find the page's first and last keys, and only the rows
between them are read whole, so the last page costs about what the second does.
"""

from django.core.paginator import Paginator


def paginate(items, per_page, number):
    return Paginator(items, per_page).get_page(number)


def paginate_by_id(queryset, per_page, number):
    """The page of `queryset` (ordered), read in one query whose per-row annotations cover the page's rows only."""
    page = paginate(queryset, per_page, number)
    first = page.start_index() - 1 if page.paginator.count else 0
    page.object_list = queryset.filter(pk__in=queryset.values("pk")[first : first + per_page])
    return page


def paginate_by_key(queryset, key, per_page, number, descending=False):
    """The page of `queryset`, with `page.before`: how many rows have a key before the page's first key (a
    ranking's first row on the page has rank `before + 1`).

    `queryset` must be ordered by `key` first (descending if `descending`), then by columns that make the order
    total, and `key` must not be null in it. Four queries at most: the count, the page's keys, the rows before
    them (not on page 1), the page's rows.
    """
    keys = queryset.order_by(f"-{key}" if descending else key).values_list(key, flat=True)
    page = paginate(keys, per_page, number)
    page_keys = list(page.object_list)
    page.before = 0
    if not page_keys:
        page.object_list = []
        return page
    first, last = page_keys[0], page_keys[-1]
    if page.number > 1:
        page.before = queryset.filter(**{f"{key}__{'gt' if descending else 'lt'}": first}).count()
    low, high = (last, first) if descending else (first, last)
    skip = page.start_index() - 1 - page.before  # rows of the first key shown on the pages before
    rows = queryset.filter(**{f"{key}__gte": low, f"{key}__lte": high})
    page.object_list = list(rows[skip : skip + len(page_keys)])
    return page

"""Page-number pagination: `page` from 1, `page_size` up to 500; a page past the last one is a 400, not an empty
page, so a client's off-by-one shows. Links to the neighbouring pages keep the rest of the query as it was."""

import math

from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from rest_framework.pagination import BasePagination
from rest_framework.response import Response

from core.site import absolute_url
from initiatives.filter_fields import parse_whole_number

from .errors import ApiError

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
MAX_PAGE = 10**9
PARAMETERS = ("page", "page_size")


def whole_number(request, name, default, maximum):
    text = request.query_params.get(name)
    if text is None:
        return default
    try:
        return parse_whole_number(text, 1, maximum)
    except ValidationError as error:
        raise ApiError(name, " ".join(error.messages)) from error


class PageNumberPagination(BasePagination):
    def paginate_queryset(self, queryset, request, view=None):
        """This page of the queryset, not yet read: one query for the count here, one for the page when it is read."""
        self.request = request
        self.page_number = whole_number(request, "page", 1, MAX_PAGE)
        self.page_size = whole_number(request, "page_size", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
        self.count = queryset.count()
        self.last_page = max(1, math.ceil(self.count / self.page_size))
        if self.page_number > self.last_page:
            raise ApiError("page", f"Page {self.page_number} is past the last page, {self.last_page}.")
        start = (self.page_number - 1) * self.page_size
        return queryset[start : start + self.page_size]

    def page_link(self, number):
        query = self.request.query_params.copy()
        query["page"] = str(number)
        return f"{absolute_url(self.request.path)}?{query.urlencode()}"

    def get_paginated_response(self, data):
        return Response(
            {
                "count": self.count,
                "page": self.page_number,
                "page_size": self.page_size,
                "next": self.page_link(self.page_number + 1) if self.page_number < self.last_page else None,
                "previous": self.page_link(self.page_number - 1) if self.page_number > 1 else None,
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        def uri(description):
            return {"type": ["string", "null"], "format": "uri", "description": description}

        return {
            "type": "object",
            "properties": {
                "count": {"type": "integer", "description": _("Number of results over all pages.")},
                "page": {"type": "integer", "description": _("This page's number.")},
                "page_size": {"type": "integer", "description": _("Results per page.")},
                "next": uri(_("The next page, or null on the last.")),
                "previous": uri(_("The previous page, or null on the first.")),
                "results": {**schema, "description": _("This page's results.")},
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "page",
                "in": "query",
                "required": False,
                "description": _("Page number, from 1. A page past the last one is a 400."),
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
            },
            {
                "name": "page_size",
                "in": "query",
                "required": False,
                "description": format_lazy(_("Results per page, at most {max}."), max=MAX_PAGE_SIZE),
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": DEFAULT_PAGE_SIZE},
            },
        ]

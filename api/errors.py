"""Errors of the API, always as JSON: {"error": {"parameter": …, "message": …}}, for bad input (400), an unknown
object or endpoint (404), a write (405) and a server error (500, even when the database is down)."""

import json
import logging

from django.http import Http404, HttpResponse
from rest_framework import exceptions

logger = logging.getLogger(__name__)


class ApiError(exceptions.APIException):
    """Bad input or an unknown object, naming the parameter at fault."""

    def __init__(self, parameter, message, status=400):
        super().__init__(message)
        self.parameter = parameter
        self.message = message
        self.status_code = status


def error_response(parameter, message, status):
    body = json.dumps({"error": {"parameter": parameter, "message": message}}, ensure_ascii=False)
    response = HttpResponse(body, status=status, content_type="application/json")
    response["Cache-Control"] = "no-store"
    return response


def first_error(detail):
    """(parameter, message) of a DRF error detail: {"year": ["…"]} names `year`; a plain message names none."""
    if isinstance(detail, dict):
        name, messages = next(iter(detail.items()))
        return (None if name == "non_field_errors" else name), first_error(messages)[1]
    if isinstance(detail, list):
        return None, str(detail[0]) if detail else ""
    return None, str(detail)


def exception_handler(error, context):
    """DRF's exception handler: the API's errors in their JSON form; anything else goes on to `server_error`."""
    if isinstance(error, ApiError):
        return error_response(error.parameter, error.message, error.status_code)
    if isinstance(error, Http404):
        return error_response(None, str(error) or "Not found.", 404)
    if isinstance(error, exceptions.MethodNotAllowed):
        response = error_response(None, "This API is read-only: use GET.", 405)
        response["Allow"] = "GET, HEAD"
        return response
    if isinstance(error, exceptions.APIException):
        parameter, message = first_error(error.detail)
        return error_response(parameter, message, error.status_code)
    return None


def server_error(request):
    """The 500 of the API (handler500 sends /api/ here): JSON, built without templates or the database."""
    return error_response(None, "Server error: the request could not be answered. Try again later.", 500)

"""Errors of the API, always as JSON: {"error": {"parameter": …, "message": …}}."""

import json

from django.http import HttpResponse


class ApiError(Exception):
    """Bad input or an unknown object; the view turns it into a JSON error response."""

    def __init__(self, parameter, message, status=400):
        super().__init__(message)
        self.parameter = parameter
        self.message = message
        self.status = status


class NotFound(ApiError):
    def __init__(self, parameter, message):
        super().__init__(parameter, message, status=404)


def error_response(parameter, message, status):
    body = json.dumps({"error": {"parameter": parameter, "message": message}}, ensure_ascii=False)
    response = HttpResponse(body, status=status, content_type="application/json")
    response["Cache-Control"] = "no-store"
    return response

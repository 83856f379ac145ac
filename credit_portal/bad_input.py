"""Refuse requests no view could read, in one place before any view or filter sees them: a 400 with a plain message.

- a NUL character in the path, in a query or form parameter's name or value (PostgreSQL text cannot hold it);
- a path or query string that is not valid UTF-8 once percent-decoded;
- a query parameter (name or value) longer than settings.MAX_QUERY_VALUE_LENGTH, or a path longer than
  settings.MAX_PATH_LENGTH: no link of the portal is anywhere near that long.

Form values may be long (descriptions edited in admin) but not contain NUL. File uploads are the import's to check.
"""

from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.http import HttpResponseBadRequest, JsonResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _is_utf8(raw):
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def form_fields(request):
    """The form's fields as (name, values) pairs; an unreadable form has none (the view answers it as Django does)."""
    if request.method != "POST" or request.content_type not in FORM_TYPES:
        return []
    try:
        return list(request.POST.lists())
    except (MultiPartParserError, UnreadablePostError):
        return []


def problem(request):
    """(the parameter at fault or None, what is wrong) for a bad request, or None."""
    # WSGI hands over the path as bytes decoded as Latin-1; Django then repairs broken UTF-8 quietly.
    raw_path = request.META.get("PATH_INFO", "").encode("latin-1", "replace")
    raw_query = unquote_to_bytes(request.META.get("QUERY_STRING", ""))
    if not _is_utf8(raw_path) or not _is_utf8(raw_query):
        return None, _("The address is not valid UTF-8 text.")
    if "\x00" in request.path_info:
        return None, _("The address contains a NUL character, which no page accepts.")
    if len(request.path_info) > settings.MAX_PATH_LENGTH:
        return None, _("The address is too long.")
    for name, values in request.GET.lists():
        if any("\x00" in text for text in (name, *values)):
            return name, _("The parameter “%(name)s” contains a NUL character, which no page accepts.") % {
                "name": name.replace("\x00", "")[:50]
            }
        if any(len(text) > settings.MAX_QUERY_VALUE_LENGTH for text in (name, *values)):
            return name, _("The parameter “%(name)s” is longer than %(limit)s characters.") % {
                "name": name[:50],
                "limit": settings.MAX_QUERY_VALUE_LENGTH,
            }
    for name, values in form_fields(request):
        if any("\x00" in text for text in (name, *values)):
            return name, _("The form field “%(name)s” contains a NUL character: remove it and send the form again.") % {
                "name": name.replace("\x00", "")[:50]
            }
    return None


class BadInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        found = problem(request)
        if found is None:
            return self.get_response(request)
        parameter, message = found
        if request.path_info.startswith("/api/"):  # the API's own error shape
            error = {"parameter": parameter and parameter.replace("\x00", ""), "message": message}
            return JsonResponse({"error": error}, status=400)
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")

import logging

from django.db import connections
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token

from credit_portal.structured_logging import request_id_var

logger = logging.getLogger(__name__)


@never_cache
def healthz(request):
    """200 when the primary database answers a trivial query, 503 (and no detail) when it does not.

    For load balancers: no session, no cookie, no template, one query.
    """
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.warning("Health check: the database does not answer", exc_info=True)
        return HttpResponse("unavailable\n", status=503, content_type="text/plain; charset=utf-8")
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


@requires_csrf_token
def server_error(request):
    """The site's 500 page, with the request id a reader can quote; rendered without the request, so no
    context processor (session, user) touches the database that may be what failed."""
    try:
        html = loader.get_template("500.html").render({"request_id": request_id_var.get()})
    except Exception:
        logger.exception("The 500 page itself failed to render")
        html = "<!doctype html><title>Server error</title><h1>Server error</h1>"
    return HttpResponseServerError(html)

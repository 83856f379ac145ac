"""Requests and errors are logged as JSON lines with the request id, which the response echoes; a 500 shows
the site's error page."""

import io
import json
import logging
import re
import socket

import pytest
from django.test import Client
from django.urls import path

from credit_portal import urls as portal_urls
from credit_portal.structured_logging import JsonFormatter
from credit_portal.urls import handler500  # the portal's own, used with this module's URLs
from tests.production import json_lines


def fail(request):
    raise RuntimeError("boom for the logging test")


# The portal's patterns spread in, not include()d: its language-prefixed pages must stay at the top level.
urlpatterns = [path("boom/", fail), *portal_urls.urlpatterns]
__all__ = ["handler500", "urlpatterns"]


@pytest.fixture
def log_lines():
    """What the portal's stdout handler writes, as parsed JSON lines."""
    handler = next(h for h in logging.getLogger().handlers if isinstance(h.formatter, JsonFormatter))
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    yield lambda: json_lines(buffer.getvalue())
    handler.setStream(previous)


@pytest.mark.django_db
def test_a_request_id_from_the_proxy_is_kept_and_echoed(client, log_lines):
    response = client.get("/no-such-page/", HTTP_X_REQUEST_ID="lb-7f3a.42")
    assert response.status_code == 404
    assert response["X-Request-ID"] == "lb-7f3a.42"
    entry = next(entry for entry in log_lines() if entry["logger"] == "django.request")
    assert entry["request_id"] == "lb-7f3a.42"
    assert entry["level"] == "WARNING"
    assert entry["status_code"] == 404
    assert entry["request"] == {"method": "GET", "path": "/no-such-page/"}


@pytest.mark.django_db
@pytest.mark.parametrize("incoming", [None, "", "has space", "<script>", "x" * 101, "новый"])
def test_a_missing_or_odd_request_id_is_replaced(client, incoming):
    headers = {} if incoming is None else {"HTTP_X_REQUEST_ID": incoming}
    response = client.get("/healthz", **headers)
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])
    assert client.get("/healthz", **headers)["X-Request-ID"] != response["X-Request-ID"]


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_500_shows_the_error_page_and_logs_the_exception_with_the_request_id(log_lines):
    response = Client(raise_request_exception=False).get("/boom/", HTTP_X_REQUEST_ID="req-500")
    assert response.status_code == 500
    html = response.content.decode()
    assert 'class="site-header"' in html  # the site's layout
    assert "<h1>" in html and "req-500" in html  # the reference a reader can quote
    assert "boom" not in html  # no detail for the reader
    assert response["X-Request-ID"] == "req-500"
    assert "Content-Security-Policy" in response
    entry = next(entry for entry in log_lines() if entry["level"] == "ERROR")
    assert entry["logger"] == "django.request"
    assert entry["request_id"] == "req-500"
    assert entry["status_code"] == 500
    assert "RuntimeError: boom for the logging test" in entry["exception"]


def test_log_lines_outside_a_request_are_json_too(log_lines):
    logging.getLogger("credit_portal.test").warning("disk %s", "full", extra={"free_bytes": 0})
    (entry,) = [entry for entry in log_lines() if entry["logger"] == "credit_portal.test"]
    assert entry["message"] == "disk full"
    assert entry["request_id"] == "-"
    assert entry["free_bytes"] == 0
    assert entry["time"].endswith("+00:00")


def test_the_development_servers_request_log_shows_no_raw_socket(log_lines):
    # What `manage.py runserver` logs for each request: its socket travels as the record's `request`.
    with socket.socket() as connection:
        logging.getLogger("django.server").info(
            '"%s" %s %s', "GET / HTTP/1.1", "200", "8311", extra={"request": connection, "status_code": 200}
        )
    (entry,) = [entry for entry in log_lines() if entry["logger"] == "django.server"]
    assert entry["message"] == '"GET / HTTP/1.1" 200 8311'
    assert entry["status_code"] == 200
    assert "request" not in entry and "socket" not in json.dumps(entry)

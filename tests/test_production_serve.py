"""`make serve` starts gunicorn in production mode, and it answers: health, pages, static files, JSON logs."""

import re
import uuid

import pytest

from tests.production import get, json_lines, make_serve, production_env


@pytest.fixture(scope="module")
def server():
    """`make serve` on a free port behind a pretend TLS proxy, on this run's database (as `make test` set it up)."""
    with make_serve(production_env(WEB_CONCURRENCY="2", DJANGO_SECURE_PROXY_SSL_HEADER="1")) as running:
        yield running


def test_make_serve_answers_pages_and_static_files_over_the_proxy(server):
    status, headers, body = get(server.port, "/", **{"X-Forwarded-Proto": "https"})
    assert status == 200, body[:500]
    assert headers["Server"].startswith("gunicorn")
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    # collectstatic ran: pages link hashed files, served compressed with a far-future cache header.
    stylesheet = re.search(rb'href="(/static/css/site\.[0-9a-f]{12}\.css)"', body).group(1).decode()
    status, headers, css = get(server.port, stylesheet, **{"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"})
    assert status == 200 and css
    assert "immutable" in headers["Cache-Control"]
    assert headers.get("Content-Encoding") == "gzip"


def test_plain_http_is_redirected_but_healthz_is_not(server):
    status, headers, _ = get(server.port, "/")
    assert status == 301 and headers["Location"] == "https://portal.example/"
    assert get(server.port, "/healthz")[0] == 200


def test_the_access_log_is_json_with_the_request_id(server):
    request_id = f"serve-{uuid.uuid4().hex}"
    status, headers, _ = get(server.port, "/healthz", **{"X-Request-ID": request_id})
    assert status == 200 and headers["X-Request-ID"] == request_id
    output = server.wait_for_log(request_id)
    entry = next(entry for entry in json_lines(output) if entry.get("request_id") == request_id)
    assert entry["logger"] == "gunicorn.access"
    assert (entry["method"], entry["path"], entry["status"]) == ("GET", "/healthz", 200)
    assert entry["duration_ms"] >= 0


def test_workers_come_from_web_concurrency(server):
    output = server.output()
    assert output.count("Booting worker with pid") == 2
    assert f"Listening at: http://127.0.0.1:{server.port}" in output

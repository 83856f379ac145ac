"""`make serve` starts gunicorn in production mode, and it answers: health, pages, static files, JSON logs."""

import http.client
import os
import re
import signal
import subprocess
import threading
import time
import uuid

import pytest
from django.conf import settings

from tests.production import free_port, json_lines, production_env


def get(port, path, **headers):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"Host": "portal.example", **headers})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


class Server:
    def __init__(self, port, process):
        self.port = port
        self.process = process
        self.lines = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line)

    def output(self):
        return "".join(self.lines)

    def wait_for_log(self, needle, seconds=10):
        deadline = time.monotonic() + seconds
        while needle not in self.output() and time.monotonic() < deadline:
            time.sleep(0.1)
        return self.output()


@pytest.fixture(scope="module")
def server():
    """`make serve` on a free port behind a pretend TLS proxy, on this run's database (as `make test` set it up)."""
    port = free_port()
    env = production_env(PORT=str(port), WEB_CONCURRENCY="2", DJANGO_SECURE_PROXY_SSL_HEADER="1")
    for variable in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL"):
        env.pop(variable, None)
    process = subprocess.Popen(
        ["make", "--no-print-directory", "serve"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    server = Server(port, process)
    try:
        deadline = time.monotonic() + 180
        while True:
            if process.poll() is not None:
                time.sleep(0.2)
                pytest.fail(f"make serve exited with {process.returncode}:\n{server.output()}")
            try:
                if get(port, "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"make serve did not answer /healthz within 180 s:\n{server.output()}")
            time.sleep(0.5)
        yield server
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


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

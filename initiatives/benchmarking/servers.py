"""The servers under test, each on a free loopback port: the portal exactly as `make serve` runs it, and Datasette."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

from initiatives.benchmarking.measure import timed_get

# Production settings behind a TLS-terminating proxy: requests carry X-Forwarded-Proto: https.
PORTAL_HEADERS = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https"}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    name: str
    process: subprocess.Popen
    port: int
    headers: dict
    scratch: str | None = None  # a directory of its own, removed when it stops

    @property
    def pid(self):
        return self.process.pid

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.scratch:
            shutil.rmtree(self.scratch, ignore_errors=True)


def wait_until_answering(server, path, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise CommandError(f"{server.name} exited with {server.process.returncode} before answering.")
        try:
            if timed_get(server.port, path, server.headers, timeout=5)[0] < 500:
                return server
        except OSError:
            time.sleep(0.2)
    server.stop()
    raise CommandError(f"{server.name} did not answer within {seconds} seconds.")


def portal_environment(port, page_cache, workers=None):
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    env.setdefault("DJANGO_SECRET_KEY", "benchmark-" + "x" * 50)
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_PROXY_SSL_HEADER="1",
        HOST="127.0.0.1",
        PORT=str(port),
        GUNICORN_LOG_LEVEL="warning",
        # Its own empty cache: nothing left over from an earlier run or from a `make run` on this checkout.
        CACHE_DIR=tempfile.mkdtemp(prefix="portal-benchmark-cache-"),
    )
    if not page_cache:
        env["PAGE_CACHE_SECONDS"] = "0"
    if workers:
        env["WEB_CONCURRENCY"] = str(workers)
    return env


def start_portal(page_cache=True, workers=None):
    """gunicorn with credit_portal/gunicorn.conf.py, DJANGO_DEBUG=0 and collected static files, as `make serve`."""
    port = free_port()
    env = portal_environment(port, page_cache, workers)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], check=True, env=env, cwd=settings.BASE_DIR
    )
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn) if gunicorn.exists() else "gunicorn", "--config", "credit_portal/gunicorn.conf.py"]
    process = subprocess.Popen(command, env=env, cwd=settings.BASE_DIR, stdout=subprocess.DEVNULL)
    return wait_until_answering(Server("portal", process, port, PORTAL_HEADERS, env["CACHE_DIR"]), "/healthz")


def datasette_command():
    """The datasette executable beside this Python, or on PATH; None when it is not installed."""
    beside = Path(sys.executable).with_name("datasette")
    if beside.exists():
        return str(beside)
    return shutil.which("datasette")


def start_datasette(executable, sqlite_path):
    port = free_port()
    command = [executable, "serve", str(sqlite_path), "--host", "127.0.0.1", "--port", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return wait_until_answering(Server("datasette", process, port, {"Host": "127.0.0.1"}), "/-/versions.json")

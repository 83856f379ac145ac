"""Helpers for the production tests: a production environment for subprocesses, free ports, table dumps."""

import contextlib
import http.client
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

import pytest
from django.conf import settings


def production_env(**overrides):
    """The environment of a production process: DJANGO_DEBUG=0 with a real key, this run's database."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    environment.pop("REDIS_URL", None)
    environment.pop("DATABASE_REPLICA_URL", None)
    environment.update(
        DJANGO_SETTINGS_MODULE="credit_portal.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="portal.example,127.0.0.1",
        PYTHONUNBUFFERED="1",
        # Its own shared cache, apart from the test run's and from a `make run` on this checkout.
        CACHE_DIR=tempfile.mkdtemp(prefix="portal-serve-cache-"),
    )
    environment.update(overrides)
    return environment


def run_python(code, env, timeout=120):
    return subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=timeout
    )


def manage(*args, env, timeout=300):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def json_lines(text):
    """The JSON objects among the lines of a log."""
    entries = []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("{"):
            try:
                entries.append(json.loads(line))
            except json.JSONDecodeError:
                pass
    return entries


def table_dumps(using="default"):
    """Every row of every table, as comparable text: values exactly as the database returns them (repr keeps
    microseconds and decimal places), references by natural key, content types and permissions by natural key."""
    from django.apps import apps
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType
    from django.core import serializers

    from core.backup import DERIVED_MODELS

    dumps = {}
    for model in apps.get_models():
        if model._meta.proxy or model._meta.label in DERIVED_MODELS:
            continue
        rows = model._base_manager.using(using).order_by("pk")
        natural_primary = model in (ContentType, Permission)
        data = serializers.serialize(
            "python", rows, use_natural_foreign_keys=True, use_natural_primary_keys=natural_primary
        )
        if natural_primary:
            for row in data:
                row.pop("pk", None)
            data.sort(key=lambda row: json.dumps(row["fields"], sort_keys=True, default=repr))
        dumps[model._meta.label] = json.dumps(data, sort_keys=True, default=repr, ensure_ascii=False)
    return dumps


def printed(result):
    """What a subprocess printed itself, without the log lines (JSON objects) that apps write at start-up."""
    return [line for line in result.stdout.splitlines() if not line.startswith("{")]


def get(port, path, **headers):
    """One GET to a local server (Host portal.example unless given): status, headers, body."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"Host": "portal.example", **headers})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


class Server:
    """A running `make serve`: its port, its process and everything it printed so far."""

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


@contextlib.contextmanager
def make_serve(env):
    """`make serve` with this environment on a free loopback port, once it answers /healthz; stopped after."""
    port = free_port()
    env = {**env, "PORT": str(port)}
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


@contextlib.contextmanager
def own_postgresql_database():
    """A new, empty PostgreSQL database on the test run's server, as a DATABASE_URL; dropped afterwards."""
    import psycopg

    config = settings.DATABASES["default"]
    name = f"portal_serve_{os.getpid()}_{secrets.token_hex(4)}"
    credentials = config["USER"] + (f":{config['PASSWORD']}" if config["PASSWORD"] else "")
    address = f"{config['HOST'] or '127.0.0.1'}:{config['PORT'] or 5432}"
    admin = psycopg.connect(f"postgresql://{credentials}@{address}/postgres", autocommit=True)
    try:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield f"postgres://{credentials}@{address}/{name}"
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.close()

"""Helpers for the production tests: a production environment for subprocesses, free ports, table dumps."""

import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile

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

    from credit_portal.backup import DERIVED_MODELS

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

"""Production mode refuses to start without a real secret key."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection


def run_settings(**env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import credit_portal.settings"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
    )


def test_production_without_secret_key_refuses_to_start():
    result = run_settings(DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_production_with_weak_secret_key_refuses_to_start():
    result = run_settings(DJANGO_DEBUG="0", DJANGO_SECRET_KEY="short")
    assert result.returncode != 0
    assert "too weak" in result.stderr


def test_production_with_real_secret_key_starts():
    result = run_settings(DJANGO_DEBUG="0", DJANGO_SECRET_KEY="x" * 50, DJANGO_ALLOWED_HOSTS="portal.example")
    assert result.returncode == 0, result.stderr


def test_debug_mode_runs_without_a_secret_key():
    assert run_settings(DJANGO_DEBUG="1").returncode == 0


def test_unsupported_database_url_is_a_clear_error():
    result = run_settings(DATABASE_URL="mysql://root@localhost/portal")
    assert result.returncode != 0
    assert "unsupported scheme" in result.stderr


def test_database_url_selects_postgresql():
    from credit_portal.settings import database_from_url

    database = database_from_url("postgres://user:p%40ss@db.internal:5433/portal?sslmode=require")
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["NAME"], database["USER"], database["PASSWORD"]) == ("portal", "user", "p@ss")
    assert (database["HOST"], database["PORT"]) == ("db.internal", "5433")
    assert database["OPTIONS"] == {"sslmode": "require", "options": "-c jit=off"}


def test_the_url_s_own_connection_options_are_kept_beside_jit_off():
    from credit_portal.settings import database_from_url

    database = database_from_url("postgres://db.internal/portal?options=-c%20statement_timeout%3D5000")
    assert database["OPTIONS"] == {"options": "-c statement_timeout=5000 -c jit=off"}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="JIT is PostgreSQL's")
@pytest.mark.django_db
def test_the_portal_s_postgresql_connections_run_without_jit():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)

"""The environment variables the settings read, as Python values: flags, numbers, lists, text, a moment, and
DATABASE_URL as a DATABASES entry. An unset or empty variable gives the default; a malformed one stops the start
with a message naming it."""

import datetime
import os
import zoneinfo
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def envint(name, default):
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


def envlist(name, default):
    value = os.environ.get(name, "")
    return [item.strip() for item in value.split(",") if item.strip()] or default


def envstr(name, default):
    value = os.environ.get(name, "")
    return value.strip() or default


def database_from_url(url):
    """Turn DATABASE_URL into a Django DATABASES entry (SQLite or PostgreSQL)."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        # sqlite:///relative.sqlite3 or sqlite:////absolute/path.sqlite3
        path = unquote(parts.path[1:]) if parts.path.startswith("/") else parts.path
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": BASE_DIR / path if path else BASE_DIR / "portal.sqlite3",
            # A new SQLite connection reads the whole schema on its first query (about 1 ms, more than a cached
            # page's own work): each worker thread keeps its connection, as with PostgreSQL.
            "CONN_MAX_AGE": envint("DATABASE_CONN_MAX_AGE", 60),
        }
    if parts.scheme in ("postgres", "postgresql", "pgsql"):
        options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        # Every connection runs without JIT compilation: the planner overestimates some of the portal's short page
        # reads at 300,000 initiatives and compiled them for 40-340 ms, to run them in 1-11 ms (docs/performance.md).
        options["options"] = " ".join(filter(None, (options.get("options", ""), "-c jit=off")))
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "CONN_MAX_AGE": envint("DATABASE_CONN_MAX_AGE", 60),
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": options,
        }
    raise ImproperlyConfigured(
        f"DATABASE_URL has an unsupported scheme {parts.scheme!r}: use sqlite:/// or postgres://"
    )


def envdatetime(name, time_zone):
    value = os.environ.get(name, "").strip()
    if not value:
        return None
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be an ISO 8601 date and time, e.g. 2026-01-15T09:00+08:00") from error
    return moment if moment.tzinfo else moment.replace(tzinfo=zoneinfo.ZoneInfo(time_zone))

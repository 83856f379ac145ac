"""Production settings: `check --deploy` is clean, and the security headers are on real responses."""

import json

import pytest
from django.test import Client

from tests.production import manage, production_env, run_python


def test_check_deploy_is_clean_in_production():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert result.stderr == ""


def test_check_deploy_warns_when_https_is_switched_off():
    """The same check does catch an insecure configuration (here a laptop serving plain HTTP)."""
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env(DJANGO_HTTPS="0"))
    assert result.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr


SETTING_NAMES = [
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "CSRF_TRUSTED_ORIGINS",
    "CACHES",
    "DATABASES",
    "DATABASE_ROUTERS",
]


def production_settings(**env):
    """The settings a production process computes from `env`."""
    code = (
        "import json; from credit_portal import settings as s;"
        f"print(json.dumps({{name: getattr(s, name, None) for name in {SETTING_NAMES!r}}}, default=str))"
    )
    result = run_python(code, env=production_env(**env))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_defaults_are_https_only():
    values = production_settings()
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] == 31_536_000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is values["SECURE_HSTS_PRELOAD"] is True
    assert values["SESSION_COOKIE_SECURE"] is values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] is None
    assert values["CACHES"]["default"]["BACKEND"].endswith("FileBasedCache")  # shared by every worker


def test_proxy_hsts_and_origins_come_from_the_environment():
    values = production_settings(
        DJANGO_SECURE_PROXY_SSL_HEADER="1",
        DJANGO_SECURE_HSTS_SECONDS="3600",
        DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS="0",
        DJANGO_SECURE_HSTS_PRELOAD="0",
        DJANGO_CSRF_TRUSTED_ORIGINS="https://portal.example, https://www.portal.example",
    )
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["SECURE_HSTS_SECONDS"] == 3600
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is values["SECURE_HSTS_PRELOAD"] is False
    assert values["CSRF_TRUSTED_ORIGINS"] == ["https://portal.example", "https://www.portal.example"]


def test_a_laptop_can_serve_plain_http():
    values = production_settings(DJANGO_HTTPS="0")
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SECURE_HSTS_SECONDS"] == 0
    assert values["SESSION_COOKIE_SECURE"] is False


def test_redis_url_selects_djangos_redis_cache():
    values = production_settings(REDIS_URL="redis://cache.internal:6379/1")
    cache = values["CACHES"]["default"]
    assert cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert cache["LOCATION"] == "redis://cache.internal:6379/1"


def test_postgresql_connections_are_persistent_with_health_checks():
    values = production_settings(DATABASE_URL="postgres://portal@db.internal/portal")
    database = values["DATABASES"]["default"]
    assert database["CONN_MAX_AGE"] == 60
    assert database["CONN_HEALTH_CHECKS"] is True


def test_sqlite_connections_are_persistent_too():
    assert production_settings()["DATABASES"]["default"]["CONN_MAX_AGE"] == 60


def test_a_replica_url_adds_the_replica_and_its_router():
    values = production_settings(
        DATABASE_URL="postgres://portal@db.internal/portal",
        DATABASE_REPLICA_URL="postgres://portal@replica.internal/portal",
    )
    assert values["DATABASES"]["replica"]["HOST"] == "replica.internal"
    assert values["DATABASE_ROUTERS"] == ["credit_portal.routers.PrimaryReplicaRouter"]
    assert production_settings()["DATABASE_ROUTERS"] is None


def csp_directives(header):
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


@pytest.fixture
def https_site(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    return Client()


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/admin/login/", "/healthz"])
def test_security_headers_are_on_every_response(https_site, report_data, path):
    response = https_site.get(path, secure=True)
    assert response.status_code == 200
    policy = csp_directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    every_source = [source for sources in policy.values() for source in sources]
    assert "'unsafe-inline'" not in every_source and "'unsafe-eval'" not in every_source
    # Only keywords: no host, no scheme, no wildcard.
    assert all(source.startswith("'") and source.endswith("'") for source in every_source)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in permissions


@pytest.mark.django_db
def test_admin_exceptions_are_hashes_on_admin_pages_only(client, report_data):
    site = csp_directives(client.get("/")["Content-Security-Policy"])
    admin = csp_directives(client.get("/admin/login/")["Content-Security-Policy"])
    assert "script-src-attr" not in site and "style-src-attr" not in site
    for directive in ("script-src-attr", "style-src-attr"):
        assert admin[directive][0] == "'unsafe-hashes'"
        assert all(source.startswith("'sha256-") for source in admin[directive][1:])
    # Scripts and styles themselves still come from this site only.
    assert "script-src" not in admin and admin["default-src"] == ["'self'"]


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https(https_site, report_data):
    response = https_site.get("/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/"
    assert "Strict-Transport-Security" not in response  # only ever sent over HTTPS


@pytest.mark.django_db
def test_cookies_are_secure_and_http_only(settings, report_data):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    response = Client().get("/admin/login/", secure=True)
    csrf = response.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"]
    assert csrf["samesite"] == "Lax"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/admin/login/"])
def test_pages_have_no_inline_code(admin_client, report_data, path):
    """What the Content-Security-Policy would block: inline scripts, style attributes, event handlers."""
    import re

    html = admin_client.get(path).content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert not re.search(r"<style\b", html)
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+=", html)

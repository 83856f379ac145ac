"""Settings for the social credit portal.

One file for every environment: what differs between a laptop and production
comes from environment variables (docs/deployment.md, "Environment"), read by credit_portal/environment.py.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from credit_portal.environment import (
    BASE_DIR,
    database_from_url,
    envbool,
    envdatetime,
    envint,
    envlist,
    envstr,
)

DEBUG = envbool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Production mode (DJANGO_DEBUG=0) refuses to start "
            "without a real secret key: set DJANGO_SECRET_KEY to a long random string."
        )
    SECRET_KEY = "insecure-development-key-only-for-debug-mode"
elif not DEBUG and (len(SECRET_KEY) < 50 or SECRET_KEY.startswith("insecure")):
    raise ImproperlyConfigured("DJANGO_SECRET_KEY is too weak for production: use at least 50 random characters.")

ALLOWED_HOSTS = envlist("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"] if DEBUG else [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "csp",
    "core",
    "cities",
    "initiatives",
    "votes",
    "intake",
]

MIDDLEWARE = [
    # First, so that every response (redirects and static files too) carries the request id and every log line has it.
    "credit_portal.middleware.RequestIdMiddleware",
    # Before anything reads the path or a parameter: NUL, broken UTF-8, over-long values answer 400 here.
    "credit_portal.bad_input.BadInputMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "credit_portal.middleware.PermissionsPolicyMiddleware",
    "credit_portal.middleware.CrossOriginResourcePolicyMiddleware",
    "credit_portal.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "core.languages.SavedLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Answers 304 to a reader who has the page already (ETag from the body), cached or not.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # After the language is known and the CSRF cookie read, before anything per-reader (core/page_cache.py).
    "core.page_cache.PageCacheMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "credit_portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.page_cache.csrf_placeholder",
                "core.site.site_origin",
            ],
        },
    },
]

WSGI_APPLICATION = "credit_portal.wsgi.application"

DATABASES = {
    "default": database_from_url(os.environ.get("DATABASE_URL", "sqlite:///portal.sqlite3")),
}
# A read replica: reads of the portal's content go there, everything else to the primary (credit_portal/routers.py).
if os.environ.get("DATABASE_REPLICA_URL", "").strip():
    DATABASES["replica"] = database_from_url(os.environ["DATABASE_REPLICA_URL"].strip())
    # Tests run against the primary only; the replica alias then reads the same test database.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["credit_portal.routers.PrimaryReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The figures' covering indexes (INCLUDE columns) serve PostgreSQL's index-only reads; SQLite builds them without
# the included columns, which only matter for speed, so its models.W040 warning says nothing worth acting on.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    SILENCED_SYSTEM_CHECKS = ["models.W040"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hant"
LANGUAGES = [
    ("zh-hant", "繁體中文"),
    ("zh-hans", "简体中文"),
    ("en", "English"),
]
LOCALE_PATHS = [BASE_DIR / "credit_portal" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if envbool("DJANGO_PLAIN_STATIC", False)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        ),
    },
}
# Tests and runserver serve from the finders; production serves collected, hashed files.
WHITENOISE_USE_FINDERS = DEBUG

# Where the source report lives: shared/ beside the project root.
SOURCE_REPORT_PATH = Path(
    os.environ.get("SOURCE_REPORT_PATH", BASE_DIR.parent / "shared" / "source" / "000_368195e95810bc78.txt")
)

# --- Production: HTTPS, security headers, cache, logs (docs/deployment.md) ---

# Behind a reverse proxy that terminates TLS, trust its X-Forwarded-Proto header (and only then: a client
# could send the header itself when nothing strips it).
if envbool("DJANGO_SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The site is served over HTTPS in production; DJANGO_HTTPS=0 serves plain HTTP (a laptop running `make serve`).
HTTPS = envbool("DJANGO_HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = envbool("DJANGO_SECURE_SSL_REDIRECT", HTTPS)
# Load balancers probe plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = envint("DJANGO_SECURE_HSTS_SECONDS", 31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = envbool("DJANGO_SECURE_HSTS_PRELOAD", HTTPS)
SESSION_COOKIE_SECURE = envbool("DJANGO_SECURE_COOKIES", HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
# Scripts take the CSRF token from the form's hidden input, never from the cookie.
CSRF_COOKIE_HTTPONLY = True
CSRF_TRUSTED_ORIGINS = envlist("DJANGO_CSRF_TRUSTED_ORIGINS", [])
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = envstr("DJANGO_REFERRER_POLICY", "same-origin")
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"


# Where readers reach the site, e.g. https://portal.example: every absolute URL the portal writes (canonical
# links, citations, downloads, API bodies) starts with it, never with what a client sent as Host or
# X-Forwarded-Proto, so a cached page cannot carry a forged host, port or scheme. Unset: the first of
# DJANGO_ALLOWED_HOSTS, over HTTPS when the site is (runserver in DEBUG: http://127.0.0.1:8000).
def default_site_origin():
    if DEBUG and not os.environ.get("DJANGO_ALLOWED_HOSTS", "").strip():
        return "http://127.0.0.1:8000"
    host = next((host for host in ALLOWED_HOSTS if not host.startswith((".", "*"))), "localhost")
    return f"{'https' if HTTPS else 'http'}://{host}"


SITE_ORIGIN = envstr("DJANGO_SITE_ORIGIN", "").rstrip("/") or default_site_origin()
if urlsplit(SITE_ORIGIN).scheme not in ("http", "https") or urlsplit(SITE_ORIGIN).path:
    raise ImproperlyConfigured("DJANGO_SITE_ORIGIN must be a scheme and host, e.g. https://portal.example")

# Nothing from another host and no inline code, on every page (Django admin's own pages need no exception).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "object-src": ["'none'"],
    },
}
# Admin add-ons carry a few inline attributes: django-import-export's export form (a "select all" onchange handler,
# two style attributes) and django-reversion-compare's history (one). On admin pages only, exactly these are
# allowed, by hash (credit_portal/middleware.py); no other inline code runs there either.
CONTENT_SECURITY_POLICY_ADMIN = {
    "URL_PREFIX": "/admin/",
    "DIRECTIVES": {
        # onchange="onSelectToggleChange(event)"
        "script-src-attr": ["'unsafe-hashes'", "'sha256-wid4zL8fR53ZYy1ljOepzR77Dn6vWUUxuNnnWWBP3I8='"],
        "style-src-attr": [
            "'unsafe-hashes'",
            "'sha256-mHgUAqxc8GPXM/QhzkHrHujcrQTU9fd6ZjWz+icxKcA='",  # style="padding: 0;"
            "'sha256-+YWRMZ88jMyO7jVlBA52tZADiPobPIUA8LAWee68Fvs='",  # style="font-weight: bold;"
            "'sha256-I/4Jcdrg5KNFrU0X4p2nNmjeGh9aI+9ac0cUllI5SwY='",  # style="visibility:hidden"
        ],
    },
}
CROSS_ORIGIN_RESOURCE_POLICY = envstr("DJANGO_CROSS_ORIGIN_RESOURCE_POLICY", "same-origin")
# Longest path and query parameter (name or value) any page reads; longer ones answer 400 (credit_portal/bad_input.py).
MAX_PATH_LENGTH = 1000
MAX_QUERY_VALUE_LENGTH = 1000
# Browser features the portal never uses, switched off (credit_portal/middleware.py).
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}

# One cache shared by every worker process and kept across restarts: Redis when REDIS_URL is set
# (redis://host:6379/0), which several app servers can share; else files in CACHE_DIR, which every worker of one
# host shares (docs/decisions/shared-cache.md says why files rather than a database table).
if os.environ.get("REDIS_URL", "").strip():
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"].strip(),
            "KEY_PREFIX": envstr("CACHE_KEY_PREFIX", "portal"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": envstr("CACHE_DIR", str(BASE_DIR / "var" / "cache")),
            # Pages × languages × query strings; past this a third of the entries is dropped.
            "OPTIONS": {"MAX_ENTRIES": envint("CACHE_MAX_ENTRIES", 5000)},
        }
    }
# Readers' pages are cached this long at most; any committed data change invalidates them at once. 0 disables.
PAGE_CACHE_SECONDS = envint("PAGE_CACHE_SECONDS", 600)
# The readers' vote cookie: set by the votes, and a page cache bypass (a reader carrying it sees their own votes).
VOTER_COOKIE_NAME = "voter"

# JSON lines on stdout, each with the request id (credit_portal/structured_logging.py); DJANGO_LOG_FORMAT=text
# for a human reading a terminal.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "credit_portal.structured_logging.RequestIdFilter"},
        "client_error": {"()": "credit_portal.structured_logging.ClientErrorFilter"},
    },
    "formatters": {
        "json": {"()": "credit_portal.structured_logging.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": "text" if envstr("DJANGO_LOG_FORMAT", "json") == "text" else "json",
        },
    },
    "root": {"handlers": ["stdout"], "level": envstr("DJANGO_LOG_LEVEL", "INFO").upper()},
    "loggers": {
        # Django's own handlers would print a second, unstructured copy of every error and request.
        "django": {"handlers": ["stdout"], "level": envstr("DJANGO_LOG_LEVEL", "INFO").upper(), "propagate": False},
        # A request for a host not in ALLOWED_HOSTS is a client's mistake (or a scan), answered 400: a warning.
        "django.security.DisallowedHost": {"filters": ["client_error"]},
    },
}

# Readers' votes (votes/voting.py, votes/rate_limit.py; docs/voting.md).
VOTE_RATE_LIMIT = envint("VOTE_RATE_LIMIT", 30)  # vote and withdraw POSTs per client and window
VOTE_RATE_WINDOW_SECONDS = envint("VOTE_RATE_WINDOW_SECONDS", 600)
# Behind a reverse proxy every request comes from the proxy: name the header it sets to the client's
# address (e.g. HTTP_X_FORWARDED_FOR). Only set it when the proxy always sets or appends that header. The vote
# rate limit and the login throttle both read it (core/client_address.py).
CLIENT_ADDRESS_HEADER = envstr("CLIENT_ADDRESS_HEADER", envstr("VOTE_CLIENT_ADDRESS_HEADER", ""))


# When voting opened, as the vote page shows it; unset: the time of the earliest vote.
VOTING_OPENED_AT = envdatetime("VOTING_OPENED_AT", TIME_ZONE)

# --- Editing the data in admin: history and undo, import/export, login throttling (docs/editing.md) ---
INSTALLED_APPS += ["reversion", "reversion_compare", "import_export", "axes", "editing"]
# Axes' middleware turns a locked-out login into its lockout response; it belongs last.
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
AUTHENTICATION_BACKENDS = ["editing.auth.LoginThrottleBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = 5  # the fifth wrong password for one username, or from one address, locks them out
AXES_COOLOFF_TIME = 1  # hour
# Counted per username (an attacker trying many addresses) and per address (many usernames from one address).
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# The client's address as the vote limit sees it, through the proxy's header (CLIENT_ADDRESS_HEADER).
AXES_CLIENT_IP_CALLABLE = "core.client_address.client_address"
# Axes stores the username tried in a varchar(255); a longer one is cut, never an error.
AXES_USERNAME_CALLABLE = "editing.auth.attempted_username"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # no "AXES: BEGIN …" banner on every command; lockouts are still logged
IMPORT_EXPORT_USE_TRANSACTIONS = True
# The largest report text the intake takes as an upload (the present report is 30 kB).
INTAKE_MAX_UPLOAD_BYTES = 1_000_000
# Most rows an admin import takes: a larger file would outlast the worker's timeout (GUNICORN_TIMEOUT, 30 s; a
# checked row takes up to ~90 ms on a busy 2-core server), so the admin refuses it up front and names the command
# that imports it (manage.py import_content).
IMPORT_MAX_ROWS = envint("IMPORT_MAX_ROWS", 200)
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

# --- The JSON API under /api/ (api/): Django REST framework, its OpenAPI document by drf-spectacular ---
INSTALLED_APPS += ["rest_framework", "drf_spectacular", "api"]
REST_FRAMEWORK = {
    # Read-only and anonymous: no session, so no CSRF check and no per-reader answer (the page cache may keep it).
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_FILTER_BACKENDS": ["api.filtering.StrictFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PageNumberPagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Social Credit Innovation Portal API",
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.1.0",
    # The document's examples are real slugs read from the database, which `check --deploy` (run by `make serve`
    # before migrating a new database) must not need; the generated schema is validated by the test suite instead.
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
    "SCHEMA_PATH_PREFIX": "/api",
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "SERVE_INCLUDE_SCHEMA": False,
    # Enums stay inline (no *Enum components); api.schema adds errors, 304s and examples, and closes the objects.
    "POSTPROCESSING_HOOKS": ["api.schema.postprocess"],
    "ENUM_GENERATE_CHOICE_DESCRIPTION": False,
}

"""Whole-page caching for readers, invalidated by every committed change to the data.

Pages are cached per full URL and language under the current content version (cities.ContentVersion), which
is bumped in the same transaction as each save or delete of a content model, so readers see the new number
exactly when the change is committed. The version is read from the database on
every request (one indexed one-row query), so several app servers with their own local caches never serve a
page older than the last committed change.

Writes that send no signal (QuerySet.update(), bulk_create(), bulk_update()) move it on through the content
models' QuerySet (cities/content.py); only raw SQL would have to call bump_version() itself. The API is cached
the same way.

Only anonymous GET responses of 200 that set no cookie and do not vary by cookie are stored, for readers who carry
no per-reader cookie (an editor's session, messages, a voter token): their pages are always rendered afresh.

CSRF tokens are the one per-reader part of a page every reader sees (the vote form). Pages rendered for the cache
hold a placeholder instead of the token (see ``csrf_placeholder``), and every response, fresh or cached, gets the
reader's own token in its place on the way out; CsrfViewMiddleware, outside this one, then sets the reader's cookie.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.middleware.csrf import get_token
from django.utils.cache import has_vary_header
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from cities.votes import COOKIE_NAME as VOTER_COOKIE

CONTENT_MODELS = [
    "cities.Report",
    "cities.Province",
    "cities.City",
    "cities.InnovationModel",
    "cities.Lesson",
    "initiatives.InitiativeCategory",
    "initiatives.Topic",
    "initiatives.MetricKind",
    "initiatives.Initiative",
    "initiatives.Metric",
]
# Requests that carry these cookies see per-reader content and are never served from the cache.
PERSONAL_COOKIES = ("sessionid", "messages", VOTER_COOKIE)
# Stands for the reader's CSRF token in stored pages; letters only, so HTML escaping leaves it as it is.
CSRF_PLACEHOLDER = "pagecacheCsrfTokenPlaceholder"
UNCACHED_PREFIXES = ("/admin/", "/healthz", "/vote/")  # /vote/: the tally moves with every vote


def current_version():
    from cities.models import ContentVersion

    number = ContentVersion.objects.filter(pk=1).values_list("number", flat=True).first()
    return number or 0


def bump_version():
    from cities.models import ContentVersion

    if not ContentVersion.objects.filter(pk=1).update(number=F("number") + 1):
        ContentVersion.objects.get_or_create(pk=1, defaults={"number": 1})


def content_changed(sender, **kwargs):
    # In the writer's own transaction: other requests see the new number exactly when they can see the new data.
    bump_version()


def connect_signals():
    from django.apps import apps

    for label in CONTENT_MODELS:
        model = apps.get_model(label)
        uid = f"page-cache-{label}"
        post_save.connect(content_changed, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(content_changed, sender=model, dispatch_uid=uid + "-delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(content_changed, sender=field.remote_field.through, dispatch_uid=uid + field.name)


def page_key(request, version):
    # Hashed: a URL can be longer than a cache key may be.
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page:{version}:{get_language()}:{path}"


def csrf_placeholder(request):
    """Context processor, listed after Django's own csrf one: pages rendered for the cache get the placeholder."""
    if getattr(request, "renders_for_page_cache", False):
        return {"csrf_token": CSRF_PLACEHOLDER}
    return {}


def fill_csrf_token(request, response):
    """The reader's own token where the page holds the placeholder (get_token marks the cookie to be set)."""
    if response.streaming or CSRF_PLACEHOLDER.encode() not in response.content:
        return response
    response.content = response.content.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode())
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(response.content))
    return response


class PageCacheMiddleware:
    """Serve readers' pages from the cache.

    Sits after LocaleMiddleware, so the key knows the language, and after CsrfViewMiddleware, which reads the
    reader's CSRF cookie before a cached page is filled in and sets it on the way out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Read at most once per request, and only by what needs it (this cache, or a template fragment's key).
        request.content_version = SimpleLazyObject(current_version)
        if not self.may_use_cache(request):
            return self.get_response(request)
        request.renders_for_page_cache = True
        key = page_key(request, request.content_version)
        response = cache.get(key)
        if response is None:
            response = self.get_response(request)
            if self.may_store(response):
                cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        return fill_csrf_token(request, response)

    def may_use_cache(self, request):
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and not any(name in request.COOKIES for name in PERSONAL_COOKIES)
            and not request.path.startswith(UNCACHED_PREFIXES)
            and not request.path.removeprefix("/en").removeprefix("/zh-hans").startswith(UNCACHED_PREFIXES)
        )

    @staticmethod
    def may_store(response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not has_vary_header(response, "Cookie")
            and "private" not in cache_control
            and "no-store" not in cache_control
        )

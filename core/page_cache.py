"""Whole-page caching for readers, invalidated by every committed change to the data.

Pages are cached per full URL and language under the current content version (core.ContentVersion), which
is bumped in the same transaction as each save or delete of a content model, so readers see the new number
exactly when the change is committed. The version is read from the database on
every request (one indexed one-row query), so several app servers with their own local caches never serve a
page older than the last committed change.

Writes that send no signal (QuerySet.update(), bulk_create(), bulk_update()) move it on through the content
models' QuerySet (core/content.py); only raw SQL would have to call bump_version() itself. The API is cached
the same way.

Downloads streamed to the reader (CSV, JSON) are stored too: their chunks are kept as they go out, and once the
last one has gone the whole file is stored as an ordinary response under the same key, if it is no larger than
MAX_STORED_DOWNLOAD_BYTES (a reader who stops half way stores nothing).

Only anonymous GET responses of 200 that set no cookie and do not vary by cookie are stored, for readers who carry
no per-reader cookie (an editor's session, messages, a voter token): their pages are always rendered afresh.

CSRF tokens are the one per-reader part of a page every reader sees (the vote form). Pages rendered for the cache
hold a placeholder instead of the token (see ``csrf_placeholder``), and every response, fresh or cached, gets the
reader's own token in its place on the way out; CsrfViewMiddleware, outside this one, then sets the reader's cookie.
"""

import hashlib

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import has_vary_header, set_response_etag
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from core.content import ContentQuerySet, bump_version, current_version

# Requests that carry these cookies see per-reader content and are never served from the cache.
PERSONAL_COOKIES = ("sessionid", "messages", settings.VOTER_COOKIE_NAME)
# Stands for the reader's CSRF token in stored pages; letters only, so HTML escaping leaves it as it is.
CSRF_PLACEHOLDER = "pagecacheCsrfTokenPlaceholder"
UNCACHED_PREFIXES = ("/admin/", "/healthz", "/vote/")  # /vote/: the tally moves with every vote
# A streamed download larger than this is sent, not stored (the whole file is held in memory while it is stored).
MAX_STORED_DOWNLOAD_BYTES = 8 * 1024 * 1024


def content_changed(sender, **kwargs):
    # In the writer's own transaction: other requests see the new number exactly when they can see the new data.
    bump_version()


def content_models():
    """The published data: every model whose manager writes through ContentQuerySet, whichever app owns it."""
    return [model for model in apps.get_models() if isinstance(model._default_manager.all(), ContentQuerySet)]


def connect_signals():
    for model in content_models():
        uid = f"page-cache-{model._meta.label}"
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


def prepared_for_storing(response):
    """The response as stored: with the ETag ConditionalGetMiddleware would otherwise hash the body for on every hit,
    unless the page holds the CSRF placeholder (each reader's bytes, and so their ETag, are then their own)."""
    response.holds_csrf_placeholder = CSRF_PLACEHOLDER.encode() in response.content
    response.etag_stored = False
    if not response.holds_csrf_placeholder and not response.has_header("ETag"):
        set_response_etag(response)
        response.etag_stored = response.has_header("ETag")
    return response


def fill_csrf_token(request, response):
    """The reader's own token where the page holds the placeholder (get_token marks the cookie to be set)."""
    if response.streaming or not getattr(response, "holds_csrf_placeholder", True):
        return response
    if CSRF_PLACEHOLDER.encode() not in response.content:
        return response
    response.content = response.content.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode())
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(response.content))
    return response


def store_when_sent(key, response, content):
    """The streamed chunks as they go out; after the last one, the whole download is stored as one response."""
    chunks, size = [], 0
    for chunk in content:
        size += len(chunk)
        if chunks is not None and size <= MAX_STORED_DOWNLOAD_BYTES:
            chunks.append(chunk)
        else:
            chunks = None
        yield chunk
    if chunks is not None:
        stored = HttpResponse(b"".join(chunks), status=response.status_code)
        for header, value in response.items():
            stored[header] = value
        cache.set(key, prepared_for_storing(stored), settings.PAGE_CACHE_SECONDS)


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
        if response is not None and request.method == "HEAD" and getattr(response, "etag_stored", False):
            del response["ETag"]  # as ConditionalGetMiddleware, which gives no ETag to a HEAD request
        if response is None:
            response = self.get_response(request)
            if self.may_store(response):
                if response.streaming:
                    response.streaming_content = store_when_sent(key, response, response.streaming_content)
                else:
                    cache.set(key, prepared_for_storing(response), settings.PAGE_CACHE_SECONDS)
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
            and not response.cookies
            and not has_vary_header(response, "Cookie")
            and "private" not in cache_control
            and "no-store" not in cache_control
        )

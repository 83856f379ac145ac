"""Whole-page caching for readers, invalidated by every committed change to the data.

Pages are cached per full URL and language under the current content version (cities.ContentVersion), which
is bumped in the same transaction as each save or delete of a content model, so readers see the new number
exactly when the change is committed. The version is read from the database on
every request (one indexed one-row query), so several app servers with their own local caches never serve a
page older than the last committed change.

Writes that send no signal (QuerySet.update(), bulk_create) must call bump_version() themselves; the portal's
own code does (initiatives/synthetic.py). The API (/api/) stays outside this cache: its ETag is a hash of the
body, which stays right even after such a write.

Only anonymous, cookie-free GET responses of 200 that set no cookie and do not vary by cookie are stored: a
page with a reader's own state (votes, CSRF tokens, messages, an editor's session) is always rendered afresh.
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.cache import has_vary_header
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

CONTENT_MODELS = [
    "cities.Report",
    "cities.Province",
    "cities.City",
    "cities.InnovationModel",
    "cities.Lesson",
    "initiatives.InitiativeCategory",
    "initiatives.MetricKind",
    "initiatives.Initiative",
    "initiatives.Metric",
]
# Requests that carry these cookies see per-reader content and are never served from the cache.
PERSONAL_COOKIES = ("sessionid", "messages")
UNCACHED_PREFIXES = ("/admin/", "/api/", "/healthz", "/vote/")


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
    return f"page:{version}:{get_language()}:{request.get_full_path()}"


class PageCacheMiddleware:
    """Serve readers' pages from the cache; sits after LocaleMiddleware so the key knows the language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Read at most once per request, and only by what needs it (this cache, or a template fragment's key).
        request.content_version = SimpleLazyObject(current_version)
        if not self.may_use_cache(request):
            return self.get_response(request)
        key = page_key(request, request.content_version)
        cached = cache.get(key)
        if cached is not None:
            return cached
        response = self.get_response(request)
        if self.may_store(response):
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        return response

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

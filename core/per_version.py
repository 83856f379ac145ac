"""What is the same for every reader until the data changes, computed once per content version.

A value kept here is stored in the shared cache under the content version the request read (core/page_cache.py),
which every committed write moves on in its own transaction: after an edit the next reader computes it again, and
no reader ever sees one older than the data. Without a request (a management command, a test calling a function
directly) the value is computed every time.
"""

from django.core.cache import cache

# How long a value may stay unread; a change to the data makes it unreachable at once, whatever is left of this.
SECONDS = 600


def request_version(request):
    """The content version the page cache read for this request, or None outside one (read once, when needed)."""
    return getattr(request, "content_version", None)


def per_version(request, name, compute):
    """compute(), kept under the request's content version and `name` (which must say everything it depends on)."""
    return kept(request_version(request), name, compute)


def kept(version, name, compute):
    """compute(), kept under this content version and `name`; computed every time when the version is None."""
    if version is None:
        return compute()
    key = f"per-version:{version}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, SECONDS)
    return value

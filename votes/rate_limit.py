"""Per-client rate limiting of vote requests, kept only in the cache.

A client is its network address, reduced to a keyed hash before it reaches the cache (the address is
never stored anywhere). The count is per fixed window and incremented atomically (cache.add + cache.incr
are atomic on local memory and on Redis), so concurrent requests cannot slip past the limit.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

ADDRESS_SALT = "cities.rate_limit.client-address"


def client_address(request):
    """The client's address: REMOTE_ADDR, or the last hop of a header a trusted proxy sets (a setting)."""
    header = getattr(settings, "VOTE_CLIENT_ADDRESS_HEADER", "")
    if header:
        forwarded = request.META.get(header, "")
        # The last entry is the one the proxy in front of us added; earlier ones are the client's to forge.
        last_hop = forwarded.rsplit(",", 1)[-1].strip()
        if last_hop:
            return last_hop
    return request.META.get("REMOTE_ADDR", "")


def client_key(request, scope):
    address_hash = salted_hmac(ADDRESS_SALT, client_address(request), algorithm="sha256").hexdigest()[:32]
    window = settings.VOTE_RATE_WINDOW_SECONDS
    return f"rate:{scope}:{address_hash}:{int(time.time() // window)}", window


def hit(request, scope, limit):
    """Count one request of this client; True while the client is within `limit` per window."""
    key, window = client_key(request, scope)
    if cache.add(key, 1, timeout=window + 1):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # the window expired between add and incr
            cache.add(key, 1, timeout=window + 1)
            count = 1
    return count <= limit


def retry_after(request):
    """Seconds until the current window ends."""
    window = settings.VOTE_RATE_WINDOW_SECONDS
    return int(window - time.time() % window) + 1

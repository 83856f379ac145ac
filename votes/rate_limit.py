"""Per-client rate limiting of vote requests, counted in the database.

A client is its network address (core.client_address), reduced to a keyed hash before it is stored (the
address itself is never stored). The count is per fixed window, in one row (votes.RateCount) that every worker
process and app server increments with an atomic UPDATE: a per-process cache would let each worker grant the
limit again, and the database is the one thing all of them share without further configuration.
"""

import datetime
import time

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

from core.client_address import client_address
from votes.models import RateCount

ADDRESS_SALT = "cities.rate_limit.client-address"


def client_key(request, scope):
    address_hash = salted_hmac(ADDRESS_SALT, client_address(request), algorithm="sha256").hexdigest()[:32]
    window = settings.VOTE_RATE_WINDOW_SECONDS
    return f"rate:{scope}:{address_hash}:{int(time.time() // window)}", window


def hit(request, scope, limit):
    """Count one request of this client; True while the client is within `limit` per window."""
    key, window = client_key(request, scope)
    with transaction.atomic():
        # The UPDATE locks the row until commit: concurrent requests are counted one after another.
        if not RateCount.objects.filter(key=key).update(count=F("count") + 1):
            now = timezone.now()
            try:
                with transaction.atomic():
                    RateCount.objects.create(key=key, count=1, expires_at=now + datetime.timedelta(seconds=window))
            except IntegrityError:  # another request created this window's row first
                RateCount.objects.filter(key=key).update(count=F("count") + 1)
            else:
                # A new window: earlier windows' rows are no longer needed.
                RateCount.objects.filter(expires_at__lt=now).delete()
        count = RateCount.objects.filter(key=key).values_list("count", flat=True).get()
    return count <= limit


def retry_after(request):
    """Seconds until the current window ends."""
    window = settings.VOTE_RATE_WINDOW_SECONDS
    return int(window - time.time() % window) + 1

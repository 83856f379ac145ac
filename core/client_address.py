"""The client's network address, as the vote rate limit and the login throttle both see it.

Behind a reverse proxy every request comes from the proxy: CLIENT_ADDRESS_HEADER names the header the proxy sets
or appends the client's address to (e.g. HTTP_X_FORWARDED_FOR), and its last entry is taken, the one the proxy in
front of us wrote; earlier entries are the client's to forge. Unset, the address is REMOTE_ADDR.
"""

from django.conf import settings


def client_address(request):
    header = settings.CLIENT_ADDRESS_HEADER
    if header:
        last_hop = request.META.get(header, "").rsplit(",", 1)[-1].strip()
        if last_hop:
            return last_hop
    return request.META.get("REMOTE_ADDR", "")

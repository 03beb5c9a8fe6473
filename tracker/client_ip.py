"""The client's address for login throttling (django-axes' AXES_CLIENT_IP_CALLABLE).

Directly on the internet, it is REMOTE_ADDR. Behind a TLS-terminating proxy or load balancer
(DJANGO_BEHIND_PROXY=true) REMOTE_ADDR is the proxy's own address for every user, so throttling
by it locked a known username out for everyone (issue #17). There, the client is read from
X-Forwarded-For, to which each proxy appends the address it received the request from: with
DJANGO_TRUSTED_PROXY_COUNT proxies of our own in front of the app, the client is that many
entries from the right. Entries further left were written by the client and can be forged, so
they are never used. A header with fewer entries than trusted proxies, or an entry that is not
an IP address, falls back to REMOTE_ADDR.
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if not count:
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [h for h in hops if h]
    if len(hops) < count:
        return remote
    candidate = hops[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote

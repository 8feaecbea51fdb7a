"""The visitor's network address, for rate limits, lockouts and the audit trail.

Behind a reverse proxy every request comes from the proxy's address, so the visitors would share
one rate limit. With PEKSOS_PROXY_COUNT set to the number of proxies in front of the application
(each appending the address it saw to X-Forwarded-For, as nginx's $proxy_add_x_forwarded_for
does), the address is the one the outermost proxy saw; whatever stands further left was written
by the visitor and is not believed.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def client_address(request) -> str | None:
    if request is None:
        return None
    remote = request.META.get("REMOTE_ADDR") or None
    count = settings.PEKSOS_PROXY_COUNT
    if not count:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < count:
        return remote
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote

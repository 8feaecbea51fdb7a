"""The one place a webhook leaves Peksos: tests replace `post` (the boundary), nothing else."""

import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


class DeliveryFailed(Exception):
    """The subscriber's address did not take the webhook: no answer, or an answer other than 2xx."""

    def __init__(self, message: str, status_code: int | None = None):
        super().__init__(message)
        self.status_code = status_code


def allowed(url: str) -> bool:
    """An https address; in the demo (PEKSOS_WEBHOOK_LOOPBACK_HTTP) also plain http to this
    machine, so that a local test receiver can take the demo's alerts. Nothing else."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return False
    if not host:
        return False
    if parts.scheme == "https":
        return True
    return parts.scheme == "http" and host in LOOPBACK_HOSTS and bool(getattr(settings, "PEKSOS_WEBHOOK_LOOPBACK_HTTP", False))


def post(url: str, body: bytes, headers: dict[str, str], timeout: float = 10.0) -> int:
    """POST `body`; the answer's status code when it is 2xx, else DeliveryFailed."""
    if not allowed(url):
        raise DeliveryFailed("not an https address")
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310 (checked by allowed())
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        raise DeliveryFailed(f"HTTP {error.code}", error.code) from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise DeliveryFailed(str(getattr(error, "reason", error))[:250]) from None

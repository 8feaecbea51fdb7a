"""Rate limits for public pages (django-ratelimit). With REDIS_URL the limits are shared by all
workers; without it each process counts on its own (fine for one small server)."""

from functools import wraps

from django.shortcuts import render
from django_ratelimit.core import is_ratelimited


def public_rate_limit(group: str, rate: str = "120/m"):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if is_ratelimited(request, group=group, key="ip", rate=rate, increment=True):
                response = render(request, "core/rate_limited.html", status=429)
                response["Retry-After"] = "60"
                return response
            return view(request, *args, **kwargs)

        return wrapped

    return decorator

"""Reuse the rendering of a public page whose content has not changed.

The page's data are still read live on every request; what is reused is only the HTML made from
exactly the same data (the caller's `content_key`), the same language and the same address. The
CSRF token of the page (the language switch) is put in per visitor, so forms keep working.
Signed-in visitors and visitors with pending messages always get a fresh rendering.
"""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.translation import get_language

CSRF_PLACEHOLDER = "__peksos_csrf_token__"
TIMEOUT_SECONDS = 3600


def render_public(request: HttpRequest, template: str, context: dict, *, content_key: str, status: int = 200) -> HttpResponse:
    if request.user.is_authenticated or len(messages.get_messages(request)):
        return HttpResponse(render_to_string(template, context, request), status=status)
    parts = f"{template}|{content_key}|{get_language()}|{request.get_full_path()}"
    key = "public-page:" + hashlib.blake2b(parts.encode(), digest_size=16).hexdigest()
    body = cache.get(key)
    if body is None:
        # The view's context outranks the context processors, so the page is rendered with a
        # placeholder where the token goes.
        body = render_to_string(template, {**context, "csrf_token": CSRF_PLACEHOLDER}, request)
        cache.set(key, body, TIMEOUT_SECONDS)
    return HttpResponse(body.replace(CSRF_PLACEHOLDER, get_token(request)), status=status)

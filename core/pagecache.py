"""Reuse the rendering of a public page whose content has not changed.

The page's data are still read live on every request; what is reused is only the HTML made from
exactly the same data (the caller's `content_key`), the same language and the same address. A
page with a form that needs a CSRF token gets each visitor's own token put in; a page without one
sets no cookie. Signed-in visitors and visitors with pending messages always get a fresh rendering.

The renderings are kept in each process's memory, not in the shared cache: a rendering is only
ever used for the same content, so there is nothing to keep in step between processes, and a
look-up in a dict costs a fraction of a trip to Redis (or of unpickling from Django's local cache).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.translation import get_language

CSRF_PLACEHOLDER = "__peksos_csrf_token__"
CSRF_PLACEHOLDER_BYTES = CSRF_PLACEHOLDER.encode()
MAX_PAGES = 2000  # about 12 MB of HTML per process at 6 KB a page
T = TypeVar("T")


class RenderingStore:
    """The most recently used renderings, at most `size` of them."""

    def __init__(self, size: int):
        self.size, self._lock = size, threading.Lock()
        self._pages: OrderedDict[object, bytes] = OrderedDict()

    def get(self, key: object) -> bytes | None:
        with self._lock:
            body = self._pages.get(key)
            if body is not None:
                self._pages.move_to_end(key)
            return body

    def put(self, key: object, body: bytes) -> None:
        with self._lock:
            self._pages[key] = body
            self._pages.move_to_end(key)
            while len(self._pages) > self.size:
                self._pages.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()


renderings = RenderingStore(MAX_PAGES)


def _store_key(content_key: object) -> object:
    key = (content_key, get_language())
    try:
        hash(key)
    except TypeError:
        # Values that cannot be hashed (JSON that PostgreSQL's driver hands back decoded): their
        # exact repr stands for them.
        return hashlib.blake2b(repr(key).encode(), digest_size=16).digest()
    # The values themselves: a dict compares them whole, and hashing a row's few values costs
    # less than writing out and digesting its repr on every request.
    return key


def reuse(content_key: object, render: Callable[[], bytes]) -> bytes:
    """The bytes `render()` made for the same `content_key` in the current language, or a new
    rendering. For public answers that are the same for every visitor (the public API's JSON);
    `content_key` as for render_public."""
    key = _store_key(content_key)
    body = renderings.get(key)
    if body is None:
        body = render()
        renderings.put(key, body)
    return body


def read_once(request: HttpRequest, name: str, key: object, read: Callable[[], T]) -> T:
    """`read()` for `key`, done once per request: a public look-up is first tried by the
    middleware that answers reused pages (portal/public_path.py) and, when it has no answer to
    reuse, by its view, which draws the answer from the same read."""
    done = request.__dict__.setdefault("_peksos_reads", {})
    if (name, key) not in done:
        done[(name, key)] = read()
    return done[(name, key)]


def reused(content_key: object) -> bytes | None:
    """The rendering `reuse` already made for `content_key` in the current language, if any."""
    return renderings.get(_store_key(content_key))


def without_session_or_messages(request: HttpRequest) -> bool:
    """A visitor with neither a session cookie nor a messages cookie: not signed in, no messages
    waiting, so the same public page as every other such visitor."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and CookieStorage.cookie_name not in cookies


def _may_see_a_personal_page(request: HttpRequest) -> bool:
    """Only with a session or a messages cookie is it worth asking who the visitor is."""
    if without_session_or_messages(request):
        return False
    return request.user.is_authenticated or bool(len(messages.get_messages(request)))


def _page_key(request: HttpRequest, template: str, content_key: object) -> tuple:
    # The address as it came (path and query string) determines request.get_full_path().
    return (template, content_key, f"{request.path}?{request.META.get('QUERY_STRING', '')}")


def reused_public(request: HttpRequest, template: str, *, content_key: object) -> bytes | None:
    """What render_public would answer a visitor without session or messages, when that page is
    already rendered and needs nothing of this visitor (no CSRF token); else None."""
    if not without_session_or_messages(request):
        return None
    body = reused(_page_key(request, template, content_key))
    if body is None or CSRF_PLACEHOLDER_BYTES in body:
        return None
    return body


def render_public(
    request: HttpRequest, template: str, context: dict | Callable[[], dict], *, content_key: object, status: int = 200
) -> HttpResponse:
    """`content_key`: everything the page shows, as the database gave it (strings, numbers,
    dates, tuples of them; decoded JSON, which is told apart by its exact repr). Two keys stand
    for the same page when they are equal. `context` may be a function, called only when the
    page has to be rendered."""
    if _may_see_a_personal_page(request):
        return HttpResponse(render_to_string(template, context() if callable(context) else context, request), status=status)

    def render() -> bytes:
        # The view's context outranks the context processors, so the page is rendered with a
        # placeholder where a CSRF token would go.
        page_context = context() if callable(context) else context
        return render_to_string(template, {**page_context, "csrf_token": CSRF_PLACEHOLDER}, request).encode()

    body = reuse(_page_key(request, template, content_key), render)
    if CSRF_PLACEHOLDER_BYTES in body:
        body = body.replace(CSRF_PLACEHOLDER_BYTES, get_token(request).encode())
    return HttpResponse(body, status=status)

"""The staff menu. Each domain app registers its entries in its AppConfig.ready(); core knows
nothing about the apps above it."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class MenuEntry:
    label: str
    url_name: str
    allowed: Callable  # user -> bool
    group: str = ""
    order: int = 100


_ENTRIES: list[MenuEntry] = []


def register(entry: MenuEntry) -> None:
    if entry not in _ENTRIES:
        _ENTRIES.append(entry)


def staff_menu(user) -> list[dict]:
    if not user.is_authenticated:
        return []
    return [
        {"label": e.label, "url": reverse(e.url_name), "group": e.group}
        for e in sorted(_ENTRIES, key=lambda e: (e.order, str(e.label)))
        if e.allowed(user)
    ]


# What needs a user's attention on their dashboard (e.g. a rule missing for the coming period):
# each app registers a source, `source(user) -> [{"text": ..., "url": ...}]`, that asks the
# policy itself whether the user is the one to act.
_NOTICE_SOURCES: list[Callable] = []


def register_notices(source: Callable) -> None:
    if source not in _NOTICE_SOURCES:
        _NOTICE_SOURCES.append(source)


def notices(user) -> list[dict]:
    if not user.is_authenticated:
        return []
    return [notice for source in _NOTICE_SOURCES for notice in source(user)]

"""Each domain app contributes what it holds about a person, so that a data-subject request
(UU 27/2022 Pasal 32: access; Pasal 43-44: erasure) covers everything without accounts
importing the apps above it.

    from core import personal_data
    personal_data.register_section("registry", export=export_person, erase=anonymise_person)

`export(user) -> dict | None` returns JSON-safe data (None when the app holds nothing);
`erase(user, actor) -> str` anonymises what the law lets go and returns a one-line summary of
what was done and what was kept (issued credentials stay verifiable without personal data).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    name: str
    export: Callable
    erase: Callable | None = None


_SECTIONS: dict[str, Section] = {}


def register_section(name: str, *, export: Callable, erase: Callable | None = None) -> None:
    _SECTIONS[name] = Section(name, export, erase)


def sections() -> list[Section]:
    return list(_SECTIONS.values())

"""The bounds of every number a visitor can put in an address or a request body, in one place.

A number past what a database column holds (page=10^20 becomes an OFFSET past 2^63) raises
OverflowError on SQLite and DataError on PostgreSQL; a body nested thousands deep exhausts the
JSON parser's recursion. The API declares its numbers with the types below (ninja answers 422
naming the parameter); views read them through `bounded_int`; bodies go through `loads_json`.
"""

import json
import re
from typing import Annotated

from django.utils.translation import gettext as _
from pydantic import Field

from .errors import BadParameter

# No list is browsed a hundred thousand pages deep; a deeper OFFSET only makes the database skip rows.
MAX_PAGE = 100_000
MAX_OFFSET = 5_000_000
# Primary keys are BigAutoField: a signed 64-bit integer in SQLite and PostgreSQL alike.
MAX_ID = 2**63 - 1
# The deepest body Peksos reads is two levels (scores by indicator); JSON allows any depth.
MAX_JSON_DEPTH = 32

PageNumber = Annotated[int, Field(ge=1, le=MAX_PAGE)]
Offset = Annotated[int, Field(ge=0, le=MAX_OFFSET)]
RecordId = Annotated[int, Field(ge=1, le=MAX_ID)]


def bounded_int(raw, *, default: int, low: int, high: int, message: str) -> int:
    """A whole number read from a view's query string: missing or not a number gives `default`
    (as links and forms always send numbers, that is a hand-edited address), below `low` gives
    `low`, above `high` is refused with `message` (a number that large reaches no row)."""
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return default
    if number > high:
        raise BadParameter(message)
    return max(low, number)


def page_number(raw) -> int:
    return bounded_int(
        raw or 1,
        default=1,
        low=1,
        high=MAX_PAGE,
        message=_("The page number must be a whole number from 1 to %(max)s.") % {"max": MAX_PAGE},
    )


_ESCAPE = re.compile(rb"\\.", re.DOTALL)
_STRING = re.compile(rb'"[^"]*"')
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


def too_deep(body: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether a JSON text nests arrays and objects deeper than `limit`, found without parsing
    it (parsing is what recursion exhausts). Each step is a linear pass in C: escapes and strings
    removed, only brackets kept, then innermost pairs removed level by level."""
    if body.count(b"[") + body.count(b"{") <= limit:
        return False
    brackets = _STRING.sub(b"", _ESCAPE.sub(b"", body)).translate(None, _NOT_BRACKETS)
    brackets = brackets.replace(b"{", b"[").replace(b"}", b"]")
    levels = 0
    while b"[]" in brackets:
        levels += 1
        if levels > limit:
            return True
        brackets = brackets.replace(b"[]", b"")
    # What is left is unmatched (not valid JSON), but a parser still descends into its openers.
    return levels + brackets.count(b"[") > limit


def loads_json(body: bytes | str):
    """json.loads for a request body, refusing a body nested deeper than MAX_JSON_DEPTH first."""
    raw = body.encode() if isinstance(body, str) else body
    if too_deep(raw):
        raise BadParameter(_("The request body is nested too deeply."))
    return json.loads(raw)

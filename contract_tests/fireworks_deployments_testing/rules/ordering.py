"""``orderBy``: comma-separated scalar field paths, each optionally followed by `` desc``.

The default is ``create_time``; ties are always broken by the deployment id
(equivalently by ``name`` within one account). An omitted field sorts as its
zero value.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from . import fields as _fields
from .errors import InvalidArgument

__all__ = ["Ordering", "parse_order_by", "DEFAULT_ORDER"]


@functools.total_ordering
class _Desc:
    __slots__ = ("v",)

    def __init__(self, v: Any):
        self.v = v

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Desc) and self.v == other.v

    def __lt__(self, other: _Desc) -> bool:
        return bool(other.v < self.v)

    def __hash__(self) -> int:
        return hash(self.v)


@dataclass(frozen=True)
class Ordering:
    terms: tuple[tuple[str, Any, bool], ...]  # (json key, zero value, descending)

    @property
    def is_default(self) -> bool:
        return self.terms == DEFAULT_ORDER.terms

    def values(self, data: dict[str, Any], deployment_id: str) -> list[Any]:
        """The raw sort values (JSON-serialisable; what a page token stores)."""
        return [data.get(key, zero) for key, zero, _ in self.terms] + [deployment_id]

    def key(self, values: list[Any]) -> tuple[Any, ...]:
        """A comparable key from :meth:`values`."""
        parts = [(_Desc(v) if desc else v) for v, (_, _, desc) in zip(values, self.terms, strict=False)]
        return (*parts, values[-1])


def parse_order_by(text: str | None) -> Ordering:
    if text is None or not text.strip():
        return DEFAULT_ORDER
    terms = []
    for raw in text.split(","):
        words = raw.split()
        if not words:
            raise InvalidArgument(f"orderBy: empty field path in {text!r}")
        if len(words) > 2 or (len(words) == 2 and words[1] not in ("desc", "asc")):
            raise InvalidArgument(f"orderBy: {raw.strip()!r} is not 'field' or 'field desc'")
        field = _fields.lookup(words[0])
        if field is None:
            raise InvalidArgument(f"orderBy: unknown field {words[0]!r}")
        if not field.scalar:
            raise InvalidArgument(f"orderBy: field {words[0]!r} is not a scalar field")
        terms.append((field.json_name, field.zero, len(words) == 2 and words[1] == "desc"))
    return Ordering(tuple(terms))


DEFAULT_ORDER = Ordering((("createTime", "", False),))

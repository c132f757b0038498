"""``readMask`` and ``updateMask``: comma-separated field paths in either spelling."""

from __future__ import annotations

from typing import Any

from . import fields as _fields
from .errors import InvalidArgument

__all__ = ["ReadMask", "parse_read_mask", "parse_update_mask", "ALWAYS_RETURNED"]

# `name` is always returned (spec); baseModel too, because the response schema requires it.
ALWAYS_RETURNED = ("name", "baseModel")

ReadMask = tuple[tuple[str, ...], ...] | None


def _paths(text: str) -> list[str]:
    return [p.strip() for p in text.split(",")]


def parse_read_mask(text: str | None) -> ReadMask:
    """None for "every field" (absent, empty or ``*``), else the JSON key paths."""
    if text is None or text.strip() in ("", "*"):
        return None
    result = []
    for path in _paths(text):
        if not path:
            raise InvalidArgument(f"readMask: empty field path in {text!r}")
        try:
            result.append(_fields.resolve_path(path))
        except _fields.FieldPathError:
            raise InvalidArgument(f"readMask: unknown field path {path!r}") from None
    return tuple(result)


def apply_read_mask(data: dict[str, Any], mask: ReadMask) -> dict[str, Any]:
    if mask is None:
        return data
    out: dict[str, Any] = {k: data[k] for k in ALWAYS_RETURNED if k in data}
    for path in mask:
        _copy_path(data, out, path)
    return out


def _copy_path(src: dict[str, Any], dst: dict[str, Any], path: tuple[str, ...]) -> None:
    head = path[0]
    if head not in src:
        return
    if len(path) == 1 or not isinstance(src[head], dict):
        dst[head] = src[head]
        return
    sub = dst.get(head)
    if not isinstance(sub, dict) or sub is src[head]:
        sub = dst[head] = {}
    _copy_path(src[head], sub, path[1:])


def parse_update_mask(text: str | None) -> tuple[str, ...] | None:
    """None without a mask or with an empty one (replace every writable field), else the listed top-level writable JSON keys.

    Output-only fields may be named and are ignored (AIP-203: a server ignores output-only fields in a
    request), so a mask built from a whole resource still works.
    """
    if text is None:
        return None
    stripped = text.strip()
    if stripped == "*":
        return tuple(f.json_name for f in _fields.deployment_fields().values() if not f.read_only)
    if not stripped:
        return None
    result: list[str] = []
    for path in _paths(text):
        field = _fields.lookup(path) if path else None
        if field is None:
            raise InvalidArgument(f"updateMask: unknown field path {path!r}")
        if field.read_only:
            continue
        if field.json_name not in result:
            result.append(field.json_name)
    return tuple(result)

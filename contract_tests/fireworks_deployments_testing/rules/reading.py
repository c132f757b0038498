"""How a request body is read: as a gRPC-gateway server reads protobuf JSON (the spec's ``info.x-decisions``).

Three rules, applied at every nesting level, driven by the spec's schemas:

* unknown keys are discarded (the gateway unmarshals with ``DiscardUnknown``): only declared
  properties of an object survive; map entries are kept, their message values read the same way;
* proto3 zero values mean "unset": a declared field holding the zero of its type (``""``, ``0``,
  ``false``, ``[]``, an empty map, an enum's first value) is dropped, unless the field carries
  ``x-field-presence: explicit`` (a proto3 ``optional`` field, where 0 is a value of its own) or its
  schema refuses that zero (then it is an error, as the schema says); a nested message is never a
  zero value (messages have presence);
* output-only (``readOnly``) fields are ignored (AIP-203): :func:`drop_read_only` clears them.

The reader never rejects anything: what is left is checked against the spec's schema afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .spec import merged, validator_for

__all__ = ["Reader", "reader_for", "read", "drop_read_only", "is_zero"]

_NO_ZERO = object()
_SCALAR_ZERO = {"string": "", "integer": 0, "number": 0, "boolean": False}


@dataclass
class Reader:
    """One schema node compiled for reading: a message (declared fields), a map, a list or a scalar."""

    kind: str  # "message" | "map" | "list" | "scalar"
    fields: dict[str, _Field] = field(default_factory=dict)
    child: Reader | None = None  # map value or list item

    def discard_unknown(self, value: Any) -> Any:
        if self.kind == "message" and isinstance(value, dict):
            return {k: self.fields[k].reader.discard_unknown(v) for k, v in value.items() if k in self.fields}
        if self.kind == "map" and isinstance(value, dict) and self.child is not None:
            return {k: self.child.discard_unknown(v) for k, v in value.items()}
        if self.kind == "list" and isinstance(value, list) and self.child is not None:
            return [self.child.discard_unknown(v) for v in value]
        return value

    def drop_zero(self, value: Any) -> Any:
        if self.kind == "message" and isinstance(value, dict):
            out = {}
            for key, item in value.items():
                f = self.fields.get(key)
                if f is None:
                    out[key] = item
                elif f.explicit or not is_zero(item, f.zero):
                    out[key] = f.reader.drop_zero(item)
            return out
        if self.kind in ("map", "list") and self.child is not None and self.child.kind == "message":
            if isinstance(value, dict):
                return {k: self.child.drop_zero(v) for k, v in value.items()}
            if isinstance(value, list):
                return [self.child.drop_zero(v) for v in value]
        return value

    def drop_read_only(self, value: Any) -> Any:
        if self.kind == "message" and isinstance(value, dict):
            return {
                k: (self.fields[k].reader.drop_read_only(v) if k in self.fields else v)
                for k, v in value.items()
                if k not in self.fields or not self.fields[k].read_only
            }
        if self.kind in ("map", "list") and self.child is not None and self.child.kind == "message":
            if isinstance(value, dict):
                return {k: self.child.drop_read_only(v) for k, v in value.items()}
            if isinstance(value, list):
                return [self.child.drop_read_only(v) for v in value]
        return value

    def unknown_paths(self, value: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
        """The paths of undeclared keys in ``value`` (map keys are data, not fields: never unknown)."""
        found: list[tuple[str, ...]] = []
        if self.kind == "message" and isinstance(value, dict):
            for key, item in value.items():
                f = self.fields.get(key)
                if f is None:
                    found.append((*prefix, key))
                else:
                    found.extend(f.reader.unknown_paths(item, (*prefix, key)))
        elif self.kind == "map" and isinstance(value, dict) and self.child is not None:
            for key, item in value.items():
                found.extend(self.child.unknown_paths(item, (*prefix, key)))
        return found

    def read_only_paths(self, value: Any, prefix: str = "") -> list[str]:
        """The read-only field paths present in ``value`` (for messages naming what was ignored)."""
        found: list[str] = []
        if self.kind == "message" and isinstance(value, dict):
            for key, item in value.items():
                f = self.fields.get(key)
                if f is None:
                    continue
                if f.read_only:
                    found.append(prefix + key)
                else:
                    found.extend(f.reader.read_only_paths(item, f"{prefix}{key}."))
        return found


@dataclass
class _Field:
    reader: Reader
    read_only: bool
    explicit: bool
    zero: Any


def is_zero(value: Any, zero: Any) -> bool:
    """Whether ``value`` is exactly the zero ``zero`` of its declared type (``0`` is not the zero of a string)."""
    if zero is _NO_ZERO:
        return False
    if type(zero) is bool or type(value) is bool:
        return type(value) is type(zero) and value == zero
    if type(zero) is int:
        return type(value) in (int, float) and value == 0
    return type(value) is type(zero) and value == zero


_CACHE: dict[int, tuple[dict[str, Any], Reader]] = {}


def reader_for(schema: dict[str, Any]) -> Reader:
    """The compiled reader of a schema of the spec (memoised by identity; the spec lives as long as the process)."""
    hit = _CACHE.get(id(schema))
    if hit is None or hit[0] is not schema:
        hit = _CACHE[id(schema)] = (schema, _compile(merged(schema), ()))
    return hit[1]


def _compile(schema: dict[str, Any], seen: tuple[int, ...]) -> Reader:
    if id(schema) in seen:  # a recursive schema: read its inner levels as opaque values
        return Reader("scalar")
    seen = (*seen, id(schema))
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        props = schema.get("properties")
        extra = schema.get("additionalProperties")
        if not props and isinstance(extra, dict):
            return Reader("map", child=_compile(merged(extra), seen))
        fields = {}
        for name, node in (props or {}).items():
            target = merged(node)
            fields[name] = _Field(
                reader=_compile(target, seen),
                read_only=bool(node.get("readOnly") or target.get("readOnly")),
                explicit=(node.get("x-field-presence") or target.get("x-field-presence")) == "explicit",
                zero=_droppable_zero(node, target),
            )
        return Reader("message", fields=fields)
    if kind == "array":
        return Reader("list", child=_compile(merged(schema.get("items") or {}), seen))
    return Reader("scalar")


def _droppable_zero(node: dict[str, Any], target: dict[str, Any]) -> Any:
    """The field's zero value when it may be read as "unset": only if its own schema accepts it.

    A zero the schema refuses (``""`` for a Duration or a Timestamp, which are messages in protobuf and
    have no empty form; ``""`` under minLength 1; ``0`` under minimum 1) is an error, not an absence: that
    keeps "valid as sent" and "valid as read" the same question, so the spec alone tells a generic tool
    what is accepted.
    """
    zero = _zero_of(target)
    if zero is _NO_ZERO or not validator_for(node).is_valid(zero):
        return _NO_ZERO
    return zero


def _zero_of(schema: dict[str, Any]) -> Any:
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "array":
        return []
    if kind == "object" and not schema.get("properties") and isinstance(schema.get("additionalProperties"), dict):
        return {}
    return _SCALAR_ZERO.get(kind, _NO_ZERO) if isinstance(kind, str) else _NO_ZERO


def read(body: Any, schema: dict[str, Any]) -> Any:
    """``body`` with unknown keys discarded and zero values dropped, at every level (read-only fields kept)."""
    r = reader_for(schema)
    return r.drop_zero(r.discard_unknown(body))


def drop_read_only(body: Any, schema: dict[str, Any]) -> Any:
    """``body`` without its output-only fields, at every level."""
    return reader_for(schema).drop_read_only(body)

"""The Deployment's fields as the spec describes them, derived once.

Field paths in readMask, updateMask, orderBy and filter may be written in
snake_case or lowerCamelCase; :data:`FIELDS` maps both spellings to the JSON
(camelCase) key. Nothing here is typed by hand: names, read-only-ness, types,
formats and enum values all come from ``components.schemas.Deployment``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from fireworks_deployments_testing.rules.spec import component_schema, merged

__all__ = ["Field", "FieldPathError", "camel_to_snake", "deployment_fields", "lookup", "resolve_path"]

_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def camel_to_snake(name: str) -> str:
    """``replicaCount`` -> ``replica_count``: the kit's one camelCase -> snake_case rule.

    On every identifier of our spec it gives what openapi-python-client's ``snake_case`` gives (and so the
    generated client's names; tests/generated/test_naming.py checks each); the generator also splits acronyms
    (``HTTPServer`` -> ``http_server``, here ``httpserver``) and drops punctuation, which no spec name uses.
    """
    return _CAMEL_BOUNDARY.sub("_", name).lower()


class FieldPathError(ValueError):
    """A field path that names no field (or no allowed field) of the Deployment."""


@dataclass(frozen=True)
class Field:
    json_name: str
    snake_name: str
    schema: dict[str, Any]  # the property schema with its $ref resolved (siblings of the $ref merged)
    read_only: bool
    kind: str  # "string" | "integer" | "number" | "boolean" | "object" | "array"
    enum: tuple[str, ...] | None
    is_timestamp: bool

    @property
    def scalar(self) -> bool:
        return self.kind in ("string", "integer", "number", "boolean")

    @property
    def zero(self) -> Any:
        """The proto3 zero value that an omitted field stands for (used by filter and orderBy)."""
        if self.enum:
            return self.enum[0]
        return {"string": "", "integer": 0, "number": 0.0, "boolean": False}.get(self.kind)


def _field(json_name: str, node: dict[str, Any]) -> Field:
    schema = merged(node)
    kind = schema.get("type", "object")
    enum = tuple(schema["enum"]) if "enum" in schema else None
    return Field(
        json_name=json_name,
        snake_name=camel_to_snake(json_name),
        schema=schema,
        read_only=bool(schema.get("readOnly", False)),
        kind=kind,
        enum=enum,
        is_timestamp=schema.get("format") == "date-time",
    )


@functools.cache
def deployment_fields() -> dict[str, Field]:
    """Top-level Deployment fields by JSON name, in spec order."""
    props = component_schema("Deployment")["properties"]
    return {name: _field(name, node) for name, node in props.items()}


@functools.cache
def _spellings() -> dict[str, str]:
    result: dict[str, str] = {}
    for f in deployment_fields().values():
        result[f.json_name] = f.json_name
        result[f.snake_name] = f.json_name
    return result


def lookup(name: str) -> Field | None:
    """The top-level field named ``name`` in either spelling, or None."""
    json_name = _spellings().get(name.strip())
    return deployment_fields()[json_name] if json_name else None


def resolve_path(path: str) -> tuple[str, ...]:
    """A dotted field path (either spelling per segment) as a tuple of JSON keys; raises FieldPathError."""
    segments = path.strip().split(".")
    field = lookup(segments[0])
    if field is None or not segments[0]:
        raise FieldPathError(path)
    keys = [field.json_name]
    schema = field.schema
    for segment in segments[1:]:
        props = schema.get("properties") or {}
        spelled = {**{k: k for k in props}, **{camel_to_snake(k): k for k in props}}
        key = spelled.get(segment)
        if key is None:
            raise FieldPathError(path)
        keys.append(key)
        schema = merged(props[key])
    return tuple(keys)


def _alternation(names: list[str]) -> str:
    spelled: list[str] = []
    for name in names:
        for variant in (name, camel_to_snake(name)):
            if variant not in spelled:
                spelled.append(variant)
    return "(?:" + "|".join(re.escape(v) for v in spelled) + ")"


def _read_mask_path() -> str:
    parts = []
    for f in deployment_fields().values():
        head = _alternation([f.json_name])
        subs = list((f.schema.get("properties") or {}).keys())
        parts.append(head + (r"(?:\." + _alternation(subs) + ")?" if subs else ""))
    return "(?:" + "|".join(parts) + ")"


def _listed(item: str) -> str:
    return rf"^ *(?:{item}(?: *, *{item})*)? *$"


def path_patterns() -> dict[str, str]:
    """The JSON Schema patterns the spec gives readMask, updateMask and orderBy, rebuilt from the Deployment's fields.

    The spec is the source (generic tools read it there); tests compare it with this derivation so the two
    cannot drift apart when a field is added.
    """
    top = _alternation(list(deployment_fields()))
    scalar = _alternation([f.json_name for f in deployment_fields().values() if f.scalar])
    return {
        "readMask": rf"^ *(?:\*|{_read_mask_path()}(?: *, *{_read_mask_path()})*)? *$",
        "updateMask": rf"^ *(?:\*|{top}(?: *, *{top})*)? *$",
        "orderBy": _listed(rf"{scalar}(?: +(?:desc|asc))?"),
    }

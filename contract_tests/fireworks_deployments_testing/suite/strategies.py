"""Hypothesis strategies drawn from the spec's JSON Schemas.

Why our own small builder rather than hypothesis-jsonschema or schemathesis's
internal one: the spec uses a small, fixed subset of JSON Schema, and we need
two views of every schema that neither offers:

* ``request`` view: what a well-behaved client may send. ``readOnly`` properties
  are left out, enums are closed, no unknown keys.
* ``response`` view with ``forward_compat=True``: what a newer server may answer.
  Unknown properties appear on objects and unknown values appear in enums
  (the spec's "Enumerations grow on the server" convention), so a client is
  proven to parse and keep them.

The builder refuses any keyword it does not model (``UnsupportedKeyword``), so a
spec change that uses new JSON Schema features fails loudly here instead of
being silently under-tested. Everything is read from ``fireworks_deployments_testing.rules.spec``;
nothing about the API is written down in this module.
"""

from __future__ import annotations

import datetime as dt
import string
from typing import Any

from hypothesis import strategies as st

from fireworks_deployments_testing.rules.spec import component_schema, resolve, validator_for

__all__ = [
    "UnsupportedKeyword",
    "from_schema",
    "request_body",
    "response_body",
    "parameter_value",
    "unknown_enum_value",
    "UNKNOWN_FIELD_PREFIX",
    "UNKNOWN_ENUM_PREFIX",
    "rfc3339",
]

# Keys of JSON Schema (and OpenAPI) that carry no constraint on the value.
_ANNOTATIONS = frozenset(
    {"description", "title", "examples", "example", "deprecated", "readOnly", "writeOnly", "default", "$comment"}
)
_MODELLED = frozenset(
    {
        "$ref", "type", "enum", "const", "properties", "required", "additionalProperties",
        "minProperties", "maxProperties", "items", "minItems", "maxItems", "pattern",
        "minLength", "maxLength", "format", "minimum", "maximum", "dependentSchemas",
    }
)  # fmt: skip

# Recognisable names for forward-compat additions, so a failure report says at once what they are.
UNKNOWN_FIELD_PREFIX = "futureField"
UNKNOWN_ENUM_PREFIX = "FUTURE_VALUE_"

_MAX_STRING = 40  # keep drawn strings short: length limits are tested by the server layer
_MAP_SIZE = 3


class UnsupportedKeyword(NotImplementedError):
    """The spec uses a JSON Schema keyword this builder does not model."""


def rfc3339(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S") + (
        f".{value.microsecond:06d}Z" if value.microsecond else "Z"
    )


_timestamps = st.datetimes(
    min_value=dt.datetime(1971, 1, 1), max_value=dt.datetime(2199, 12, 31), timezones=st.just(dt.UTC)
).map(rfc3339)

_json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**31), 2**31 - 1),
    st.text(max_size=10),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
)
_json_values = st.recursive(
    _json_scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(string.ascii_letters, max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


def unknown_enum_value(known: list[Any]) -> st.SearchStrategy[str]:
    """A value in the enum's spelling style that the spec does not list."""
    return (
        st.text(string.ascii_uppercase + string.digits + "_", min_size=1, max_size=12)
        .map(lambda s: UNKNOWN_ENUM_PREFIX + s)
        .filter(lambda v: v not in known)
    )


def _check_keywords(schema: dict[str, Any]) -> None:
    # OpenAPI extensions (x-...) never constrain a value.
    unknown = {k for k in schema if not k.startswith("x-")} - _MODELLED - _ANNOTATIONS
    if unknown:
        raise UnsupportedKeyword(f"strategies.from_schema does not model {sorted(unknown)} in {schema!r}")


def _is_read_only(node: dict[str, Any]) -> bool:
    # OpenAPI 3.1 allows readOnly next to a $ref, or on the referenced schema.
    return bool(node.get("readOnly") or resolve(node).get("readOnly"))


def from_schema(
    schema: dict[str, Any], *, mode: str = "response", forward_compat: bool = False
) -> st.SearchStrategy[Any]:
    """Values valid for ``schema`` (``mode`` is ``request`` or ``response``).

    With ``forward_compat`` (response mode only) objects may carry unknown
    properties and enums may carry unknown values; such a value is then valid
    for the spec *plus* the growth the spec announces.
    """
    if mode not in ("request", "response"):
        raise ValueError(mode)
    if forward_compat and mode != "response":
        raise ValueError("forward_compat applies to responses only")
    return _build(schema, mode, forward_compat)


_CACHE: dict[tuple[int, str, bool], tuple[dict[str, Any], st.SearchStrategy[Any]]] = {}


def _build(schema: dict[str, Any], mode: str, fc: bool) -> st.SearchStrategy[Any]:
    """Memoised: the spec's schema dicts live as long as the process, so their id is a stable key."""
    key = (id(schema), mode, fc)
    hit = _CACHE.get(key)
    if hit is None or hit[0] is not schema:
        hit = _CACHE[key] = (schema, _make(schema, mode, fc))
    return hit[1]


def _make(schema: dict[str, Any], mode: str, fc: bool) -> st.SearchStrategy[Any]:
    _check_keywords(schema)
    if "$ref" in schema:
        target = resolve({"$ref": schema["$ref"]})
        siblings = {k: v for k, v in schema.items() if k != "$ref" and k not in _ANNOTATIONS and not k.startswith("x-")}
        if siblings:
            raise UnsupportedKeyword(f"constraints next to $ref: {siblings!r}")
        return st.deferred(lambda: _build(target, mode, fc))
    if "const" in schema:
        return st.just(schema["const"])
    if "enum" in schema:
        values = st.sampled_from(schema["enum"])
        return values | unknown_enum_value(schema["enum"]) if fc else values
    kind = schema.get("type")
    if kind == "object":
        return _object(schema, mode, fc)
    if kind == "array":
        return st.lists(
            _build(schema.get("items", {}), mode, fc),
            min_size=schema.get("minItems", 0),
            max_size=schema.get("maxItems", max(schema.get("minItems", 0), 3)),
        )
    if kind == "string":
        return _string(schema)
    if kind == "integer":
        return st.integers(schema.get("minimum", -(2**31)), schema.get("maximum", 2**31 - 1))
    if kind == "number":
        return st.floats(
            min_value=schema.get("minimum"),
            max_value=schema.get("maximum"),
            allow_nan=False,
            allow_infinity=False,
            width=32,
        )
    if kind == "boolean":
        return st.booleans()
    raise UnsupportedKeyword(f"type {kind!r} in {schema!r}")


def _string(schema: dict[str, Any]) -> st.SearchStrategy[str]:
    lo, hi = schema.get("minLength", 0), schema.get("maxLength", _MAX_STRING)
    if schema.get("format") == "date-time":
        return _timestamps
    if "format" in schema:
        raise UnsupportedKeyword(f"string format {schema['format']!r}")
    if "pattern" in schema:
        return st.from_regex(schema["pattern"], fullmatch=True).filter(lambda s: lo <= len(s) <= hi)
    return st.text(min_size=lo, max_size=min(hi, max(lo, _MAX_STRING)))


def _object(schema: dict[str, Any], mode: str, fc: bool) -> st.SearchStrategy[dict[str, Any]]:
    props: dict[str, Any] = schema.get("properties", {})
    if mode == "request":
        props = {k: v for k, v in props.items() if not _is_read_only(v)}
    required = [k for k in schema.get("required", []) if k in props]
    optional = [k for k in props if k not in required]
    lo, hi = schema.get("minProperties", 0), schema.get("maxProperties")
    extra = schema.get("additionalProperties", True)

    if not props and isinstance(extra, dict):  # a map
        return st.dictionaries(
            st.text(string.ascii_letters + string.digits + "_-", min_size=1, max_size=10),
            _build(extra, mode, fc),
            min_size=lo,
            max_size=hi if hi is not None else _MAP_SIZE,
        )
    if isinstance(extra, dict):
        raise UnsupportedKeyword("properties together with a schema for additionalProperties")

    prop_strategies = {k: _build(v, mode, fc) for k, v in props.items()}
    unknown_fields = st.dictionaries(
        st.text(string.ascii_letters, min_size=1, max_size=8).map(lambda s: UNKNOWN_FIELD_PREFIX + s),
        _json_values,
        max_size=2,
    )

    room_lo = max(lo - len(required), 0)
    room_hi = len(optional) if hi is None else min(len(optional), hi - len(required))
    subsets = (
        st.lists(st.sampled_from(optional), unique=True, min_size=room_lo, max_size=room_hi)
        if optional
        else st.just([])
    )

    @st.composite
    def obj(draw_: st.DrawFn) -> dict[str, Any]:
        chosen = draw_(subsets)
        value = {k: draw_(prop_strategies[k]) for k in [*required, *sorted(chosen, key=optional.index)]}
        # Unknown fields only where the schema leaves room for them (not under maxProperties).
        if fc and extra is not False and hi is None:
            unknown = draw_(unknown_fields)
            value.update({k: v for k, v in unknown.items() if k not in props})
        return value

    dependent = schema.get("dependentSchemas")
    if dependent:  # e.g. placement's one-of: draw freely, keep the objects the rule accepts
        rule = validator_for({"dependentSchemas": dependent})
        return obj().filter(rule.is_valid)
    return obj()


# --- the spec's own shapes ------------------------------------------------------------------------


def _schema_of(node: dict[str, Any] | None) -> dict[str, Any]:
    if node is None:
        raise LookupError("no JSON schema there")
    return node


def request_body(operation: Any) -> st.SearchStrategy[Any]:
    """A request body a correct client may send for ``operation`` (a ``fireworks_deployments_testing.rules.spec.Operation``)."""
    return from_schema(_schema_of(operation.request_body_schema), mode="request")


def response_body(operation: Any, status: int | str, *, forward_compat: bool = True) -> st.SearchStrategy[Any]:
    """A body a (possibly newer) server may answer with for ``status``."""
    return from_schema(_schema_of(operation.response_schema(status)), mode="response", forward_compat=forward_compat)


def parameter_value(parameter: dict[str, Any]) -> st.SearchStrategy[Any]:
    """A valid Python value for one parameter of the spec."""
    return from_schema(parameter["schema"], mode="request")


def component(name: str, **kwargs: Any) -> st.SearchStrategy[Any]:
    return from_schema(component_schema(name), **kwargs)


def is_valid(schema: dict[str, Any], value: Any) -> bool:
    """Self-check used by the suite: drawn values must satisfy the spec's own validator."""
    return validator_for(schema).is_valid(value)


def normalize(value: Any, schema: dict[str, Any]) -> Any:
    """``value`` with every ``date-time`` string replaced by an aware datetime, for comparing round trips.

    (``2026-01-01T00:00:00Z`` and ``2026-01-01T00:00:00+00:00`` are the same instant.)
    """
    schema = resolve(schema)
    if isinstance(value, str) and schema.get("format") == "date-time":
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, dict):
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        return {k: normalize(v, props.get(k) or (extra if isinstance(extra, dict) else {})) for k, v in value.items()}
    if isinstance(value, list):
        return [normalize(v, schema.get("items", {})) for v in value]
    return value

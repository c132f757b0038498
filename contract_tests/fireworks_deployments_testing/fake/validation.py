"""Requests checked against the spec at runtime.

One :class:`RequestValidator` per operation is built once (from
``fireworks_deployments_testing.rules.spec``) and reused for every request: path parameters,
query parameters (strings coerced by their schema's type), the Content-Type,
the body's size, encoding and JSON syntax and the body schema (accepted fast by a compiled
twin of the jsonschema validator where jsonschema-rs is installed, :mod:`..rules.compiled`; every
error still comes from jsonschema). The body is
read as a gRPC-gateway server reads it first (:mod:`..rules.reading`: unknown keys
discarded, zero values unset, output-only fields ignored), and an empty
string-typed query parameter counts as absent. Every failure is an :class:`~fireworks_deployments_testing.rules.errors.InvalidArgument`
(or :class:`PayloadTooLarge`) whose message starts with the offending field.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

import orjson
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

from fireworks_deployments_testing.rules.spec import Operation, operation, operations, resolve, validator_for

from ..rules import guards
from ..rules import reading as _reading
from ..rules.compiled import compiled_twin
from ..rules.errors import MSG_TOO_LARGE, InvalidArgument, PayloadTooLarge
from . import audit

__all__ = ["MAX_BODY_BYTES", "RequestValidator", "validator", "check_content_type", "describe"]

MAX_BODY_BYTES = 1024 * 1024
_INT = re.compile(r"^[+-]?[0-9]{1,20}$")


def describe(error: ValidationError, prefix: str = "") -> str:
    """``field.path: what is wrong`` for one jsonschema error."""
    parts = [str(p) for p in error.absolute_path]
    reason = error.message
    if error.validator == "required" and isinstance(error.instance, dict) and isinstance(error.validator_value, list):
        missing = [name for name in error.validator_value if name not in error.instance]
        if missing:
            parts.append(missing[0])
            reason = "is required"
    elif error.validator == "enum":
        reason = f"{error.instance!r} is not one of the allowed values"
    elif error.validator == "maxLength":
        reason = f"must be at most {error.validator_value} characters"
    elif error.validator == "pattern":
        pattern = str(error.validator_value)
        shown = pattern if len(pattern) <= 100 else "the pattern the spec gives it (a list of known field paths)"
        reason = f"{error.instance!r} does not match {shown}"
    where = ".".join(parts)
    if prefix:
        where = f"{prefix}.{where}" if where else prefix
    return f"{where or 'body'}: {reason}"


# Keywords that never reject an instance (annotations), and those the fast parameter check understands.
_ANNOTATIONS = frozenset({"description", "examples", "example", "default", "title", "deprecated", "readOnly"})
_FAST_KEYWORDS = frozenset(
    {"type", "pattern", "maxLength", "minLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "enum"}
)
_NUMBER = (int, float)


def _fast_check(schema: dict[str, Any]) -> Any:
    """A plain-Python ``is_valid`` for a simple scalar parameter schema, or None when jsonschema is needed.

    Used only to accept quickly: a value it rejects goes through jsonschema, which words the error. For the
    schemas it takes it decides exactly as jsonschema does (``pattern`` is ``re.search``, lengths count code
    points, a ``format`` without a registered checker is an annotation).
    """
    kind = schema.get("type")
    checked_formats = Draft202012Validator.FORMAT_CHECKER.checkers
    for key in schema:
        if key in _ANNOTATIONS or key in _FAST_KEYWORDS or key.startswith("x-"):
            continue
        if key == "format" and schema["format"] not in checked_formats:
            continue
        return None
    if kind not in ("string", "boolean", "integer") or schema.get("pattern") is not None and kind != "string":
        return None
    tests: list[Any] = []
    if kind == "string":
        tests.append(lambda v: type(v) is str)
        if "pattern" in schema:
            search = re.compile(schema["pattern"]).search
            tests.append(lambda v: search(v) is not None)
        if "maxLength" in schema:
            longest = schema["maxLength"]
            tests.append(lambda v: len(v) <= longest)
        if "minLength" in schema:
            shortest = schema["minLength"]
            tests.append(lambda v: len(v) >= shortest)
    elif kind == "boolean":
        tests.append(lambda v: type(v) is bool)
    else:
        tests.append(lambda v: type(v) is int)
    if kind == "integer":
        for key, ok in (
            ("minimum", lambda v, b: v >= b),
            ("maximum", lambda v, b: v <= b),
            ("exclusiveMinimum", lambda v, b: v > b),
            ("exclusiveMaximum", lambda v, b: v < b),
        ):
            bound = schema.get(key)
            if bound is None:
                continue
            if type(bound) not in _NUMBER:
                return None
            tests.append(functools.partial(lambda v, b, ok: ok(v, b), b=bound, ok=ok))
    elif any(key in schema for key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")):
        return None  # numeric bounds on a non-number are ignored by jsonschema; leave such oddities to it
    if "enum" in schema:
        allowed = schema["enum"]
        if not isinstance(allowed, list) or any(type(a) not in (str, bool) for a in allowed):
            return None  # jsonschema's enum equality (1 == 1.0, True != 1) is left to jsonschema
        tests.append(lambda v: any(type(a) is type(v) and a == v for a in allowed))
    if len(tests) == 1:
        return tests[0]
    if len(tests) == 2:
        first, second = tests
        return lambda v: first(v) and second(v)
    return lambda v: all(t(v) for t in tests)


@dataclass(frozen=True)
class _Param:
    name: str
    kind: str
    schema: dict[str, Any]
    required: bool
    check: Any = field(compare=False)  # a jsonschema validator
    fast: Any = field(default=None, compare=False)  # a quick accept (see _fast_check), or None

    def coerce(self, raw: str) -> Any:
        if self.kind == "boolean":
            if raw in ("true", "false"):
                return raw == "true"
            raise InvalidArgument(f"{self.name}: {raw!r} is not a boolean (true or false)")
        if self.kind == "integer":
            if not _INT.match(raw):
                raise InvalidArgument(f"{self.name}: {raw!r} is not an integer")
            return int(raw)
        return raw

    def parse(self, raw: str) -> Any:
        value = self.coerce(raw)
        fast = self.fast
        if fast is not None and fast(value):
            return value
        if not self.check.is_valid(value):
            raise InvalidArgument(describe(best_match(self.check.iter_errors(value)), self.name))
        return value


def _param(p: dict[str, Any]) -> _Param:
    schema = resolve(p["schema"])
    fast = _fast_check(schema) if "$ref" not in schema else None
    return _Param(
        p["name"], schema.get("type", "string"), schema, bool(p.get("required")), validator_for(p["schema"]), fast
    )


class _Cyclic(Exception):
    pass


def _inline(node: Any, seen: tuple[str, ...] = ()) -> Any:
    """``node`` with every local ``$ref`` replaced by its target (siblings kept beside it under ``allOf``).

    Raises :class:`_Cyclic` for a recursive schema or one using keywords whose meaning depends on where the
    subschema sits (``$id``, anchors, dynamic refs), which must stay with the registry-backed validator.
    """
    if isinstance(node, list):
        return [_inline(v, seen) for v in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in ("$id", "$anchor", "$dynamicRef", "$dynamicAnchor", "$recursiveRef", "$recursiveAnchor"):
            raise _Cyclic(key)
        if key == "$ref":
            continue
        # enum/const/default/examples hold data, not schemas: keep them as they are
        out[key] = value if key in ("enum", "const", "default", "examples", "example") else _inline(value, seen)
    ref = node.get("$ref")
    if ref is None:
        return out
    if not isinstance(ref, str) or not ref.startswith("#/") or ref in seen:
        raise _Cyclic(str(ref))
    target = _inline(resolve({"$ref": ref}), (*seen, ref))
    if not out:
        return target
    out.setdefault("allOf", [])
    out["allOf"] = [*out["allOf"], target]
    return out


def _quick_validator(schema: dict[str, Any]) -> Draft202012Validator | None:
    """A validator of ``schema`` with its refs inlined (no registry look-ups), for a quick ``is_valid``."""
    try:
        inlined = _inline(schema)
    except (_Cyclic, KeyError):
        return None
    return Draft202012Validator(inlined, format_checker=Draft202012Validator.FORMAT_CHECKER)


def check_content_type(value: str | None) -> None:
    media = (value or "").split(";", 1)[0].strip().lower()
    if media != "application/json":
        raise InvalidArgument(
            f"Content-Type: must be application/json, got {value!r}"
            if value
            else "Content-Type: missing; must be application/json"
        )


_PARAMS_KEPT = 4096  # checked (path, query string) answers remembered per operation


class RequestValidator:
    """Everything needed to check one operation's requests, compiled once."""

    def __init__(self, op: Operation):
        self.operation = op
        self.path_params = {p["name"]: _param(p) for p in op.parameters_in("path")}
        self.query_params = {p["name"]: _param(p) for p in op.parameters_in("query")}
        self.defaults = {name: p.schema["default"] for name, p in self.query_params.items() if "default" in p.schema}
        body_schema = op.request_body_schema
        self.has_body = body_schema is not None
        self.body_check = validator_for(body_schema) if body_schema is not None else None
        # Only to accept valid bodies fast; errors (and every body these do not accept) come from body_check:
        # the compiled twin (jsonschema-rs, see rules/compiled.py), else the same schema with its refs inlined.
        self.body_compiled = compiled_twin(self.body_check) if self.body_check is not None else None
        self.body_quick = _quick_validator(body_schema) if body_schema is not None else None
        self._body_accept: Callable[[Any], bool] | None = self.body_compiled or (
            self.body_quick.is_valid if self.body_quick is not None else None
        )
        resolved = resolve(body_schema) if body_schema is not None else {}
        self.body_properties = frozenset((resolved.get("properties") or {}).keys())
        self.reader = _reading.reader_for(body_schema) if body_schema is not None else None
        self.is_deployment_body = body_schema is not None and body_schema.get("$ref", "").endswith("/Deployment")
        self._params: dict[tuple[str, str, bool], tuple[dict[str, str], dict[str, Any]]] = {}

    def parse_params(
        self, path: str, raw_path: dict[str, str], query_string: str, *, empty_is_set: bool = False
    ) -> tuple[dict[str, str], dict[str, Any]]:
        """The path and query parameters of a request to ``path`` (its route's ``raw_path`` groups), checked.

        A pure function of its arguments, so an answer is remembered (up to :data:`_PARAMS_KEPT` of them): a
        client asking the same URL again (a poller, a paginator's first page) costs one look-up. Only accepted
        parameters are remembered; what is refused is checked again, in the same order, every time. The dicts
        returned are shared between requests: read them, never change them.
        """
        key = (path, query_string, empty_is_set)
        known = self._params.get(key)
        if known is not None and not audit.enabled:
            return known
        items = parse_qsl(query_string, keep_blank_values=True)
        guards.check_params(raw_path.items(), "path")
        guards.check_params(items, "query")
        fresh = (self.parse_path(raw_path), self.parse_query(items, empty_is_set=empty_is_set))
        if known is not None:  # the audit: what was remembered must still be what a fresh check gives
            if known != fresh:
                raise audit.StaleCache(f"{path}?{query_string}: its remembered parameters were changed in place")
            return known
        if len(self._params) >= _PARAMS_KEPT:
            self._params.clear()
        self._params[key] = fresh
        return fresh

    def parse_path(self, raw: dict[str, str]) -> dict[str, str]:
        return {name: p.parse(raw[name]) for name, p in self.path_params.items()}

    def parse_query(self, items: Iterable[tuple[str, str]], *, empty_is_set: bool = False) -> dict[str, Any]:
        """Known query parameters, coerced and checked, with spec defaults filled in. Unknown ones are ignored.

        An empty value of a string parameter is its proto3 zero value, i.e. absent (``deploymentId=`` asks
        for a generated id); ``empty_is_set`` (the ``zero_values_set`` fault) keeps it.
        """
        seen: dict[str, Any] = {}
        for name, raw in items:
            p = self.query_params.get(name)
            if p is None:
                continue
            if name in seen:
                raise InvalidArgument(f"{name}: given more than once")
            value = p.parse(raw)
            if value == "" and p.kind == "string" and not empty_is_set:
                seen[name] = None
                continue
            seen[name] = value
        return {**self.defaults, **{k: v for k, v in seen.items() if v is not None}}

    def parse_body(
        self,
        raw: bytes,
        *,
        accept_invalid_enum: bool = False,
        allow_read_only: bool = False,
        reject_read_only: bool = False,
        keep_unknown: bool = False,
    ) -> dict[str, Any]:
        """The JSON body as read by the gateway (see :mod:`.reading`), checked against the spec.

        Unknown keys are discarded and zero values dropped at every level before the schema check;
        output-only fields are checked for their type, then cleared. The keyword switches are the
        contract-bug faults: ``allow_read_only`` stores output-only fields, ``reject_read_only`` answers
        400 for them (the old, wrong reading), ``keep_unknown`` keeps undeclared nested keys.
        """
        assert self.body_check is not None
        if not raw:
            raise InvalidArgument("body: required (a JSON object)")
        if len(raw) > MAX_BODY_BYTES:
            raise PayloadTooLarge(MSG_TOO_LARGE.format(limit=MAX_BODY_BYTES))
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InvalidArgument(f"body: not valid UTF-8 (byte {exc.start})") from None
        try:
            body = _parse_json(raw, text)
        except (json.JSONDecodeError, RecursionError) as exc:
            raise InvalidArgument(f"body: malformed JSON ({exc})") from None
        except ValueError as exc:
            raise InvalidArgument(f"body: {exc}") from None
        if not isinstance(body, dict):
            raise InvalidArgument("body: must be a JSON object")
        reader = self.reader
        assert reader is not None
        if not keep_unknown:
            body = reader.discard_unknown(body)
        body = reader.drop_zero(body)
        if reject_read_only:
            for path in reader.read_only_paths(body):
                raise InvalidArgument(f"{path}: is read-only and must not be sent")
        accept = self._body_accept
        if accept is None or not accept(body):
            errors = list(self.body_check.iter_errors(body))  # none: valid after all (the fast check declined)
            if errors and not (accept_invalid_enum and all(_only_enum(e) for e in errors)):
                raise InvalidArgument(describe(best_match(errors)))
        if not allow_read_only:
            body = reader.drop_read_only(body)
        if self.body_properties:
            return {k: v for k, v in body.items() if k in self.body_properties}
        return {}


def _only_enum(error: ValidationError) -> bool:
    if error.validator == "enum":
        return True
    if error.context:
        return any(_only_enum(e) for e in error.context)
    return False


@functools.cache
def validator(operation_id: str) -> RequestValidator:
    return RequestValidator(operation(operation_id))


def prepare_all() -> None:
    """Build every operation's validator now (so the first request is not slower)."""
    for op_id in operations():
        validator(op_id)


_LONG_DIGITS = re.compile(rb"[0-9]{19}")


def _parse_json(raw: bytes, text: str) -> Any:
    """orjson where it reads exactly what ``json.loads`` does, the standard library for the rest.

    orjson refuses what the API refuses too (NaN, Infinity, lone surrogates, numbers beyond a double), and
    those go to ``json.loads`` for its error or its value; it turns integers beyond 64 bits into floats, so
    a body with a run of 19 digits anywhere is read by ``json.loads`` alone.
    """
    if _LONG_DIGITS.search(raw) is None:
        try:
            return orjson.loads(raw)
        except orjson.JSONDecodeError:
            pass
    return json.loads(text, parse_constant=_reject_non_json_number)


def _reject_non_json_number(token: str) -> Any:
    """Python's json accepts NaN and Infinity; JSON (RFC 8259) does not, nor does the API."""
    raise ValueError(f"{token} is not a JSON number")

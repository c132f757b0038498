"""Requests checked against the spec at runtime.

One :class:`RequestValidator` per operation is built once (from
``contract_tests.spec``) and reused for every request: path parameters,
query parameters (strings coerced by their schema's type), the Content-Type,
the body's size, encoding and JSON syntax, read-only fields and the body
schema. Every failure is an :class:`~contract_tests.fake.errors.InvalidArgument`
(or :class:`PayloadTooLarge`) whose message starts with the offending field.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from jsonschema.exceptions import ValidationError, best_match

from contract_tests.spec import Operation, operation, operations, resolve, validator_for

from . import fields as _fields
from .errors import MSG_TOO_LARGE, InvalidArgument, PayloadTooLarge

__all__ = ["MAX_BODY_BYTES", "RequestValidator", "validator", "check_content_type", "describe"]

MAX_BODY_BYTES = 1024 * 1024
_INT = re.compile(r"^[+-]?[0-9]{1,20}$")


def describe(error: ValidationError, prefix: str = "") -> str:
    """``field.path: what is wrong`` for one jsonschema error."""
    parts = [str(p) for p in error.absolute_path]
    reason = error.message
    if error.validator == "required" and isinstance(error.instance, dict):
        missing = [name for name in error.validator_value if name not in error.instance]
        if missing:
            parts.append(missing[0])
            reason = "is required"
    elif error.validator == "enum":
        reason = f"{error.instance!r} is not one of the allowed values"
    elif error.validator == "maxLength":
        reason = f"must be at most {error.validator_value} characters"
    elif error.validator == "pattern":
        reason = f"{error.instance!r} does not match {error.validator_value}"
    where = ".".join(parts)
    if prefix:
        where = f"{prefix}.{where}" if where else prefix
    return f"{where or 'body'}: {reason}"


@dataclass(frozen=True)
class _Param:
    name: str
    kind: str
    schema: dict[str, Any]
    required: bool
    check: Any = field(compare=False)  # a jsonschema validator

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
        if not self.check.is_valid(value):
            raise InvalidArgument(describe(best_match(self.check.iter_errors(value)), self.name))
        return value


def _param(p: dict[str, Any]) -> _Param:
    schema = resolve(p["schema"])
    return _Param(p["name"], schema.get("type", "string"), schema, bool(p.get("required")), validator_for(p["schema"]))


def check_content_type(value: str | None) -> None:
    media = (value or "").split(";", 1)[0].strip().lower()
    if media != "application/json":
        raise InvalidArgument(
            f"Content-Type: must be application/json, got {value!r}"
            if value
            else "Content-Type: missing; must be application/json"
        )


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
        resolved = resolve(body_schema) if body_schema is not None else {}
        self.body_properties = frozenset((resolved.get("properties") or {}).keys())
        self.is_deployment_body = body_schema is not None and body_schema.get("$ref", "").endswith("/Deployment")
        self.read_only = (
            frozenset(f.json_name for f in _fields.deployment_fields().values() if f.read_only)
            if self.is_deployment_body
            else frozenset()
        )

    def parse_path(self, raw: dict[str, str]) -> dict[str, str]:
        return {name: p.parse(raw[name]) for name, p in self.path_params.items()}

    def parse_query(self, items: Iterable[tuple[str, str]]) -> dict[str, Any]:
        """Known query parameters, coerced and checked, with spec defaults filled in. Unknown ones are ignored."""
        seen: dict[str, Any] = {}
        for name, raw in items:
            p = self.query_params.get(name)
            if p is None:
                continue
            if name in seen:
                raise InvalidArgument(f"{name}: given more than once")
            seen[name] = p.parse(raw)
        return {**self.defaults, **seen}

    def parse_body(
        self, raw: bytes, *, accept_invalid_enum: bool = False, allow_read_only: bool = False
    ) -> dict[str, Any]:
        """The JSON body as a dict with unknown top-level keys dropped."""
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
            body = json.loads(text)
        except (json.JSONDecodeError, RecursionError) as exc:
            raise InvalidArgument(f"body: malformed JSON ({exc})") from None
        if not isinstance(body, dict):
            raise InvalidArgument("body: must be a JSON object")
        if not allow_read_only:
            for name in body:
                if name in self.read_only:
                    raise InvalidArgument(f"{name}: is read-only and must not be sent")
        if not self.body_check.is_valid(body):
            errors = list(self.body_check.iter_errors(body))
            if not (accept_invalid_enum and all(_only_enum(e) for e in errors)):
                raise InvalidArgument(describe(best_match(errors)))
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

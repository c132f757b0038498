"""Validate an HTTP request a client sent against the spec (client conformance).

Strict on purpose: a query name must be a declared parameter of the operation,
a body key must be a declared property of its schema (recursively), read-only
properties must not be sent, and every value must satisfy its schema. Returns
a list of human-readable problems; empty means conformant.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qsl, unquote

import httpx

from fireworks_deployments_testing.rules.spec import Operation, resolve, validator_for

__all__ = ["validate_request", "path_regex", "undeclared_keys"]


def path_regex(operation: Operation) -> re.Pattern[str]:
    parts = re.split(r"(\{[^}]+\})", operation.path)
    pattern = "".join(f"(?P<{p[1:-1]}>[^/]+)" if p.startswith("{") else re.escape(p) for p in parts)
    return re.compile(f"^{pattern}$")


def _coerce(raw: str, schema: dict[str, Any]) -> Any:
    """Read a query/path string the way a server would, per the parameter's schema type."""
    kind = resolve(schema).get("type")
    if kind == "boolean":
        return {"true": True, "false": False}.get(raw, raw)
    if kind == "integer":
        try:
            return int(raw)
        except ValueError:
            return raw
    if kind == "number":
        try:
            return float(raw)
        except ValueError:
            return raw
    return raw


def undeclared_keys(value: Any, schema: dict[str, Any], where: str = "body") -> list[str]:
    """Keys of ``value`` that its schema does not declare, and read-only keys, recursively."""
    schema = resolve(schema)
    problems: list[str] = []
    if isinstance(value, dict) and schema.get("type") == "object":
        props = schema.get("properties")
        extra = schema.get("additionalProperties", True)
        if props is not None and not isinstance(extra, dict):
            for key, item in value.items():
                if key not in props:
                    problems.append(f"{where}: key {key!r} is not a declared property (declared: {sorted(props)})")
                    continue
                node = props[key]
                if node.get("readOnly") or resolve(node).get("readOnly"):
                    problems.append(f"{where}: read-only property {key!r} must not be sent")
                problems.extend(undeclared_keys(item, node, f"{where}.{key}"))
        elif isinstance(extra, dict):
            for key, item in value.items():
                problems.extend(undeclared_keys(item, extra, f"{where}[{key!r}]"))
    elif isinstance(value, list) and schema.get("type") == "array":
        for i, item in enumerate(value):
            problems.extend(undeclared_keys(item, schema.get("items", {}), f"{where}[{i}]"))
    return problems


def validate_request(operation: Operation, request: httpx.Request, *, token: str | None = None) -> list[str]:
    problems: list[str] = []
    op = operation.operation_id
    if request.method != operation.method:
        problems.append(f"{op}: method {request.method} but the spec says {operation.method}")

    raw_path = request.url.raw_path.decode("ascii").split("?", 1)[0]
    match = path_regex(operation).match(raw_path)
    if match is None:
        problems.append(f"{op}: path {raw_path!r} does not match the template {operation.path!r}")
    else:
        for name, raw in match.groupdict().items():
            param = operation.parameter(name)
            assert param is not None and param["in"] == "path"
            for err in validator_for(param["schema"]).iter_errors(unquote(raw)):
                problems.append(f"{op}: path parameter {name}={unquote(raw)!r}: {err.message}")

    query = request.url.query.decode("ascii") if isinstance(request.url.query, bytes) else str(request.url.query)
    seen: set[str] = set()
    declared = {p["name"]: p for p in operation.parameters_in("query")}
    for name, raw in parse_qsl(query, keep_blank_values=True):
        if name not in declared:
            problems.append(f"{op}: query parameter {name!r} is not declared (declared: {sorted(declared)})")
            continue
        if name in seen:
            problems.append(f"{op}: query parameter {name!r} sent more than once")
        seen.add(name)
        schema = declared[name]["schema"]
        for err in validator_for(schema).iter_errors(_coerce(raw, schema)):
            problems.append(f"{op}: query parameter {name}={raw!r}: {err.message}")
    for name, param in declared.items():
        if param.get("required") and name not in seen:
            problems.append(f"{op}: required query parameter {name!r} missing")

    if token is not None and request.headers.get("authorization") != f"Bearer {token}":
        problems.append(f"{op}: Authorization header is not 'Bearer <key>'")

    body_schema = operation.request_body_schema
    if body_schema is None:
        if request.content:
            problems.append(f"{op}: sends a body but the spec declares none")
    else:
        ctype = request.headers.get("content-type", "")
        if ctype.split(";")[0].strip() != "application/json":
            problems.append(f"{op}: content-type {ctype!r}, expected application/json")
        try:
            body = json.loads(request.content)
        except ValueError as exc:
            problems.append(f"{op}: body is not JSON: {exc}")
        else:
            for err in validator_for(body_schema).iter_errors(body):
                path = "/".join(map(str, err.absolute_path))
                problems.append(f"{op}: body/{path}: {err.message}")
            problems.extend(f"{op}: {p}" for p in undeclared_keys(body, body_schema))
    return problems

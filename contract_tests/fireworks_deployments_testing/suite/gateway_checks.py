"""Checks of how requests are read: as a gRPC-gateway server reads protobuf JSON (the spec's info.x-decisions).

* ``read_only_ignored``: read-only fields sent in a create or update are ignored, never stored.
* ``get_update_round_trip``: a GET body sent back unchanged as an update is accepted and changes
  nothing but state and updateTime.
* ``unknown_keys_dropped``: an undeclared key sent anywhere in a body is never answered back.
* ``zero_values_unset``: a spec-valid create or scale is not refused for a field that is absent or
  holds its proto3 zero value.

What the spec knows (read-only flags, declared fields, schemas) comes from the spec through the
spec-driven reader (:mod:`fireworks_deployments_testing.rules.reading`), as filter_respected uses its filter parser.
"""

from __future__ import annotations

import functools
import zlib
from typing import Any

from schemathesis import CheckContext, Response

from fireworks_deployments_testing.rules import fields as _fields
from fireworks_deployments_testing.rules.reading import Reader, reader_for
from fireworks_deployments_testing.rules.spec import component_schema, operations, validator_for
from fireworks_deployments_testing.suite import checks as _c
from fireworks_deployments_testing.suite.registry import Broken, OpenApiCase, contract_check, operation_id

__all__ = ["read_only_ignored", "get_update_round_trip", "unknown_keys_dropped", "zero_values_unset"]

# An update moves these even when it changes no field; a round trip may not judge them.
_MOVED_BY_UPDATE = frozenset({"state", "updateTime"})
_MISSING = object()


@functools.cache
def _deployment_reader() -> Reader:
    return reader_for(component_schema("Deployment"))


@functools.cache
def _read_only() -> frozenset[str]:
    return frozenset(f.json_name for f in _fields.deployment_fields().values() if f.read_only)


@contract_check("createDeployment", "updateDeployment")
def read_only_ignored(ctx: CheckContext, response: Response, case: OpenApiCase) -> None:
    op_id = operation_id(case)
    if response.status_code != 200:
        return None
    answer = _c._ok_json(response)
    if not isinstance(case.body, dict) or not isinstance(answer, dict):
        return None
    # name is the path's business (name_matches_path); compare only values the answer echoes
    echoed = {k: v for k, v in case.body.items() if k in _read_only() and k != "name" and answer.get(k) == v}
    if not echoed:
        return None
    if op_id == "updateDeployment":
        remembered = _c._BEFORE_UPDATE.get(id(case))
        if remembered is None or remembered[0] is not case:
            return None
        before = remembered[1]
        stored = [k for k, v in echoed.items() if k not in _MOVED_BY_UPDATE and before.get(k) != v]
    else:
        # what the server answers anyway: a dry run of the same body without its read-only fields
        account = case.path_parameters["account_id"]
        probe = f"ct-ro-{zlib.crc32(str(answer.get('name')).encode()):08x}"
        dry = _c._follow(
            case,
            "createDeployment",
            path={"account_id": account},
            query={**_c._query(case), "deploymentId": probe, "validateOnly": "true"},
            body={k: v for k, v in case.body.items() if k not in _read_only()},
        )
        plain = _c._ok_json(dry)
        if not isinstance(plain, dict):
            return None
        stored = [k for k, v in echoed.items() if plain.get(k) != v]
    if stored:
        shown = {k: echoed[k] for k in stored[:3]}
        raise Broken(
            f"{op_id} stored the read-only field(s) {stored[:5]} it was sent ({shown});"
            " read-only fields in a request must be ignored (AIP-203)"
        )
    return None


_ROUND_TRIPPED: set[tuple[str, str]] = set()  # (name, createTime): once per deployment, not per name


def _may_mutate(deployment_id: str) -> bool:
    from fireworks_deployments_testing.suite import targets

    guard = targets.active_guard()
    if guard is None:
        return True
    return not guard.read_only and (guard.name != "live" or deployment_id.startswith(targets.CREATED_PREFIX))


@contract_check("getDeployment")
def get_update_round_trip(ctx: CheckContext, response: Response, case: OpenApiCase) -> None:
    if response.status_code != 200 or _c.is_follow_up():
        return None
    if str(_c._query(case).get("readMask") or "*").strip() != "*":
        return None
    before = _c._ok_json(response)
    if not isinstance(before, dict) or before.get("state") != "READY":
        return None  # from a settled deployment only: a pending transition would move fields by itself
    name = str(before.get("name"))
    path = {k: case.path_parameters[k] for k in ("account_id", "deployment_id")}
    key = (name, str(before.get("createTime")))
    if key in _ROUND_TRIPPED or not _may_mutate(str(path["deployment_id"])):
        return None
    if len(_ROUND_TRIPPED) > 256:
        _ROUND_TRIPPED.clear()
    _ROUND_TRIPPED.add(key)
    update = _c._follow(case, "updateDeployment", path=path, body=before)
    if update.status_code != 200:
        raise Broken(
            f"{name} read with GET and sent back unchanged as the update body answered"
            f" {update.status_code}: {update.text[:200]} (read-only fields and zero values must be ignored)"
        )
    after = _c._ok_json(_c._follow(case, "getDeployment", path=path))
    if not isinstance(after, dict):
        return None
    changed = sorted(k for k in set(before) | set(after) if k not in _MOVED_BY_UPDATE and before.get(k) != after.get(k))
    if changed:
        shown = {k: (before.get(k), after.get(k)) for k in changed[:3]}
        raise Broken(f"sending {name}'s own GET body back as an update changed {changed[:5]} (before, after: {shown})")
    return None


def _at(value: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return _MISSING
        value = value[key]
    return value


@contract_check("createDeployment", "updateDeployment")
def unknown_keys_dropped(ctx: CheckContext, response: Response, case: OpenApiCase) -> None:
    op_id = operation_id(case)
    if response.status_code != 200:
        return None
    answer = _c._ok_json(response)
    if not isinstance(case.body, dict) or not isinstance(answer, dict):
        return None
    for path in _deployment_reader().unknown_paths(case.body):
        if _at(answer, path) is not _MISSING:
            raise Broken(
                f"{op_id} answered the undeclared key {'.'.join(path)!r} it was sent"
                " (unknown keys must be discarded at every level, never stored or answered)"
            )
    return None


def _is_zero(value: Any) -> bool:
    if value is _MISSING or value is None:
        return True
    if isinstance(value, bool):
        return value is False
    return value in ("", 0, [], {})


@functools.cache
def _validators(operation_id: str) -> tuple[Any, dict[str, Any]]:
    op = operations()[operation_id]
    body = op.request_body_schema
    params = {
        p["name"]: validator_for(p["schema"]) for p in op.parameters_in("query") if p["schema"].get("type") == "string"
    }
    return (validator_for(body) if body is not None else None), params


@functools.cache
def _request_fields(operation_id: str) -> frozenset[str]:
    """Query parameter names and top-level body field names of an operation."""
    op = operations()[operation_id]
    names = {p["name"] for p in op.parameters_in("query")}
    body = op.request_body_schema
    if body is not None:
        names |= set(reader_for(body).fields)
    return frozenset(names)


def _spec_accepts(op_id: str, case: OpenApiCase) -> bool:
    body_check, params = _validators(op_id)
    if body_check is not None and case.body is not None and not body_check.is_valid(case.body):
        return False
    query = _c._query(case)
    if any(name in params and not params[name].is_valid(value) for name, value in query.items()):
        return False
    # the one rule of these operations JSON Schema cannot say (info.x-inexpressible: shapeless-risk)
    body = case.body if isinstance(case.body, dict) else {}
    return not (_c._truthy(query.get("acceptShapelessRisk")) and body.get("deploymentShape"))


@contract_check("createDeployment", "scaleDeployment")
def zero_values_unset(ctx: CheckContext, response: Response, case: OpenApiCase) -> None:
    op_id = operation_id(case)
    if op_id is None or response.status_code != 400:
        return None
    error = _json(response)
    if not isinstance(error, dict) or error.get("code") != 3 or not isinstance(error.get("message"), str):
        return None
    field = error["message"].split(":", 1)[0].strip()
    if field.split(".", 1)[0] not in _request_fields(op_id):
        return None  # a path parameter, the body as a whole, a header: not a field that can hold a zero value
    query = _c._query(case)
    if field in query and field not in _validators(op_id)[1]:
        return None  # a boolean or integer parameter: "" is no value of its type, and 400 is right
    value = query[field] if field in query else _at(case.body, tuple(field.split(".")))
    if not _is_zero(value) or not _spec_accepts(op_id, case):
        return None
    shown = "absent" if value is _MISSING else repr(value)
    raise Broken(
        f"{op_id} answered 400 {error['message']!r} for {field} = {shown}; an absent field or"
        " its proto3 zero value means unset, and the spec accepts this request"
    )


def _json(response: Response) -> Any:
    try:
        return response.json()
    except Exception:
        return None

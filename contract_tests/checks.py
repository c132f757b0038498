"""Our own schemathesis checks: what the spec says in prose but JSON Schema cannot.

Each check is registered with ``@schemathesis.check`` on import and raises
``AssertionError`` with a message naming the rule it saw broken. They apply to
whichever operation they concern and pass on everything else.

* ``name_matches_path``: a Deployment's ``name`` is
  ``accounts/{account_id}/deployments/{deployment_id}`` of the request.
* ``timestamps_ordered``: createTime <= updateTime, createTime <= deleteTime <= purgeTime.
* ``pagination_contract``: a page never exceeds pageSize (0/absent -> 50, above
  200 -> 200), and following ``nextPageToken`` with the same query yields a
  page that does not repeat the previous one.
* ``soft_delete_semantics`` (replaces schemathesis' ``use_after_free``, see
  schemathesis.toml): after a soft delete GET answers 200 with state
  DELETING/DELETED and the deployment is hidden from list unless
  ``showDeleted=true``; after ``hard=true`` GET answers 404.
* ``empty_object_answers``: delete and scale answer exactly ``{}`` (the Empty
  schema cannot forbid extra keys without breaking forward compatibility).
* ``read_only_rejected``: a create/update whose body carries a read-only field
  must not succeed (the spec: "rejected (400) in requests").
* ``invalid_body_rejected``: a request whose JSON body violates the operation's
  request schema must not succeed. Unlike schemathesis' negative_data_rejection
  it judges every case by the body actually sent, whichever way the case was
  made (generated, stateful, explicit), so a hand-written case can prove it.

Follow-up requests (pagination, soft delete) go through the same transport as
the case (in-process app or HTTP), built from the spec's own operations.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import schemathesis

from contract_tests.spec import component_schema, operations, page_size_rules, resolve, validator_for

__all__ = [
    "name_matches_path",
    "timestamps_ordered",
    "pagination_contract",
    "soft_delete_semantics",
    "empty_object_answers",
    "read_only_rejected",
    "invalid_body_rejected",
    "OUR_CHECKS",
    "effective_page_size",
]

OUR_CHECKS = (
    "name_matches_path",
    "timestamps_ordered",
    "pagination_contract",
    "soft_delete_semantics",
    "empty_object_answers",
    "read_only_rejected",
    "invalid_body_rejected",
)


def effective_page_size(raw: Any) -> int:
    default, cap = page_size_rules()
    try:
        size = int(raw)
    except (TypeError, ValueError):
        return default
    return default if size <= 0 else min(size, cap)


# --- helpers -----------------------------------------------------------------------------------


def _operation_id(case: Any) -> str | None:
    method = case.method.upper()
    for op in operations().values():
        if op.method == method and op.path == case.operation.path:
            return op.operation_id
    return None


def _ok_json(response: Any) -> Any:
    if not 200 <= response.status_code < 300:
        return None
    try:
        return response.json()
    except Exception:
        return None


def _deployments_in(op_id: str | None, body: Any) -> list[dict[str, Any]]:
    if not isinstance(body, dict):
        return []
    if op_id == "listDeployments":
        items = body.get("deployments") or []
        return [d for d in items if isinstance(d, dict)] if isinstance(items, list) else []
    if op_id in ("createDeployment", "getDeployment", "updateDeployment", "undeleteDeployment"):
        return [body]
    return []


def _truthy(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.lower() == "true")


def _follow(case: Any, operation_id: str, *, path: dict[str, Any], query: dict[str, Any] | None = None) -> Any:
    """Make one more call through the case's own transport (and the run's headers)."""
    operation = case.operation.schema.find_operation_by_id(operation_id)
    headers = {**(getattr(case.operation.schema.config, "headers", None) or {}), **dict(case.headers or {})}
    follow = operation.Case(path_parameters=path, query=query or {}, headers=headers)
    return follow.call()


@functools.cache
def _read_only_fields() -> frozenset[str]:
    props = component_schema("Deployment")["properties"]
    return frozenset(k for k, v in props.items() if v.get("readOnly") or resolve(v).get("readOnly"))


# --- checks ------------------------------------------------------------------------------------


@schemathesis.check
def name_matches_path(ctx: Any, response: Any, case: Any) -> bool | None:
    op_id = _operation_id(case)
    items = _deployments_in(op_id, _ok_json(response))
    account = (case.path_parameters or {}).get("account_id")
    if not items or account is None:
        return None
    prefix = f"accounts/{account}/deployments/"
    if op_id in ("getDeployment", "updateDeployment", "undeleteDeployment"):
        expected = prefix + str(case.path_parameters["deployment_id"])
    elif op_id == "createDeployment" and (case.query or {}).get("deploymentId"):
        expected = prefix + str(case.query["deploymentId"])
    else:
        expected = None
    for item in items:
        name = item.get("name")
        if expected is not None and name != expected:
            raise AssertionError(f"name_matches_path: {op_id} answered name {name!r}, expected {expected!r}")
        if expected is None and not (isinstance(name, str) and name.startswith(prefix) and len(name) > len(prefix)):
            raise AssertionError(f"name_matches_path: {op_id} answered name {name!r}, expected {prefix}<id>")
    return None


def _ts(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return None


@schemathesis.check
def timestamps_ordered(ctx: Any, response: Any, case: Any) -> bool | None:
    op_id = _operation_id(case)
    for item in _deployments_in(op_id, _ok_json(response)):
        create, update = _ts(item.get("createTime")), _ts(item.get("updateTime"))
        delete, purge = _ts(item.get("deleteTime")), _ts(item.get("purgeTime"))
        name = item.get("name")
        if create and update and create > update:
            raise AssertionError(
                f"timestamps_ordered: {name}: createTime {item['createTime']} is after updateTime {item['updateTime']}"
            )
        if create and delete and create > delete:
            raise AssertionError(
                f"timestamps_ordered: {name}: createTime {item['createTime']} is after deleteTime {item['deleteTime']}"
            )
        if delete and purge and delete > purge:
            raise AssertionError(
                f"timestamps_ordered: {name}: deleteTime {item['deleteTime']} is after purgeTime {item['purgeTime']}"
            )
    return None


@schemathesis.check
def pagination_contract(ctx: Any, response: Any, case: Any) -> bool | None:
    if _operation_id(case) != "listDeployments":
        return None
    body = _ok_json(response)
    if not isinstance(body, dict):
        return None
    query = dict(case.query or {})
    limit = effective_page_size(query.get("pageSize"))
    page = body.get("deployments") or []
    if len(page) > limit:
        raise AssertionError(
            f"pagination_contract: page has {len(page)} deployments but pageSize={query.get('pageSize')!r} allows {limit}"
        )
    token = body.get("nextPageToken")
    if not token or not page:
        return None
    nxt = _follow(case, "listDeployments", path=dict(case.path_parameters), query={**query, "pageToken": token})
    if nxt.status_code != 200:
        raise AssertionError(
            f"pagination_contract: following nextPageToken answered {nxt.status_code}: {nxt.text[:200]}"
        )
    names = {d.get("name") for d in page}
    repeated = sorted(n for n in (d.get("name") for d in nxt.json().get("deployments") or []) if n in names)
    if repeated:
        raise AssertionError(
            f"pagination_contract: the page after nextPageToken repeats {repeated[:3]} from the previous page"
            " (pageToken ignored?)"
        )
    return None


@schemathesis.check
def soft_delete_semantics(ctx: Any, response: Any, case: Any) -> bool | None:
    if _operation_id(case) != "deleteDeployment" or response.status_code != 200:
        return None
    path = dict(case.path_parameters)
    name = f"accounts/{path['account_id']}/deployments/{path['deployment_id']}"
    got = _follow(case, "getDeployment", path=path)
    if _truthy((case.query or {}).get("hard")):
        if got.status_code != 404:
            raise AssertionError(
                f"soft_delete_semantics: after a hard delete GET {name} answered {got.status_code}, expected 404"
            )
        return None
    if got.status_code != 200:
        raise AssertionError(
            f"soft_delete_semantics: after a soft delete GET {name} answered {got.status_code}, expected 200 (still readable)"
        )
    state = got.json().get("state")
    if state not in ("DELETING", "DELETED"):
        raise AssertionError(
            f"soft_delete_semantics: after a soft delete {name} has state {state!r}, expected DELETING or DELETED"
        )
    for show in (False, True):
        listed = _follow(
            case,
            "listDeployments",
            path={"account_id": path["account_id"]},
            query={"filter": f'name = "{name}"', "showDeleted": "true" if show else "false"},
        )
        if listed.status_code != 200:
            raise AssertionError(
                f"soft_delete_semantics: list with filter on name answered {listed.status_code}: {listed.text[:200]}"
            )
        present = any(d.get("name") == name for d in listed.json().get("deployments") or [])
        if present != show:
            raise AssertionError(
                f"soft_delete_semantics: soft-deleted {name} is {'listed' if present else 'missing'} with showDeleted={str(show).lower()}"
                f" (expected {'listed' if show else 'hidden'})"
            )
    return None


@schemathesis.check
def empty_object_answers(ctx: Any, response: Any, case: Any) -> bool | None:
    if _operation_id(case) not in ("deleteDeployment", "scaleDeployment") or response.status_code != 200:
        return None
    body = _ok_json(response)
    if body != {}:
        raise AssertionError(f"empty_object_answers: {_operation_id(case)} answered {str(body)[:200]!r}, expected {{}}")
    return None


@schemathesis.check
def read_only_rejected(ctx: Any, response: Any, case: Any) -> bool | None:
    if _operation_id(case) not in ("createDeployment", "updateDeployment") or not 200 <= response.status_code < 300:
        return None
    if not isinstance(case.body, dict):
        return None
    sent = sorted(set(case.body) & _read_only_fields())
    if sent:
        raise AssertionError(
            f"read_only_rejected: {_operation_id(case)} accepted read-only field(s) {sent} (spec: rejected with 400)"
        )
    return None


@functools.cache
def _body_validator(operation_id: str) -> Any:
    schema = operations()[operation_id].request_body_schema
    return validator_for(schema) if schema is not None else None


@schemathesis.check
def invalid_body_rejected(ctx: Any, response: Any, case: Any) -> bool | None:
    op_id = _operation_id(case)
    if op_id is None or not 200 <= response.status_code < 300 or case.body is None:
        return None
    validator = _body_validator(op_id)
    if validator is None:
        return None
    error = next(iter(validator.iter_errors(case.body)), None)
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(body)"
        raise AssertionError(
            f"invalid_body_rejected: {op_id} answered {response.status_code} to a body that violates the spec "
            f"at {where}: {error.message}"
        )
    return None

"""Our own schemathesis checks: what the spec says in prose but JSON Schema cannot.

Each check is declared with :func:`.registry.contract_check`, which names the operations it judges (it
passes on every other), registers it with schemathesis, and turns the :class:`~.registry.Broken` it raises
into that check's own failure type.

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
* ``read_only_ignored``, ``get_update_round_trip``, ``unknown_keys_dropped``,
  ``zero_values_unset``: how requests are read (the spec's info.x-decisions); they
  live in :mod:`.gateway_checks` and are registered with these.
* ``invalid_body_rejected``: a request whose JSON body violates the operation's
  request schema must not succeed. Unlike schemathesis' negative_data_rejection
  it judges every case by the body actually sent, whichever way the case was
  made (generated, stateful, explicit), so a hand-written case can prove it.
* ``filter_respected``: every deployment of a list answer satisfies the request's
  ``filter`` (evaluated by the fake's own spec-driven AIP-160 parser); skipped when
  a readMask hides a filtered field.
* ``order_respected``: a page is in ``orderBy`` order (default create_time, `` desc``,
  either spelling, ties by name ascending); enum terms and the ones after them, and
  terms a readMask hides, are not judged (the spec gives no enum order).
* ``read_mask_respected``: with a readMask, get and list answers carry only the
  masked field paths plus ``name`` and ``baseModel``.
* ``show_deleted_respected``: without ``showDeleted=true`` no listed deployment is
  DELETED or DELETING (any list answer, not only after a delete).
* ``validate_only_creates_nothing``: after a 200 create with ``validateOnly=true``
  GET of its deploymentId is 404. The suite pins validateOnly=false (see
  schemathesis.toml), so after every 200 real create the check also probes: GET a
  fresh ``ct-vo-*`` id (404), dry-run create it with the same body, GET it again (404).
* ``update_mask_respected``: after a 200 update with an ``updateMask``, every
  writable field not in the mask equals its value before the call (GET issued by
  the ``before_call`` hook, :func:`remember_before_update`), and masked integer
  or boolean fields sent in the body have the value sent.
* ``scale_applied``: after a 200 scale GET shows desiredReplicaCount == replicaCount sent.
* ``undelete_restores``: a 200 undelete answers a deployment that is not
  DELETED/DELETING and has no deleteTime or purgeTime.

Follow-up requests (pagination, soft delete, ...) go through the same transport as
the case (in-process app or HTTP), built from the spec's own operations; while one
is sent :func:`is_follow_up` is true, so the hooks leave it as the check made it.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import functools
import zlib
from typing import Any

from schemathesis import CheckContext, Response

from fireworks_deployments_testing.rules import fields as _fields
from fireworks_deployments_testing.rules.errors import FakeError
from fireworks_deployments_testing.rules.filtering import filter_keys, parse_filter
from fireworks_deployments_testing.rules.lifecycle import SOFT_DELETED_STATES
from fireworks_deployments_testing.rules.masks import ALWAYS_RETURNED, parse_read_mask, parse_update_mask
from fireworks_deployments_testing.rules.ordering import Ordering, parse_order_by
from fireworks_deployments_testing.rules.spec import operations, page_size_rules, validator_for
from fireworks_deployments_testing.rules.timestamps import format_timestamp, parse_timestamp

from .registry import Broken, OpenApiCase, contract_check
from .registry import operation_id as _operation_id

__all__ = [
    "name_matches_path",
    "timestamps_ordered",
    "pagination_contract",
    "soft_delete_semantics",
    "empty_object_answers",
    "invalid_body_rejected",
    "filter_respected",
    "order_respected",
    "read_mask_respected",
    "show_deleted_respected",
    "validate_only_creates_nothing",
    "update_mask_respected",
    "scale_applied",
    "undelete_restores",
    "effective_page_size",
    "is_follow_up",
    "remember_before_update",
]


def effective_page_size(raw: Any) -> int:
    default, cap = page_size_rules()
    try:
        size = int(raw)
    except (TypeError, ValueError):
        return default
    return default if size <= 0 else min(size, cap)


# --- helpers -----------------------------------------------------------------------------------


def _ok_json(response: Response) -> Any:
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


_FOLLOW_UP: contextvars.ContextVar[bool] = contextvars.ContextVar("contract_follow_up", default=False)


def is_follow_up() -> bool:
    """True while a check's own follow-up request is being sent (the hooks must not rewrite it)."""
    return _FOLLOW_UP.get()


def _follow(
    case: Any, operation_id: str, *, path: dict[str, Any], query: dict[str, Any] | None = None, body: Any = None
) -> Any:
    """Make one more call through the case's own transport (and the run's headers)."""
    operation = case.operation.schema.find_operation_by_id(operation_id)
    headers = {**(getattr(case.operation.schema.config, "headers", None) or {}), **dict(case.headers or {})}
    kwargs: dict[str, Any] = {"path_parameters": path, "query": query or {}, "headers": headers}
    if body is not None:
        kwargs.update(body=body, media_type="application/json")
    follow = operation.Case(**kwargs)
    token = _FOLLOW_UP.set(True)
    try:
        return follow.call()
    finally:
        _FOLLOW_UP.reset(token)


# --- checks ------------------------------------------------------------------------------------


@contract_check()
def name_matches_path(ctx: CheckContext, response: Response, case: OpenApiCase) -> None:
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
            raise Broken(f"{op_id} answered name {name!r}, expected {expected!r}")
        if expected is None and not (isinstance(name, str) and name.startswith(prefix) and len(name) > len(prefix)):
            raise Broken(f"{op_id} answered name {name!r}, expected {prefix}<id>")
    return None


def _ts(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return None


@contract_check()
def timestamps_ordered(ctx: CheckContext, response: Response, case: OpenApiCase) -> None:
    op_id = _operation_id(case)
    for item in _deployments_in(op_id, _ok_json(response)):
        create, update = _ts(item.get("createTime")), _ts(item.get("updateTime"))
        delete, purge = _ts(item.get("deleteTime")), _ts(item.get("purgeTime"))
        name = item.get("name")
        if create and update and create > update:
            raise Broken(f"{name}: createTime {item['createTime']} is after updateTime {item['updateTime']}")
        if create and delete and create > delete:
            raise Broken(f"{name}: createTime {item['createTime']} is after deleteTime {item['deleteTime']}")
        if delete and purge and delete > purge:
            raise Broken(f"{name}: deleteTime {item['deleteTime']} is after purgeTime {item['purgeTime']}")
    return None


@contract_check("listDeployments")
def pagination_contract(ctx: CheckContext, response: Response, case: OpenApiCase) -> None:
    body = _ok_json(response)
    if not isinstance(body, dict):
        return None
    query = dict(case.query or {})
    limit = effective_page_size(query.get("pageSize"))
    page = body.get("deployments") or []
    if len(page) > limit:
        raise Broken(f"page has {len(page)} deployments but pageSize={query.get('pageSize')!r} allows {limit}")
    token = body.get("nextPageToken")
    if not token or not page:
        return None
    nxt = _follow(case, "listDeployments", path=dict(case.path_parameters), query={**query, "pageToken": token})
    if nxt.status_code != 200:
        raise Broken(f"following nextPageToken answered {nxt.status_code}: {nxt.text[:200]}")
    names = {d.get("name") for d in page}
    repeated = sorted(n for n in (d.get("name") for d in nxt.json().get("deployments") or []) if n in names)
    if repeated:
        raise Broken(f"the page after nextPageToken repeats {repeated[:3]} from the previous page (pageToken ignored?)")
    return None


@contract_check("deleteDeployment")
def soft_delete_semantics(ctx: CheckContext, response: Response, case: OpenApiCase) -> None:
    if response.status_code != 200:
        return None
    path = dict(case.path_parameters)
    name = f"accounts/{path['account_id']}/deployments/{path['deployment_id']}"
    got = _follow(case, "getDeployment", path=path)
    if _truthy((case.query or {}).get("hard")):
        if got.status_code != 404:
            raise Broken(f"after a hard delete GET {name} answered {got.status_code}, expected 404")
        return None
    if got.status_code != 200:
        raise Broken(f"after a soft delete GET {name} answered {got.status_code}, expected 200 (still readable)")
    state = got.json().get("state")
    if state not in _SOFT_DELETED:
        raise Broken(f"after a soft delete {name} has state {state!r}, expected DELETING or DELETED")
    for show in (False, True):
        listed = _follow(
            case,
            "listDeployments",
            path={"account_id": path["account_id"]},
            query={"filter": f'name = "{name}"', "showDeleted": "true" if show else "false"},
        )
        if listed.status_code != 200:
            raise Broken(f"list with filter on name answered {listed.status_code}: {listed.text[:200]}")
        present = any(d.get("name") == name for d in listed.json().get("deployments") or [])
        if present != show:
            raise Broken(
                f"soft-deleted {name} is {'listed' if present else 'missing'} with showDeleted={str(show).lower()}"
                f" (expected {'listed' if show else 'hidden'})"
            )
    return None


@contract_check("deleteDeployment", "scaleDeployment")
def empty_object_answers(ctx: CheckContext, response: Response, case: OpenApiCase) -> None:
    if response.status_code != 200:
        return None
    body = _ok_json(response)
    if body != {}:
        raise Broken(f"{_operation_id(case)} answered {str(body)[:200]!r}, expected {{}}")
    return None


@functools.cache
def _body_validator(operation_id: str) -> Any:
    schema = operations()[operation_id].request_body_schema
    return validator_for(schema) if schema is not None else None


@contract_check()
def invalid_body_rejected(ctx: CheckContext, response: Response, case: OpenApiCase) -> None:
    op_id = _operation_id(case)
    if op_id is None or not 200 <= response.status_code < 300 or case.body is None:
        return None
    validator = _body_validator(op_id)
    if validator is None:
        return None
    error = next(iter(validator.iter_errors(case.body)), None)
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(body)"
        raise Broken(
            f"{op_id} answered {response.status_code} to a body that violates the spec at {where}: {error.message}"
        )
    return None


# --- API semantics the spec states in prose (filter, orderBy, masks, flags, actions) ----------

_SOFT_DELETED = SOFT_DELETED_STATES


def _query(case: Any) -> dict[str, Any]:
    return dict(case.query or {})


def _read_mask(case: OpenApiCase) -> tuple[bool, Any]:
    """(usable, parsed readMask: None = every field). Not usable: a value the spec's grammar rejects."""
    raw = _query(case).get("readMask")
    if raw is None:
        return True, None
    if not isinstance(raw, str):
        return False, None
    try:
        return True, parse_read_mask(raw)
    except FakeError:
        return False, None


def _visible(mask: Any) -> frozenset[str] | None:
    """Top-level keys a readMask lets through (None: all)."""
    return None if mask is None else frozenset(p[0] for p in mask) | frozenset(ALWAYS_RETURNED)


@functools.cache
def _timestamp_keys() -> tuple[str, ...]:
    return tuple(f.json_name for f in _fields.deployment_fields().values() if f.is_timestamp)


def _canonical_times(item: dict[str, Any]) -> dict[str, Any]:
    """``item`` with its timestamps in the fake's canonical spelling (whose string order is time order)."""
    out = dict(item)
    for key in _timestamp_keys():
        if isinstance(out.get(key), str):
            try:
                out[key] = format_timestamp(parse_timestamp(out[key]))
            except ValueError:
                pass
    return out


@contract_check("listDeployments")
def filter_respected(ctx: CheckContext, response: Response, case: OpenApiCase) -> None:
    text = _query(case).get("filter")
    items = _deployments_in("listDeployments", _ok_json(response))
    if not items or not isinstance(text, str):
        return None
    try:
        parsed = parse_filter(text)
    except FakeError:
        return None  # outside the spec's subset: a 200 there is another check's business
    usable, mask = _read_mask(case)
    visible = _visible(mask)
    if parsed is None or not usable or (visible is not None and not filter_keys(parsed) <= visible):
        return None
    for item in items:
        try:
            matched = parsed.matches(_canonical_times(item))
        except TypeError:
            continue  # a value of the wrong type: response_schema_conformance reports it
        if not matched:
            shown = {k: item.get(k) for k in sorted(filter_keys(parsed))}
            raise Broken(f"listed {item.get('name')!r} does not satisfy filter {text!r} (its values: {shown})")
    return None


@contract_check("listDeployments")
def order_respected(ctx: CheckContext, response: Response, case: OpenApiCase) -> None:
    text = _query(case).get("orderBy")
    items = _deployments_in("listDeployments", _ok_json(response))
    if len(items) < 2 or not (text is None or isinstance(text, str)):
        return None
    try:
        ordering = parse_order_by(text)
    except FakeError:
        return None
    usable, mask = _read_mask(case)
    if not usable:
        return None
    visible = _visible(mask)
    fields = _fields.deployment_fields()
    terms = []
    for term in ordering.terms:
        if fields[term[0]].enum or (visible is not None and term[0] not in visible):
            break  # enum order is not specified; a hidden field reads as its zero value
        terms.append(term)
    complete = len(terms) == len(ordering.terms)  # only then do ties fall to the name
    if not terms and not complete:
        return None
    judged = Ordering(tuple(terms))
    keys = []
    for item in items:
        data = _canonical_times(item)
        key = judged.key(judged.values(data, str(item.get("name", ""))))
        keys.append(key if complete else key[:-1])
    try:
        for i in range(len(keys) - 1):
            if keys[i + 1] < keys[i]:
                a, b = items[i], items[i + 1]
                shown = [(t[0], a.get(t[0]), b.get(t[0])) for t in terms]
                raise Broken(
                    f"{a.get('name')!r} is listed before {b.get('name')!r} but"
                    f" orderBy={text or 'create_time'!r} puts it after (field, first, second: {shown})"
                )
    except TypeError:
        return None  # values of the wrong type: response_schema_conformance reports them
    return None


def _unmasked_paths(value: dict[str, Any], tree: dict[str, Any], prefix: str = "") -> list[str]:
    extra: list[str] = []
    for key, sub in value.items():
        allowed = tree.get(key)
        if allowed is None:
            extra.append(prefix + key)
        elif allowed is not True and isinstance(sub, dict):
            extra.extend(_unmasked_paths(sub, allowed, f"{prefix}{key}."))
    return extra


@contract_check("getDeployment", "listDeployments")
def read_mask_respected(ctx: CheckContext, response: Response, case: OpenApiCase) -> None:
    op_id = _operation_id(case)
    usable, mask = _read_mask(case)
    items = _deployments_in(op_id, _ok_json(response))
    if not usable or mask is None or not items:
        return None
    tree: dict[str, Any] = {key: True for key in ALWAYS_RETURNED}
    for path in mask:
        node = tree
        for key in path[:-1]:
            nxt = node.setdefault(key, {})
            if nxt is True:
                break
            node = nxt
        else:
            node[path[-1]] = True
    for item in items:
        extra = _unmasked_paths(item, tree)
        if extra:
            raise Broken(
                f"{op_id} with readMask={_query(case)['readMask']!r} answered"
                f" {item.get('name')!r} with unmasked field(s) {sorted(extra)[:5]}"
            )
    return None


@contract_check("listDeployments")
def show_deleted_respected(ctx: CheckContext, response: Response, case: OpenApiCase) -> None:
    show = _query(case).get("showDeleted", False)
    if show not in (False, "false"):
        return None
    for item in _deployments_in("listDeployments", _ok_json(response)):
        if item.get("state") in _SOFT_DELETED:
            raise Broken(
                f"{item.get('name')!r} in state {item.get('state')} is listed"
                f" without showDeleted=true (soft-deleted deployments must be hidden)"
            )
    return None


def _validate_only_leak(case: Any, deployment_id: str, answer: dict[str, Any] | None) -> str | None:
    """GET ``deployment_id`` after a dry-run create of it; the complaint when it was stored."""
    account = case.path_parameters["account_id"]
    got = _follow(case, "getDeployment", path={"account_id": account, "deployment_id": deployment_id})
    if got.status_code == 404:
        return None
    if got.status_code != 200:
        return None
    stored = got.json() if isinstance(got.json(), dict) else {}
    before, made = _ts(stored.get("createTime")), _ts((answer or {}).get("createTime"))
    if before is not None and made is not None and before < made:
        return None  # it existed before the dry run (a lax server answered 200 instead of 409)
    return (
        f"after a create with validateOnly=true, GET"
        f" accounts/{account}/deployments/{deployment_id} answered 200 (the dry run stored it), expected 404"
    )


@contract_check("createDeployment")
def validate_only_creates_nothing(ctx: CheckContext, response: Response, case: OpenApiCase) -> None:
    if response.status_code != 200:
        return None
    query = _query(case)
    answer = _ok_json(response)
    if _truthy(query.get("validateOnly")):
        deployment_id = query.get("deploymentId")
        if isinstance(deployment_id, str) and deployment_id:
            problem = _validate_only_leak(case, deployment_id, answer if isinstance(answer, dict) else None)
            if problem:
                raise Broken(problem)
        return None
    # A real create succeeded: probe a dry run of the same body under a fresh id.
    if not isinstance(case.body, dict) or not isinstance(answer, dict):
        return None
    account = case.path_parameters["account_id"]
    probe_id = f"ct-vo-{zlib.crc32(str(answer.get('name')).encode()):08x}"
    before = _follow(case, "getDeployment", path={"account_id": account, "deployment_id": probe_id})
    if before.status_code != 404:
        return None
    dry = _follow(
        case,
        "createDeployment",
        path={"account_id": account},
        query={**query, "deploymentId": probe_id, "validateOnly": "true"},
        body=case.body,
    )
    if dry.status_code == 200:
        problem = _validate_only_leak(case, probe_id, _ok_json(dry))
        if problem:
            raise Broken(problem)
    return None


# before_call stashes (case, deployment before the call) here for update_mask_respected; bounded.
_BEFORE_UPDATE: dict[int, tuple[Any, dict[str, Any]]] = {}


def remember_before_update(case: OpenApiCase) -> None:
    """before_call hook part: GET the deployment an update is about to change (update_mask_respected, read_only_ignored)."""
    if _FOLLOW_UP.get() or case.method.upper() != "PATCH" or _operation_id(case) != "updateDeployment":
        return
    path = case.path_parameters or {}
    if not all(isinstance(path.get(k), str) for k in ("account_id", "deployment_id")):
        return
    try:
        got = _follow(case, "getDeployment", path={k: path[k] for k in ("account_id", "deployment_id")})
        body = got.json() if got.status_code == 200 else None
    except Exception:
        return
    if isinstance(body, dict):
        if len(_BEFORE_UPDATE) > 64:
            _BEFORE_UPDATE.clear()
        _BEFORE_UPDATE[id(case)] = (case, body)


@functools.cache
def _writable_fields() -> dict[str, Any]:
    return {f.json_name: f for f in _fields.deployment_fields().values() if not f.read_only}


@contract_check("updateDeployment")
def update_mask_respected(ctx: CheckContext, response: Response, case: OpenApiCase) -> None:
    stored = _BEFORE_UPDATE.get(id(case))
    after = _ok_json(response)
    if stored is None or stored[0] is not case or response.status_code != 200 or not isinstance(after, dict):
        return None
    before = stored[1]
    text = _query(case).get("updateMask")
    try:
        paths = parse_update_mask(text)
    except FakeError:
        return None
    if paths is None:
        return None  # no (or an empty) mask: every writable field is replaced
    writable = _writable_fields()
    changed = [k for k in writable if k not in paths and before.get(k) != after.get(k)]
    if changed:
        shown = {k: (before.get(k), after.get(k)) for k in changed[:3]}
        raise Broken(
            f"update with updateMask={text!r} changed field(s) not in the mask: {changed[:5]} (before, after: {shown})"
        )
    body = case.body if isinstance(case.body, dict) else {}
    for key in paths:
        sent = body.get(key)
        if isinstance(sent, (bool, int)) and after.get(key, writable[key].zero) != sent:
            raise Broken(f"update with updateMask={text!r} sent {key}={sent!r} but the answer has {after.get(key)!r}")
    return None


@contract_check("scaleDeployment")
def scale_applied(ctx: CheckContext, response: Response, case: OpenApiCase) -> None:
    if response.status_code != 200 or not isinstance(case.body, dict):
        return None
    sent = case.body.get("replicaCount")
    if isinstance(sent, bool) or not isinstance(sent, int):
        return None
    path = {k: case.path_parameters[k] for k in ("account_id", "deployment_id")}
    got = _follow(case, "getDeployment", path=path)
    body = _ok_json(got)
    if got.status_code != 200 or not isinstance(body, dict):
        return None
    desired = body.get("desiredReplicaCount", 0)
    if isinstance(desired, int) and not isinstance(desired, bool) and desired != sent:
        raise Broken(
            f"after a 200 scale to replicaCount={sent}, GET {body.get('name')!r} shows desiredReplicaCount={desired}"
        )
    return None


@contract_check("undeleteDeployment")
def undelete_restores(ctx: CheckContext, response: Response, case: OpenApiCase) -> None:
    if response.status_code != 200:
        return None
    body = _ok_json(response)
    if not isinstance(body, dict):
        return None
    left = {k: body[k] for k in ("deleteTime", "purgeTime") if body.get(k)}
    if body.get("state") in _SOFT_DELETED or left:
        raise Broken(
            f"a 200 undelete answered {body.get('name')!r} in state {body.get('state')!r}"
            f"{' with ' + str(left) if left else ''} (expected restored: not DELETED/DELETING, deleteTime cleared)"
        )
    return None

"""The seven operations, pure (no HTTP): keyword arguments in, JSON-ready dicts out.

Every public method takes the one state lock for its whole read-modify-write,
so concurrent callers never lose updates or share an id.

Records are copy-on-write (see :mod:`.models`): a result is built from the
stored dicts without copying them and copied once on the way out (one cheap
JSON-shaped copy), unless the caller passes ``shared=True`` and promises to
only read it -- the app does, and serializes the result at once. A shared list page holds its deployments
as the records' cached wire JSON (``orjson.Fragment``, see :mod:`.encoding`) when no readMask or fault applies.
"""

from __future__ import annotations

import bisect
import copy
import functools
import random
import string
from collections.abc import Callable
from typing import Any, ParamSpec

from fireworks_deployments_testing.rules.spec import operation, validator_for

from ..rules import fields as _fields
from ..rules.errors import (
    MSG_ALREADY_EXISTS,
    MSG_NOT_DELETED,
    MSG_NOT_FOUND,
    MSG_SOFT_DELETED,
    AlreadyExists,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
)
from ..rules.filtering import parse_filter
from ..rules.lifecycle import PURGE_AFTER, TRANSITIONS
from ..rules.masks import apply_read_mask, parse_read_mask, parse_update_mask
from ..rules.ordering import DEFAULT_ORDER, parse_order_by
from ..rules.timestamps import format_timestamp, parse_timestamp
from .clock import Clock, TransitionRule
from .faults import Faults
from .models import DeploymentRecord, apply_defaults, resource_name
from .pagination import PageTokens, page_size, query_binding
from .state import AccountState, FakeState

__all__ = ["DeploymentsBackend"]

_P = ParamSpec("_P")


def copy_json(value: Any) -> Any:
    """A deep copy of JSON-shaped data (dicts, lists, scalars): what ``copy.deepcopy`` gives, much faster."""
    if type(value) is dict:
        return {k: copy_json(v) if type(v) in _CONTAINERS else v for k, v in value.items()}
    if type(value) is list:
        return [copy_json(v) if type(v) in _CONTAINERS else v for v in value]
    if isinstance(value, (dict, list)):  # subclasses: leave them to deepcopy
        return copy.deepcopy(value)
    return value


_CONTAINERS = (dict, list)  # `type(v) in` a tuple: exact types only; subclasses take copy_json's slow branch


def _shareable(method: Callable[_P, dict[str, Any]]) -> Callable[_P, dict[str, Any]]:
    """Return an independent copy of the result unless called with ``shared=True`` (read-only use).

    Each decorated method declares ``shared: bool = False`` so that its signature (and so type checkers) know
    the flag; only this wrapper reads it.
    """

    @functools.wraps(method)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> dict[str, Any]:
        result = method(*args, **kwargs)
        if kwargs.get("shared"):
            return result
        copied: dict[str, Any] = copy_json(result)
        return copied

    return wrapper


_ID_FIRST = string.ascii_lowercase
_ID_REST = string.ascii_lowercase + string.digits


def _writable() -> tuple[str, ...]:
    return tuple(f.json_name for f in _fields.deployment_fields().values() if not f.read_only)


def _timestamp_fields() -> tuple[str, ...]:
    return tuple(f.json_name for f in _fields.deployment_fields().values() if f.is_timestamp)


class DeploymentsBackend:
    def __init__(
        self,
        *,
        state: FakeState | None = None,
        clock: Clock | None = None,
        transition: TransitionRule | str = "immediate",
        faults: Faults | None = None,
        seed: int = 0,
        token_secret: bytes | None = None,
    ):
        self.state = state or FakeState()
        self.clock = clock or Clock()
        self.transition = TransitionRule.parse(transition)
        self.faults = faults or Faults(seed)
        self._rng = random.Random(seed)
        self.tokens = PageTokens(token_secret or random.Random(seed ^ 0x5EED).randbytes(32))
        self._writable = _writable()
        self._timestamps = _timestamp_fields()
        # When a list, every successful mutation is appended as (method name, kwargs) in the order it took
        # effect (under the lock), with generated ids made explicit: replaying it serially rebuilds the state.
        self.journal: list[tuple[str, dict[str, Any]]] | None = None

    def reseed_ids(self, seed: str) -> None:
        """Draw generated ids from another sequence (each process sharing one store draws its own)."""
        self._rng = random.Random(seed)

    def _log(self, method: str, **kwargs: Any) -> None:
        if self.journal is not None:
            self.journal.append((method, kwargs))
        if self.state.journaling:  # kept by the store, shared by every process on it
            self.state.record(method, kwargs)

    # -- helpers -----------------------------------------------------------

    def _new_id(self, acct: AccountState) -> str:
        while True:
            candidate = self._rng.choice(_ID_FIRST) + "".join(self._rng.choices(_ID_REST, k=7))
            if candidate not in acct.records:
                return candidate

    def _settle(self, acct: AccountState, record: DeploymentRecord, *, read: bool) -> bool:
        """Advance a pending transition if due and drop a purged record. False when the record is gone."""
        now = self.clock.now()
        if record.purged(now):
            acct.remove(record.deployment_id)
            return False
        if record.due(self.transition, now, read=read):
            record.enter(TRANSITIONS[record.state], now)
            acct.track(record)
        return True

    def _settle_all(self, acct: AccountState) -> None:
        if self.transition.mode == "reads":
            return  # reads rule: only the records read move on
        for deployment_id in list(acct.pending):
            record = acct.records.get(deployment_id)
            if record is not None:
                self._settle(acct, record, read=False)
        if acct.soft_deleted:
            now = self.clock.now()
            for deployment_id in list(acct.soft_deleted):
                record = acct.records.get(deployment_id)
                if record is not None and record.purged(now):
                    acct.remove(deployment_id)

    def _find(
        self, account_id: str, deployment_id: str, *, read: bool = False
    ) -> tuple[AccountState, DeploymentRecord]:
        acct = self.state.account(account_id)
        record = acct.records.get(deployment_id)
        if record is None or not self._settle(acct, record, read=read):
            raise NotFound(MSG_NOT_FOUND.format(name=resource_name(account_id, deployment_id)))
        return acct, record

    def _normalise(self, body: dict[str, Any]) -> dict[str, Any]:
        """A deep copy with integral floats as ints and timestamps in canonical RFC 3339 (as protobuf JSON would)."""
        data: dict[str, Any] = _canonical(body)
        for key in self._timestamps:
            if isinstance(data.get(key), str):
                try:
                    data[key] = format_timestamp(parse_timestamp(data[key]))
                except ValueError:
                    raise InvalidArgument(f"{key}: {data[key]!r} is not an RFC 3339 timestamp") from None
        return data

    @staticmethod
    def _not_soft_deleted(record: DeploymentRecord) -> None:
        if record.soft_deleted:
            raise FailedPrecondition(MSG_SOFT_DELETED.format(name=record.data["name"], state=record.state))

    # -- operations --------------------------------------------------------

    @_shareable
    def create_deployment(
        self,
        *,
        shared: bool = False,
        account_id: str,
        deployment: dict[str, Any],
        deployment_id: str | None = None,
        validate_only: bool = False,
        accept_shapeless_risk: bool = False,
        **_flags: Any,
    ) -> dict[str, Any]:
        if accept_shapeless_risk and deployment.get("deploymentShape"):
            raise InvalidArgument("acceptShapelessRisk: must not be combined with deploymentShape")
        data = apply_defaults(self._normalise(deployment))
        with self.state.lock:
            acct = self.state.account(account_id)
            if deployment_id == "":  # the app reads deploymentId= as absent; only the zero_values_set fault gets here
                raise InvalidArgument("deploymentId: '' does not match the deployment id rule")
            if deployment_id is None:
                deployment_id = self._new_id(acct)
            else:
                existing = acct.records.get(deployment_id)
                if existing is not None and self._settle(acct, existing, read=False):
                    raise AlreadyExists(MSG_ALREADY_EXISTS.format(name=resource_name(account_id, deployment_id)))
            now = self.clock.now()
            data["name"] = resource_name(account_id, deployment_id)
            data["createTime"] = format_timestamp(now)
            data["status"] = {"code": "OK", "message": ""}
            data["desiredReplicaCount"] = data["minReplicaCount"]
            data["replicaCount"] = 0
            record = DeploymentRecord(account_id, deployment_id, data)
            record.enter("CREATING", now)
            if validate_only and not self.faults.roll("validate_only_stores"):
                return record.data
            acct.add(record)
            self._log(
                "create_deployment",
                account_id=account_id,
                deployment=deployment,
                deployment_id=deployment_id,
                accept_shapeless_risk=accept_shapeless_risk,
            )
            return record.data

    @_shareable
    def get_deployment(
        self, *, shared: bool = False, account_id: str, deployment_id: str, read_mask: str | None = None
    ) -> dict[str, Any]:
        mask = parse_read_mask(read_mask)
        if self.faults.roll("ignore_read_mask"):
            mask = None
        with self.state.lock:
            _, record = self._find(account_id, deployment_id, read=True)
            return apply_read_mask(record.data, mask)

    @_shareable
    def list_deployments(
        self,
        *,
        shared: bool = False,
        account_id: str,
        page_size: int | None = None,
        page_token: str | None = None,
        filter: str | None = None,
        order_by: str | None = None,
        show_deleted: bool = False,
        read_mask: str | None = None,
    ) -> dict[str, Any]:
        size = _page_size(page_size)
        predicate = parse_filter(filter)
        ordering = parse_order_by(order_by)
        mask = parse_read_mask(read_mask)
        faults = self.faults
        if faults:  # contract-bug faults: the parameter is still validated, then ignored
            predicate = None if faults.roll("ignore_filter") else predicate
            ordering = DEFAULT_ORDER if faults.roll("ignore_order") else ordering
            mask = None if faults.roll("ignore_read_mask") else mask
        list_deleting = not show_deleted and faults.roll("list_deleting")
        binding = query_binding(
            account_id=account_id, filter=filter, order_by=order_by, show_deleted=show_deleted, read_mask=read_mask
        )
        include_deleted = show_deleted or self.faults.roll("list_deleted")
        with self.state.lock:
            last = (
                self.tokens.read(page_token, binding)
                if page_token and not self.faults.roll("ignore_page_token")
                else None
            )
            acct = self.state.account(account_id)
            self._settle_all(acct)
            records = acct.records
            hidden = frozenset() if include_deleted else acct.soft_deleted

            def visible(record: DeploymentRecord) -> bool:
                if record.deployment_id in hidden and not (list_deleting and record.state == "DELETING"):
                    return False
                return predicate is None or predicate.matches(record.data)

            page: list[DeploymentRecord] = []
            more = False
            if ordering.is_default and predicate is None and not hidden:  # every record is listed: a slice
                after = None if last is None else (str(last[0]), str(last[-1]))
                page = acct.first(after, size + 1)
                more = len(page) > size
                del page[size:]
                total = len(records)
            elif ordering.is_default:
                after = None if last is None else (str(last[0]), str(last[-1]))
                for record in acct.in_order(after):
                    if visible(record):
                        if len(page) == size:
                            more = True
                            break
                        page.append(record)
                if predicate is None:
                    total = len(records) if include_deleted else len(records) - len(acct.soft_deleted)
                else:
                    total = sum(1 for r in records.values() if visible(r))
            else:
                matching = [r for r in records.values() if visible(r)]
                total = len(matching)
                keyed = sorted(
                    ((ordering.key(ordering.values(r.data, r.deployment_id)), r) for r in matching),
                    key=lambda kr: kr[0],
                )
                start = 0
                if last is not None:
                    try:
                        start = bisect.bisect_right(keyed, ordering.key(last), key=lambda kr: kr[0])
                    except TypeError:
                        raise InvalidArgument("pageToken: malformed") from None
                page = [r for _, r in keyed[start : start + size]]
                more = start + size < len(keyed)
            pending = acct.pending
            if pending:
                for record in page:
                    if record.deployment_id in pending:
                        self._settle(acct, record, read=True)
            deployments: list[Any]
            if shared and mask is None and not faults:  # read-only use, served as is: the encoded records
                deployments = [r.fragment() for r in page]
            else:
                deployments = [apply_read_mask(r.data, mask) for r in page]
            result: dict[str, Any] = {"deployments": deployments, "totalSize": total}
            if more and page:
                result["nextPageToken"] = self.tokens.issue(
                    binding, ordering.values(page[-1].data, page[-1].deployment_id)
                )
            return result

    @_shareable
    def update_deployment(
        self,
        *,
        shared: bool = False,
        account_id: str,
        deployment_id: str,
        deployment: dict[str, Any],
        update_mask: str | None = None,
        **_flags: Any,
    ) -> dict[str, Any]:
        paths = parse_update_mask(update_mask)
        if paths is not None and self.faults.roll("ignore_update_mask"):
            paths = None
        body = self._normalise(deployment)
        with self.state.lock:
            acct, record = self._find(account_id, deployment_id)
            self._not_soft_deleted(record)
            data = record.edit()
            for key in paths if paths is not None else self._writable:
                if key in body:
                    data[key] = body[key]
                else:
                    data.pop(key, None)
            for key, value in body.items():  # read-only fields, present only under the writable_read_only fault
                if key not in self._writable and key != "name":
                    data[key] = value
            apply_defaults(data)
            record.enter("UPDATING", self.clock.now())
            if "state" in body:
                record.edit()["state"] = body["state"]
            acct.track(record)
            self._log(
                "update_deployment",
                account_id=account_id,
                deployment_id=deployment_id,
                deployment=deployment,
                update_mask=update_mask,
            )
            return record.data

    @_shareable
    def scale_deployment(
        self, *, shared: bool = False, account_id: str, deployment_id: str, replica_count: int | None = None
    ) -> dict[str, Any]:
        if replica_count is None:  # absent is proto3's zero: scale to zero (the zero_values_set fault refuses it)
            if self.faults.roll("zero_values_set"):
                raise InvalidArgument("replicaCount: is required")
            replica_count = 0
        if replica_count < 0:
            raise InvalidArgument("replicaCount: must not be negative")
        with self.state.lock:
            _, record = self._find(account_id, deployment_id)
            self._not_soft_deleted(record)
            if not self.faults.roll("scale_ignored"):
                record.edit()["desiredReplicaCount"] = replica_count
            if record.state == "READY":
                record.enter("READY", self.clock.now())
            else:
                record.edit()["updateTime"] = format_timestamp(self.clock.now())
            self._log(
                "scale_deployment", account_id=account_id, deployment_id=deployment_id, replica_count=replica_count
            )
            return {}

    @_shareable
    def delete_deployment(
        self,
        *,
        shared: bool = False,
        account_id: str,
        deployment_id: str,
        hard: bool = False,
        ignore_checks: bool = False,
    ) -> dict[str, Any]:
        with self.state.lock:
            acct, record = self._find(account_id, deployment_id)
            if hard:
                acct.remove(deployment_id)
                self._log("delete_deployment", account_id=account_id, deployment_id=deployment_id, hard=True)
                return {}
            self._not_soft_deleted(record)
            now = self.clock.now()
            record.enter("DELETING", now)
            record.deleted_at, record.purge_at = now, now + PURGE_AFTER
            data = record.edit()
            data["deleteTime"] = format_timestamp(now)
            data["purgeTime"] = format_timestamp(record.purge_at)
            acct.track(record)
            self._log("delete_deployment", account_id=account_id, deployment_id=deployment_id, hard=False)
            return {}

    @_shareable
    def undelete_deployment(self, *, shared: bool = False, account_id: str, deployment_id: str) -> dict[str, Any]:
        with self.state.lock:
            acct, record = self._find(account_id, deployment_id)
            if record.state != "DELETED":
                raise FailedPrecondition(MSG_NOT_DELETED.format(name=record.data["name"], state=record.state))
            if self.faults.roll("undelete_noop"):
                return record.data
            record.enter("READY", self.clock.now())
            record.deleted_at = record.purge_at = None
            data = record.edit()
            data.pop("deleteTime", None)
            data.pop("purgeTime", None)
            acct.track(record)
            self._log("undelete_deployment", account_id=account_id, deployment_id=deployment_id)
            return data

    # -- bulk helpers for tests and benchmarks -----------------------------

    def seed_deployments(
        self, account_id: str, n: int, *, base_model: str = "accounts/fireworks/models/seeded"
    ) -> list[str]:
        """Insert ``n`` READY deployments at once (ids ``seed-0000000`` ..., skipping ids in use: an existing
        deployment is never replaced); returns their ids. Account and ids must follow the spec's id rules."""
        _check_ids(account_id=account_id)
        with self.state.lock:
            acct = self.state.account(account_id)
            ids: list[str] = []
            i = len(acct.records)
            while len(ids) < n:
                if f"seed-{i:07d}" not in acct.records:
                    ids.append(f"seed-{i:07d}")
                i += 1
            for deployment_id in ids[:1] + ids[-1:]:  # one shape, growing in length: the ends stand for all
                _check_ids(deployment_id=deployment_id)
            records = []
            for deployment_id in ids:
                now = self.clock.now()
                data = apply_defaults({"baseModel": base_model, "displayName": f"seeded {int(deployment_id[5:])}"})
                data.update(
                    name=resource_name(account_id, deployment_id),
                    createTime=format_timestamp(now),
                    status={"code": "OK", "message": ""},
                    desiredReplicaCount=data["minReplicaCount"],
                )
                record = DeploymentRecord(account_id, deployment_id, data)
                record.enter("READY", now)
                records.append(record)
            acct.add_many(records)
            return [r.deployment_id for r in records]

    def snapshot(self, account_id: str) -> dict[str, dict[str, Any]]:
        """A deep copy of one account's deployments by id (for tests)."""
        with self.state.lock:
            return {k: copy_json(r.data) for k, r in self.state.account(account_id).records.items()}


def _canonical(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_canonical(v) for v in value]
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**63:
        return int(value)
    return value


@functools.cache
def _id_rule(name: str) -> Any:
    """A validator of the spec's schema for the path parameter ``name`` (read from getDeployment)."""
    parameter = operation("getDeployment").parameter(name)
    assert parameter is not None, name
    return validator_for(parameter["schema"])


def _check_ids(**ids: str) -> None:
    for name, value in ids.items():
        if not isinstance(value, str) or not _id_rule(name).is_valid(value):
            raise InvalidArgument(f"{name}: {value!r} does not follow the spec's id rule")


def _page_size(value: int | None) -> int:
    return page_size(value)

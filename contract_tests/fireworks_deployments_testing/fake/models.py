"""The deployment record and its lifecycle.

A record keeps the deployment in its JSON (camelCase) form, exactly what reads
return before a readMask is applied. Server defaults come from the spec's
``x-server-default`` extensions.

Records are copy-on-write: ``record.data`` (and every dict or list inside it)
is never changed in place once stored; a change replaces it with an edited
copy (:meth:`DeploymentRecord.edit`). So a reader may keep and serialize the
dict it got without copying it, even after the lock is released.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..rules.lifecycle import SOFT_DELETED_STATES, TRANSITIONS
from ..rules.spec import component_schema, resolve
from ..rules.timestamps import format_timestamp
from .clock import TransitionRule

__all__ = [
    "DeploymentRecord",
    "apply_defaults",
    "resource_name",
]


def resource_name(account_id: str, deployment_id: str) -> str:
    return f"accounts/{account_id}/deployments/{deployment_id}"


def apply_defaults(data: dict[str, Any]) -> dict[str, Any]:
    """Fill the documented server defaults into a deployment's writable fields.

    ``data``'s own keys are set in place; a nested object that gets defaults is replaced by a filled copy
    (never changed in place, so a stored record's nested objects stay untouched).
    """
    _fill(data, _plan(component_schema("Deployment")))
    # The one default a constant cannot express (see the spec's x-decisions).
    data.setdefault("maxReplicaCount", max(data.get("minReplicaCount", 0), 1))
    return data


_NO_DEFAULT = object()


class _Plan:
    """For one object schema of the spec: (name, server default or _NO_DEFAULT, nested object schema or None)
    per property, with refs resolved once, so filling defaults calls no ``resolve`` per request."""

    __slots__ = ("schema", "entries")

    def __init__(self, schema: dict[str, Any]):
        self.schema = schema
        entries: list[tuple[str, Any, dict[str, Any] | None]] = []
        for name, node in (schema.get("properties") or {}).items():
            target = resolve(node)
            entries.append(
                (name, node.get("x-server-default", _NO_DEFAULT), target if target.get("properties") else None)
            )
        self.entries = tuple(entries)


_PLANS: dict[int, _Plan] = {}  # by id() of a schema object of the spec (loaded once, never freed)


def _plan(schema: dict[str, Any]) -> _Plan:
    plan = _PLANS.get(id(schema))
    if plan is None or plan.schema is not schema:
        plan = _PLANS[id(schema)] = _Plan(schema)
    return plan


def _fill(data: dict[str, Any], plan: _Plan) -> None:
    """Set each absent field that carries ``x-server-default``; descend into objects with declared fields."""
    for name, default, nested in plan.entries:
        if default is not _NO_DEFAULT and name not in data:
            data[name] = copy.deepcopy(default) if isinstance(default, (dict, list)) else default
        if nested is not None:
            value = data.get(name)
            if isinstance(value, dict):
                value = dict(value)
                _fill(value, _plan(nested))
                data[name] = value


@dataclass
class DeploymentRecord:
    account_id: str
    deployment_id: str
    data: dict[str, Any]
    reads_in_state: int = 0
    state_since: datetime | None = None
    deleted_at: datetime | None = None
    purge_at: datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def state(self) -> str:
        return str(self.data.get("state", "STATE_UNSPECIFIED"))

    @property
    def soft_deleted(self) -> bool:
        return self.state in SOFT_DELETED_STATES

    @property
    def pending(self) -> bool:
        return self.state in TRANSITIONS

    @property
    def sort_id(self) -> tuple[str, str]:
        return (self.data["createTime"], self.deployment_id)

    def edit(self) -> dict[str, Any]:
        """Replace :attr:`data` by a shallow copy and return it, for changing top-level keys (copy-on-write)."""
        self.data = dict(self.data)
        return self.data

    def enter(self, state: str, now: datetime) -> None:
        data = self.edit()
        data["state"] = state
        data["updateTime"] = format_timestamp(now)
        self.reads_in_state = 0
        self.state_since = now
        if state == "READY":
            self._settle_replicas()

    def _settle_replicas(self) -> None:
        replicas = int(self.data.get("desiredReplicaCount", 0))
        self.data["replicaCount"] = replicas
        self.data["replicaStats"] = {"readyReplicaCount": replicas}
        placement = self.data.get("placement") or {}
        if "region" in placement:
            self.data["region"] = placement["region"]
        elif placement.get("regions"):
            self.data["region"] = placement["regions"][0]

    def due(self, rule: TransitionRule, now: datetime, *, read: bool) -> bool:
        """Whether a pending transition completes now; counts the read when ``read``."""
        if not self.pending:
            return False
        if rule.mode == "immediate":
            return True
        if rule.mode == "seconds":
            return self.state_since is None or (now - self.state_since).total_seconds() >= rule.value
        if read:
            if self.reads_in_state >= rule.value:
                return True
            self.reads_in_state += 1
        return False

    def purged(self, now: datetime) -> bool:
        return self.purge_at is not None and now >= self.purge_at

"""The deployment record and its lifecycle.

A record keeps the deployment in its JSON (camelCase) form, exactly what reads
return before a readMask is applied. Server defaults come from the spec's
``x-server-default`` extensions.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from contract_tests.spec import component_schema, resolve

from .clock import TransitionRule, format_timestamp

__all__ = [
    "DeploymentRecord",
    "TRANSITIONS",
    "SOFT_DELETED_STATES",
    "PURGE_AFTER",
    "apply_defaults",
    "resource_name",
]

# transitional state -> the state it settles into
TRANSITIONS = {"CREATING": "READY", "UPDATING": "READY", "DELETING": "DELETED"}
SOFT_DELETED_STATES = frozenset({"DELETING", "DELETED"})
PURGE_AFTER = timedelta(days=30)


def resource_name(account_id: str, deployment_id: str) -> str:
    return f"accounts/{account_id}/deployments/{deployment_id}"


def apply_defaults(data: dict[str, Any]) -> dict[str, Any]:
    """Fill the documented server defaults into a deployment's writable fields (in place)."""
    _fill(data, component_schema("Deployment"))
    # The one default a constant cannot express (see the spec's x-decisions).
    data.setdefault("maxReplicaCount", max(data.get("minReplicaCount", 0), 1))
    return data


def _fill(data: dict[str, Any], schema: dict[str, Any]) -> None:
    """Set each absent field that carries ``x-server-default``; descend into objects with declared fields."""
    for name, node in (schema.get("properties") or {}).items():
        if name not in data and "x-server-default" in node:
            data[name] = copy.deepcopy(node["x-server-default"])
        target = resolve(node)
        if isinstance(data.get(name), dict) and target.get("properties"):
            _fill(data[name], target)


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

    def enter(self, state: str, now: datetime) -> None:
        self.data["state"] = state
        self.data["updateTime"] = format_timestamp(now)
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

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

from datetime import datetime
from typing import Any, Protocol

from ..rules.lifecycle import SOFT_DELETED_STATES, TRANSITIONS
from ..rules.spec import component_schema, resolve
from ..rules.timestamps import format_timestamp
from . import audit
from .clock import TransitionRule
from .encoding import Fragment, dumps, fragment_bytes

__all__ = [
    "DeploymentRecord",
    "Meta",
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
            data[name] = default  # shared by every record: stored JSON is never changed in place (see above)
        if nested is not None:
            value = data.get(name)
            if isinstance(value, dict):
                value = dict(value)
                _fill(value, _plan(nested))
                data[name] = value


Meta = tuple[int, "datetime | None", "datetime | None", "datetime | None", dict[str, Any]]
"""A record's lifecycle bookkeeping: (reads in state, state entered, deleted at, purge at, extra)."""


class StoredRows(Protocol):
    """What a store gives the records it reads back, to decode their stored values when first needed."""

    def decode(self, stored: Any) -> Any: ...

    def meta_of(self, stored: Any) -> Meta: ...

    def wire(self, doc: Any) -> bytes | None:
        """``doc`` when it is already the wire JSON (what :func:`.encoding.dumps` writes), else None."""


class DeploymentRecord:
    """One deployment: its JSON (:attr:`data`) and lifecycle bookkeeping.

    A record read back from a store (:meth:`stored`) keeps the stored bytes and decodes its JSON and its
    bookkeeping only when first needed: a list page of READY records is served from the stored bytes as
    they are. :meth:`fragment` gives the wire JSON, computed once per version of :attr:`data`.
    """

    __slots__ = (
        "account_id",
        "deployment_id",
        "_data",
        "_doc",
        "_store",
        "_stored_state",
        "_encoded",
        "edited",
        "_reads_in_state",
        "_state_since",
        "_deleted_at",
        "_purge_at",
        "_extra",
        "_meta_source",
        "meta_at_load",
    )

    def __init__(
        self,
        account_id: str,
        deployment_id: str,
        data: dict[str, Any],
        reads_in_state: int = 0,
        state_since: datetime | None = None,
        deleted_at: datetime | None = None,
        purge_at: datetime | None = None,
        extra: dict[str, Any] | None = None,
    ):
        self.account_id = account_id
        self.deployment_id = deployment_id
        self._data: dict[str, Any] | None = data
        self._doc: bytes | str | None = None
        self._store: StoredRows | None = None
        self._stored_state = ""
        self._encoded: Fragment | None = None
        self.edited = False  # data replaced since the record was made or read back (stores write it back)
        self._reads_in_state = reads_in_state
        self._state_since = state_since
        self._deleted_at = deleted_at
        self._purge_at = purge_at
        self._extra: dict[str, Any] = {} if extra is None else extra
        self._meta_source: Any = None
        self.meta_at_load: Meta | None = None  # the bookkeeping as read back (stores compare to write back)

    @classmethod
    def stored(
        cls, account_id: str, deployment_id: str, doc: Any, state: str, meta: Any, store: StoredRows
    ) -> DeploymentRecord:
        """A record of a store's row: ``doc`` its stored JSON, ``state`` its stored state, ``meta`` its stored
        bookkeeping; ``store`` decodes them when first needed and says whether ``doc`` is already the wire JSON."""
        record = cls.__new__(cls)
        record.account_id = account_id
        record.deployment_id = deployment_id
        record._data = None
        record._doc = doc
        record._stored_state = state
        wire = store.wire(doc)
        record._encoded = None if wire is None else Fragment(wire)
        record.edited = False
        record._meta_source = meta
        record.meta_at_load = None
        record._store = store
        return record

    # -- the JSON ----------------------------------------------------------

    @property
    def data(self) -> dict[str, Any]:
        data = self._data
        if data is None:
            assert self._store is not None
            data = self._data = self._store.decode(self._doc)
            self._doc = None
        return data

    def fragment(self) -> Fragment:
        """The deployment's wire JSON (:func:`.encoding.dumps` of :attr:`data`), cached until :meth:`edit`."""
        encoded = self._encoded
        if encoded is None:
            encoded = self._encoded = Fragment(dumps(self.data))
        elif audit.enabled and self._data is not None:
            fresh = dumps(self._data)
            if fragment_bytes(encoded) != (fresh.encode() if isinstance(fresh, str) else fresh):
                raise audit.StaleCache(
                    f"deployment {self.account_id}/{self.deployment_id}: its data was changed in place after it "
                    "was encoded (stored JSON must be replaced through edit(), never mutated)"
                )
        return encoded

    # -- the bookkeeping (decoded when first needed) -----------------------

    def _load_meta(self) -> None:
        source = self._meta_source
        if source is not None:
            self._meta_source = None
            assert self._store is not None
            meta = self._store.meta_of(source)
            self._reads_in_state, self._state_since, self._deleted_at, self._purge_at, self._extra = meta
            self.meta_at_load = meta

    def meta(self) -> Meta:
        self._load_meta()
        return (self._reads_in_state, self._state_since, self._deleted_at, self._purge_at, self._extra)

    def committed(self) -> None:
        """The record is stored as it is now: nothing edited since, bookkeeping as read back."""
        self.edited = False
        if self._meta_source is None:
            self.meta_at_load = self.meta()

    @property
    def meta_changed(self) -> bool:
        """Whether the bookkeeping differs from what was read back (never, if it was never read)."""
        return self._meta_source is None and self.meta_at_load is not None and self.meta() != self.meta_at_load

    @property
    def dirty(self) -> bool:
        """Whether :meth:`committed` has anything to record: data edited, bookkeeping changed, or bookkeeping
        never yet noted as stored (a record made in this unit of work)."""
        if self.edited:
            return True
        if self._meta_source is not None:
            return False
        return self.meta_at_load is None or self.meta_changed

    @property
    def reads_in_state(self) -> int:
        self._load_meta()
        return self._reads_in_state

    @reads_in_state.setter
    def reads_in_state(self, value: int) -> None:
        self._load_meta()
        self._reads_in_state = value

    @property
    def state_since(self) -> datetime | None:
        self._load_meta()
        return self._state_since

    @state_since.setter
    def state_since(self, value: datetime | None) -> None:
        self._load_meta()
        self._state_since = value

    @property
    def deleted_at(self) -> datetime | None:
        self._load_meta()
        return self._deleted_at

    @deleted_at.setter
    def deleted_at(self, value: datetime | None) -> None:
        self._load_meta()
        self._deleted_at = value

    @property
    def purge_at(self) -> datetime | None:
        self._load_meta()
        return self._purge_at

    @purge_at.setter
    def purge_at(self, value: datetime | None) -> None:
        self._load_meta()
        self._purge_at = value

    @property
    def extra(self) -> dict[str, Any]:
        self._load_meta()
        return self._extra

    # -- the lifecycle -----------------------------------------------------

    @property
    def state(self) -> str:
        data = self._data
        if data is None:
            return self._stored_state
        return str(data.get("state", "STATE_UNSPECIFIED"))

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
        data = self._data = dict(self.data)
        self._encoded = None
        self.edited = True
        return data

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

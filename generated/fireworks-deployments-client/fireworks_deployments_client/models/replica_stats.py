from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ReplicaStats")

# The JSON names of the declared fields; any other key of an answer goes to additional_properties.
_REPLICA_STATS_KEYS = frozenset(
    (
        "pendingSchedulingReplicaCount",
        "downloadingModelReplicaCount",
        "initializingReplicaCount",
        "readyReplicaCount",
        "revocableReplicaCount",
        "partialReplicaCount",
    )
)


@_attrs_define
class ReplicaStats:
    """How many replicas are in each start-up stage (all server-computed).

    Attributes:
        pending_scheduling_replica_count (int | Unset): A non-negative 32-bit count.
        downloading_model_replica_count (int | Unset): A non-negative 32-bit count.
        initializing_replica_count (int | Unset): A non-negative 32-bit count.
        ready_replica_count (int | Unset): A non-negative 32-bit count.
        revocable_replica_count (int | Unset): A non-negative 32-bit count.
        partial_replica_count (float | Unset): Progress toward the next full replica, as a fraction.
    """

    pending_scheduling_replica_count: int | Unset = UNSET
    downloading_model_replica_count: int | Unset = UNSET
    initializing_replica_count: int | Unset = UNSET
    ready_replica_count: int | Unset = UNSET
    revocable_replica_count: int | Unset = UNSET
    partial_replica_count: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        pending_scheduling_replica_count = self.pending_scheduling_replica_count

        downloading_model_replica_count = self.downloading_model_replica_count

        initializing_replica_count = self.initializing_replica_count

        ready_replica_count = self.ready_replica_count

        revocable_replica_count = self.revocable_replica_count

        partial_replica_count = self.partial_replica_count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if pending_scheduling_replica_count is not UNSET:
            field_dict["pendingSchedulingReplicaCount"] = pending_scheduling_replica_count
        if downloading_model_replica_count is not UNSET:
            field_dict["downloadingModelReplicaCount"] = downloading_model_replica_count
        if initializing_replica_count is not UNSET:
            field_dict["initializingReplicaCount"] = initializing_replica_count
        if ready_replica_count is not UNSET:
            field_dict["readyReplicaCount"] = ready_replica_count
        if revocable_replica_count is not UNSET:
            field_dict["revocableReplicaCount"] = revocable_replica_count
        if partial_replica_count is not UNSET:
            field_dict["partialReplicaCount"] = partial_replica_count

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict:
            src_dict = dict(src_dict)  # as before: other mappings are copied, and non-mappings fail in dict()
        self = cls.__new__(cls)
        self.pending_scheduling_replica_count = src_dict.get("pendingSchedulingReplicaCount", UNSET)

        self.downloading_model_replica_count = src_dict.get("downloadingModelReplicaCount", UNSET)

        self.initializing_replica_count = src_dict.get("initializingReplicaCount", UNSET)

        self.ready_replica_count = src_dict.get("readyReplicaCount", UNSET)

        self.revocable_replica_count = src_dict.get("revocableReplicaCount", UNSET)

        self.partial_replica_count = src_dict.get("partialReplicaCount", UNSET)

        if _REPLICA_STATS_KEYS.issuperset(src_dict):
            self.additional_properties = {}
        else:
            self.additional_properties = {k: v for k, v in src_dict.items() if k not in _REPLICA_STATS_KEYS}
        return self

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties

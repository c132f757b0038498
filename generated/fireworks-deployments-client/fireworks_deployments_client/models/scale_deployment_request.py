from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ScaleDeploymentRequest")

# The JSON names of the declared fields; any other key of an answer goes to additional_properties.
_SCALE_DEPLOYMENT_REQUEST_KEYS = frozenset(("replicaCount",))


@_attrs_define
class ScaleDeploymentRequest:
    """Body of scaleDeployment. `{}` is valid: an absent replicaCount is its zero value and scales to zero.

    Attributes:
        replica_count (int | Unset): A non-negative 32-bit count.
    """

    replica_count: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        replica_count = self.replica_count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if replica_count is not UNSET:
            field_dict["replicaCount"] = replica_count

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict:
            src_dict = dict(src_dict)  # as before: other mappings are copied, and non-mappings fail in dict()
        self = cls.__new__(cls)
        self.replica_count = src_dict.get("replicaCount", UNSET)

        if _SCALE_DEPLOYMENT_REQUEST_KEYS.issuperset(src_dict):
            self.additional_properties = {}
        else:
            self.additional_properties = {k: v for k, v in src_dict.items() if k not in _SCALE_DEPLOYMENT_REQUEST_KEYS}
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

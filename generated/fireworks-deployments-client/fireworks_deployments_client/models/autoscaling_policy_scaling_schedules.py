from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AutoscalingPolicyScalingSchedules")


@_attrs_define
class AutoscalingPolicyScalingSchedules:
    """Named schedules that raise the replica floor at set times; at most five."""

    additional_properties: dict[str, ScalingSchedule] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            field_dict[prop_name] = prop.to_dict()

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict:
            src_dict = dict(src_dict)  # as before: other mappings are copied, and non-mappings fail in dict()
        self = cls.__new__(cls)
        additional_properties = {}
        for prop_name, prop_dict in src_dict.items():
            additional_property = ScalingSchedule.from_dict(prop_dict)

            additional_properties[prop_name] = additional_property
        self.additional_properties = additional_properties
        return self

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> ScalingSchedule:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: ScalingSchedule) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


# Imported after the class so that recursive schemas (import cycles between models) stay importable.
from ..models.scaling_schedule import ScalingSchedule

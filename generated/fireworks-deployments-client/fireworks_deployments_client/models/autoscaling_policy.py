from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AutoscalingPolicy")

# The JSON names of the declared fields; any other key of an answer goes to additional_properties.
_AUTOSCALING_POLICY_KEYS = frozenset(
    (
        "scaleUpWindow",
        "scaleDownWindow",
        "scaleToZeroWindow",
        "loadTargets",
        "scalingSchedules",
    )
)


@_attrs_define
class AutoscalingPolicy:
    """How quickly the autoscaler reacts, and what it aims for.

    Attributes:
        scale_up_window (str | Unset): A protobuf Duration in JSON form: decimal seconds with an `s` suffix, e.g. `30s`
            or `1.5s`.
        scale_down_window (str | Unset): A protobuf Duration in JSON form: decimal seconds with an `s` suffix, e.g.
            `30s` or `1.5s`.
        scale_to_zero_window (str | Unset): A protobuf Duration in JSON form: decimal seconds with an `s` suffix, e.g.
            `30s` or `1.5s`.
        load_targets (AutoscalingPolicyLoadTargets | Unset): Target utilisation per metric name, e.g. `default` (a
            fraction between 0 and 1). With several metrics the largest resulting replica count wins. Default `{"default":
            0.8}`.
        scaling_schedules (AutoscalingPolicyScalingSchedules | Unset): Named schedules that raise the replica floor at
            set times; at most five.
    """

    scale_up_window: str | Unset = UNSET
    scale_down_window: str | Unset = UNSET
    scale_to_zero_window: str | Unset = UNSET
    load_targets: AutoscalingPolicyLoadTargets | Unset = UNSET
    scaling_schedules: AutoscalingPolicyScalingSchedules | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        scale_up_window = self.scale_up_window

        scale_down_window = self.scale_down_window

        scale_to_zero_window = self.scale_to_zero_window

        load_targets: dict[str, Any] | Unset = UNSET
        if not isinstance(self.load_targets, Unset):
            load_targets = self.load_targets.to_dict()

        scaling_schedules: dict[str, Any] | Unset = UNSET
        if not isinstance(self.scaling_schedules, Unset):
            scaling_schedules = self.scaling_schedules.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if scale_up_window is not UNSET:
            field_dict["scaleUpWindow"] = scale_up_window
        if scale_down_window is not UNSET:
            field_dict["scaleDownWindow"] = scale_down_window
        if scale_to_zero_window is not UNSET:
            field_dict["scaleToZeroWindow"] = scale_to_zero_window
        if load_targets is not UNSET:
            field_dict["loadTargets"] = load_targets
        if scaling_schedules is not UNSET:
            field_dict["scalingSchedules"] = scaling_schedules

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict:
            src_dict = dict(src_dict)  # as before: other mappings are copied, and non-mappings fail in dict()
        self = cls.__new__(cls)
        self.scale_up_window = src_dict.get("scaleUpWindow", UNSET)

        self.scale_down_window = src_dict.get("scaleDownWindow", UNSET)

        self.scale_to_zero_window = src_dict.get("scaleToZeroWindow", UNSET)

        _load_targets = src_dict.get("loadTargets", UNSET)
        load_targets: AutoscalingPolicyLoadTargets | Unset
        if _load_targets is UNSET:
            load_targets = UNSET
        else:
            load_targets = AutoscalingPolicyLoadTargets.from_dict(_load_targets)

        self.load_targets = load_targets

        _scaling_schedules = src_dict.get("scalingSchedules", UNSET)
        scaling_schedules: AutoscalingPolicyScalingSchedules | Unset
        if _scaling_schedules is UNSET:
            scaling_schedules = UNSET
        else:
            scaling_schedules = AutoscalingPolicyScalingSchedules.from_dict(_scaling_schedules)

        self.scaling_schedules = scaling_schedules

        if _AUTOSCALING_POLICY_KEYS.issuperset(src_dict):
            self.additional_properties = {}
        else:
            self.additional_properties = {k: v for k, v in src_dict.items() if k not in _AUTOSCALING_POLICY_KEYS}
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


# Imported after the class so that recursive schemas (import cycles between models) stay importable.
from ..models.autoscaling_policy_load_targets import AutoscalingPolicyLoadTargets
from ..models.autoscaling_policy_scaling_schedules import AutoscalingPolicyScalingSchedules

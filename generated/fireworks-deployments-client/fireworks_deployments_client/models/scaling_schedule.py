from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ScalingSchedule")

# The JSON names of the declared fields; any other key of an answer goes to additional_properties.
_SCALING_SCHEDULE_KEYS = frozenset(
    (
        "minReplicaCount",
        "schedule",
        "duration",
        "timezone",
        "description",
        "disabled",
    )
)


@_attrs_define
class ScalingSchedule:
    """A recurring window during which at least minReplicaCount replicas run. When schedules overlap, the highest floor
    applies. minReplicaCount, schedule, duration and timezone are required (a zero value does not count as given).

        Attributes:
            min_replica_count (int): Replica floor while the window is open, at least 1; at most the deployment's
                maxReplicaCount.
            schedule (str): When the window opens, as a five-field cron expression such as `0 8 * * Mon-Fri`.
            duration (str): How long the window stays open, in whole seconds from 300s to 604800s.
            timezone (str): IANA time zone the cron expression is read in, e.g. `Europe/Berlin`.
            description (str | Unset): Notes for people.
            disabled (bool | Unset): Keep the schedule but do not apply it.
    """

    min_replica_count: int
    schedule: str
    duration: str
    timezone: str
    description: str | Unset = UNSET
    disabled: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        min_replica_count = self.min_replica_count

        schedule = self.schedule

        duration = self.duration

        timezone = self.timezone

        description = self.description

        disabled = self.disabled

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "minReplicaCount": min_replica_count,
                "schedule": schedule,
                "duration": duration,
                "timezone": timezone,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if disabled is not UNSET:
            field_dict["disabled"] = disabled

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict:
            src_dict = dict(src_dict)  # as before: other mappings are copied, and non-mappings fail in dict()
        self = cls.__new__(cls)
        self.min_replica_count = src_dict["minReplicaCount"]

        self.schedule = src_dict["schedule"]

        self.duration = src_dict["duration"]

        self.timezone = src_dict["timezone"]

        self.description = src_dict.get("description", UNSET)

        self.disabled = src_dict.get("disabled", UNSET)

        if _SCALING_SCHEDULE_KEYS.issuperset(src_dict):
            self.additional_properties = {}
        else:
            self.additional_properties = {k: v for k, v in src_dict.items() if k not in _SCALING_SCHEDULE_KEYS}
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

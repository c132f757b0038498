from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.status_code import StatusCode
from ..types import UNSET, Unset

T = TypeVar("T", bound="DeploymentStatus")

# The JSON names of the declared fields; any other key of an answer goes to additional_properties.
_DEPLOYMENT_STATUS_KEYS = frozenset(
    (
        "code",
        "message",
    )
)


@_attrs_define
class DeploymentStatus:
    """Outcome of the latest operation on the deployment.

    Attributes:
        code (StatusCode | Unset): A gRPC status code by name. Note that error bodies (ErrorStatus) carry the same codes
            as integers.
        message (str | Unset): Explanation for people, e.g. why the deployment FAILED.
    """

    code: StatusCode | Unset = UNSET
    message: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code: str | Unset = UNSET
        if not isinstance(self.code, Unset):
            code = self.code.value

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if code is not UNSET:
            field_dict["code"] = code
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict:
            src_dict = dict(src_dict)  # as before: other mappings are copied, and non-mappings fail in dict()
        self = cls.__new__(cls)
        _code = src_dict.get("code", UNSET)
        code: StatusCode | Unset
        if _code is UNSET:
            code = UNSET
        else:
            code = _StatusCode_by_value.get(_code) or StatusCode(_code)

        self.code = code

        self.message = src_dict.get("message", UNSET)

        if _DEPLOYMENT_STATUS_KEYS.issuperset(src_dict):
            self.additional_properties = {}
        else:
            self.additional_properties = {k: v for k, v in src_dict.items() if k not in _DEPLOYMENT_STATUS_KEYS}
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


# Module-level aliases for the parsing code above (see openapi/templates/fast_lookups.jinja).
_StatusCode_by_value = StatusCode._value2member_map_

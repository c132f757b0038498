from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AutoTune")

# The JSON names of the declared fields; any other key of an answer goes to additional_properties.
_AUTO_TUNE_KEYS = frozenset(("longPrompt",))


@_attrs_define
class AutoTune:
    """Performance profile the server tunes the deployment for.

    Attributes:
        long_prompt (bool | Unset): Favour long prompts.
    """

    long_prompt: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        long_prompt = self.long_prompt

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if long_prompt is not UNSET:
            field_dict["longPrompt"] = long_prompt

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict:
            src_dict = dict(src_dict)  # as before: other mappings are copied, and non-mappings fail in dict()
        self = cls.__new__(cls)
        self.long_prompt = src_dict.get("longPrompt", UNSET)

        if _AUTO_TUNE_KEYS.issuperset(src_dict):
            self.additional_properties = {}
        else:
            self.additional_properties = {k: v for k, v in src_dict.items() if k not in _AUTO_TUNE_KEYS}
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

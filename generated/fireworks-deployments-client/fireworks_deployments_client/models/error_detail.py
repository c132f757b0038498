from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ErrorDetail")

# The JSON names of the declared fields; any other key of an answer goes to additional_properties.
_ERROR_DETAIL_KEYS = frozenset(
    (
        "@type",
        "reason",
        "domain",
        "metadata",
    )
)


@_attrs_define
class ErrorDetail:
    """One typed detail of an error. For `type.googleapis.com/google.rpc.ErrorInfo` the fields reason, domain and metadata
    are set; other types may carry other fields.

        Attributes:
            type_ (str): The detail's type URL.
            reason (str | Unset): A short upper-snake-case cause, e.g. QUOTA_EXCEEDED.
            domain (str | Unset): Who defined the reason.
            metadata (ErrorDetailMetadata | Unset): Extra facts about the cause as string pairs.
    """

    type_: str
    reason: str | Unset = UNSET
    domain: str | Unset = UNSET
    metadata: ErrorDetailMetadata | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        reason = self.reason

        domain = self.domain

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "@type": type_,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason
        if domain is not UNSET:
            field_dict["domain"] = domain
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict:
            src_dict = dict(src_dict)  # as before: other mappings are copied, and non-mappings fail in dict()
        self = cls.__new__(cls)
        self.type_ = src_dict["@type"]

        self.reason = src_dict.get("reason", UNSET)

        self.domain = src_dict.get("domain", UNSET)

        _metadata = src_dict.get("metadata", UNSET)
        metadata: ErrorDetailMetadata | Unset
        if _metadata is UNSET:
            metadata = UNSET
        else:
            metadata = ErrorDetailMetadata.from_dict(_metadata)

        self.metadata = metadata

        if _ERROR_DETAIL_KEYS.issuperset(src_dict):
            self.additional_properties = {}
        else:
            self.additional_properties = {k: v for k, v in src_dict.items() if k not in _ERROR_DETAIL_KEYS}
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
from ..models.error_detail_metadata import ErrorDetailMetadata

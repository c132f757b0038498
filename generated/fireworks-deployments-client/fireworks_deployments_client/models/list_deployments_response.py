from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ListDeploymentsResponse")

# The JSON names of the declared fields; any other key of an answer goes to additional_properties.
_LIST_DEPLOYMENTS_RESPONSE_KEYS = frozenset(
    (
        "deployments",
        "nextPageToken",
        "totalSize",
    )
)


@_attrs_define
class ListDeploymentsResponse:
    """One page of a listDeployments answer.

    Attributes:
        deployments (list[Deployment] | Unset): The deployments on this page; absent or empty when there are none.
        next_page_token (str | Unset): Pass as pageToken to get the next page; absent or empty on the last page.
        total_size (int | Unset): A non-negative 32-bit count.
    """

    deployments: list[Deployment] | Unset = UNSET
    next_page_token: str | Unset = UNSET
    total_size: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        deployments: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.deployments, Unset):
            deployments = []
            for deployments_item_data in self.deployments:
                deployments_item = deployments_item_data.to_dict()
                deployments.append(deployments_item)

        next_page_token = self.next_page_token

        total_size = self.total_size

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if deployments is not UNSET:
            field_dict["deployments"] = deployments
        if next_page_token is not UNSET:
            field_dict["nextPageToken"] = next_page_token
        if total_size is not UNSET:
            field_dict["totalSize"] = total_size

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict:
            src_dict = dict(src_dict)  # as before: other mappings are copied, and non-mappings fail in dict()
        self = cls.__new__(cls)
        _deployments = src_dict.get("deployments", UNSET)
        deployments: list[Deployment] | Unset = UNSET
        if _deployments is not UNSET:
            deployments = []
            for deployments_item_data in _deployments:
                deployments_item = Deployment.from_dict(deployments_item_data)

                deployments.append(deployments_item)

        self.deployments = deployments

        self.next_page_token = src_dict.get("nextPageToken", UNSET)

        self.total_size = src_dict.get("totalSize", UNSET)

        if _LIST_DEPLOYMENTS_RESPONSE_KEYS.issuperset(src_dict):
            self.additional_properties = {}
        else:
            self.additional_properties = {k: v for k, v in src_dict.items() if k not in _LIST_DEPLOYMENTS_RESPONSE_KEYS}
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
from ..models.deployment import Deployment

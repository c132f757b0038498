from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.multi_region import MultiRegion
from ..models.region import Region
from ..types import UNSET, Unset

T = TypeVar("T", bound="Placement")

# The JSON names of the declared fields; any other key of an answer goes to additional_properties.
_PLACEMENT_KEYS = frozenset(
    (
        "region",
        "multiRegion",
        "regions",
    )
)


@_attrs_define
class Placement:
    """Where the deployment may run: a one-of, so at most one of region, multiRegion and regions holds a value that is not
    its zero value (`*_UNSPECIFIED`, an empty list); zero-valued members are unset and do not count. A deployment
    without placement (or with no member set) may run anywhere (the GLOBAL group).

        Attributes:
            region (Region | Unset): A single serving region. The union of every published list, including values the public
                documents hide; the server adds values often.
            multi_region (MultiRegion | Unset): A group of regions.
            regions (list[Region] | Unset): An explicit list of allowed regions; empty means unset.
    """

    region: Region | Unset = UNSET
    multi_region: MultiRegion | Unset = UNSET
    regions: list[Region] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        region: str | Unset = UNSET
        if not isinstance(self.region, Unset):
            region = self.region.value

        multi_region: str | Unset = UNSET
        if not isinstance(self.multi_region, Unset):
            multi_region = self.multi_region.value

        regions: list[str] | Unset = UNSET
        if not isinstance(self.regions, Unset):
            regions = []
            for regions_item_data in self.regions:
                regions_item = regions_item_data.value
                regions.append(regions_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if region is not UNSET:
            field_dict["region"] = region
        if multi_region is not UNSET:
            field_dict["multiRegion"] = multi_region
        if regions is not UNSET:
            field_dict["regions"] = regions

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict:
            src_dict = dict(src_dict)  # as before: other mappings are copied, and non-mappings fail in dict()
        self = cls.__new__(cls)
        _region = src_dict.get("region", UNSET)
        region: Region | Unset
        if _region is UNSET:
            region = UNSET
        else:
            region = _Region_by_value.get(_region) or Region(_region)

        self.region = region

        _multi_region = src_dict.get("multiRegion", UNSET)
        multi_region: MultiRegion | Unset
        if _multi_region is UNSET:
            multi_region = UNSET
        else:
            multi_region = _MultiRegion_by_value.get(_multi_region) or MultiRegion(_multi_region)

        self.multi_region = multi_region

        _regions = src_dict.get("regions", UNSET)
        regions: list[Region] | Unset = UNSET
        if _regions is not UNSET:
            regions = []
            for regions_item_data in _regions:
                regions_item = _Region_by_value.get(regions_item_data) or Region(regions_item_data)

                regions.append(regions_item)

        self.regions = regions

        if _PLACEMENT_KEYS.issuperset(src_dict):
            self.additional_properties = {}
        else:
            self.additional_properties = {k: v for k, v in src_dict.items() if k not in _PLACEMENT_KEYS}
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
_MultiRegion_by_value = MultiRegion._value2member_map_
_Region_by_value = Region._value2member_map_

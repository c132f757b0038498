from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar


class Region(StrEnum):
    AP_MALAYSIA_1 = "AP_MALAYSIA_1"
    AP_TOKYO_1 = "AP_TOKYO_1"
    AP_TOKYO_2 = "AP_TOKYO_2"
    EU_FRANKFURT_1 = "EU_FRANKFURT_1"
    EU_HELSINKI_1 = "EU_HELSINKI_1"
    EU_ICELAND_1 = "EU_ICELAND_1"
    EU_ICELAND_2 = "EU_ICELAND_2"
    EU_ICELAND_3 = "EU_ICELAND_3"
    EU_ICELAND_DEV_1 = "EU_ICELAND_DEV_1"
    EU_LONDON_1 = "EU_LONDON_1"
    EU_NETHERLANDS_1 = "EU_NETHERLANDS_1"
    EU_PARIS_1 = "EU_PARIS_1"
    NA_BRITISHCOLUMBIA_1 = "NA_BRITISHCOLUMBIA_1"
    REGION_UNSPECIFIED = "REGION_UNSPECIFIED"
    US_ARIZONA_1 = "US_ARIZONA_1"
    US_ARIZONA_2 = "US_ARIZONA_2"
    US_ARIZONA_3 = "US_ARIZONA_3"
    US_CALIFORNIA_1 = "US_CALIFORNIA_1"
    US_CALIFORNIA_2 = "US_CALIFORNIA_2"
    US_GEORGIA_1 = "US_GEORGIA_1"
    US_GEORGIA_2 = "US_GEORGIA_2"
    US_GEORGIA_3 = "US_GEORGIA_3"
    US_GEORGIA_4 = "US_GEORGIA_4"
    US_ILLINOIS_1 = "US_ILLINOIS_1"
    US_ILLINOIS_2 = "US_ILLINOIS_2"
    US_IOWA_1 = "US_IOWA_1"
    US_MINNESOTA_1 = "US_MINNESOTA_1"
    US_MISSOURI_1 = "US_MISSOURI_1"
    US_NEVADA_1 = "US_NEVADA_1"
    US_NEWYORK_1 = "US_NEWYORK_1"
    US_OHIO_1 = "US_OHIO_1"
    US_OHIO_2 = "US_OHIO_2"
    US_TEXAS_1 = "US_TEXAS_1"
    US_TEXAS_2 = "US_TEXAS_2"
    US_TEXAS_3 = "US_TEXAS_3"
    US_UTAH_1 = "US_UTAH_1"
    US_VIRGINIA_1 = "US_VIRGINIA_1"
    US_VIRGINIA_2 = "US_VIRGINIA_2"
    US_WASHINGTON_1 = "US_WASHINGTON_1"
    US_WASHINGTON_2 = "US_WASHINGTON_2"
    US_WASHINGTON_3 = "US_WASHINGTON_3"
    US_WASHINGTON_4 = "US_WASHINGTON_4"
    US_WASHINGTON_5 = "US_WASHINGTON_5"

    if TYPE_CHECKING:
        # Only narrows typeshed's dict[Any, Enum] for the models' fast lookup (see enum_property.py.jinja).
        _value2member_map_: ClassVar[dict[Any, "Region"]]

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "Region | None":
        """Accept a value unknown to this client version as a pseudo-member."""
        if not isinstance(value, str):
            return None
        pseudo_member = str.__new__(cls, value)
        pseudo_member._name_ = value
        pseudo_member._value_ = value
        return pseudo_member

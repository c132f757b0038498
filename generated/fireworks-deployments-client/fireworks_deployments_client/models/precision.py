from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar


class Precision(StrEnum):
    BF16 = "BF16"
    FP16 = "FP16"
    FP4 = "FP4"
    FP4_BLOCKSCALED_MM = "FP4_BLOCKSCALED_MM"
    FP4_MX_MOE = "FP4_MX_MOE"
    FP8 = "FP8"
    FP8_AR = "FP8_AR"
    FP8_KV = "FP8_KV"
    FP8_MM = "FP8_MM"
    FP8_MM_KV_ATTN = "FP8_MM_KV_ATTN"
    FP8_MM_KV_ATTN_V2 = "FP8_MM_KV_ATTN_V2"
    FP8_MM_V2 = "FP8_MM_V2"
    FP8_V2 = "FP8_V2"
    NF4 = "NF4"
    PRECISION_UNSPECIFIED = "PRECISION_UNSPECIFIED"

    if TYPE_CHECKING:
        # Only narrows typeshed's dict[Any, Enum] for the models' fast lookup (see enum_property.py.jinja).
        _value2member_map_: ClassVar[dict[Any, "Precision"]]

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "Precision | None":
        """Accept a value unknown to this client version as a pseudo-member."""
        if not isinstance(value, str):
            return None
        pseudo_member = str.__new__(cls, value)
        pseudo_member._name_ = value
        pseudo_member._value_ = value
        return pseudo_member

from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar


class AcceleratorType(StrEnum):
    ACCELERATOR_TYPE_UNSPECIFIED = "ACCELERATOR_TYPE_UNSPECIFIED"
    AMD_MI300X_192GB = "AMD_MI300X_192GB"
    AMD_MI325X_256GB = "AMD_MI325X_256GB"
    AMD_MI350X_288GB = "AMD_MI350X_288GB"
    NVIDIA_A100_40GB = "NVIDIA_A100_40GB"
    NVIDIA_A100_80GB = "NVIDIA_A100_80GB"
    NVIDIA_A10G_24GB = "NVIDIA_A10G_24GB"
    NVIDIA_B200_180GB = "NVIDIA_B200_180GB"
    NVIDIA_B300_288GB = "NVIDIA_B300_288GB"
    NVIDIA_H100_80GB = "NVIDIA_H100_80GB"
    NVIDIA_H200_141GB = "NVIDIA_H200_141GB"
    NVIDIA_L4_24GB = "NVIDIA_L4_24GB"

    if TYPE_CHECKING:
        # Only narrows typeshed's dict[Any, Enum] for the models' fast lookup (see enum_property.py.jinja).
        _value2member_map_: ClassVar[dict[Any, "AcceleratorType"]]

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "AcceleratorType | None":
        """Accept a value unknown to this client version as a pseudo-member."""
        if not isinstance(value, str):
            return None
        pseudo_member = str.__new__(cls, value)
        pseudo_member._name_ = value
        pseudo_member._value_ = value
        return pseudo_member

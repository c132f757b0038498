from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar


class HotLoadBucketType(StrEnum):
    BUCKET_TYPE_UNSPECIFIED = "BUCKET_TYPE_UNSPECIFIED"
    FW_HOSTED = "FW_HOSTED"
    MINIO = "MINIO"
    NEBIUS = "NEBIUS"
    S3 = "S3"

    if TYPE_CHECKING:
        # Only narrows typeshed's dict[Any, Enum] for the models' fast lookup (see enum_property.py.jinja).
        _value2member_map_: ClassVar[dict[Any, "HotLoadBucketType"]]

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "HotLoadBucketType | None":
        """Accept a value unknown to this client version as a pseudo-member."""
        if not isinstance(value, str):
            return None
        pseudo_member = str.__new__(cls, value)
        pseudo_member._name_ = value
        pseudo_member._value_ = value
        return pseudo_member

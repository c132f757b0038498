"""Field names and values: snake_case keywords in, the generated ``Deployment`` out.

Users write ``accelerator_type="NVIDIA_H100_80GB"`` or ``placement={"multiRegion": "US"}``
as they would JSON; going through the generated ``from_dict`` turns strings into enum
members (unknown values included) and dicts into nested models, exactly as for answers.
Names are checked against the generated model, never against a list written here.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from enum import Enum
from typing import Any

import attrs
from fireworks_deployments_client.models import Deployment

__all__ = ["check_field_names", "deployment_from_fields", "field_path", "json_name"]

_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def field_path(name: str) -> str:
    """``minReplicaCount`` -> ``min_replica_count`` (the canonical field-mask spelling)."""
    return _BOUNDARY.sub("_", name).lower()


def json_name(path: str) -> str:
    """``min_replica_count`` -> ``minReplicaCount`` (the JSON key)."""
    head, *rest = path.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _jsonable(value: Any) -> Any:
    """A value as it would appear in JSON: models via ``to_dict``, enums by value, times in ISO form."""
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def _attribute_names() -> frozenset[str]:
    return frozenset(a.name for a in attrs.fields(Deployment) if a.name != "additional_properties")


def check_field_names(fields: Mapping[str, Any]) -> None:
    """Raise TypeError naming every key of ``fields`` that is not a Deployment field."""
    unknown = sorted(set(fields) - _attribute_names())
    if unknown:
        raise TypeError(f"Deployment has no field {', '.join(unknown)}")


def deployment_from_fields(fields: Mapping[str, Any]) -> Deployment:
    """A ``Deployment`` holding exactly ``fields`` (snake_case names); unknown names raise TypeError."""
    check_field_names(fields)
    return Deployment.from_dict({json_name(k): _jsonable(v) for k, v in fields.items()})

"""Partial updates that never reset fields the caller did not name.

Without ``updateMask`` the server replaces every writable field with the body, so a
body holding one field silently zeroes the rest. The mask is derived from the body
itself: the generated ``Deployment.to_dict()`` of a partially set model holds exactly
the fields that were set, and their snake_case paths are the mask. No field list is
written here, so new fields in the spec work without a change.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fireworks_deployments_client.models import Deployment

from .fields import deployment_from_fields, field_path

__all__ = ["BASE_MODEL_PATH", "build_update", "update_mask"]

BASE_MODEL_PATH = "base_model"


def update_mask(body: Deployment, *, include_base_model: bool) -> list[str]:
    """The snake_case paths of every field set in ``body``, in the model's order.

    ``baseModel`` is always in the body (the request schema requires it) but belongs in
    the mask only when the caller means to change it.
    """
    paths = [field_path(key) for key in body.to_dict()]
    return [p for p in paths if include_base_model or p != BASE_MODEL_PATH]


def build_update(base_model: str, fields: Mapping[str, Any], *, include_base_model: bool) -> tuple[Deployment, str]:
    """The request body and the comma-joined mask for an update of ``fields`` (snake_case names)."""
    body = deployment_from_fields({**fields, BASE_MODEL_PATH: base_model})
    mask = update_mask(body, include_base_model=include_base_model)
    if not mask:
        raise ValueError("an update needs at least one field to change")
    return body, ",".join(mask)

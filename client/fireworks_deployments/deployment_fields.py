"""Typed keyword arguments for ``create``/``update``: the writable fields of a Deployment.

Generated from the spec (openapi/deployments.yaml) by scripts/generate_fields.py; do not edit.
Run `python3 scripts/nox_bootstrap.py -s generate` after changing the spec.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypedDict

from fireworks_deployments_client.models import (
    AcceleratorType,
    AutoscalingPolicy,
    AutoTune,
    DirectRouteType,
    Engine,
    HotLoadBucketType,
    Placement,
    Precision,
)

__all__ = ["DeploymentFields"]


class DeploymentFields(TypedDict, total=False):
    """Writable Deployment fields by their snake_case names; ``base_model`` is required on create."""

    display_name: str
    description: str
    expire_time: datetime.datetime | str  # deprecated
    annotations: Mapping[str, str]
    min_replica_count: int
    max_replica_count: int
    max_with_revocable_replica_count: int
    autoscaling_policy: AutoscalingPolicy | Mapping[str, Any]
    base_model: str
    accelerator_count: int
    accelerator_type: AcceleratorType | str
    precision: Precision | str
    enable_addons: bool
    draft_token_count: int
    draft_model: str
    ngram_speculation_length: int
    enable_session_affinity: bool
    direct_route_api_keys: list[str]
    num_peft_device_cached: int
    direct_route_type: DirectRouteType | str
    deployment_template: str
    auto_tune: AutoTune | Mapping[str, Any]
    placement: Placement | Mapping[str, Any]
    max_context_length: int
    disable_deployment_size_validation: bool
    enable_mtp: bool  # deprecated
    enable_hot_load: bool
    hot_load_bucket_type: HotLoadBucketType | str
    enable_hot_reload_latest_addon: bool
    deployment_shape: str
    active_model_version: str
    target_model_version: str
    hot_load_bucket_url: str
    pricing_plan_id: str
    hot_load_trainer_job: str
    engine: Engine | str  # deprecated
    for_training: bool  # deprecated

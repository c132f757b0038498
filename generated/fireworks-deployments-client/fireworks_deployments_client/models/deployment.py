from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.accelerator_type import AcceleratorType
from ..models.deployment_state import DeploymentState
from ..models.direct_route_type import DirectRouteType
from ..models.engine import Engine
from ..models.hot_load_bucket_type import HotLoadBucketType
from ..models.precision import Precision
from ..models.region import Region
from ..types import UNSET, Unset

T = TypeVar("T", bound="Deployment")

# The JSON names of the declared fields; any other key of an answer goes to additional_properties.
_DEPLOYMENT_KEYS = frozenset(
    (
        "baseModel",
        "name",
        "displayName",
        "description",
        "createTime",
        "expireTime",
        "purgeTime",
        "deleteTime",
        "createdBy",
        "state",
        "status",
        "annotations",
        "minReplicaCount",
        "maxReplicaCount",
        "maxWithRevocableReplicaCount",
        "desiredReplicaCount",
        "replicaCount",
        "autoscalingPolicy",
        "acceleratorCount",
        "acceleratorType",
        "precision",
        "cluster",
        "enableAddons",
        "draftTokenCount",
        "draftModel",
        "ngramSpeculationLength",
        "enableSessionAffinity",
        "directRouteApiKeys",
        "numPeftDeviceCached",
        "directRouteType",
        "directRouteHandle",
        "deploymentTemplate",
        "autoTune",
        "placement",
        "region",
        "maxContextLength",
        "updateTime",
        "disableDeploymentSizeValidation",
        "enableMtp",
        "enableHotLoad",
        "hotLoadBucketType",
        "enableHotReloadLatestAddon",
        "deploymentShape",
        "activeModelVersion",
        "targetModelVersion",
        "replicaStats",
        "hotLoadBucketUrl",
        "pricingPlanId",
        "hotLoadTrainerJob",
        "engine",
        "forTraining",
    )
)


@_attrs_define
class Deployment:
    """An on-demand deployment of a base model on dedicated GPUs. The same object is sent on create and update and returned
    by every read. Fields marked read-only are set by the server and are ignored in requests (never refused). Responses
    omit fields that hold their default value, so clients must treat every field except baseModel as optional.

        Attributes:
            base_model (str): The model to serve, as a resource name such as `accounts/fireworks/models/<model>`.
            name (str | Unset): Full resource name, `accounts/{account_id}/deployments/{deployment_id}`.
            display_name (str | Unset): A label for people; fewer than 64 characters.
            description (str | Unset): Free-form notes.
            create_time (datetime.datetime | Unset): An RFC 3339 timestamp in UTC, e.g. `2026-11-01T09:30:00Z`.
            expire_time (datetime.datetime | Unset): An RFC 3339 timestamp in UTC, e.g. `2026-11-01T09:30:00Z`.
            purge_time (datetime.datetime | Unset): An RFC 3339 timestamp in UTC, e.g. `2026-11-01T09:30:00Z`.
            delete_time (datetime.datetime | Unset): An RFC 3339 timestamp in UTC, e.g. `2026-11-01T09:30:00Z`.
            created_by (str | Unset): Who created the deployment (an email address). Listed only by older API versions.
            state (DeploymentState | Unset): Where the deployment is in its life:
                STATE_UNSPECIFIED (unset), CREATING (being provisioned), READY (usable),
                UPDATING (a change is rolling out), DELETING (soft delete in progress),
                DELETED (soft-deleted, can be undeleted until purgeTime), FAILED
                (creation failed; see status).
            status (DeploymentStatus | Unset): Outcome of the latest operation on the deployment.
            annotations (DeploymentAnnotations | Unset): Free-form string labels for tools. Some keys reserved by the
                platform may be hidden in answers.
            min_replica_count (int | Unset): A non-negative 32-bit count.
            max_replica_count (int | Unset): A non-negative 32-bit count.
            max_with_revocable_replica_count (int | Unset): A non-negative 32-bit count.
            desired_replica_count (int | Unset): A non-negative 32-bit count.
            replica_count (int | Unset): A non-negative 32-bit count.
            autoscaling_policy (AutoscalingPolicy | Unset): How quickly the autoscaler reacts, and what it aims for.
            accelerator_count (int | Unset): A non-negative 32-bit count.
            accelerator_type (AcceleratorType | Unset): GPU model of each replica. The union of every published list; the
                server adds values over time.
            precision (Precision | Unset): Numeric precision used for serving. PRECISION_UNSPECIFIED marks deployments from
                before precision could be chosen.
            cluster (str | Unset): The customer-managed (BYOC) cluster the deployment runs on, if any.
            enable_addons (bool | Unset): Allow PEFT (LoRA) addons to be loaded onto this deployment.
            draft_token_count (int | Unset): A non-negative 32-bit count.
            draft_model (str | Unset): Speculative decoding; the draft model's resource name. Empty means none. Default
                comes from the base model.
            ngram_speculation_length (int | Unset): A non-negative 32-bit count.
            enable_session_affinity (bool | Unset): Route requests that share a `user` value to the same replica.
            direct_route_api_keys (list[str] | Unset): Keys accepted on the direct route; ignored without direct routing.
            num_peft_device_cached (int | Unset): A non-negative 32-bit count.
            direct_route_type (DirectRouteType | Unset): How the optional direct route (bypassing the API gateway) is
                exposed: not at all (DIRECT_ROUTE_TYPE_UNSPECIFIED), on the public internet, via GCP Private Service Connect or
                via AWS PrivateLink.
            direct_route_handle (str | Unset): How to reach the direct route: a hostname, a GCP service attachment or an AWS
                endpoint service, depending on directRouteType.
            deployment_template (str | Unset): Name of a deployment template (enterprise accounts).
            auto_tune (AutoTune | Unset): Performance profile the server tunes the deployment for.
            placement (Placement | Unset): Where the deployment may run: a one-of, so at most one of region, multiRegion and
                regions holds a value that is not its zero value (`*_UNSPECIFIED`, an empty list); zero-valued members are unset
                and do not count. A deployment without placement (or with no member set) may run anywhere (the GLOBAL group).
            region (Region | Unset): A single serving region. The union of every published list, including values the public
                documents hide; the server adds values often.
            max_context_length (int | Unset): A non-negative 32-bit count.
            update_time (datetime.datetime | Unset): An RFC 3339 timestamp in UTC, e.g. `2026-11-01T09:30:00Z`.
            disable_deployment_size_validation (bool | Unset): Skip the server's check of the deployment size.
            enable_mtp (bool | Unset): Turn on multi-token prediction. Dropped from the newest published version.
            enable_hot_load (bool | Unset): Allow weights to be swapped in without restarting replicas.
            hot_load_bucket_type (HotLoadBucketType | Unset): Storage behind hot-load snapshots; FW_HOSTED is a bucket run
                by Fireworks.
            enable_hot_reload_latest_addon (bool | Unset): Keep at most one addon loaded and merge it into the base weights.
            deployment_shape (str | Unset): The hardware shape. The server replaces a shape name with the resource name of
                its current version; `default` lets it pick a validated shape.
            active_model_version (str | Unset): The model version live on the replicas (normally managed by the server).
            target_model_version (str | Unset): The model version being rolled out; equal to activeModelVersion once the
                rollout is done.
            replica_stats (ReplicaStats | Unset): How many replicas are in each start-up stage (all server-computed).
            hot_load_bucket_url (str | Unset): Where hot-load snapshots live, e.g. `s3://bucket/path` (no trailing slash).
            pricing_plan_id (str | Unset): A custom pricing plan to bill this deployment under.
            hot_load_trainer_job (str | Unset): A trainer job (`accounts/{account}/rlorTrainerJobs/{job}`) whose bucket URL
                is copied into hotLoadBucketUrl when the deployment is created.
            engine (Engine | Unset): Serving engine. Only the unset value is known; listed by older API versions.
            for_training (bool | Unset): Marks a deployment managed by training tooling, which the platform may reclaim.
                Listed only by older API versions.
    """

    base_model: str
    name: str | Unset = UNSET
    display_name: str | Unset = UNSET
    description: str | Unset = UNSET
    create_time: datetime.datetime | Unset = UNSET
    expire_time: datetime.datetime | Unset = UNSET
    purge_time: datetime.datetime | Unset = UNSET
    delete_time: datetime.datetime | Unset = UNSET
    created_by: str | Unset = UNSET
    state: DeploymentState | Unset = UNSET
    status: DeploymentStatus | Unset = UNSET
    annotations: DeploymentAnnotations | Unset = UNSET
    min_replica_count: int | Unset = UNSET
    max_replica_count: int | Unset = UNSET
    max_with_revocable_replica_count: int | Unset = UNSET
    desired_replica_count: int | Unset = UNSET
    replica_count: int | Unset = UNSET
    autoscaling_policy: AutoscalingPolicy | Unset = UNSET
    accelerator_count: int | Unset = UNSET
    accelerator_type: AcceleratorType | Unset = UNSET
    precision: Precision | Unset = UNSET
    cluster: str | Unset = UNSET
    enable_addons: bool | Unset = UNSET
    draft_token_count: int | Unset = UNSET
    draft_model: str | Unset = UNSET
    ngram_speculation_length: int | Unset = UNSET
    enable_session_affinity: bool | Unset = UNSET
    direct_route_api_keys: list[str] | Unset = UNSET
    num_peft_device_cached: int | Unset = UNSET
    direct_route_type: DirectRouteType | Unset = UNSET
    direct_route_handle: str | Unset = UNSET
    deployment_template: str | Unset = UNSET
    auto_tune: AutoTune | Unset = UNSET
    placement: Placement | Unset = UNSET
    region: Region | Unset = UNSET
    max_context_length: int | Unset = UNSET
    update_time: datetime.datetime | Unset = UNSET
    disable_deployment_size_validation: bool | Unset = UNSET
    enable_mtp: bool | Unset = UNSET
    enable_hot_load: bool | Unset = UNSET
    hot_load_bucket_type: HotLoadBucketType | Unset = UNSET
    enable_hot_reload_latest_addon: bool | Unset = UNSET
    deployment_shape: str | Unset = UNSET
    active_model_version: str | Unset = UNSET
    target_model_version: str | Unset = UNSET
    replica_stats: ReplicaStats | Unset = UNSET
    hot_load_bucket_url: str | Unset = UNSET
    pricing_plan_id: str | Unset = UNSET
    hot_load_trainer_job: str | Unset = UNSET
    engine: Engine | Unset = UNSET
    for_training: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        base_model = self.base_model

        name = self.name

        display_name = self.display_name

        description = self.description

        create_time: str | Unset = UNSET
        if not isinstance(self.create_time, Unset):
            create_time = self.create_time.isoformat().replace("+00:00", "Z")

        expire_time: str | Unset = UNSET
        if not isinstance(self.expire_time, Unset):
            expire_time = self.expire_time.isoformat().replace("+00:00", "Z")

        purge_time: str | Unset = UNSET
        if not isinstance(self.purge_time, Unset):
            purge_time = self.purge_time.isoformat().replace("+00:00", "Z")

        delete_time: str | Unset = UNSET
        if not isinstance(self.delete_time, Unset):
            delete_time = self.delete_time.isoformat().replace("+00:00", "Z")

        created_by = self.created_by

        state: str | Unset = UNSET
        if not isinstance(self.state, Unset):
            state = self.state.value

        status: dict[str, Any] | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.to_dict()

        annotations: dict[str, Any] | Unset = UNSET
        if not isinstance(self.annotations, Unset):
            annotations = self.annotations.to_dict()

        min_replica_count = self.min_replica_count

        max_replica_count = self.max_replica_count

        max_with_revocable_replica_count = self.max_with_revocable_replica_count

        desired_replica_count = self.desired_replica_count

        replica_count = self.replica_count

        autoscaling_policy: dict[str, Any] | Unset = UNSET
        if not isinstance(self.autoscaling_policy, Unset):
            autoscaling_policy = self.autoscaling_policy.to_dict()

        accelerator_count = self.accelerator_count

        accelerator_type: str | Unset = UNSET
        if not isinstance(self.accelerator_type, Unset):
            accelerator_type = self.accelerator_type.value

        precision: str | Unset = UNSET
        if not isinstance(self.precision, Unset):
            precision = self.precision.value

        cluster = self.cluster

        enable_addons = self.enable_addons

        draft_token_count = self.draft_token_count

        draft_model = self.draft_model

        ngram_speculation_length = self.ngram_speculation_length

        enable_session_affinity = self.enable_session_affinity

        direct_route_api_keys: list[str] | Unset = UNSET
        if not isinstance(self.direct_route_api_keys, Unset):
            direct_route_api_keys = self.direct_route_api_keys

        num_peft_device_cached = self.num_peft_device_cached

        direct_route_type: str | Unset = UNSET
        if not isinstance(self.direct_route_type, Unset):
            direct_route_type = self.direct_route_type.value

        direct_route_handle = self.direct_route_handle

        deployment_template = self.deployment_template

        auto_tune: dict[str, Any] | Unset = UNSET
        if not isinstance(self.auto_tune, Unset):
            auto_tune = self.auto_tune.to_dict()

        placement: dict[str, Any] | Unset = UNSET
        if not isinstance(self.placement, Unset):
            placement = self.placement.to_dict()

        region: str | Unset = UNSET
        if not isinstance(self.region, Unset):
            region = self.region.value

        max_context_length = self.max_context_length

        update_time: str | Unset = UNSET
        if not isinstance(self.update_time, Unset):
            update_time = self.update_time.isoformat().replace("+00:00", "Z")

        disable_deployment_size_validation = self.disable_deployment_size_validation

        enable_mtp = self.enable_mtp

        enable_hot_load = self.enable_hot_load

        hot_load_bucket_type: str | Unset = UNSET
        if not isinstance(self.hot_load_bucket_type, Unset):
            hot_load_bucket_type = self.hot_load_bucket_type.value

        enable_hot_reload_latest_addon = self.enable_hot_reload_latest_addon

        deployment_shape = self.deployment_shape

        active_model_version = self.active_model_version

        target_model_version = self.target_model_version

        replica_stats: dict[str, Any] | Unset = UNSET
        if not isinstance(self.replica_stats, Unset):
            replica_stats = self.replica_stats.to_dict()

        hot_load_bucket_url = self.hot_load_bucket_url

        pricing_plan_id = self.pricing_plan_id

        hot_load_trainer_job = self.hot_load_trainer_job

        engine: str | Unset = UNSET
        if not isinstance(self.engine, Unset):
            engine = self.engine.value

        for_training = self.for_training

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "baseModel": base_model,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if display_name is not UNSET:
            field_dict["displayName"] = display_name
        if description is not UNSET:
            field_dict["description"] = description
        if create_time is not UNSET:
            field_dict["createTime"] = create_time
        if expire_time is not UNSET:
            field_dict["expireTime"] = expire_time
        if purge_time is not UNSET:
            field_dict["purgeTime"] = purge_time
        if delete_time is not UNSET:
            field_dict["deleteTime"] = delete_time
        if created_by is not UNSET:
            field_dict["createdBy"] = created_by
        if state is not UNSET:
            field_dict["state"] = state
        if status is not UNSET:
            field_dict["status"] = status
        if annotations is not UNSET:
            field_dict["annotations"] = annotations
        if min_replica_count is not UNSET:
            field_dict["minReplicaCount"] = min_replica_count
        if max_replica_count is not UNSET:
            field_dict["maxReplicaCount"] = max_replica_count
        if max_with_revocable_replica_count is not UNSET:
            field_dict["maxWithRevocableReplicaCount"] = max_with_revocable_replica_count
        if desired_replica_count is not UNSET:
            field_dict["desiredReplicaCount"] = desired_replica_count
        if replica_count is not UNSET:
            field_dict["replicaCount"] = replica_count
        if autoscaling_policy is not UNSET:
            field_dict["autoscalingPolicy"] = autoscaling_policy
        if accelerator_count is not UNSET:
            field_dict["acceleratorCount"] = accelerator_count
        if accelerator_type is not UNSET:
            field_dict["acceleratorType"] = accelerator_type
        if precision is not UNSET:
            field_dict["precision"] = precision
        if cluster is not UNSET:
            field_dict["cluster"] = cluster
        if enable_addons is not UNSET:
            field_dict["enableAddons"] = enable_addons
        if draft_token_count is not UNSET:
            field_dict["draftTokenCount"] = draft_token_count
        if draft_model is not UNSET:
            field_dict["draftModel"] = draft_model
        if ngram_speculation_length is not UNSET:
            field_dict["ngramSpeculationLength"] = ngram_speculation_length
        if enable_session_affinity is not UNSET:
            field_dict["enableSessionAffinity"] = enable_session_affinity
        if direct_route_api_keys is not UNSET:
            field_dict["directRouteApiKeys"] = direct_route_api_keys
        if num_peft_device_cached is not UNSET:
            field_dict["numPeftDeviceCached"] = num_peft_device_cached
        if direct_route_type is not UNSET:
            field_dict["directRouteType"] = direct_route_type
        if direct_route_handle is not UNSET:
            field_dict["directRouteHandle"] = direct_route_handle
        if deployment_template is not UNSET:
            field_dict["deploymentTemplate"] = deployment_template
        if auto_tune is not UNSET:
            field_dict["autoTune"] = auto_tune
        if placement is not UNSET:
            field_dict["placement"] = placement
        if region is not UNSET:
            field_dict["region"] = region
        if max_context_length is not UNSET:
            field_dict["maxContextLength"] = max_context_length
        if update_time is not UNSET:
            field_dict["updateTime"] = update_time
        if disable_deployment_size_validation is not UNSET:
            field_dict["disableDeploymentSizeValidation"] = disable_deployment_size_validation
        if enable_mtp is not UNSET:
            field_dict["enableMtp"] = enable_mtp
        if enable_hot_load is not UNSET:
            field_dict["enableHotLoad"] = enable_hot_load
        if hot_load_bucket_type is not UNSET:
            field_dict["hotLoadBucketType"] = hot_load_bucket_type
        if enable_hot_reload_latest_addon is not UNSET:
            field_dict["enableHotReloadLatestAddon"] = enable_hot_reload_latest_addon
        if deployment_shape is not UNSET:
            field_dict["deploymentShape"] = deployment_shape
        if active_model_version is not UNSET:
            field_dict["activeModelVersion"] = active_model_version
        if target_model_version is not UNSET:
            field_dict["targetModelVersion"] = target_model_version
        if replica_stats is not UNSET:
            field_dict["replicaStats"] = replica_stats
        if hot_load_bucket_url is not UNSET:
            field_dict["hotLoadBucketUrl"] = hot_load_bucket_url
        if pricing_plan_id is not UNSET:
            field_dict["pricingPlanId"] = pricing_plan_id
        if hot_load_trainer_job is not UNSET:
            field_dict["hotLoadTrainerJob"] = hot_load_trainer_job
        if engine is not UNSET:
            field_dict["engine"] = engine
        if for_training is not UNSET:
            field_dict["forTraining"] = for_training

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict:
            src_dict = dict(src_dict)  # as before: other mappings are copied, and non-mappings fail in dict()
        self = cls.__new__(cls)
        self.base_model = src_dict["baseModel"]

        self.name = src_dict.get("name", UNSET)

        self.display_name = src_dict.get("displayName", UNSET)

        self.description = src_dict.get("description", UNSET)

        _create_time = src_dict.get("createTime", UNSET)
        create_time: datetime.datetime | Unset
        if _create_time is UNSET:
            create_time = UNSET
        else:
            create_time = _parse_datetime(_create_time)

        self.create_time = create_time

        _expire_time = src_dict.get("expireTime", UNSET)
        expire_time: datetime.datetime | Unset
        if _expire_time is UNSET:
            expire_time = UNSET
        else:
            expire_time = _parse_datetime(_expire_time)

        self.expire_time = expire_time

        _purge_time = src_dict.get("purgeTime", UNSET)
        purge_time: datetime.datetime | Unset
        if _purge_time is UNSET:
            purge_time = UNSET
        else:
            purge_time = _parse_datetime(_purge_time)

        self.purge_time = purge_time

        _delete_time = src_dict.get("deleteTime", UNSET)
        delete_time: datetime.datetime | Unset
        if _delete_time is UNSET:
            delete_time = UNSET
        else:
            delete_time = _parse_datetime(_delete_time)

        self.delete_time = delete_time

        self.created_by = src_dict.get("createdBy", UNSET)

        _state = src_dict.get("state", UNSET)
        state: DeploymentState | Unset
        if _state is UNSET:
            state = UNSET
        else:
            state = _DeploymentState_by_value.get(_state) or DeploymentState(_state)

        self.state = state

        _status = src_dict.get("status", UNSET)
        status: DeploymentStatus | Unset
        if _status is UNSET:
            status = UNSET
        else:
            status = DeploymentStatus.from_dict(_status)

        self.status = status

        _annotations = src_dict.get("annotations", UNSET)
        annotations: DeploymentAnnotations | Unset
        if _annotations is UNSET:
            annotations = UNSET
        else:
            annotations = DeploymentAnnotations.from_dict(_annotations)

        self.annotations = annotations

        self.min_replica_count = src_dict.get("minReplicaCount", UNSET)

        self.max_replica_count = src_dict.get("maxReplicaCount", UNSET)

        self.max_with_revocable_replica_count = src_dict.get("maxWithRevocableReplicaCount", UNSET)

        self.desired_replica_count = src_dict.get("desiredReplicaCount", UNSET)

        self.replica_count = src_dict.get("replicaCount", UNSET)

        _autoscaling_policy = src_dict.get("autoscalingPolicy", UNSET)
        autoscaling_policy: AutoscalingPolicy | Unset
        if _autoscaling_policy is UNSET:
            autoscaling_policy = UNSET
        else:
            autoscaling_policy = AutoscalingPolicy.from_dict(_autoscaling_policy)

        self.autoscaling_policy = autoscaling_policy

        self.accelerator_count = src_dict.get("acceleratorCount", UNSET)

        _accelerator_type = src_dict.get("acceleratorType", UNSET)
        accelerator_type: AcceleratorType | Unset
        if _accelerator_type is UNSET:
            accelerator_type = UNSET
        else:
            accelerator_type = _AcceleratorType_by_value.get(_accelerator_type) or AcceleratorType(_accelerator_type)

        self.accelerator_type = accelerator_type

        _precision = src_dict.get("precision", UNSET)
        precision: Precision | Unset
        if _precision is UNSET:
            precision = UNSET
        else:
            precision = _Precision_by_value.get(_precision) or Precision(_precision)

        self.precision = precision

        self.cluster = src_dict.get("cluster", UNSET)

        self.enable_addons = src_dict.get("enableAddons", UNSET)

        self.draft_token_count = src_dict.get("draftTokenCount", UNSET)

        self.draft_model = src_dict.get("draftModel", UNSET)

        self.ngram_speculation_length = src_dict.get("ngramSpeculationLength", UNSET)

        self.enable_session_affinity = src_dict.get("enableSessionAffinity", UNSET)

        direct_route_api_keys = cast(list[str], src_dict.get("directRouteApiKeys", UNSET))

        self.direct_route_api_keys = direct_route_api_keys

        self.num_peft_device_cached = src_dict.get("numPeftDeviceCached", UNSET)

        _direct_route_type = src_dict.get("directRouteType", UNSET)
        direct_route_type: DirectRouteType | Unset
        if _direct_route_type is UNSET:
            direct_route_type = UNSET
        else:
            direct_route_type = _DirectRouteType_by_value.get(_direct_route_type) or DirectRouteType(_direct_route_type)

        self.direct_route_type = direct_route_type

        self.direct_route_handle = src_dict.get("directRouteHandle", UNSET)

        self.deployment_template = src_dict.get("deploymentTemplate", UNSET)

        _auto_tune = src_dict.get("autoTune", UNSET)
        auto_tune: AutoTune | Unset
        if _auto_tune is UNSET:
            auto_tune = UNSET
        else:
            auto_tune = AutoTune.from_dict(_auto_tune)

        self.auto_tune = auto_tune

        _placement = src_dict.get("placement", UNSET)
        placement: Placement | Unset
        if _placement is UNSET:
            placement = UNSET
        else:
            placement = Placement.from_dict(_placement)

        self.placement = placement

        _region = src_dict.get("region", UNSET)
        region: Region | Unset
        if _region is UNSET:
            region = UNSET
        else:
            region = _Region_by_value.get(_region) or Region(_region)

        self.region = region

        self.max_context_length = src_dict.get("maxContextLength", UNSET)

        _update_time = src_dict.get("updateTime", UNSET)
        update_time: datetime.datetime | Unset
        if _update_time is UNSET:
            update_time = UNSET
        else:
            update_time = _parse_datetime(_update_time)

        self.update_time = update_time

        self.disable_deployment_size_validation = src_dict.get("disableDeploymentSizeValidation", UNSET)

        self.enable_mtp = src_dict.get("enableMtp", UNSET)

        self.enable_hot_load = src_dict.get("enableHotLoad", UNSET)

        _hot_load_bucket_type = src_dict.get("hotLoadBucketType", UNSET)
        hot_load_bucket_type: HotLoadBucketType | Unset
        if _hot_load_bucket_type is UNSET:
            hot_load_bucket_type = UNSET
        else:
            hot_load_bucket_type = _HotLoadBucketType_by_value.get(_hot_load_bucket_type) or HotLoadBucketType(
                _hot_load_bucket_type
            )

        self.hot_load_bucket_type = hot_load_bucket_type

        self.enable_hot_reload_latest_addon = src_dict.get("enableHotReloadLatestAddon", UNSET)

        self.deployment_shape = src_dict.get("deploymentShape", UNSET)

        self.active_model_version = src_dict.get("activeModelVersion", UNSET)

        self.target_model_version = src_dict.get("targetModelVersion", UNSET)

        _replica_stats = src_dict.get("replicaStats", UNSET)
        replica_stats: ReplicaStats | Unset
        if _replica_stats is UNSET:
            replica_stats = UNSET
        else:
            replica_stats = ReplicaStats.from_dict(_replica_stats)

        self.replica_stats = replica_stats

        self.hot_load_bucket_url = src_dict.get("hotLoadBucketUrl", UNSET)

        self.pricing_plan_id = src_dict.get("pricingPlanId", UNSET)

        self.hot_load_trainer_job = src_dict.get("hotLoadTrainerJob", UNSET)

        _engine = src_dict.get("engine", UNSET)
        engine: Engine | Unset
        if _engine is UNSET:
            engine = UNSET
        else:
            engine = _Engine_by_value.get(_engine) or Engine(_engine)

        self.engine = engine

        self.for_training = src_dict.get("forTraining", UNSET)

        if _DEPLOYMENT_KEYS.issuperset(src_dict):
            self.additional_properties = {}
        else:
            self.additional_properties = {k: v for k, v in src_dict.items() if k not in _DEPLOYMENT_KEYS}
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
from ..models.auto_tune import AutoTune
from ..models.autoscaling_policy import AutoscalingPolicy
from ..models.deployment_annotations import DeploymentAnnotations
from ..models.deployment_status import DeploymentStatus
from ..models.placement import Placement
from ..models.replica_stats import ReplicaStats

# Module-level aliases for the parsing code above (see openapi/templates/fast_lookups.jinja).
_parse_datetime = datetime.datetime.fromisoformat
_AcceleratorType_by_value = AcceleratorType._value2member_map_
_DeploymentState_by_value = DeploymentState._value2member_map_
_DirectRouteType_by_value = DirectRouteType._value2member_map_
_Engine_by_value = Engine._value2member_map_
_HotLoadBucketType_by_value = HotLoadBucketType._value2member_map_
_Precision_by_value = Precision._value2member_map_
_Region_by_value = Region._value2member_map_

"""Contains all the data models used in inputs/outputs"""

from .accelerator_type import AcceleratorType
from .auto_tune import AutoTune
from .autoscaling_policy import AutoscalingPolicy
from .autoscaling_policy_load_targets import AutoscalingPolicyLoadTargets
from .autoscaling_policy_scaling_schedules import AutoscalingPolicyScalingSchedules
from .deployment import Deployment
from .deployment_annotations import DeploymentAnnotations
from .deployment_state import DeploymentState
from .deployment_status import DeploymentStatus
from .direct_route_type import DirectRouteType
from .empty import Empty
from .engine import Engine
from .error_detail import ErrorDetail
from .error_detail_metadata import ErrorDetailMetadata
from .error_status import ErrorStatus
from .hot_load_bucket_type import HotLoadBucketType
from .list_deployments_response import ListDeploymentsResponse
from .multi_region import MultiRegion
from .placement import Placement
from .precision import Precision
from .region import Region
from .replica_stats import ReplicaStats
from .scale_deployment_request import ScaleDeploymentRequest
from .scaling_schedule import ScalingSchedule
from .status_code import StatusCode
from .undelete_deployment_request import UndeleteDeploymentRequest

__all__ = (
    "AcceleratorType",
    "AutoscalingPolicy",
    "AutoscalingPolicyLoadTargets",
    "AutoscalingPolicyScalingSchedules",
    "AutoTune",
    "Deployment",
    "DeploymentAnnotations",
    "DeploymentState",
    "DeploymentStatus",
    "DirectRouteType",
    "Empty",
    "Engine",
    "ErrorDetail",
    "ErrorDetailMetadata",
    "ErrorStatus",
    "HotLoadBucketType",
    "ListDeploymentsResponse",
    "MultiRegion",
    "Placement",
    "Precision",
    "Region",
    "ReplicaStats",
    "ScaleDeploymentRequest",
    "ScalingSchedule",
    "StatusCode",
    "UndeleteDeploymentRequest",
)

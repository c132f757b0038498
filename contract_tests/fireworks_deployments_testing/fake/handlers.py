"""Thin handlers: parsed request in, backend call with keyword arguments, JSON-ready result out (shared with
the backend's records: read it, do not change it).

Each handler receives the backend, the parsed path and query parameters and
the body (already validated), and returns the response body. Statuses are 200
for every success, as the spec says.
"""

from __future__ import annotations

from typing import Any

from .backend import DeploymentsBackend

__all__ = ["HANDLERS", "DEPLOYMENT_RESPONSES"]

Params = dict[str, Any]


def create_deployment(backend: DeploymentsBackend, path: Params, query: Params, body: Any) -> dict[str, Any]:
    return backend.create_deployment(
        shared=True,
        account_id=path["account_id"],
        deployment=body,
        deployment_id=query.get("deploymentId"),
        validate_only=query["validateOnly"],
        accept_shapeless_risk=query["acceptShapelessRisk"],
        disable_auto_deploy=query["disableAutoDeploy"],
        disable_speculative_decoding=query["disableSpeculativeDecoding"],
        skip_shape_validation=query["skipShapeValidation"],
        skip_image_tag_validation=query["skipImageTagValidation"],
    )


def list_deployments(backend: DeploymentsBackend, path: Params, query: Params, body: Any) -> dict[str, Any]:
    return backend.list_deployments(
        shared=True,
        account_id=path["account_id"],
        page_size=query["pageSize"],
        page_token=query.get("pageToken"),
        filter=query.get("filter"),
        order_by=query.get("orderBy"),
        show_deleted=query["showDeleted"],
        read_mask=query.get("readMask"),
    )


def get_deployment(backend: DeploymentsBackend, path: Params, query: Params, body: Any) -> dict[str, Any]:
    return backend.get_deployment(
        shared=True, account_id=path["account_id"], deployment_id=path["deployment_id"], read_mask=query.get("readMask")
    )


def update_deployment(backend: DeploymentsBackend, path: Params, query: Params, body: Any) -> dict[str, Any]:
    return backend.update_deployment(
        shared=True,
        account_id=path["account_id"],
        deployment_id=path["deployment_id"],
        deployment=body,
        update_mask=query.get("updateMask"),
        skip_shape_validation=query["skipShapeValidation"],
    )


def delete_deployment(backend: DeploymentsBackend, path: Params, query: Params, body: Any) -> dict[str, Any]:
    return backend.delete_deployment(
        shared=True,
        account_id=path["account_id"],
        deployment_id=path["deployment_id"],
        hard=query["hard"],
        ignore_checks=query["ignoreChecks"],
    )


def scale_deployment(backend: DeploymentsBackend, path: Params, query: Params, body: Any) -> dict[str, Any]:
    return backend.scale_deployment(
        shared=True,
        account_id=path["account_id"],
        deployment_id=path["deployment_id"],
        replica_count=body.get("replicaCount"),
    )


def undelete_deployment(backend: DeploymentsBackend, path: Params, query: Params, body: Any) -> dict[str, Any]:
    return backend.undelete_deployment(shared=True, account_id=path["account_id"], deployment_id=path["deployment_id"])


HANDLERS = {
    "createDeployment": create_deployment,
    "listDeployments": list_deployments,
    "getDeployment": get_deployment,
    "updateDeployment": update_deployment,
    "deleteDeployment": delete_deployment,
    "scaleDeployment": scale_deployment,
    "undeleteDeployment": undelete_deployment,
}
# operations whose success body is a Deployment (the contract-bug faults tamper with these)
DEPLOYMENT_RESPONSES = frozenset({"createDeployment", "getDeployment", "updateDeployment", "undeleteDeployment"})

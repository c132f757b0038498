from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.deployment import Deployment
from ...models.error_status import ErrorStatus
from ...types import UNSET, Response, Unset

_STATUS = {status.value: status for status in HTTPStatus}


def _status(code: int) -> HTTPStatus:
    return _STATUS.get(code) or HTTPStatus(code)  # an unknown code: HTTPStatus' own ValueError


# Characters quote(..., safe="") leaves as they are.
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~")


def _path_segment(value: Any) -> str:
    text = str(value)
    return text if _UNRESERVED.issuperset(text) else quote(text, safe="")


def _get_kwargs(
    account_id: str,
    *,
    body: Deployment,
    deployment_id: str | Unset = UNSET,
    disable_auto_deploy: bool | Unset = False,
    disable_speculative_decoding: bool | Unset = False,
    validate_only: bool | Unset = False,
    skip_shape_validation: bool | Unset = False,
    skip_image_tag_validation: bool | Unset = False,
    accept_shapeless_risk: bool | Unset = False,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["deploymentId"] = deployment_id

    params["disableAutoDeploy"] = disable_auto_deploy

    params["disableSpeculativeDecoding"] = disable_speculative_decoding

    params["validateOnly"] = validate_only

    params["skipShapeValidation"] = skip_shape_validation

    params["skipImageTagValidation"] = skip_image_tag_validation

    params["acceptShapelessRisk"] = accept_shapeless_risk

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": f"/v1/accounts/{_path_segment(account_id)}/deployments",
    }
    if params:
        _kwargs["params"] = params

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Deployment | ErrorStatus | None:
    if response.status_code == 200:
        response_200 = Deployment.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorStatus.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorStatus.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorStatus.from_dict(response.json())

        return response_403

    if response.status_code == 409:
        response_409 = ErrorStatus.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = ErrorStatus.from_dict(response.json())

        return response_413

    if response.status_code == 429:
        response_429 = ErrorStatus.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorStatus.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = ErrorStatus.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Deployment | ErrorStatus]:
    return Response(
        status_code=_status(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    account_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: Deployment,
    deployment_id: str | Unset = UNSET,
    disable_auto_deploy: bool | Unset = False,
    disable_speculative_decoding: bool | Unset = False,
    validate_only: bool | Unset = False,
    skip_shape_validation: bool | Unset = False,
    skip_image_tag_validation: bool | Unset = False,
    accept_shapeless_risk: bool | Unset = False,
) -> Response[Deployment | ErrorStatus]:
    """Create a deployment

     Starts provisioning a deployment and answers at once with the new
    resource in state CREATING; it moves to READY (or FAILED) later, so poll
    getDeployment. With `validateOnly=true` nothing is stored and the answer
    shows the deployment that would have been created.

    Args:
        account_id (str): Account id; lowercase letters, digits and hyphens.
        deployment_id (str | Unset):
        disable_auto_deploy (bool | Unset):  Default: False.
        disable_speculative_decoding (bool | Unset):  Default: False.
        validate_only (bool | Unset):  Default: False.
        skip_shape_validation (bool | Unset):  Default: False.
        skip_image_tag_validation (bool | Unset):  Default: False.
        accept_shapeless_risk (bool | Unset):  Default: False.
        body (Deployment): An on-demand deployment of a base model on dedicated GPUs. The same
            object is sent on create and update and returned by every read. Fields marked read-only
            are set by the server and are ignored in requests (never refused). Responses omit fields
            that hold their default value, so clients must treat every field except baseModel as
            optional.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Deployment | ErrorStatus]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        body=body,
        deployment_id=deployment_id,
        disable_auto_deploy=disable_auto_deploy,
        disable_speculative_decoding=disable_speculative_decoding,
        validate_only=validate_only,
        skip_shape_validation=skip_shape_validation,
        skip_image_tag_validation=skip_image_tag_validation,
        accept_shapeless_risk=accept_shapeless_risk,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    account_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: Deployment,
    deployment_id: str | Unset = UNSET,
    disable_auto_deploy: bool | Unset = False,
    disable_speculative_decoding: bool | Unset = False,
    validate_only: bool | Unset = False,
    skip_shape_validation: bool | Unset = False,
    skip_image_tag_validation: bool | Unset = False,
    accept_shapeless_risk: bool | Unset = False,
) -> Deployment | ErrorStatus | None:
    """Create a deployment

     Starts provisioning a deployment and answers at once with the new
    resource in state CREATING; it moves to READY (or FAILED) later, so poll
    getDeployment. With `validateOnly=true` nothing is stored and the answer
    shows the deployment that would have been created.

    Args:
        account_id (str): Account id; lowercase letters, digits and hyphens.
        deployment_id (str | Unset):
        disable_auto_deploy (bool | Unset):  Default: False.
        disable_speculative_decoding (bool | Unset):  Default: False.
        validate_only (bool | Unset):  Default: False.
        skip_shape_validation (bool | Unset):  Default: False.
        skip_image_tag_validation (bool | Unset):  Default: False.
        accept_shapeless_risk (bool | Unset):  Default: False.
        body (Deployment): An on-demand deployment of a base model on dedicated GPUs. The same
            object is sent on create and update and returned by every read. Fields marked read-only
            are set by the server and are ignored in requests (never refused). Responses omit fields
            that hold their default value, so clients must treat every field except baseModel as
            optional.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Deployment | ErrorStatus
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        body=body,
        deployment_id=deployment_id,
        disable_auto_deploy=disable_auto_deploy,
        disable_speculative_decoding=disable_speculative_decoding,
        validate_only=validate_only,
        skip_shape_validation=skip_shape_validation,
        skip_image_tag_validation=skip_image_tag_validation,
        accept_shapeless_risk=accept_shapeless_risk,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )
    _status(response.status_code)  # what sync_detailed's Response would raise for a code HTTPStatus lacks
    return _parse_response(client=client, response=response)


async def asyncio_detailed(
    account_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: Deployment,
    deployment_id: str | Unset = UNSET,
    disable_auto_deploy: bool | Unset = False,
    disable_speculative_decoding: bool | Unset = False,
    validate_only: bool | Unset = False,
    skip_shape_validation: bool | Unset = False,
    skip_image_tag_validation: bool | Unset = False,
    accept_shapeless_risk: bool | Unset = False,
) -> Response[Deployment | ErrorStatus]:
    """Create a deployment

     Starts provisioning a deployment and answers at once with the new
    resource in state CREATING; it moves to READY (or FAILED) later, so poll
    getDeployment. With `validateOnly=true` nothing is stored and the answer
    shows the deployment that would have been created.

    Args:
        account_id (str): Account id; lowercase letters, digits and hyphens.
        deployment_id (str | Unset):
        disable_auto_deploy (bool | Unset):  Default: False.
        disable_speculative_decoding (bool | Unset):  Default: False.
        validate_only (bool | Unset):  Default: False.
        skip_shape_validation (bool | Unset):  Default: False.
        skip_image_tag_validation (bool | Unset):  Default: False.
        accept_shapeless_risk (bool | Unset):  Default: False.
        body (Deployment): An on-demand deployment of a base model on dedicated GPUs. The same
            object is sent on create and update and returned by every read. Fields marked read-only
            are set by the server and are ignored in requests (never refused). Responses omit fields
            that hold their default value, so clients must treat every field except baseModel as
            optional.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Deployment | ErrorStatus]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        body=body,
        deployment_id=deployment_id,
        disable_auto_deploy=disable_auto_deploy,
        disable_speculative_decoding=disable_speculative_decoding,
        validate_only=validate_only,
        skip_shape_validation=skip_shape_validation,
        skip_image_tag_validation=skip_image_tag_validation,
        accept_shapeless_risk=accept_shapeless_risk,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    account_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: Deployment,
    deployment_id: str | Unset = UNSET,
    disable_auto_deploy: bool | Unset = False,
    disable_speculative_decoding: bool | Unset = False,
    validate_only: bool | Unset = False,
    skip_shape_validation: bool | Unset = False,
    skip_image_tag_validation: bool | Unset = False,
    accept_shapeless_risk: bool | Unset = False,
) -> Deployment | ErrorStatus | None:
    """Create a deployment

     Starts provisioning a deployment and answers at once with the new
    resource in state CREATING; it moves to READY (or FAILED) later, so poll
    getDeployment. With `validateOnly=true` nothing is stored and the answer
    shows the deployment that would have been created.

    Args:
        account_id (str): Account id; lowercase letters, digits and hyphens.
        deployment_id (str | Unset):
        disable_auto_deploy (bool | Unset):  Default: False.
        disable_speculative_decoding (bool | Unset):  Default: False.
        validate_only (bool | Unset):  Default: False.
        skip_shape_validation (bool | Unset):  Default: False.
        skip_image_tag_validation (bool | Unset):  Default: False.
        accept_shapeless_risk (bool | Unset):  Default: False.
        body (Deployment): An on-demand deployment of a base model on dedicated GPUs. The same
            object is sent on create and update and returned by every read. Fields marked read-only
            are set by the server and are ignored in requests (never refused). Responses omit fields
            that hold their default value, so clients must treat every field except baseModel as
            optional.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Deployment | ErrorStatus
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        body=body,
        deployment_id=deployment_id,
        disable_auto_deploy=disable_auto_deploy,
        disable_speculative_decoding=disable_speculative_decoding,
        validate_only=validate_only,
        skip_shape_validation=skip_shape_validation,
        skip_image_tag_validation=skip_image_tag_validation,
        accept_shapeless_risk=accept_shapeless_risk,
    )

    response = await client.get_async_httpx_client().request(**kwargs)
    _status(response.status_code)  # what asyncio_detailed's Response would raise for a code HTTPStatus lacks
    return _parse_response(client=client, response=response)

from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.deployment import Deployment
from ...models.error_status import ErrorStatus
from ...models.undelete_deployment_request import UndeleteDeploymentRequest
from ...types import Response

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
    deployment_id: str,
    *,
    body: UndeleteDeploymentRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": f"/v1/accounts/{_path_segment(account_id)}/deployments/{_path_segment(deployment_id)}:undelete",
    }

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

    if response.status_code == 404:
        response_404 = ErrorStatus.from_dict(response.json())

        return response_404

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
    deployment_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UndeleteDeploymentRequest,
) -> Response[Deployment | ErrorStatus]:
    """Undelete a deployment

     Restores a soft-deleted deployment (state DELETED, purgeTime not yet reached) and returns it; it
    comes back in state READY with deleteTime and purgeTime cleared. Any other state answers 400
    FAILED_PRECONDITION; an unknown or hard-deleted deployment answers 404.

    Args:
        account_id (str): Account id; lowercase letters, digits and hyphens.
        deployment_id (str): Deployment id: 1 to 63 characters of lowercase letters, digits and
            hyphens, starting and ending with a letter or digit. (The public sources do not state the
            rule; see the deployment id decision.)
        body (UndeleteDeploymentRequest): Body of undeleteDeployment. It has no fields; send `{}`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Deployment | ErrorStatus]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        deployment_id=deployment_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    account_id: str,
    deployment_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UndeleteDeploymentRequest,
) -> Deployment | ErrorStatus | None:
    """Undelete a deployment

     Restores a soft-deleted deployment (state DELETED, purgeTime not yet reached) and returns it; it
    comes back in state READY with deleteTime and purgeTime cleared. Any other state answers 400
    FAILED_PRECONDITION; an unknown or hard-deleted deployment answers 404.

    Args:
        account_id (str): Account id; lowercase letters, digits and hyphens.
        deployment_id (str): Deployment id: 1 to 63 characters of lowercase letters, digits and
            hyphens, starting and ending with a letter or digit. (The public sources do not state the
            rule; see the deployment id decision.)
        body (UndeleteDeploymentRequest): Body of undeleteDeployment. It has no fields; send `{}`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Deployment | ErrorStatus
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        deployment_id=deployment_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )
    _status(response.status_code)  # what sync_detailed's Response would raise for a code HTTPStatus lacks
    return _parse_response(client=client, response=response)


async def asyncio_detailed(
    account_id: str,
    deployment_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UndeleteDeploymentRequest,
) -> Response[Deployment | ErrorStatus]:
    """Undelete a deployment

     Restores a soft-deleted deployment (state DELETED, purgeTime not yet reached) and returns it; it
    comes back in state READY with deleteTime and purgeTime cleared. Any other state answers 400
    FAILED_PRECONDITION; an unknown or hard-deleted deployment answers 404.

    Args:
        account_id (str): Account id; lowercase letters, digits and hyphens.
        deployment_id (str): Deployment id: 1 to 63 characters of lowercase letters, digits and
            hyphens, starting and ending with a letter or digit. (The public sources do not state the
            rule; see the deployment id decision.)
        body (UndeleteDeploymentRequest): Body of undeleteDeployment. It has no fields; send `{}`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Deployment | ErrorStatus]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        deployment_id=deployment_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    account_id: str,
    deployment_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UndeleteDeploymentRequest,
) -> Deployment | ErrorStatus | None:
    """Undelete a deployment

     Restores a soft-deleted deployment (state DELETED, purgeTime not yet reached) and returns it; it
    comes back in state READY with deleteTime and purgeTime cleared. Any other state answers 400
    FAILED_PRECONDITION; an unknown or hard-deleted deployment answers 404.

    Args:
        account_id (str): Account id; lowercase letters, digits and hyphens.
        deployment_id (str): Deployment id: 1 to 63 characters of lowercase letters, digits and
            hyphens, starting and ending with a letter or digit. (The public sources do not state the
            rule; see the deployment id decision.)
        body (UndeleteDeploymentRequest): Body of undeleteDeployment. It has no fields; send `{}`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Deployment | ErrorStatus
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        deployment_id=deployment_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)
    _status(response.status_code)  # what asyncio_detailed's Response would raise for a code HTTPStatus lacks
    return _parse_response(client=client, response=response)

from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_status import ErrorStatus
from ...models.list_deployments_response import ListDeploymentsResponse
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
    page_size: int | Unset = 50,
    page_token: str | Unset = UNSET,
    filter_: str | Unset = UNSET,
    order_by: str | Unset = UNSET,
    show_deleted: bool | Unset = False,
    read_mask: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["pageSize"] = page_size

    params["pageToken"] = page_token

    params["filter"] = filter_

    params["orderBy"] = order_by

    params["showDeleted"] = show_deleted

    params["readMask"] = read_mask

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": f"/v1/accounts/{_path_segment(account_id)}/deployments",
    }
    if params:
        _kwargs["params"] = params

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorStatus | ListDeploymentsResponse | None:
    if response.status_code == 200:
        response_200 = ListDeploymentsResponse.from_dict(response.json())

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
) -> Response[ErrorStatus | ListDeploymentsResponse]:
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
    page_size: int | Unset = 50,
    page_token: str | Unset = UNSET,
    filter_: str | Unset = UNSET,
    order_by: str | Unset = UNSET,
    show_deleted: bool | Unset = False,
    read_mask: str | Unset = UNSET,
) -> Response[ErrorStatus | ListDeploymentsResponse]:
    """List deployments

     One page of the account's deployments, ordered by `orderBy`
    (default `create_time`). Soft-deleted deployments are left out unless
    `showDeleted=true`. Follow `nextPageToken` until it is empty.

    Args:
        account_id (str): Account id; lowercase letters, digits and hyphens.
        page_size (int | Unset):  Default: 50.
        page_token (str | Unset):
        filter_ (str | Unset):
        order_by (str | Unset):
        show_deleted (bool | Unset):  Default: False.
        read_mask (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorStatus | ListDeploymentsResponse]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        page_size=page_size,
        page_token=page_token,
        filter_=filter_,
        order_by=order_by,
        show_deleted=show_deleted,
        read_mask=read_mask,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    account_id: str,
    *,
    client: AuthenticatedClient | Client,
    page_size: int | Unset = 50,
    page_token: str | Unset = UNSET,
    filter_: str | Unset = UNSET,
    order_by: str | Unset = UNSET,
    show_deleted: bool | Unset = False,
    read_mask: str | Unset = UNSET,
) -> ErrorStatus | ListDeploymentsResponse | None:
    """List deployments

     One page of the account's deployments, ordered by `orderBy`
    (default `create_time`). Soft-deleted deployments are left out unless
    `showDeleted=true`. Follow `nextPageToken` until it is empty.

    Args:
        account_id (str): Account id; lowercase letters, digits and hyphens.
        page_size (int | Unset):  Default: 50.
        page_token (str | Unset):
        filter_ (str | Unset):
        order_by (str | Unset):
        show_deleted (bool | Unset):  Default: False.
        read_mask (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorStatus | ListDeploymentsResponse
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        page_size=page_size,
        page_token=page_token,
        filter_=filter_,
        order_by=order_by,
        show_deleted=show_deleted,
        read_mask=read_mask,
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
    page_size: int | Unset = 50,
    page_token: str | Unset = UNSET,
    filter_: str | Unset = UNSET,
    order_by: str | Unset = UNSET,
    show_deleted: bool | Unset = False,
    read_mask: str | Unset = UNSET,
) -> Response[ErrorStatus | ListDeploymentsResponse]:
    """List deployments

     One page of the account's deployments, ordered by `orderBy`
    (default `create_time`). Soft-deleted deployments are left out unless
    `showDeleted=true`. Follow `nextPageToken` until it is empty.

    Args:
        account_id (str): Account id; lowercase letters, digits and hyphens.
        page_size (int | Unset):  Default: 50.
        page_token (str | Unset):
        filter_ (str | Unset):
        order_by (str | Unset):
        show_deleted (bool | Unset):  Default: False.
        read_mask (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorStatus | ListDeploymentsResponse]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        page_size=page_size,
        page_token=page_token,
        filter_=filter_,
        order_by=order_by,
        show_deleted=show_deleted,
        read_mask=read_mask,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    account_id: str,
    *,
    client: AuthenticatedClient | Client,
    page_size: int | Unset = 50,
    page_token: str | Unset = UNSET,
    filter_: str | Unset = UNSET,
    order_by: str | Unset = UNSET,
    show_deleted: bool | Unset = False,
    read_mask: str | Unset = UNSET,
) -> ErrorStatus | ListDeploymentsResponse | None:
    """List deployments

     One page of the account's deployments, ordered by `orderBy`
    (default `create_time`). Soft-deleted deployments are left out unless
    `showDeleted=true`. Follow `nextPageToken` until it is empty.

    Args:
        account_id (str): Account id; lowercase letters, digits and hyphens.
        page_size (int | Unset):  Default: 50.
        page_token (str | Unset):
        filter_ (str | Unset):
        order_by (str | Unset):
        show_deleted (bool | Unset):  Default: False.
        read_mask (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorStatus | ListDeploymentsResponse
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        page_size=page_size,
        page_token=page_token,
        filter_=filter_,
        order_by=order_by,
        show_deleted=show_deleted,
        read_mask=read_mask,
    )

    response = await client.get_async_httpx_client().request(**kwargs)
    _status(response.status_code)  # what asyncio_detailed's Response would raise for a code HTTPStatus lacks
    return _parse_response(client=client, response=response)

"""The facade: seven operations plus iteration, waiting and safe updates, sync and async.

Every call goes through a generated ``api.deployments`` function (no URL is built here);
this module adds configuration, per-call timeouts, typed errors and the few decisions
that need a second request (a 409 on a retried create, a lost delete/undelete answer).
Retries themselves happen in the transport (see ``transport.py``).
"""

from __future__ import annotations

import asyncio
import copy
import logging
import random
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Iterator, Sequence
from functools import partial
from typing import Any, TypeVar

import httpx
from fireworks_deployments_client.api.deployments import (
    create_deployment,
    delete_deployment,
    get_deployment,
    list_deployments,
    scale_deployment,
    undelete_deployment,
    update_deployment,
)
from fireworks_deployments_client.client import Client
from fireworks_deployments_client.models import (
    Deployment,
    DeploymentState,
    Empty,
    ListDeploymentsResponse,
    ScaleDeploymentRequest,
    UndeleteDeploymentRequest,
)
from fireworks_deployments_client.types import UNSET, Response, Unset

from .config import ClientConfig, TimeoutLike, as_timeout
from .errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    BadRequestError,
    ConflictError,
    NotFoundError,
    redact,
    status_error,
)
from .fields import deployment_from_fields
from .idempotency import matches_request
from .pagination import aiter_items, iter_items
from .retry import RetryPolicy
from .transport import AsyncRetryTransport, BearerAuth, CallState, RetryTransport, call_scope, release
from .update import build_update
from .waiting import (
    DEFAULT_WAIT_TIMEOUT,
    INITIAL_POLL_INTERVAL,
    MAX_POLL_INTERVAL,
    StateLike,
    async_wait_for_state,
    wait_for_state,
)

__all__ = ["AsyncDeploymentsClient", "DeploymentsClient"]

_T = TypeVar("_T")
_log = logging.getLogger("fireworks_deployments")
_GONE = frozenset({DeploymentState.DELETING.value, DeploymentState.DELETED.value})
_DEFAULT_HEADERS = {"Accept": "application/json", "User-Agent": "fireworks-deployments-client (python)"}
Mask = str | Sequence[str] | None


def _opt(value: _T | None) -> _T | Unset:
    return UNSET if value is None else value


def _mask(value: Mask) -> str | Unset:
    if value is None:
        return UNSET
    return value if isinstance(value, str) else ",".join(value)


def _create_body(deployment: Deployment | None, fields: dict[str, Any]) -> Deployment:
    if deployment is not None and fields:
        raise TypeError("pass either a Deployment or field keyword arguments, not both")
    return deployment if deployment is not None else deployment_from_fields(fields)


def _state_of(deployment: Deployment) -> str | None:
    return None if isinstance(deployment.state, Unset) else str(deployment.state)


class _Base:
    """Configuration, per-call options and the translation of answers into results or exceptions."""

    def __init__(self, config: ClientConfig, random_: Callable[[], float], wall_clock: Callable[[], float]) -> None:
        self._config = config
        self._policy = RetryPolicy(max_retries=config.max_retries, random=random_, wall_clock=wall_clock)
        self._call_timeout: httpx.Timeout | None = None
        self._call_max_retries: int | None = None

    @property
    def config(self) -> ClientConfig:
        """The settings in use (the API key is hidden from its repr)."""
        return self._config

    @property
    def account_id(self) -> str:
        return self._config.account_id

    def __repr__(self) -> str:
        return f"{type(self).__name__}(account_id={self.account_id!r}, base_url={self._config.base_url!r})"

    def _with(self: _B, timeout: TimeoutLike | None, max_retries: int | None) -> _B:
        clone = copy.copy(self)
        if timeout is not None:
            clone._call_timeout = as_timeout(timeout)
        if max_retries is not None:
            clone._call_max_retries = max_retries
        return clone

    def _state(self, timeout: TimeoutLike | None, retry_safe: bool | None) -> CallState:
        return CallState(
            timeout=as_timeout(timeout) if timeout is not None else self._call_timeout,
            max_retries=self._call_max_retries,
            retry_safe=retry_safe,
        )

    def _transport_error(self, exc: httpx.TransportError) -> APIError:
        text = redact(f"{type(exc).__name__}: {exc}", [self._config.api_key])
        if isinstance(exc, httpx.TimeoutException):
            return APITimeoutError(f"request timed out ({text})")
        return APIConnectionError(f"connection failed ({text})")

    def _raw_error(self, raw: httpx.Response, state: CallState) -> APIError:
        """An answer the generated parser choked on (non-JSON 5xx, wrapped error body, odd status)."""
        if raw.is_success:
            return APIResponseValidationError(
                f"HTTP {raw.status_code} answer does not match the spec",
                status_code=raw.status_code,
                body=redact(raw.text, [self._config.api_key]),
            )
        return self._status_error(raw.status_code, raw.content, raw.headers, state)

    def _status_error(self, status: int, content: bytes, headers: Any, state: CallState) -> APIStatusError:
        err = status_error(status, content, headers, secrets=[self._config.api_key])
        err.retries_taken = state.retries_taken
        return err

    def _result(self, response: Response[Any], expected: type[_T], state: CallState) -> _T:
        status = int(response.status_code)
        if not 200 <= status < 300:
            raise self._status_error(status, response.content, response.headers, state)
        if not isinstance(response.parsed, expected):
            raise APIResponseValidationError(
                f"HTTP {status} answer is not a {expected.__name__}", status_code=status, body=response.parsed
            )
        return response.parsed


_B = TypeVar("_B", bound=_Base)


class DeploymentsClient(_Base):
    """Synchronous client for the deployments of one account.

    Settings come from arguments, then ``FIREWORKS_API_KEY`` / ``FIREWORKS_ACCOUNT_ID`` /
    ``FIREWORKS_BASE_URL``. ``transport`` replaces the network (tests, proxies); ``sleep``,
    ``clock`` and ``random`` make retries and waiting deterministic in tests.
    """

    def __init__(
        self,
        *,
        api_key: str | None = None,
        account_id: str | None = None,
        base_url: str | None = None,
        timeout: TimeoutLike | None = None,
        max_retries: int | None = None,
        config: ClientConfig | None = None,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        random: Callable[[], float] = random.random,  # mirrors RetryPolicy.random
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        config = config or ClientConfig.from_env(
            api_key=api_key, account_id=account_id, base_url=base_url, timeout=timeout, max_retries=max_retries
        )
        super().__init__(config, random, wall_clock)
        self._sleep = sleep
        self._clock = clock
        self._httpx = httpx.Client(
            base_url=config.base_url,
            timeout=config.timeout,
            auth=BearerAuth(config.api_key),
            headers=_DEFAULT_HEADERS,
            transport=RetryTransport(transport, policy=self._policy, sleep=sleep),
        )
        self._api = Client(base_url=config.base_url).set_httpx_client(self._httpx)

    @property
    def api(self) -> Client:
        """The generated client, for calling ``fireworks_deployments_client.api`` functions directly (with retries)."""
        return self._api

    def with_options(self, *, timeout: TimeoutLike | None = None, max_retries: int | None = None) -> DeploymentsClient:
        """A view of this client with another default timeout or retry budget (same connection pool)."""
        return self._with(timeout, max_retries)

    def close(self) -> None:
        self._httpx.close()

    def __enter__(self) -> DeploymentsClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _call(
        self,
        fn: Callable[[], Response[Any]],
        expected: type[_T],
        *,
        timeout: TimeoutLike | None,
        retry_safe: bool | None = None,
    ) -> _T:
        state = self._state(timeout, retry_safe)
        with call_scope(state):
            try:
                response = fn()
            except httpx.TransportError as exc:
                raise self._transport_error(exc) from exc
            except (ValueError, KeyError, TypeError) as exc:
                if state.last_response is None:
                    raise
                raise self._raw_error(state.last_response, state) from exc
        try:
            return self._result(response, expected, state)
        finally:
            release(state.last_response)

    # --- the seven operations -------------------------------------------------

    def create(
        self,
        deployment: Deployment | None = None,
        *,
        deployment_id: str | None = None,
        validate_only: bool = False,
        disable_auto_deploy: bool = False,
        disable_speculative_decoding: bool = False,
        skip_shape_validation: bool = False,
        skip_image_tag_validation: bool = False,
        accept_shapeless_risk: bool = False,
        timeout: TimeoutLike | None = None,
        **fields: Any,
    ) -> Deployment:
        """Create a deployment from a ``Deployment`` or from field keywords (``base_model=...``).

        Retried only with a ``deployment_id``; a 409 on a retry is success when the existing
        deployment matches what was asked for.
        """
        body = _create_body(deployment, fields)
        call = partial(
            create_deployment.sync_detailed,
            self.account_id,
            client=self._api,
            body=body,
            deployment_id=_opt(deployment_id),
            validate_only=validate_only,
            disable_auto_deploy=disable_auto_deploy,
            disable_speculative_decoding=disable_speculative_decoding,
            skip_shape_validation=skip_shape_validation,
            skip_image_tag_validation=skip_image_tag_validation,
            accept_shapeless_risk=accept_shapeless_risk,
        )
        try:
            return self._call(call, Deployment, timeout=timeout, retry_safe=deployment_id is not None)
        except ConflictError as exc:
            if deployment_id is None or not exc.retries_taken:
                raise
            existing = self.get(deployment_id, timeout=timeout)
            if not matches_request(body, existing):
                raise
            _log.debug("create %s: 409 after a retry, the existing deployment matches; success", deployment_id)
            return existing

    def get(self, deployment_id: str, *, read_mask: Mask = None, timeout: TimeoutLike | None = None) -> Deployment:
        """Read one deployment (soft-deleted ones too, in state DELETING/DELETED)."""
        call = partial(
            get_deployment.sync_detailed, self.account_id, deployment_id, client=self._api, read_mask=_mask(read_mask)
        )
        return self._call(call, Deployment, timeout=timeout)

    def list(
        self,
        *,
        page_size: int | None = None,
        page_token: str | None = None,
        filter: str | None = None,  # the API's parameter name
        order_by: str | None = None,
        show_deleted: bool = False,
        read_mask: Mask = None,
        timeout: TimeoutLike | None = None,
    ) -> ListDeploymentsResponse:
        """One page; see ``iter_all`` for every deployment."""
        call = partial(
            list_deployments.sync_detailed,
            self.account_id,
            client=self._api,
            page_size=_opt(page_size),
            page_token=_opt(page_token),
            filter_=_opt(filter),
            order_by=_opt(order_by),
            show_deleted=show_deleted,
            read_mask=_mask(read_mask),
        )
        return self._call(call, ListDeploymentsResponse, timeout=timeout)

    def iter_all(
        self,
        *,
        filter: str | None = None,  # the API's parameter name
        order_by: str | None = None,
        show_deleted: bool = False,
        read_mask: Mask = None,
        page_size: int | None = None,
        timeout: TimeoutLike | None = None,
    ) -> Iterator[Deployment]:
        """Every matching deployment, fetched lazily page by page."""
        fetch = partial(
            self._page,
            filter=filter,
            order_by=order_by,
            show_deleted=show_deleted,
            read_mask=read_mask,
            page_size=page_size,
            timeout=timeout,
        )
        return iter_items(fetch)

    def _page(self, token: str | None, **query: Any) -> ListDeploymentsResponse:
        return self.list(page_token=token, **query)

    def update(
        self,
        deployment_id: str,
        *,
        base_model: str | None = None,
        skip_shape_validation: bool = False,
        timeout: TimeoutLike | None = None,
        **fields: Any,
    ) -> Deployment:
        """Change only the given fields (``min_replica_count=1, ...``); every other field keeps its value.

        Sends ``updateMask`` listing exactly those fields. ``baseModel`` is required by the
        request schema: when not given it is read from the deployment first (and not masked).
        """
        include_base_model = base_model is not None
        if base_model is None:
            if not fields:
                raise ValueError("an update needs at least one field to change")
            base_model = self.get(deployment_id, read_mask="base_model", timeout=timeout).base_model
        body, mask = build_update(base_model, fields, include_base_model=include_base_model)
        call = partial(
            update_deployment.sync_detailed,
            self.account_id,
            deployment_id,
            client=self._api,
            body=body,
            update_mask=mask,
            skip_shape_validation=skip_shape_validation,
        )
        return self._call(call, Deployment, timeout=timeout)

    def delete(
        self, deployment_id: str, *, hard: bool = False, ignore_checks: bool = False, timeout: TimeoutLike | None = None
    ) -> None:
        """Soft-delete (undeletable until purgeTime) or, with ``hard=True``, remove for good."""
        call = partial(
            delete_deployment.sync_detailed,
            self.account_id,
            deployment_id,
            client=self._api,
            hard=hard,
            ignore_checks=ignore_checks,
        )
        try:
            self._call(call, Empty, timeout=timeout)
        except (BadRequestError, NotFoundError) as exc:
            # A retry after a lost success finds the deployment already deleted.
            if not exc.retries_taken:
                raise
            try:
                current = self.get(deployment_id, timeout=timeout)
            except NotFoundError:
                return
            if _state_of(current) not in _GONE:
                raise

    def scale(self, deployment_id: str, replica_count: int, *, timeout: TimeoutLike | None = None) -> None:
        """Steer toward ``replica_count`` replicas (0 scales to zero)."""
        call = partial(
            scale_deployment.sync_detailed,
            self.account_id,
            deployment_id,
            client=self._api,
            body=ScaleDeploymentRequest(replica_count=replica_count),
        )
        self._call(call, Empty, timeout=timeout)

    def undelete(self, deployment_id: str, *, timeout: TimeoutLike | None = None) -> Deployment:
        """Restore a soft-deleted deployment."""
        call = partial(
            undelete_deployment.sync_detailed,
            self.account_id,
            deployment_id,
            client=self._api,
            body=UndeleteDeploymentRequest(),
        )
        try:
            return self._call(call, Deployment, timeout=timeout, retry_safe=True)
        except BadRequestError as exc:
            # A retry after a lost success finds the deployment no longer DELETED.
            if not exc.retries_taken:
                raise
            current = self.get(deployment_id, timeout=timeout)
            if _state_of(current) in _GONE:
                raise
            return current

    # --- waiting -------------------------------------------------------------

    def wait_for_state(
        self,
        deployment_id: str,
        state: StateLike | Iterable[StateLike] = DeploymentState.READY,
        *,
        timeout: float = DEFAULT_WAIT_TIMEOUT,
        poll_interval: float = INITIAL_POLL_INTERVAL,
        max_poll_interval: float = MAX_POLL_INTERVAL,
    ) -> Deployment:
        """Poll until the deployment is in ``state`` (default READY).

        Raises ``DeploymentFailedError`` (with ``.status``) on FAILED, ``DeploymentDeletedError``
        on DELETING/DELETED/404, ``WaitTimeoutError`` after ``timeout`` seconds.
        """
        return wait_for_state(
            partial(self.get, deployment_id),
            state,
            timeout=timeout,
            poll_interval=poll_interval,
            max_poll_interval=max_poll_interval,
            clock=self._clock,
            sleep=self._sleep,
        )


class AsyncDeploymentsClient(_Base):
    """Asynchronous twin of ``DeploymentsClient``: same methods, awaited; ``iter_all`` is an async iterator."""

    def __init__(
        self,
        *,
        api_key: str | None = None,
        account_id: str | None = None,
        base_url: str | None = None,
        timeout: TimeoutLike | None = None,
        max_retries: int | None = None,
        config: ClientConfig | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
        random: Callable[[], float] = random.random,  # mirrors RetryPolicy.random
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        config = config or ClientConfig.from_env(
            api_key=api_key, account_id=account_id, base_url=base_url, timeout=timeout, max_retries=max_retries
        )
        super().__init__(config, random, wall_clock)
        self._sleep = sleep
        self._clock = clock
        self._httpx = httpx.AsyncClient(
            base_url=config.base_url,
            timeout=config.timeout,
            auth=BearerAuth(config.api_key),
            headers=_DEFAULT_HEADERS,
            transport=AsyncRetryTransport(transport, policy=self._policy, sleep=sleep),
        )
        self._api = Client(base_url=config.base_url).set_async_httpx_client(self._httpx)

    @property
    def api(self) -> Client:
        """The generated client, for calling ``fireworks_deployments_client.api`` functions directly (with retries)."""
        return self._api

    def with_options(
        self, *, timeout: TimeoutLike | None = None, max_retries: int | None = None
    ) -> AsyncDeploymentsClient:
        """A view of this client with another default timeout or retry budget (same connection pool)."""
        return self._with(timeout, max_retries)

    async def close(self) -> None:
        await self._httpx.aclose()

    async def __aenter__(self) -> AsyncDeploymentsClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def _call(
        self,
        fn: Callable[[], Awaitable[Response[Any]]],
        expected: type[_T],
        *,
        timeout: TimeoutLike | None,
        retry_safe: bool | None = None,
    ) -> _T:
        state = self._state(timeout, retry_safe)
        with call_scope(state):
            try:
                response = await fn()
            except httpx.TransportError as exc:
                raise self._transport_error(exc) from exc
            except (ValueError, KeyError, TypeError) as exc:
                if state.last_response is None:
                    raise
                raise self._raw_error(state.last_response, state) from exc
        try:
            return self._result(response, expected, state)
        finally:
            release(state.last_response)

    async def create(
        self,
        deployment: Deployment | None = None,
        *,
        deployment_id: str | None = None,
        validate_only: bool = False,
        disable_auto_deploy: bool = False,
        disable_speculative_decoding: bool = False,
        skip_shape_validation: bool = False,
        skip_image_tag_validation: bool = False,
        accept_shapeless_risk: bool = False,
        timeout: TimeoutLike | None = None,
        **fields: Any,
    ) -> Deployment:
        """See ``DeploymentsClient.create``."""
        body = _create_body(deployment, fields)
        call = partial(
            create_deployment.asyncio_detailed,
            self.account_id,
            client=self._api,
            body=body,
            deployment_id=_opt(deployment_id),
            validate_only=validate_only,
            disable_auto_deploy=disable_auto_deploy,
            disable_speculative_decoding=disable_speculative_decoding,
            skip_shape_validation=skip_shape_validation,
            skip_image_tag_validation=skip_image_tag_validation,
            accept_shapeless_risk=accept_shapeless_risk,
        )
        try:
            return await self._call(call, Deployment, timeout=timeout, retry_safe=deployment_id is not None)
        except ConflictError as exc:
            if deployment_id is None or not exc.retries_taken:
                raise
            existing = await self.get(deployment_id, timeout=timeout)
            if not matches_request(body, existing):
                raise
            _log.debug("create %s: 409 after a retry, the existing deployment matches; success", deployment_id)
            return existing

    async def get(
        self, deployment_id: str, *, read_mask: Mask = None, timeout: TimeoutLike | None = None
    ) -> Deployment:
        """See ``DeploymentsClient.get``."""
        call = partial(
            get_deployment.asyncio_detailed,
            self.account_id,
            deployment_id,
            client=self._api,
            read_mask=_mask(read_mask),
        )
        return await self._call(call, Deployment, timeout=timeout)

    async def list(
        self,
        *,
        page_size: int | None = None,
        page_token: str | None = None,
        filter: str | None = None,  # the API's parameter name
        order_by: str | None = None,
        show_deleted: bool = False,
        read_mask: Mask = None,
        timeout: TimeoutLike | None = None,
    ) -> ListDeploymentsResponse:
        """See ``DeploymentsClient.list``."""
        call = partial(
            list_deployments.asyncio_detailed,
            self.account_id,
            client=self._api,
            page_size=_opt(page_size),
            page_token=_opt(page_token),
            filter_=_opt(filter),
            order_by=_opt(order_by),
            show_deleted=show_deleted,
            read_mask=_mask(read_mask),
        )
        return await self._call(call, ListDeploymentsResponse, timeout=timeout)

    def iter_all(
        self,
        *,
        filter: str | None = None,  # the API's parameter name
        order_by: str | None = None,
        show_deleted: bool = False,
        read_mask: Mask = None,
        page_size: int | None = None,
        timeout: TimeoutLike | None = None,
    ) -> AsyncIterator[Deployment]:
        """Every matching deployment, fetched lazily page by page: ``async for d in client.iter_all()``."""
        fetch = partial(
            self._page,
            filter=filter,
            order_by=order_by,
            show_deleted=show_deleted,
            read_mask=read_mask,
            page_size=page_size,
            timeout=timeout,
        )
        return aiter_items(fetch)

    async def _page(self, token: str | None, **query: Any) -> ListDeploymentsResponse:
        return await self.list(page_token=token, **query)

    async def update(
        self,
        deployment_id: str,
        *,
        base_model: str | None = None,
        skip_shape_validation: bool = False,
        timeout: TimeoutLike | None = None,
        **fields: Any,
    ) -> Deployment:
        """See ``DeploymentsClient.update``."""
        include_base_model = base_model is not None
        if base_model is None:
            if not fields:
                raise ValueError("an update needs at least one field to change")
            base_model = (await self.get(deployment_id, read_mask="base_model", timeout=timeout)).base_model
        body, mask = build_update(base_model, fields, include_base_model=include_base_model)
        call = partial(
            update_deployment.asyncio_detailed,
            self.account_id,
            deployment_id,
            client=self._api,
            body=body,
            update_mask=mask,
            skip_shape_validation=skip_shape_validation,
        )
        return await self._call(call, Deployment, timeout=timeout)

    async def delete(
        self, deployment_id: str, *, hard: bool = False, ignore_checks: bool = False, timeout: TimeoutLike | None = None
    ) -> None:
        """See ``DeploymentsClient.delete``."""
        call = partial(
            delete_deployment.asyncio_detailed,
            self.account_id,
            deployment_id,
            client=self._api,
            hard=hard,
            ignore_checks=ignore_checks,
        )
        try:
            await self._call(call, Empty, timeout=timeout)
        except (BadRequestError, NotFoundError) as exc:
            if not exc.retries_taken:
                raise
            try:
                current = await self.get(deployment_id, timeout=timeout)
            except NotFoundError:
                return
            if _state_of(current) not in _GONE:
                raise

    async def scale(self, deployment_id: str, replica_count: int, *, timeout: TimeoutLike | None = None) -> None:
        """See ``DeploymentsClient.scale``."""
        call = partial(
            scale_deployment.asyncio_detailed,
            self.account_id,
            deployment_id,
            client=self._api,
            body=ScaleDeploymentRequest(replica_count=replica_count),
        )
        await self._call(call, Empty, timeout=timeout)

    async def undelete(self, deployment_id: str, *, timeout: TimeoutLike | None = None) -> Deployment:
        """See ``DeploymentsClient.undelete``."""
        call = partial(
            undelete_deployment.asyncio_detailed,
            self.account_id,
            deployment_id,
            client=self._api,
            body=UndeleteDeploymentRequest(),
        )
        try:
            return await self._call(call, Deployment, timeout=timeout, retry_safe=True)
        except BadRequestError as exc:
            if not exc.retries_taken:
                raise
            current = await self.get(deployment_id, timeout=timeout)
            if _state_of(current) in _GONE:
                raise
            return current

    async def wait_for_state(
        self,
        deployment_id: str,
        state: StateLike | Iterable[StateLike] = DeploymentState.READY,
        *,
        timeout: float = DEFAULT_WAIT_TIMEOUT,
        poll_interval: float = INITIAL_POLL_INTERVAL,
        max_poll_interval: float = MAX_POLL_INTERVAL,
    ) -> Deployment:
        """See ``DeploymentsClient.wait_for_state``."""
        return await async_wait_for_state(
            partial(self.get, deployment_id),
            state,
            timeout=timeout,
            poll_interval=poll_interval,
            max_poll_interval=max_poll_interval,
            clock=self._clock,
            sleep=self._sleep,
        )

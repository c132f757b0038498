"""The facade: seven operations plus iteration, waiting and safe updates, sync and async.

Each operation and recovery flow is written once in ``flows.py`` (a generator of steps);
``DeploymentsClient`` and ``AsyncDeploymentsClient`` are thin drivers that send each step
through a generated ``api.deployments`` function (no URL is built here), adding
configuration, per-call timeouts and typed errors. Retries themselves happen in the
transport (see ``transport.py``).
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import random
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Iterator
from functools import partial
from typing import Any, TypeVar, Unpack

import httpx
from fireworks_deployments_client.client import Client
from fireworks_deployments_client.models import Deployment, DeploymentState, ListDeploymentsResponse
from fireworks_deployments_client.types import Response

from . import flows
from .arguments import check_timeout
from .config import ClientConfig, TimeoutLike, as_timeout
from .deployment_fields import DeploymentFields
from .errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    redact,
    status_error,
)
from .flows import Call, Flow, Mask, Sleep, Step, adrive, drive
from .lifecycle import StateLike
from .pagination import aiter_items, iter_items
from .retry import RetryPolicy
from .transport import AsyncRetryTransport, BearerAuth, CallState, RetryTransport, call_scope, release
from .waiting import DEFAULT_WAIT_TIMEOUT, INITIAL_POLL_INTERVAL, MAX_POLL_INTERVAL, wait_flow

__all__ = ["AsyncDeploymentsClient", "DeploymentsClient"]

_T = TypeVar("_T")
_DEFAULT_HEADERS = {"Accept": "application/json", "User-Agent": "fireworks-deployments (python)"}


class _Base:
    """Configuration, per-call options and the translation of answers into results or exceptions."""

    _clock: Callable[[], float]

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

    def _wait_flow(
        self,
        deployment_id: str,
        state: StateLike | Iterable[StateLike],
        timeout: float,
        poll_interval: float,
        max_poll_interval: float,
    ) -> Flow[Deployment]:
        return wait_flow(
            partial(flows.get, self.account_id, deployment_id),
            state,
            timeout=timeout,
            poll_interval=poll_interval,
            max_poll_interval=max_poll_interval,
            clock=self._clock,
        )

    @contextlib.contextmanager
    def _sending(self, state: CallState) -> Iterator[None]:
        """Around one generated call: the call's options in scope, and its failures as our exceptions."""
        with call_scope(state):
            try:
                yield
            except httpx.TransportError as exc:
                raise self._transport_error(exc) from exc
            except (ValueError, KeyError, TypeError) as exc:
                if state.last_response is None:
                    raise
                raise self._raw_error(state.last_response, state) from exc

    def _finish(self, response: Response[Any], expected: type[_T], state: CallState) -> _T:
        try:
            return self._result(response, expected, state)
        finally:
            release(state.last_response)

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
    Each operation is a flow from ``flows.py`` run by ``_run``.
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

    # --- the driver ------------------------------------------------------------

    def _run(self, flow: Flow[_T], timeout: TimeoutLike | None) -> _T:
        check_timeout(timeout)
        return drive(flow, partial(self._step, timeout=timeout))

    def _step(self, step: Step, *, timeout: TimeoutLike | None) -> Any:
        if isinstance(step, Sleep):
            self._sleep(step.seconds)
            return None
        return self._call(step, timeout)

    def _call(self, call: Call[_T], timeout: TimeoutLike | None) -> _T:
        state = self._state(timeout, call.retry_safe)
        with self._sending(state):
            response = call.operation.sync_detailed(*call.args, client=self._api, **call.kwargs)
        return self._finish(response, call.expected, state)

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
        **fields: Unpack[DeploymentFields],
    ) -> Deployment:
        """Create a deployment from a ``Deployment`` or from field keywords (``base_model=...``).

        Retried only with a ``deployment_id``; a 409 on a retry is success when the existing
        deployment matches what was asked for.
        """
        flags = {
            "validate_only": validate_only,
            "disable_auto_deploy": disable_auto_deploy,
            "disable_speculative_decoding": disable_speculative_decoding,
            "skip_shape_validation": skip_shape_validation,
            "skip_image_tag_validation": skip_image_tag_validation,
            "accept_shapeless_risk": accept_shapeless_risk,
        }
        flow = flows.create(self.account_id, deployment, fields, deployment_id=deployment_id, flags=flags)
        return self._run(flow, timeout)

    def get(self, deployment_id: str, *, read_mask: Mask = None, timeout: TimeoutLike | None = None) -> Deployment:
        """Read one deployment (soft-deleted ones too, in state DELETING/DELETED)."""
        return self._run(flows.get(self.account_id, deployment_id, read_mask=read_mask), timeout)

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
        flow = flows.list_page(
            self.account_id,
            page_size=page_size,
            page_token=page_token,
            filter=filter,
            order_by=order_by,
            show_deleted=show_deleted,
            read_mask=read_mask,
        )
        return self._run(flow, timeout)

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
            self.list,
            filter=filter,
            order_by=order_by,
            show_deleted=show_deleted,
            read_mask=read_mask,
            page_size=page_size,
            timeout=timeout,
        )
        return iter_items(lambda token: fetch(page_token=token))

    def update(
        self,
        deployment_id: str,
        *,
        skip_shape_validation: bool = False,
        timeout: TimeoutLike | None = None,
        **fields: Unpack[DeploymentFields],
    ) -> Deployment:
        """Change only the given fields (``min_replica_count=1, ...``); every other field keeps its value.

        Sends ``updateMask`` listing exactly those fields. ``baseModel`` is required by the
        request schema: when not given it is read from the deployment first (and not masked).
        """
        flow = flows.update(self.account_id, deployment_id, fields, skip_shape_validation=skip_shape_validation)
        return self._run(flow, timeout)

    def delete(
        self, deployment_id: str, *, hard: bool = False, ignore_checks: bool = False, timeout: TimeoutLike | None = None
    ) -> None:
        """Soft-delete (undeletable until purgeTime) or, with ``hard=True``, remove for good."""
        self._run(flows.delete(self.account_id, deployment_id, hard=hard, ignore_checks=ignore_checks), timeout)

    def scale(self, deployment_id: str, replica_count: int, *, timeout: TimeoutLike | None = None) -> None:
        """Steer toward ``replica_count`` replicas (0 scales to zero)."""
        self._run(flows.scale(self.account_id, deployment_id, replica_count), timeout)

    def undelete(self, deployment_id: str, *, timeout: TimeoutLike | None = None) -> Deployment:
        """Restore a soft-deleted deployment."""
        return self._run(flows.undelete(self.account_id, deployment_id), timeout)

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
        flow = self._wait_flow(deployment_id, state, timeout, poll_interval, max_poll_interval)
        return self._run(flow, None)


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

    # --- the driver ------------------------------------------------------------

    async def _run(self, flow: Flow[_T], timeout: TimeoutLike | None) -> _T:
        check_timeout(timeout)
        return await adrive(flow, partial(self._step, timeout=timeout))

    async def _step(self, step: Step, *, timeout: TimeoutLike | None) -> Any:
        if isinstance(step, Sleep):
            await self._sleep(step.seconds)
            return None
        return await self._call(step, timeout)

    async def _call(self, call: Call[_T], timeout: TimeoutLike | None) -> _T:
        state = self._state(timeout, call.retry_safe)
        with self._sending(state):
            response = await call.operation.asyncio_detailed(*call.args, client=self._api, **call.kwargs)
        return self._finish(response, call.expected, state)

    # --- the seven operations -------------------------------------------------

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
        **fields: Unpack[DeploymentFields],
    ) -> Deployment:
        """See ``DeploymentsClient.create``."""
        flags = {
            "validate_only": validate_only,
            "disable_auto_deploy": disable_auto_deploy,
            "disable_speculative_decoding": disable_speculative_decoding,
            "skip_shape_validation": skip_shape_validation,
            "skip_image_tag_validation": skip_image_tag_validation,
            "accept_shapeless_risk": accept_shapeless_risk,
        }
        flow = flows.create(self.account_id, deployment, fields, deployment_id=deployment_id, flags=flags)
        return await self._run(flow, timeout)

    async def get(
        self, deployment_id: str, *, read_mask: Mask = None, timeout: TimeoutLike | None = None
    ) -> Deployment:
        """See ``DeploymentsClient.get``."""
        return await self._run(flows.get(self.account_id, deployment_id, read_mask=read_mask), timeout)

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
        flow = flows.list_page(
            self.account_id,
            page_size=page_size,
            page_token=page_token,
            filter=filter,
            order_by=order_by,
            show_deleted=show_deleted,
            read_mask=read_mask,
        )
        return await self._run(flow, timeout)

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
            self.list,
            filter=filter,
            order_by=order_by,
            show_deleted=show_deleted,
            read_mask=read_mask,
            page_size=page_size,
            timeout=timeout,
        )
        return aiter_items(lambda token: fetch(page_token=token))

    async def update(
        self,
        deployment_id: str,
        *,
        skip_shape_validation: bool = False,
        timeout: TimeoutLike | None = None,
        **fields: Unpack[DeploymentFields],
    ) -> Deployment:
        """See ``DeploymentsClient.update``."""
        flow = flows.update(self.account_id, deployment_id, fields, skip_shape_validation=skip_shape_validation)
        return await self._run(flow, timeout)

    async def delete(
        self, deployment_id: str, *, hard: bool = False, ignore_checks: bool = False, timeout: TimeoutLike | None = None
    ) -> None:
        """See ``DeploymentsClient.delete``."""
        await self._run(flows.delete(self.account_id, deployment_id, hard=hard, ignore_checks=ignore_checks), timeout)

    async def scale(self, deployment_id: str, replica_count: int, *, timeout: TimeoutLike | None = None) -> None:
        """See ``DeploymentsClient.scale``."""
        await self._run(flows.scale(self.account_id, deployment_id, replica_count), timeout)

    async def undelete(self, deployment_id: str, *, timeout: TimeoutLike | None = None) -> Deployment:
        """See ``DeploymentsClient.undelete``."""
        return await self._run(flows.undelete(self.account_id, deployment_id), timeout)

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
        flow = self._wait_flow(deployment_id, state, timeout, poll_interval, max_poll_interval)
        return await self._run(flow, None)

"""httpx transports that retry, plus per-call options and bearer auth that hides the key.

Why a transport and not a loop in the facade: every request sent through the client's
httpx client is covered, including direct calls of the generated ``api`` functions via
``DeploymentsClient.api``; the request is already built, so a retry resends exactly the
same bytes; and sync and async share the whole policy in ``retry.py``.

Bodies are read inside the transport (answers here are small JSON documents), so a
connection that drops mid-body is retried like any other connection failure.

Per-call settings (timeout, retry budget, whether the call is safe to repeat) travel in a
``ContextVar`` because the generated functions take no such arguments; the transport also
reports back how many retries it took and the final raw response.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Generator, Iterator
from contextvars import ContextVar
from dataclasses import dataclass

import httpx

from .retry import RETRYABLE_EXCEPTIONS, RetryPolicy, is_retry_safe, retry_delay, should_retry

__all__ = [
    "AsyncRetryTransport",
    "BearerAuth",
    "CallState",
    "RetryTransport",
    "call_scope",
    "current_call",
    "logger",
    "release",
]

logger = logging.getLogger("fireworks_deployments")

_CALL: ContextVar[CallState | None] = ContextVar("fireworks_deployments_call", default=None)


@dataclass
class CallState:
    """Options for one logical call (in) and what the transport observed (out)."""

    timeout: httpx.Timeout | None = None
    max_retries: int | None = None
    retry_safe: bool | None = None
    retries_taken: int = 0
    last_response: httpx.Response | None = None


def current_call() -> CallState | None:
    """The options of the call in progress in this context, if any."""
    return _CALL.get()


@contextlib.contextmanager
def call_scope(state: CallState) -> Iterator[CallState]:
    """Make ``state`` the current call's options for the duration of the block."""
    token = _CALL.set(state)
    try:
        yield state
    finally:
        _CALL.reset(token)


def release(response: httpx.Response | None) -> None:
    """Cut the link from a finished response to its stream wrapper.

    httpx 0.28 keeps each Response and the stream wrapper the client gives it in a reference
    cycle, so a body is freed only when the cyclic garbage collector runs; iterating many
    pages then holds several pages' worth of bodies. The body was already read into memory
    by the transport, so an empty stream in its place loses nothing.
    """
    if response is not None and response.is_stream_consumed:
        response.stream = httpx.ByteStream(b"")


class BearerAuth(httpx.Auth):
    """``Authorization: Bearer <key>`` added per request, so the key is in no client header dict or repr."""

    def __init__(self, api_key: str) -> None:
        self._api_key = api_key

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = f"Bearer {self._api_key}"
        yield request

    def __repr__(self) -> str:
        return "BearerAuth(api_key=<redacted>)"


class _Attempts:
    """The bookkeeping shared by the sync and async transports."""

    def __init__(self, request: httpx.Request, policy: RetryPolicy) -> None:
        self.request = request
        self.policy = policy
        self.state = current_call()
        if self.state is not None and self.state.timeout is not None:
            request.extensions["timeout"] = self.state.timeout.as_dict()
        configured = None if self.state is None else self.state.max_retries
        self.max_retries = policy.max_retries if configured is None else configured
        safe = None if self.state is None else self.state.retry_safe
        self.retry_safe = is_retry_safe(request) if safe is None else safe
        self.retries_taken = 0

    def delay_after(self, status_code: int | None, headers: httpx.Headers | None, reason: str) -> float | None:
        """Seconds to wait before retrying, or None to stop; logs the decision."""
        if not should_retry(
            status_code=status_code,
            headers=headers,
            retries_taken=self.retries_taken,
            max_retries=self.max_retries,
            retry_safe=self.retry_safe,
        ):
            return None
        delay = retry_delay(self.retries_taken, headers, self.policy)
        self.retries_taken += 1
        logger.debug(
            "retrying %s %s after %s in %.3fs (retry %d of %d)",
            self.request.method,
            self.request.url.path,
            reason,
            delay,
            self.retries_taken,
            self.max_retries,
        )
        return delay

    def done(self, response: httpx.Response) -> httpx.Response:
        if self.state is not None:
            self.state.retries_taken = self.retries_taken
            self.state.last_response = response
        return response

    def failed(self) -> None:
        if self.state is not None:
            self.state.retries_taken = self.retries_taken


class RetryTransport(httpx.BaseTransport):
    """Wraps a transport; retries 408/429/5xx answers and connection failures per ``RetryPolicy``."""

    def __init__(
        self,
        wrapped: httpx.BaseTransport | None = None,
        *,
        policy: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._wrapped = wrapped if wrapped is not None else httpx.HTTPTransport()
        self._policy = policy if policy is not None else RetryPolicy()
        self._sleep = sleep

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        attempts = _Attempts(request, self._policy)
        while True:
            try:
                response = self._wrapped.handle_request(request)
                response.read()  # a connection cut mid-body fails here, where it can still be retried
            except RETRYABLE_EXCEPTIONS as exc:
                delay = attempts.delay_after(None, None, type(exc).__name__)
                if delay is None:
                    attempts.failed()
                    raise
                self._sleep(delay)
                continue
            delay = attempts.delay_after(response.status_code, response.headers, f"HTTP {response.status_code}")
            if delay is None:
                return attempts.done(response)
            response.close()
            self._sleep(delay)

    def close(self) -> None:
        self._wrapped.close()


class AsyncRetryTransport(httpx.AsyncBaseTransport):
    """The async twin of ``RetryTransport``; ``sleep`` is awaited."""

    def __init__(
        self,
        wrapped: httpx.AsyncBaseTransport | None = None,
        *,
        policy: RetryPolicy | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._wrapped = wrapped if wrapped is not None else httpx.AsyncHTTPTransport()
        self._policy = policy if policy is not None else RetryPolicy()
        self._sleep = sleep

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        attempts = _Attempts(request, self._policy)
        while True:
            try:
                response = await self._wrapped.handle_async_request(request)
                await response.aread()  # a connection cut mid-body fails here, where it can still be retried
            except RETRYABLE_EXCEPTIONS as exc:
                delay = attempts.delay_after(None, None, type(exc).__name__)
                if delay is None:
                    attempts.failed()
                    raise
                await self._sleep(delay)
                continue
            delay = attempts.delay_after(response.status_code, response.headers, f"HTTP {response.status_code}")
            if delay is None:
                return attempts.done(response)
            await response.aclose()
            await self._sleep(delay)

    async def aclose(self) -> None:
        await self._wrapped.aclose()

"""Retry policy: named constants and one decision function, as in openai-python.

``should_retry`` decides *whether*, ``retry_delay`` decides *how long*. Both are pure
(time and randomness come in as arguments), so the policy is tested without sleeping;
``transport.py`` applies it to every request.
"""

from __future__ import annotations

import email.utils
import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import httpx

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "INITIAL_RETRY_DELAY",
    "MAX_RETRY_AFTER",
    "MAX_RETRY_DELAY",
    "RETRYABLE_EXCEPTIONS",
    "RETRYABLE_STATUS_CODES",
    "RetryPolicy",
    "is_retry_safe",
    "parse_retry_after",
    "retry_delay",
    "should_retry",
]

DEFAULT_MAX_RETRIES = 2
INITIAL_RETRY_DELAY = 0.5  # seconds before the first retry, doubled each time
MAX_RETRY_DELAY = 8.0  # ceiling of the computed backoff
MAX_RETRY_AFTER = 60.0  # ceiling of a server-suggested delay (Retry-After / retry-after-ms)
JITTER = 0.25  # the backoff is multiplied by a factor in (1 - JITTER, 1]
RETRYABLE_STATUS_CODES = frozenset({408, 429})  # plus every status >= 500
# Failures where the request may not have reached the server, or its answer was lost.
RETRYABLE_EXCEPTIONS: tuple[type[Exception], ...] = (
    httpx.TimeoutException,
    httpx.NetworkError,
    httpx.RemoteProtocolError,
)


@dataclass(frozen=True)
class RetryPolicy:
    """How many retries, and the sources of randomness and wall-clock time (injectable for tests)."""

    max_retries: int = DEFAULT_MAX_RETRIES
    initial_delay: float = INITIAL_RETRY_DELAY
    max_delay: float = MAX_RETRY_DELAY
    max_retry_after: float = MAX_RETRY_AFTER
    random: Callable[[], float] = field(default=random.random, repr=False)
    wall_clock: Callable[[], float] = field(default=time.time, repr=False)


def is_retry_safe(request: httpx.Request) -> bool:
    """Default for requests sent without call options: a POST is safe only if it names the resource.

    A create with ``deploymentId`` cannot create a duplicate (the repeat answers 409);
    one without it could, so it is sent once.
    """
    return request.method != "POST" or "deploymentId" in request.url.params


def should_retry(
    *,
    status_code: int | None,
    headers: Mapping[str, str] | None,
    retries_taken: int,
    max_retries: int,
    retry_safe: bool,
) -> bool:
    """Whether to send the request again; ``status_code`` None means a transport failure."""
    if not retry_safe or retries_taken >= max_retries:
        return False
    if status_code is None:
        return True
    hint = (headers or {}).get("x-should-retry")
    if hint == "true":
        return True
    if hint == "false":
        return False
    return status_code in RETRYABLE_STATUS_CODES or status_code >= 500


def parse_retry_after(headers: Mapping[str, str] | None, *, now: float) -> float | None:
    """Seconds the server asked us to wait: ``retry-after-ms``, else ``Retry-After`` (seconds or HTTP date)."""
    if not headers:
        return None
    ms = headers.get("retry-after-ms")
    if ms is not None:
        try:
            return max(float(ms) / 1000.0, 0.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(when.timestamp() - now, 0.0)


def retry_delay(retries_taken: int, headers: Mapping[str, str] | None, policy: RetryPolicy) -> float:
    """Delay before retry number ``retries_taken + 1``: the server's hint (capped), else backoff with jitter."""
    suggested = parse_retry_after(headers, now=policy.wall_clock())
    if suggested is not None:
        return min(suggested, policy.max_retry_after)
    backoff = min(policy.initial_delay * 2.0**retries_taken, policy.max_delay)
    return backoff * (1.0 - JITTER * policy.random())

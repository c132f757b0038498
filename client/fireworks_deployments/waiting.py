"""Poll a deployment until it reaches a wanted state, with backoff and a deadline.

Creation is asynchronous (CREATING, then READY or FAILED) and no official client can
wait for it. The loop is a flow (see ``flows.py``): it yields the reads and the pauses, and each
client drives it with its own ``sleep``/``clock``, so it is tested without real time passing.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from fireworks_deployments_client.models import Deployment, DeploymentState
from fireworks_deployments_client.types import Unset

from .errors import DeploymentDeletedError, DeploymentFailedError, NotFoundError, WaitTimeoutError
from .flows import Flow, Sleep

__all__ = [
    "DEFAULT_WAIT_TIMEOUT",
    "INITIAL_POLL_INTERVAL",
    "MAX_POLL_INTERVAL",
    "POLL_BACKOFF",
    "StateLike",
    "reached",
    "wait_flow",
    "wanted_states",
]

DEFAULT_WAIT_TIMEOUT = 900.0  # seconds; provisioning GPUs routinely takes minutes
INITIAL_POLL_INTERVAL = 1.0
MAX_POLL_INTERVAL = 15.0  # the official training helper polls every 15 s
POLL_BACKOFF = 1.5

StateLike = DeploymentState | str
_FAILED = DeploymentState.FAILED.value
_GONE = frozenset({DeploymentState.DELETING.value, DeploymentState.DELETED.value})


def wanted_states(state: StateLike | Iterable[StateLike]) -> frozenset[str]:
    """Normalise one state or several to their string values."""
    if isinstance(state, str):  # DeploymentState is a StrEnum, so this covers both
        return frozenset({str(state)})
    return frozenset(str(s) for s in state)


def _name(deployment: Deployment) -> str:
    return deployment.name if isinstance(deployment.name, str) else "deployment"


def reached(deployment: Deployment, wanted: frozenset[str]) -> bool:
    """True when done; raises when the deployment can no longer reach ``wanted``."""
    state = None if isinstance(deployment.state, Unset) else str(deployment.state)
    if state in wanted:
        return True
    if state == _FAILED:
        status = None if isinstance(deployment.status, Unset) else deployment.status
        detail = f": {status.message}" if status is not None and isinstance(status.message, str) else ""
        raise DeploymentFailedError(f"{_name(deployment)} is FAILED{detail}", deployment=deployment, status=status)
    if state in _GONE:
        raise DeploymentDeletedError(f"{_name(deployment)} is {state} while waiting", deployment=deployment)
    return False


def _gone(last: Deployment | None, exc: NotFoundError) -> DeploymentDeletedError:
    err = DeploymentDeletedError(f"deployment disappeared while waiting: {exc.message}", deployment=last)
    err.__cause__ = exc
    return err


def _timed_out(last: Deployment, wanted: frozenset[str], timeout: float) -> WaitTimeoutError:
    return WaitTimeoutError(
        f"{_name(last)} did not reach {'/'.join(sorted(wanted))} within {timeout:g}s (state {last.state})",
        deployment=last,
    )


def wait_flow(
    get: Callable[[], Flow[Deployment]],
    state: StateLike | Iterable[StateLike] = DeploymentState.READY,
    *,
    timeout: float = DEFAULT_WAIT_TIMEOUT,
    poll_interval: float = INITIAL_POLL_INTERVAL,
    max_poll_interval: float = MAX_POLL_INTERVAL,
    clock: Callable[[], float] = time.monotonic,
) -> Flow[Deployment]:
    """Read the deployment until it is in ``state``; the pause grows by ``POLL_BACKOFF`` up to ``max_poll_interval``."""
    wanted = wanted_states(state)
    deadline = clock() + timeout
    interval = poll_interval
    last: Deployment | None = None
    while True:
        try:
            last = yield from get()
        except NotFoundError as exc:
            raise _gone(last, exc) from exc
        if reached(last, wanted):
            return last
        remaining = deadline - clock()
        if remaining <= 0:
            raise _timed_out(last, wanted, timeout)
        yield Sleep(min(interval, remaining))
        interval = min(interval * POLL_BACKOFF, max_poll_interval)

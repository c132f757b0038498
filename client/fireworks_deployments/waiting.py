"""Poll a deployment until it reaches a wanted state, with backoff and a deadline.

Creation, updates and soft deletes are asynchronous (CREATING, UPDATING, DELETING, then a
settled state) and no official client can wait for them. Which states a wait passes through
and which end it comes from the one lifecycle table in ``lifecycle.py``. The loop is a flow
(see ``flows.py``): it yields the reads and the pauses, and each client drives it with its
own ``sleep``/``clock``, so it is tested without real time passing.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from fireworks_deployments_client.models import Deployment, DeploymentState
from fireworks_deployments_client.types import Unset

from .arguments import check_seconds
from .errors import (
    DeploymentDeletedError,
    DeploymentFailedError,
    DeploymentWaitError,
    NotFoundError,
    WaitTimeoutError,
)
from .flows import Flow, Sleep
from .lifecycle import StateLike, reachable_from, target_states

__all__ = [
    "DEFAULT_WAIT_TIMEOUT",
    "INITIAL_POLL_INTERVAL",
    "MAX_POLL_INTERVAL",
    "POLL_BACKOFF",
    "reached",
    "wait_flow",
]

DEFAULT_WAIT_TIMEOUT = 900.0  # seconds; provisioning GPUs routinely takes minutes
INITIAL_POLL_INTERVAL = 1.0
MAX_POLL_INTERVAL = 15.0  # the official training helper polls every 15 s
POLL_BACKOFF = 1.5

_FAILED = DeploymentState.FAILED.value
_GONE = frozenset({DeploymentState.DELETING.value, DeploymentState.DELETED.value})


def _name(deployment: Deployment) -> str:
    return deployment.name if isinstance(deployment.name, str) else "deployment"


def reached(deployment: Deployment, wanted: frozenset[str]) -> bool:
    """True when done, False to keep waiting; raises once ``wanted`` cannot be reached (see ``lifecycle``)."""
    state = None if isinstance(deployment.state, Unset) else str(deployment.state)
    if state in wanted:
        return True
    if state is None or wanted & reachable_from(state):
        return False
    targets = "/".join(sorted(wanted))
    if state == _FAILED:
        status = None if isinstance(deployment.status, Unset) else deployment.status
        detail = f": {status.message}" if status is not None and isinstance(status.message, str) else ""
        raise DeploymentFailedError(f"{_name(deployment)} is FAILED{detail}", deployment=deployment, status=status)
    if state in _GONE:
        message = f"{_name(deployment)} is {state}, from which {targets} cannot be reached"
        raise DeploymentDeletedError(message, deployment=deployment)
    raise DeploymentWaitError(
        f"{_name(deployment)} is {state}, from which {targets} cannot be reached", deployment=deployment
    )


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
    """Read the deployment until it is in ``state``; the pause grows by ``POLL_BACKOFF`` up to ``max_poll_interval``.

    Transitional states on the way (CREATING, UPDATING, DELETING) are waited through; a state
    from which no wanted state can be reached ends the wait with an exception. Arguments are
    checked before the first read.
    """
    wanted = target_states(state)
    check_seconds("timeout", timeout)
    check_seconds("poll_interval", poll_interval, positive=True)
    check_seconds("max_poll_interval", max_poll_interval, positive=True)
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

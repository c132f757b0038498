"""Each operation and each recovery flow, written once as a generator of steps.

As httpx writes an auth flow once (``Auth.auth_flow``) and drives it from ``sync_auth_flow``
and ``async_auth_flow``, a flow here yields ``Call`` steps (send one generated operation) and
``Sleep`` steps, receives each call's parsed result (or has the call's exception thrown in at
the ``yield``), and returns the operation's result. Flows do no I/O: ``DeploymentsClient``
and ``AsyncDeploymentsClient`` each run them with a small driver (``drive``/``adrive`` in
``client.py``), so the sync and async clients cannot drift apart.

Every check on the arguments runs before the first step is yielded, i.e. before any request
(see ``arguments.py``).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Generator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from types import ModuleType
from typing import Any, Generic, TypeVar

from fireworks_deployments_client.api.deployments import (
    create_deployment,
    delete_deployment,
    get_deployment,
    list_deployments,
    scale_deployment,
    undelete_deployment,
    update_deployment,
)
from fireworks_deployments_client.models import (
    Deployment,
    DeploymentState,
    Empty,
    ListDeploymentsResponse,
    ScaleDeploymentRequest,
    UndeleteDeploymentRequest,
)
from fireworks_deployments_client.types import UNSET, Unset

from .arguments import check_id
from .errors import BadRequestError, ConflictError, NotFoundError
from .fields import check_field_names, deployment_from_fields
from .idempotency import matches_request
from .update import BASE_MODEL_PATH, build_update

__all__ = [
    "Call",
    "Flow",
    "Mask",
    "Sleep",
    "Step",
    "adrive",
    "create",
    "delete",
    "drive",
    "get",
    "list_page",
    "scale",
    "undelete",
    "update",
]

_R = TypeVar("_R")
_T = TypeVar("_T")
_log = logging.getLogger("fireworks_deployments")
_GONE = frozenset({DeploymentState.DELETING.value, DeploymentState.DELETED.value})

Mask = str | Sequence[str] | None


@dataclass(frozen=True)
class Call(Generic[_R]):
    """Send one generated operation: ``operation.sync_detailed(*args, client=..., **kwargs)`` or its async twin.

    ``retry_safe`` overrides the transport's default guess (a POST without ``deploymentId`` is sent once).
    """

    operation: ModuleType
    expected: type[_R]
    args: tuple[Any, ...] = ()
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    retry_safe: bool | None = None


@dataclass(frozen=True)
class Sleep:
    """Pause ``seconds`` (the client's injectable ``sleep``, awaited by the async client)."""

    seconds: float


Step = Call[Any] | Sleep
# Yields steps, is sent each call's result, returns the operation's result.
Flow = Generator[Step, Any, _T]


def _opt(value: _T | None) -> _T | Unset:
    return UNSET if value is None else value


def _mask(value: Mask) -> str | Unset:
    if value is None:
        return UNSET
    return value if isinstance(value, str) else ",".join(value)


def _state_of(deployment: Deployment) -> str | None:
    return None if isinstance(deployment.state, Unset) else str(deployment.state)


def _create_body(deployment: Deployment | None, fields: Mapping[str, Any]) -> Deployment:
    if deployment is not None and fields:
        raise TypeError("pass either a Deployment or field keyword arguments, not both")
    if deployment is not None and not isinstance(deployment, Deployment):
        raise TypeError(f"deployment must be a Deployment, not {type(deployment).__name__}")
    check_field_names(fields)  # a misspelt base_modle= is named as such, not as a missing base_model
    given = deployment.base_model if deployment is not None else fields.get(BASE_MODEL_PATH)
    if not given or not isinstance(given, str):
        raise TypeError("create() needs base_model, e.g. base_model='accounts/fireworks/models/<model>'")
    return deployment if deployment is not None else deployment_from_fields(fields)


def get(account_id: str, deployment_id: str, *, read_mask: Mask = None) -> Flow[Deployment]:
    """Read one deployment (soft-deleted ones too)."""
    check_id("deployment_id", deployment_id)
    found: Deployment = yield Call(
        get_deployment, Deployment, (account_id, deployment_id), {"read_mask": _mask(read_mask)}
    )
    return found


def list_page(
    account_id: str,
    *,
    page_size: int | None = None,
    page_token: str | None = None,
    filter: str | None = None,  # the API's parameter name
    order_by: str | None = None,
    show_deleted: bool = False,
    read_mask: Mask = None,
) -> Flow[ListDeploymentsResponse]:
    """One page of deployments."""
    page: ListDeploymentsResponse = yield Call(
        list_deployments,
        ListDeploymentsResponse,
        (account_id,),
        {
            "page_size": _opt(page_size),
            "page_token": _opt(page_token),
            "filter_": _opt(filter),
            "order_by": _opt(order_by),
            "show_deleted": show_deleted,
            "read_mask": _mask(read_mask),
        },
    )
    return page


def create(
    account_id: str,
    deployment: Deployment | None,
    fields: Mapping[str, Any],
    *,
    deployment_id: str | None,
    flags: Mapping[str, bool],
) -> Flow[Deployment]:
    """Create; sent again after a lost answer only with a ``deployment_id``.

    Recovery: a 409 on a retry means the first attempt may have landed. The existing
    deployment is read and accepted when it carries every value asked for.
    """
    if deployment_id is not None:
        check_id("deployment_id", deployment_id)
    body = _create_body(deployment, fields)
    try:
        created: Deployment = yield Call(
            create_deployment,
            Deployment,
            (account_id,),
            {"body": body, "deployment_id": _opt(deployment_id), **flags},
            retry_safe=deployment_id is not None,
        )
        return created
    except ConflictError as exc:
        if deployment_id is None or not exc.retries_taken:
            raise
        existing = yield from get(account_id, deployment_id)
        if not matches_request(body, existing):
            raise
        _log.debug("create %s: 409 after a retry, the existing deployment matches; success", deployment_id)
        return existing


def update(
    account_id: str, deployment_id: str, fields: Mapping[str, Any], *, skip_shape_validation: bool
) -> Flow[Deployment]:
    """Change only the named fields (``updateMask`` lists exactly them).

    ``baseModel`` is required by the request schema: when the caller does not change it,
    it is read from the deployment first and left out of the mask.
    """
    check_id("deployment_id", deployment_id)
    check_field_names(fields)
    changes = dict(fields)
    base_model = changes.pop(BASE_MODEL_PATH, None)
    include_base_model = base_model is not None
    if base_model is None:
        if not changes:
            raise ValueError("an update needs at least one field to change")
        current = yield from get(account_id, deployment_id, read_mask=BASE_MODEL_PATH)
        base_model = current.base_model
    body, mask = build_update(base_model, changes, include_base_model=include_base_model)
    updated: Deployment = yield Call(
        update_deployment,
        Deployment,
        (account_id, deployment_id),
        {"body": body, "update_mask": mask, "skip_shape_validation": skip_shape_validation},
    )
    return updated


def delete(account_id: str, deployment_id: str, *, hard: bool, ignore_checks: bool) -> Flow[None]:
    """Soft or hard delete.

    Recovery: a retry after a lost success finds the deployment already deleted (400
    FAILED_PRECONDITION, or 404 after a hard delete); that is success when a read shows it
    gone or soft-deleted.
    """
    check_id("deployment_id", deployment_id)
    try:
        yield Call(
            delete_deployment, Empty, (account_id, deployment_id), {"hard": hard, "ignore_checks": ignore_checks}
        )
    except (BadRequestError, NotFoundError) as exc:
        if not exc.retries_taken:
            raise
        try:
            current = yield from get(account_id, deployment_id)
        except NotFoundError:
            return
        if _state_of(current) not in _GONE:
            raise exc from None


def scale(account_id: str, deployment_id: str, replica_count: int) -> Flow[None]:
    """Steer toward ``replica_count`` replicas."""
    check_id("deployment_id", deployment_id)
    if isinstance(replica_count, bool) or not isinstance(replica_count, int):
        raise TypeError(f"replica_count must be an int, not {type(replica_count).__name__}")
    body = ScaleDeploymentRequest(replica_count=replica_count)
    yield Call(scale_deployment, Empty, (account_id, deployment_id), {"body": body})


def undelete(account_id: str, deployment_id: str) -> Flow[Deployment]:
    """Restore a soft-deleted deployment; always safe to send again.

    Recovery: a retry after a lost success finds the deployment no longer deleted (400);
    that is success when a read shows it out of DELETING/DELETED.
    """
    check_id("deployment_id", deployment_id)
    try:
        restored: Deployment = yield Call(
            undelete_deployment,
            Deployment,
            (account_id, deployment_id),
            {"body": UndeleteDeploymentRequest()},
            retry_safe=True,
        )
        return restored
    except BadRequestError as exc:
        if not exc.retries_taken:
            raise
        current = yield from get(account_id, deployment_id)
        if _state_of(current) in _GONE:
            raise exc from None
        return current


def drive(flow: Flow[_T], run: Callable[[Step], Any]) -> _T:
    """Run ``flow`` to its end, doing each step with ``run``; a step's exception is thrown into the flow."""
    resume: Callable[[], Step] = flow.__next__
    while True:
        try:
            step = resume()
        except StopIteration as done:
            result: _T = done.value
            return result
        try:
            outcome = run(step)
        except Exception as exc:  # the flow decides: recover, or let it propagate out of throw()
            resume = partial(flow.throw, exc)
        else:
            resume = partial(flow.send, outcome)


async def adrive(flow: Flow[_T], run: Callable[[Step], Awaitable[Any]]) -> _T:
    """Async twin of ``drive``: each step is awaited."""
    resume: Callable[[], Step] = flow.__next__
    while True:
        try:
            step = resume()
        except StopIteration as done:
            result: _T = done.value
            return result
        try:
            outcome = await run(step)
        except Exception as exc:  # the flow decides: recover, or let it propagate out of throw()
            resume = partial(flow.throw, exc)
        else:
            resume = partial(flow.send, outcome)

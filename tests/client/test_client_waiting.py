"""Waiting for a state: success, timeout, FAILED, deletion; time is simulated."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
import respx
from client_helpers import FakeTime, deployment, error, url
from fireworks_deployments import (
    AsyncDeploymentsClient,
    DeploymentDeletedError,
    DeploymentFailedError,
    DeploymentsClient,
    WaitTimeoutError,
)
from fireworks_deployments_client.models import DeploymentState, StatusCode

MakeClient = Callable[..., DeploymentsClient]


def states(*names: str) -> list[httpx.Response]:
    return [httpx.Response(200, json=deployment(state=name)) for name in names]


def test_waits_until_ready_with_backoff(make_client: MakeClient, fake_time: FakeTime) -> None:
    with respx.mock() as router:
        route = router.get(url("dep")).mock(side_effect=states("CREATING", "CREATING", "CREATING", "READY"))
        got = make_client().wait_for_state("dep", poll_interval=2, max_poll_interval=3)
    assert got.state == DeploymentState.READY and route.call_count == 4
    assert fake_time.sleeps == [2.0, 3.0, 3.0]


def test_other_wanted_states(make_client: MakeClient) -> None:
    with respx.mock() as router:
        router.get(url("dep")).mock(side_effect=states("READY", "UPDATING", "DELETED"))
        assert make_client().wait_for_state("dep", ["DELETING", DeploymentState.DELETED]).state == "DELETED"


def test_times_out(make_client: MakeClient, fake_time: FakeTime) -> None:
    with respx.mock() as router:
        route = router.get(url("dep")).respond(json=deployment(state="CREATING"))
        with pytest.raises(WaitTimeoutError) as info:
            make_client().wait_for_state("dep", timeout=10, poll_interval=4, max_poll_interval=4)
    assert fake_time.now == 10.0 and fake_time.sleeps == [4.0, 4.0, 2.0]  # the last sleep is cut to the deadline
    assert route.call_count == 4
    assert info.value.deployment is not None and info.value.deployment.state == "CREATING"
    assert isinstance(info.value, TimeoutError)


def test_failed_raises_with_status(make_client: MakeClient) -> None:
    failed = deployment(state="FAILED", status={"code": "RESOURCE_EXHAUSTED", "message": "no H100 capacity"})
    with respx.mock() as router:
        router.get(url("dep")).mock(side_effect=[*states("CREATING"), httpx.Response(200, json=failed)])
        with pytest.raises(DeploymentFailedError, match="no H100 capacity") as info:
            make_client().wait_for_state("dep")
    assert info.value.status is not None and info.value.status.code == StatusCode.RESOURCE_EXHAUSTED


@pytest.mark.parametrize(
    "last", [httpx.Response(200, json=deployment(state="DELETING")), httpx.Response(404, json=error(5, "not found"))]
)
def test_deleted_while_waiting(make_client: MakeClient, last: httpx.Response) -> None:
    with respx.mock() as router:
        router.get(url("dep")).mock(side_effect=[*states("CREATING"), last])
        with pytest.raises(DeploymentDeletedError) as info:
            make_client().wait_for_state("dep")
    assert info.value.deployment is not None  # the last deployment seen


async def test_async_parity(make_async_client: Callable[..., AsyncDeploymentsClient], fake_time: FakeTime) -> None:
    with respx.mock() as router:
        route = router.get(url("dep"))
        async with make_async_client() as client:
            route.mock(side_effect=states("CREATING", "READY"))
            assert (await client.wait_for_state("dep")).state == "READY"
            route.mock(return_value=httpx.Response(200, json=deployment(state="CREATING")))
            with pytest.raises(WaitTimeoutError):
                await client.wait_for_state("dep", timeout=5)
            route.mock(side_effect=states("FAILED"))
            with pytest.raises(DeploymentFailedError):
                await client.wait_for_state("dep")
    assert fake_time.sleeps[0] == 1.0

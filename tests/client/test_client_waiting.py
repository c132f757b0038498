"""Waiting for a state, through both clients: transitional states are waited through, a state
that cannot reach the target ends the wait, misuse fails before any request; time is simulated.
"""

from __future__ import annotations

import httpx
import pytest
import respx
from fireworks_deployments_client.models import DeploymentState, StatusCode

from client_helpers import EitherClient, FakeTime, deployment, error, url
from fireworks_deployments import (
    DeploymentDeletedError,
    DeploymentFailedError,
    DeploymentWaitError,
    WaitTimeoutError,
)
from fireworks_deployments.lifecycle import TRANSITIONS, WAITABLE_STATES, reachable_from
from fireworks_deployments_testing.rules.lifecycle import TRANSITIONS as FAKE_TRANSITIONS


def states(*names: str) -> list[httpx.Response]:
    return [httpx.Response(200, json=deployment(state=name)) for name in names]


# --- the lifecycle table --------------------------------------------------------


def test_every_spec_state_has_one_row_in_the_table() -> None:
    assert set(TRANSITIONS) == set(DeploymentState)
    assert WAITABLE_STATES == {s.value for s in DeploymentState} - {"STATE_UNSPECIFIED"}


def test_the_fakes_transitions_are_edges_of_the_table() -> None:
    """The fake settles CREATING/UPDATING/DELETING by the same rules the client waits by."""
    for start, end in FAKE_TRANSITIONS.items():
        assert DeploymentState(end) in TRANSITIONS[DeploymentState(start)], (start, end)


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("CREATING", {"CREATING", "READY", "FAILED"}),
        ("DELETING", {"DELETING", "DELETED"}),
        ("READY", {"READY"}),
        ("DELETED", {"DELETED"}),
        ("SOME_NEW_STATE", {s.value for s in DeploymentState}),  # a newer server: anything may follow
    ],
)
def test_reachable_from(state: str, expected: set[str]) -> None:
    assert reachable_from(state) == expected


# --- waiting through both clients ----------------------------------------------


async def test_waits_until_ready_with_backoff(either: EitherClient, fake_time: FakeTime) -> None:
    with respx.mock() as router:
        route = router.get(url("dep")).mock(side_effect=states("CREATING", "CREATING", "CREATING", "READY"))
        got = await either("wait_for_state", "dep", poll_interval=2, max_poll_interval=3)
    assert got.state == DeploymentState.READY and route.call_count == 4
    assert fake_time.sleeps == [2.0, 3.0, 3.0]


async def test_waiting_for_deleted_passes_through_deleting(either: EitherClient, fake_time: FakeTime) -> None:
    with respx.mock() as router:
        route = router.get(url("dep")).mock(side_effect=states("DELETING", "DELETING", "DELETED"))
        got = await either("wait_for_state", "dep", "DELETED")
    assert got.state == "DELETED" and route.call_count == 3 and len(fake_time.sleeps) == 2


async def test_several_wanted_states_end_at_the_first_reached(either: EitherClient) -> None:
    with respx.mock() as router:
        route = router.get(url("dep")).mock(side_effect=states("UPDATING", "DELETING", "DELETED"))
        got = await either("wait_for_state", "dep", ["READY", DeploymentState.DELETING])
    assert got.state == "DELETING" and route.call_count == 2


async def test_a_state_the_client_does_not_know_is_waited_through(either: EitherClient) -> None:
    with respx.mock() as router:
        route = router.get(url("dep")).mock(side_effect=states("MIGRATING", "READY"))
        got = await either("wait_for_state", "dep")
    assert got.state == "READY" and route.call_count == 2


async def test_a_state_that_cannot_reach_the_target_ends_the_wait_at_once(
    either: EitherClient, fake_time: FakeTime
) -> None:
    with respx.mock() as router:
        route = router.get(url("dep")).mock(side_effect=states("READY"))
        with pytest.raises(DeploymentWaitError, match="READY, from which DELETED cannot be reached") as info:
            await either("wait_for_state", "dep", "DELETED")
    assert route.call_count == 1 and fake_time.sleeps == []
    assert info.value.deployment is not None and info.value.deployment.state == "READY"
    assert not isinstance(info.value, WaitTimeoutError)


async def test_times_out(either: EitherClient, fake_time: FakeTime) -> None:
    with respx.mock() as router:
        route = router.get(url("dep")).respond(json=deployment(state="CREATING"))
        with pytest.raises(WaitTimeoutError) as info:
            await either("wait_for_state", "dep", timeout=10, poll_interval=4, max_poll_interval=4)
    assert fake_time.now == 10.0 and fake_time.sleeps == [4.0, 4.0, 2.0]  # the last sleep is cut to the deadline
    assert route.call_count == 4
    assert info.value.deployment is not None and info.value.deployment.state == "CREATING"
    assert isinstance(info.value, TimeoutError)


async def test_failed_raises_with_status(either: EitherClient) -> None:
    failed = deployment(state="FAILED", status={"code": "RESOURCE_EXHAUSTED", "message": "no H100 capacity"})
    with respx.mock() as router:
        route = router.get(url("dep")).mock(side_effect=[*states("CREATING"), httpx.Response(200, json=failed)])
        with pytest.raises(DeploymentFailedError, match="no H100 capacity") as info:
            await either("wait_for_state", "dep")
    assert info.value.status is not None and info.value.status.code == StatusCode.RESOURCE_EXHAUSTED
    assert route.call_count == 2


@pytest.mark.parametrize(
    "last", [httpx.Response(200, json=deployment(state="DELETING")), httpx.Response(404, json=error(5, "not found"))]
)
async def test_deleted_while_waiting_for_ready(either: EitherClient, last: httpx.Response) -> None:
    with respx.mock() as router:
        route = router.get(url("dep")).mock(side_effect=[*states("CREATING"), last])
        with pytest.raises(DeploymentDeletedError) as info:
            await either("wait_for_state", "dep")
    assert info.value.deployment is not None  # the last deployment seen
    assert route.call_count == 2


# --- misuse fails before any request ---------------------------------------------


@pytest.mark.parametrize("state", ["RUNNING", "ready", "STATE_UNSPECIFIED", ["READY", "RUNNING"], []])
async def test_unknown_state_names_raise_before_any_request(either: EitherClient, state: object) -> None:
    with respx.mock(assert_all_called=False) as router:
        route = router.get(url("dep")).respond(json=deployment())
        with pytest.raises(ValueError, match="valid states: CREATING, DELETED, DELETING, FAILED, READY, UPDATING"):
            await either("wait_for_state", "dep", state)
    assert route.call_count == 0


@pytest.mark.parametrize(
    ("option", "value", "error_type"),
    [
        ("timeout", "30", TypeError),
        ("timeout", True, TypeError),
        ("timeout", -1, ValueError),
        ("timeout", float("nan"), ValueError),
        ("poll_interval", 0, ValueError),
        ("max_poll_interval", "1", TypeError),
    ],
)
async def test_bad_wait_options_raise_before_any_request(
    either: EitherClient, option: str, value: object, error_type: type[Exception]
) -> None:
    with respx.mock(assert_all_called=False) as router:
        route = router.get(url("dep")).respond(json=deployment())
        with pytest.raises(error_type, match=option):
            await either("wait_for_state", "dep", **{option: value})
    assert route.call_count == 0

"""Waiting against the fake's real transition rules (``reads:N``, ``seconds:S``), through both clients.

The sync client talks HTTP to a threaded ``FakeServer``, the async one calls the fake's app
in-process. The fake's clock is a ``ManualClock`` moved by exactly the seconds the client
sleeps, so ``seconds:1`` is exercised without waiting. One test at the end uses real time.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest

from client_helpers import BASE_MODEL, EitherClient, FakeTime
from fireworks_deployments import AsyncDeploymentsClient, DeploymentsClient
from fireworks_deployments_testing.fake import Fake, FakeServer, ManualClock
from fireworks_deployments_testing.fake.clients import async_transport

# Sleeps a wait takes before the transition is due: reads:3 answers 3 reads in the old state,
# seconds:1 is due once one simulated second (the first 1 s pause) has passed.
RULES = {"reads:3": 3, "seconds:1": 1}


@dataclass
class Lifecycle:
    fake: Fake
    rule: str
    client: EitherClient

    @property
    def pauses(self) -> int:
        return RULES[self.rule]


@pytest.fixture(params=list(RULES))
def rule(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def linked_fake(rule: str, fake_time: FakeTime) -> Fake:
    """A fresh fake with the given rule whose clock moves when the client sleeps."""
    clock = ManualClock()
    fake_time.on_sleep = lambda: clock.advance(fake_time.sleeps[-1])
    return Fake(transition=rule, clock=clock)


def _options(fake: Fake, fake_time: FakeTime) -> dict[str, object]:
    return {"api_key": fake.api_key, "account_id": fake.account_id, "clock": fake_time.clock, "random": lambda: 0.0}


@pytest.fixture(params=["sync", "async"])
async def lifecycle(
    request: pytest.FixtureRequest, rule: str, linked_fake: Fake, fake_time: FakeTime
) -> AsyncIterator[Lifecycle]:
    options = _options(linked_fake, fake_time)
    if request.param == "sync":
        with FakeServer(linked_fake) as server:
            with DeploymentsClient(base_url=server.base_url, sleep=fake_time.sleep, **options) as client:  # type: ignore[arg-type]
                yield Lifecycle(linked_fake, rule, EitherClient("sync", client))
        return
    transport = async_transport(linked_fake)
    async with AsyncDeploymentsClient(
        base_url="http://fake.test",
        transport=transport,
        sleep=fake_time.asleep,
        **options,  # type: ignore[arg-type]
    ) as client:
        yield Lifecycle(linked_fake, rule, EitherClient("async", client))


async def test_create_then_wait_for_ready_passes_through_creating(lifecycle: Lifecycle, fake_time: FakeTime) -> None:
    created = await lifecycle.client("create", deployment_id="dep", base_model=BASE_MODEL)
    assert created.state == "CREATING"
    got = await lifecycle.client("wait_for_state", "dep")
    assert got.state == "READY"
    assert len(fake_time.sleeps) == lifecycle.pauses
    assert lifecycle.fake.deployments()["dep"]["state"] == "READY"


async def test_delete_then_wait_for_deleted_passes_through_deleting(lifecycle: Lifecycle, fake_time: FakeTime) -> None:
    lifecycle.fake.set_transition("immediate")
    await lifecycle.client("create", deployment_id="dep", base_model=BASE_MODEL)
    lifecycle.fake.set_transition(lifecycle.rule)
    await lifecycle.client("delete", "dep", ignore_checks=True)
    assert (await lifecycle.client("get", "dep")).state == "DELETING"
    got = await lifecycle.client("wait_for_state", "dep", "DELETED")
    assert got.state == "DELETED"
    # The get above is one of the reads that reads:N counts.
    assert len(fake_time.sleeps) == lifecycle.pauses - (1 if lifecycle.rule.startswith("reads") else 0)
    assert lifecycle.fake.deployments()["dep"]["state"] == "DELETED"


async def test_undelete_after_the_wait_restores(lifecycle: Lifecycle) -> None:
    lifecycle.fake.set_transition("immediate")
    await lifecycle.client("create", deployment_id="dep", base_model=BASE_MODEL)
    lifecycle.fake.set_transition(lifecycle.rule)
    await lifecycle.client("delete", "dep", ignore_checks=True)
    await lifecycle.client("wait_for_state", "dep", "DELETED")
    restored = await lifecycle.client("undelete", "dep")
    assert restored.state in {"READY", "UPDATING", "CREATING"}
    assert (await lifecycle.client("wait_for_state", "dep")).state == "READY"


def test_delete_then_wait_for_deleted_in_real_time() -> None:
    """The README's flow against a standalone fake with ``seconds:1``, real clocks and real sleeps."""
    with FakeServer(transition="seconds:1") as server:
        with DeploymentsClient(api_key=server.api_key, account_id=server.account_id, base_url=server.base_url) as c:
            c.create(deployment_id="dep", base_model=BASE_MODEL)
            c.wait_for_state("dep", poll_interval=0.2, timeout=10)
            started = time.monotonic()
            c.delete("dep", ignore_checks=True)
            got = c.wait_for_state("dep", "DELETED", poll_interval=0.2, timeout=10)
            elapsed = time.monotonic() - started
    assert got.state == "DELETED"
    assert 0.9 <= elapsed < 5

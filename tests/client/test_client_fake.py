"""The same behaviours against the stateful fake and its fault switches (sync over HTTP, async in-process)."""

from __future__ import annotations

from typing import Any

import pytest
from fireworks_deployments_client.api.deployments import update_deployment
from fireworks_deployments_client.models import Deployment, DeploymentState

from client_helpers import BASE_MODEL, FakeTime
from fireworks_deployments import (
    AsyncDeploymentsClient,
    DeploymentDeletedError,
    DeploymentFailedError,
    DeploymentsClient,
    InternalServerError,
    RateLimitError,
    WaitTimeoutError,
)

FULL = {
    "base_model": BASE_MODEL,
    "display_name": "llama canary",
    "description": "canary for the new prompt template",
    "min_replica_count": 1,
    "max_replica_count": 3,
    "accelerator_type": "NVIDIA_H100_80GB",
    "accelerator_count": 2,
    "precision": "FP8",
    "enable_addons": True,
    "draft_token_count": 4,
}


def faults_off_after(fake: Any, fake_time: FakeTime, sleeps: int) -> None:
    """Turn every fault off once the client has slept ``sleeps`` times (i.e. after that many failures)."""

    def maybe_off() -> None:
        if len(fake_time.sleeps) >= sleeps:
            fake.set_faults(replace=True)

    fake_time.on_sleep = maybe_off


def test_failures_then_success_following_retry_after(
    fake_client: DeploymentsClient, fake: Any, fake_time: FakeTime
) -> None:
    fake_client.create(deployment_id="dep", base_model=BASE_MODEL)
    fake.set_faults(unavailable=1)
    faults_off_after(fake, fake_time, 2)
    assert fake_client.get("dep").state == DeploymentState.READY
    assert fake_time.sleeps == [1.0, 1.0]  # the fake's Retry-After: 1


def test_budget_exhausted(fake_client: DeploymentsClient, fake: Any, fake_time: FakeTime) -> None:
    fake.set_faults(rate_limit=1)
    with pytest.raises(RateLimitError) as info:
        fake_client.get("dep")
    assert info.value.retries_taken == 2 and info.value.code == 8
    assert fake_time.sleeps == [1.0, 1.0]


def test_create_without_id_not_retried(fake_client: DeploymentsClient, fake: Any, fake_time: FakeTime) -> None:
    fake.set_faults(unavailable=1)
    with pytest.raises(InternalServerError):
        fake_client.create(base_model=BASE_MODEL)
    assert fake_time.sleeps == []


def test_create_retry_that_meets_its_own_first_attempt(
    fake_client: DeploymentsClient, fake: Any, fake_time: FakeTime
) -> None:
    # First attempt: 503, but pretend it reached the backend (the deployment exists before the retry).
    fake.set_faults(unavailable=1)

    def first_attempt_landed() -> None:
        fake.set_faults(replace=True)
        fake.backend.create_deployment(
            account_id=fake.account_id, deployment_id="dep", deployment={"baseModel": BASE_MODEL, "minReplicaCount": 1}
        )

    fake_time.on_sleep = first_attempt_landed
    got = fake_client.create(deployment_id="dep", base_model=BASE_MODEL, min_replica_count=1)
    assert got.name == f"accounts/{fake.account_id}/deployments/dep" and fake_time.sleeps == [1.0]


def test_pagination_across_pages_with_an_empty_last_page(fake_client: DeploymentsClient, fake: Any) -> None:
    ids = fake.seed_deployments(n=5)
    items = fake_client.iter_all(page_size=2)
    seen = [next(items).name for _ in range(4)]  # two full pages; a token for a third was issued
    fake_client.delete(ids[4], ignore_checks=True)  # the third page is now empty
    seen += [d.name for d in items]
    assert [name.rsplit("/", 1)[1] for name in seen] == ids[:4]


def test_pagination_passes_filter_and_order(fake_client: DeploymentsClient, fake: Any) -> None:
    for i in range(5):
        fake_client.create(deployment_id=f"d{i}", base_model=BASE_MODEL, min_replica_count=i % 2)
    got = [
        d.name.rsplit("/", 1)[1]
        for d in fake_client.iter_all(
            filter="min_replica_count = 1", order_by="name desc", page_size=1, read_mask="name"
        )
    ]
    assert got == ["d3", "d1"]


def test_wait_until_ready(fake_client: DeploymentsClient, fake: Any, fake_time: FakeTime) -> None:
    fake.set_transition("reads:3")
    assert fake_client.create(deployment_id="dep", base_model=BASE_MODEL).state == "CREATING"
    assert fake_client.wait_for_state("dep").state == DeploymentState.READY
    assert len(fake_time.sleeps) == 3


def test_wait_times_out(fake_client: DeploymentsClient, fake: Any, fake_time: FakeTime) -> None:
    fake.set_transition("reads:1000")
    fake_client.create(deployment_id="dep", base_model=BASE_MODEL)
    with pytest.raises(WaitTimeoutError):
        fake_client.wait_for_state("dep", timeout=30)
    assert fake_time.now == 30.0


def _fail(fake: Any, deployment_id: str, message: str) -> None:
    """The fake has no FAILED switch yet: mark the stored record FAILED, as provisioning would."""
    record = fake.backend.state.account(fake.account_id).records[deployment_id]
    record.enter("FAILED", fake.clock.now())
    record.data["status"] = {"code": "RESOURCE_EXHAUSTED", "message": message}


def test_wait_ends_in_failed(fake_client: DeploymentsClient, fake: Any, fake_time: FakeTime) -> None:
    fake.set_transition("reads:1000")
    fake_client.create(deployment_id="dep", base_model=BASE_MODEL)
    fake_time.on_sleep = lambda: _fail(fake, "dep", "no H100 capacity in US")
    with pytest.raises(DeploymentFailedError, match="no H100 capacity") as info:
        fake_client.wait_for_state("dep")
    assert info.value.status is not None and info.value.status.message == "no H100 capacity in US"


@pytest.mark.parametrize("hard", [False, True])
def test_wait_ends_in_deleted(fake_client: DeploymentsClient, fake: Any, fake_time: FakeTime, hard: bool) -> None:
    fake.set_transition("reads:1000")
    fake_client.create(deployment_id="dep", base_model=BASE_MODEL)
    fake_time.on_sleep = lambda: fake.backend.delete_deployment(
        account_id=fake.account_id, deployment_id="dep", hard=hard, ignore_checks=True
    )
    with pytest.raises(DeploymentDeletedError):
        fake_client.wait_for_state("dep")


def test_update_of_one_field_leaves_every_other_field_unchanged(fake_client: DeploymentsClient, fake: Any) -> None:
    fake_client.create(deployment_id="dep", **FULL)
    fake_client.wait_for_state("dep")  # compare a settled deployment, not one still provisioning
    before = fake.deployments()["dep"]
    fake_client.update("dep", display_name="renamed")
    after = fake.deployments()["dep"]
    changed = {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}
    assert changed <= {"displayName", "updateTime", "state"}
    assert after["displayName"] == "renamed"
    assert after["minReplicaCount"] == 1 and after["acceleratorCount"] == 2 and after["draftTokenCount"] == 4


def test_without_a_mask_the_same_update_resets_fields(fake_client: DeploymentsClient, fake: Any) -> None:
    """Why the facade always sends a mask: the raw generated call without one wipes the other fields."""
    fake_client.create(deployment_id="dep", **FULL)
    body = Deployment(base_model=BASE_MODEL, display_name="renamed")
    update_deployment.sync_detailed(fake.account_id, "dep", client=fake_client.api, body=body)
    after = fake.deployments()["dep"]
    assert after.get("minReplicaCount", 0) == 0 and not after.get("enableAddons")


def test_the_seven_operations(fake_client: DeploymentsClient, fake: Any) -> None:
    created = fake_client.create(deployment_id="dep", base_model=BASE_MODEL)
    assert created.state == "CREATING"
    assert fake_client.get("dep").state == "READY"
    assert [d.name for d in fake_client.list().deployments] == [created.name]
    assert fake_client.update("dep", max_replica_count=2).max_replica_count == 2
    fake_client.scale("dep", 2)
    assert fake_client.get("dep").desired_replica_count == 2
    fake_client.delete("dep", ignore_checks=True)
    assert fake_client.wait_for_state("dep", DeploymentState.DELETED).state == "DELETED"
    assert fake_client.undelete("dep").state == "READY"


async def test_async_against_the_fake(
    async_fake_client: AsyncDeploymentsClient, fake: Any, fake_time: FakeTime
) -> None:
    async with async_fake_client as client:
        await client.create(deployment_id="dep", **FULL)
        fake.set_faults(unavailable=1)
        with pytest.raises(InternalServerError):
            await client.get("dep")
        assert fake_time.sleeps == [1.0, 1.0]
        fake.set_faults(replace=True)
        await client.wait_for_state("dep")
        before = fake.deployments()["dep"]
        await client.update("dep", description="changed")
        after = fake.deployments()["dep"]
        assert {k for k in before if before[k] != after.get(k)} <= {"description", "updateTime", "state"}
        fake.seed_deployments(n=4)
        names = [d.name async for d in client.iter_all(page_size=2)]
        assert len(names) == 5
        fake.set_transition("reads:2")
        await client.create(deployment_id="slow", base_model=BASE_MODEL)
        assert (await client.wait_for_state("slow")).state == "READY"


def test_dropped_connection_is_retried(fake_client: DeploymentsClient, fake: Any, fake_time: FakeTime) -> None:
    fake.set_faults(drop_connection=1)
    faults_off_after(fake, fake_time, 1)
    got = fake_client.create(deployment_id="dep", base_model=BASE_MODEL)
    assert got.name.endswith("/dep") and fake_time.sleeps == [0.5]  # no Retry-After: computed backoff


async def test_async_dropped_connection_is_retried(
    async_fake_client: AsyncDeploymentsClient, fake: Any, fake_time: FakeTime
) -> None:
    fake.set_faults(drop_connection=1)
    faults_off_after(fake, fake_time, 2)
    async with async_fake_client as client:
        got = await client.create(deployment_id="dep", base_model=BASE_MODEL)
    assert got.name.endswith("/dep") and fake_time.sleeps == [0.5, 1.0]

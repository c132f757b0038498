"""The generated client runs the whole lifecycle against the fake: in-process and over HTTP, sync and async."""

from __future__ import annotations

import asyncio
import importlib
from collections.abc import Iterator
from typing import Any

import pytest

from fireworks_deployments_testing.fake import Fake, FakeServer, async_client, sync_client
from fireworks_deployments_testing.fake.clients import BASE_URL

gen = pytest.importorskip("fireworks_deployments_client")
from fireworks_deployments_client.models import (  # noqa: E402
    Deployment,
    ErrorStatus,
    ListDeploymentsResponse,
    ScaleDeploymentRequest,
    UndeleteDeploymentRequest,
)


class Calls:
    """The seven operations, called sync or async through the same interface."""

    def __init__(self, client: Any, account: str, use_async: bool):
        self.client, self.account, self.use_async = client, account, use_async
        self.loop = asyncio.new_event_loop() if use_async else None  # one loop for the whole run

    def __getattr__(self, name: str) -> Any:
        module = importlib.import_module(f"fireworks_deployments_client.api.deployments.{name}")

        def call(*args: Any, **kwargs: Any) -> Any:
            if self.use_async:
                return self.loop.run_until_complete(
                    module.asyncio_detailed(self.account, *args, client=self.client, **kwargs)
                )
            return module.sync_detailed(self.account, *args, client=self.client, **kwargs)

        return call


def _run_lifecycle(calls: Calls) -> None:
    state = lambda d: d.parsed.state.value  # noqa: E731
    created = calls.create_deployment(
        body=Deployment(base_model="accounts/fireworks/models/m", display_name="life"), deployment_id="life-1"
    )
    assert created.status_code == 200, created.content
    assert state(created) == "CREATING"
    assert created.parsed.name == f"accounts/{calls.account}/deployments/life-1"
    assert state(calls.get_deployment("life-1")) == "READY"
    for i in range(4):
        assert (
            calls.create_deployment(
                body=Deployment(base_model="accounts/fireworks/models/m"), deployment_id=f"other-{i}"
            ).status_code
            == 200
        )

    # list with paging: 5 deployments, pages of 2
    seen, token, pages = [], None, 0
    while True:
        kwargs = {"page_size": 2} | ({"page_token": token} if token else {})
        page = calls.list_deployments(**kwargs)
        assert page.status_code == 200 and isinstance(page.parsed, ListDeploymentsResponse)
        assert page.parsed.total_size == 5
        seen += [d.name.rsplit("/", 1)[1] for d in page.parsed.deployments]
        pages += 1
        token = page.parsed.next_page_token if isinstance(page.parsed.next_page_token, str) else None
        if not token:
            break
    assert pages == 3 and seen == ["life-1", "other-0", "other-1", "other-2", "other-3"]

    updated = calls.update_deployment(
        "life-1",
        body=Deployment(base_model="ignored", min_replica_count=1, max_replica_count=3),
        update_mask="min_replica_count,maxReplicaCount",
    )
    assert updated.status_code == 200 and state(updated) == "UPDATING"
    assert (updated.parsed.base_model, updated.parsed.display_name, updated.parsed.max_replica_count) == (
        "accounts/fireworks/models/m",
        "life",
        3,
    )
    assert state(calls.get_deployment("life-1")) == "READY"

    scaled = calls.scale_deployment("life-1", body=ScaleDeploymentRequest(replica_count=2))
    assert scaled.status_code == 200 and scaled.content == b"{}"
    assert calls.get_deployment("life-1").parsed.desired_replica_count == 2

    assert calls.delete_deployment("life-1").status_code == 200
    assert state(calls.get_deployment("life-1")) == "DELETED"
    assert "life-1" not in [d.name for d in calls.list_deployments().parsed.deployments]
    shown = calls.list_deployments(show_deleted=True, filter_='state = "DELETED"').parsed
    assert [d.name.rsplit("/", 1)[1] for d in shown.deployments] == ["life-1"]

    restored = calls.undelete_deployment("life-1", body=UndeleteDeploymentRequest())
    assert restored.status_code == 200 and state(restored) == "READY"
    assert isinstance(restored.parsed.delete_time, type(gen.types.UNSET))

    assert calls.delete_deployment("life-1", hard=True).status_code == 200
    gone = calls.get_deployment("life-1")
    assert gone.status_code == 404 and isinstance(gone.parsed, ErrorStatus) and gone.parsed.code == 5


@pytest.fixture(params=["in-process", "http"])
def wired(request: pytest.FixtureRequest) -> Iterator[tuple[Any, Fake]]:
    if request.param == "in-process":
        fake = Fake()
        client = gen.AuthenticatedClient(base_url=BASE_URL, token=fake.api_key)
        client.set_httpx_client(sync_client(fake))
        client.set_async_httpx_client(async_client(fake))
        yield client, fake
    else:
        with FakeServer() as server:
            yield gen.AuthenticatedClient(base_url=server.base_url, token=server.api_key), server.fake


@pytest.mark.parametrize("use_async", [False, True], ids=["sync", "async"])
def test_whole_lifecycle(wired: tuple[Any, Fake], use_async: bool) -> None:
    client, fake = wired
    calls = Calls(client, fake.account_id, use_async)
    try:
        _run_lifecycle(calls)
    finally:
        if calls.loop is not None:
            calls.loop.run_until_complete(client.get_async_httpx_client().aclose())
            calls.loop.close()

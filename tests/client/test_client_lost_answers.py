"""Lost answers for real: the fake's ``drop_after_commit`` fault stores a write, then cuts the connection
before the answer (over a real socket, FakeServer). The client's recovery paths, sync and async, through
the public API only: a retried create with an id meets 409 and returns the stored deployment, a retried
delete or undelete finds the work done, and a create without an id is never sent twice."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest

from fireworks_deployments import APIConnectionError, AsyncDeploymentsClient, DeploymentsClient
from fireworks_deployments_testing.fake import FakeServer

N = 50


class Counting(httpx.HTTPTransport):
    """The real transport, counting requests sent and connections found cut."""

    def __init__(self) -> None:
        super().__init__()
        self.sent = self.cut = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.sent += 1
        response = super().handle_request(request)
        try:
            response.read()
        except httpx.RemoteProtocolError:
            self.cut += 1
            raise
        return response


class AsyncCounting(httpx.AsyncHTTPTransport):
    def __init__(self) -> None:
        super().__init__()
        self.sent = self.cut = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.sent += 1
        response = await super().handle_async_request(request)
        try:
            await response.aread()
        except httpx.RemoteProtocolError:
            self.cut += 1
            raise
        return response


@pytest.fixture(scope="module")
def _server() -> Iterator[FakeServer]:
    with FakeServer(seed=13) as server:
        yield server


@pytest.fixture
def server(_server: FakeServer) -> FakeServer:
    _server.fake.reset()
    return _server


def _client(server: FakeServer, transport: httpx.BaseTransport) -> DeploymentsClient:
    return DeploymentsClient(
        api_key=server.api_key,
        account_id=server.account_id,
        base_url=server.base_url,
        transport=transport,
        sleep=lambda seconds: None,
        random=lambda: 0.0,
    )


async def _no_sleep(seconds: float) -> None:
    return None


def _async_client(server: FakeServer, transport: httpx.AsyncBaseTransport) -> AsyncDeploymentsClient:
    return AsyncDeploymentsClient(
        api_key=server.api_key,
        account_id=server.account_id,
        base_url=server.base_url,
        transport=transport,
        sleep=_no_sleep,
        random=lambda: 0.0,
    )


def test_creates_with_ids_survive_lost_answers(server: FakeServer) -> None:
    server.fake.set_faults(drop_after_commit=0.5)
    transport = Counting()
    with _client(server, transport) as client:
        made = [client.create(deployment_id=f"d-{i}", base_model="accounts/fireworks/models/m") for i in range(N)]
    assert sorted(server.fake.deployments()) == sorted(f"d-{i}" for i in range(N))
    assert [d.name for d in made] == [f"accounts/{server.account_id}/deployments/d-{i}" for i in range(N)]
    assert 10 <= transport.cut < N  # the fault really struck (seeded: the same count every run)
    print(f"sync: {N} creates, {transport.cut} answers lost, {transport.sent} requests")


async def test_async_creates_with_ids_survive_lost_answers(server: FakeServer) -> None:
    server.fake.set_faults(drop_after_commit=0.5)
    transport = AsyncCounting()
    async with _async_client(server, transport) as client:
        made = await asyncio.gather(
            *(client.create(deployment_id=f"a-{i}", base_model="accounts/fireworks/models/m") for i in range(N))
        )
    assert sorted(server.fake.deployments()) == sorted(f"a-{i}" for i in range(N))
    assert {d.name for d in made} == {f"accounts/{server.account_id}/deployments/a-{i}" for i in range(N)}
    assert 10 <= transport.cut < N
    print(f"async: {N} creates, {transport.cut} answers lost, {transport.sent} requests")


def test_delete_and_undelete_recover_a_lost_answer(server: FakeServer) -> None:
    transport = Counting()
    with _client(server, transport) as client:
        client.create(deployment_id="x", base_model="accounts/fireworks/models/m")
        server.fake.set_faults(drop_after_commit=1)  # every write's answer is lost
        client.delete("x")
        assert server.fake.deployments()["x"]["state"] in ("DELETING", "DELETED")
        restored = client.undelete("x")
        assert restored.state is not None and restored.state.value == "READY"
        assert server.fake.deployments()["x"]["state"] == "READY"
    assert transport.cut == 2


async def test_async_delete_and_undelete_recover_a_lost_answer(server: FakeServer) -> None:
    transport = AsyncCounting()
    async with _async_client(server, transport) as client:
        await client.create(deployment_id="x", base_model="accounts/fireworks/models/m")
        server.fake.set_faults(drop_after_commit=1)
        await client.delete("x")
        assert server.fake.deployments()["x"]["state"] in ("DELETING", "DELETED")
        restored = await client.undelete("x")
        assert restored.state is not None and restored.state.value == "READY"
    assert transport.cut == 2


def test_create_without_an_id_is_never_sent_twice(server: FakeServer) -> None:
    server.fake.set_faults(drop_after_commit=1)
    transport = Counting()
    with _client(server, transport) as client, pytest.raises(APIConnectionError):
        client.create(base_model="accounts/fireworks/models/m")
    assert transport.sent == 1 and len(server.fake.deployments()) == 1  # stored once, surfaced, not retried


async def test_async_create_without_an_id_is_never_sent_twice(server: FakeServer) -> None:
    server.fake.set_faults(drop_after_commit=1)
    transport = AsyncCounting()
    async with _async_client(server, transport) as client:
        with pytest.raises(APIConnectionError):
            await client.create(base_model="accounts/fireworks/models/m")
    assert transport.sent == 1 and len(server.fake.deployments()) == 1


def test_without_the_fault_nothing_is_lost(server: FakeServer) -> None:
    """The counters above measure the fault, not the network: with it off, no answer is cut."""
    transport = Counting()
    with _client(server, transport) as client:
        for i in range(5):
            client.create(deployment_id=f"n-{i}", base_model="accounts/fireworks/models/m")
    assert (transport.cut, transport.sent) == (0, 5)

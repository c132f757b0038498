"""pytest plugin (entry point ``pytest11``): fixtures for testing code that uses the Deployments API.

* ``fireworks_fake`` -- a fresh :class:`fireworks_deployments_testing.fake.Fake` per test.
* ``fireworks_client`` -- the generated ``AuthenticatedClient`` wired to that fake in-process
  (sync and async httpx clients set), so every ``api.deployments.*`` call reaches it.
* ``fireworks_respx`` -- a started ``respx`` router for ``https://api.fireworks.ai`` whose routes
  forward to the fake: for code that builds its own httpx clients (send ``fireworks_fake.api_key``).
* ``fireworks_fake_server`` -- a real HTTP server in a thread (``.base_url``, ``.api_key``,
  ``.account_id``, ``.fake``), shared by the session and reset before each test.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from fireworks_deployments_testing.fake import Fake, FakeServer
from fireworks_deployments_testing.fake.clients import BASE_URL, async_client, sync_client

__all__ = ["fireworks_fake", "fireworks_client", "fireworks_respx", "fireworks_fake_server", "PRODUCTION_BASE_URL"]

PRODUCTION_BASE_URL = "https://api.fireworks.ai"


@pytest.fixture
def fireworks_fake() -> Fake:
    """A fresh fake (default key and account, immediate transitions, no faults)."""
    return Fake()


@pytest.fixture
def fireworks_client(fireworks_fake: Fake) -> Iterator[Any]:
    """``fireworks_deployments_client.AuthenticatedClient`` talking to ``fireworks_fake`` in-process."""
    generated = pytest.importorskip("fireworks_deployments_client")
    client = generated.AuthenticatedClient(base_url=BASE_URL, token=fireworks_fake.api_key)
    sync = sync_client(fireworks_fake)
    client.set_httpx_client(sync)
    client.set_async_httpx_client(async_client(fireworks_fake))
    with sync:
        yield client


@pytest.fixture
def fireworks_respx(fireworks_fake: Fake) -> Iterator[Any]:
    """A started respx router: requests to https://api.fireworks.ai (sync or async httpx) reach ``fireworks_fake``."""
    respx = pytest.importorskip("respx")
    upstream = sync_client(fireworks_fake, authenticated=False)

    def forward(request: httpx.Request) -> httpx.Response:
        answer = upstream.request(
            request.method, request.url.raw_path.decode("ascii"), headers=request.headers, content=request.content
        )
        return httpx.Response(answer.status_code, headers=answer.headers, content=answer.content)

    with upstream, respx.mock(base_url=PRODUCTION_BASE_URL, assert_all_called=False, assert_all_mocked=True) as router:
        router.route(name="fireworks-fake").mock(side_effect=forward)
        yield router


@pytest.fixture(scope="session")
def _fireworks_fake_server_session() -> Iterator[FakeServer]:
    server = FakeServer().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def fireworks_fake_server(_fireworks_fake_server_session: FakeServer) -> FakeServer:
    """A threaded standalone fake on 127.0.0.1 (session-wide, reset for every test)."""
    _fireworks_fake_server_session.fake.reset()
    return _fireworks_fake_server_session

"""pytest plugin (entry point ``pytest11``): fixtures for testing code that uses the Deployments API.

* ``fireworks_fake`` -- a fresh :class:`~fireworks_deployments_testing.fake.Fake` per test.
* ``fireworks_deployments`` / ``fireworks_deployments_async`` -- a ``DeploymentsClient`` /
  ``AsyncDeploymentsClient`` (package ``fireworks_deployments``) wired to that fake in-process.
* ``fireworks_client`` -- the generated ``AuthenticatedClient`` wired to that fake in-process.
* ``fireworks_respx`` -- ``https://api.fireworks.ai`` routed to that fake for every httpx client
  (``mock_fireworks`` as a fixture); yields the respx router.
* ``fireworks_fake_server`` -- a real HTTP server in a thread, shared by the session, reset per test.
* ``fireworks_env`` -- that server with ``FIREWORKS_API_KEY`` / ``FIREWORKS_ACCOUNT_ID`` /
  ``FIREWORKS_BASE_URL`` set, for code that reads its settings from the environment.

Every import of the kit happens inside a fixture, so an environment that has the plugin installed pays
nothing (and cannot fail) in test runs that use none of its fixtures.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from .fake import Fake, FakeServer

__all__ = [
    "fireworks_fake",
    "fireworks_deployments",
    "fireworks_deployments_async",
    "fireworks_client",
    "fireworks_respx",
    "fireworks_fake_server",
    "fireworks_env",
]


def _client_layer() -> Any:
    try:
        import fireworks_deployments
    except ImportError as exc:  # pragma: no cover - depends on what the user installed
        raise pytest.UsageError(
            "this fixture needs the client layer: pip install 'fireworks-deployments-testing[client]'"
        ) from exc
    return fireworks_deployments


@pytest.fixture
def fireworks_fake() -> Fake:
    """A fresh fake (default key and account, immediate transitions, no faults)."""
    from .fake import Fake

    return Fake()


@pytest.fixture
def fireworks_deployments(fireworks_fake: Fake) -> Iterator[Any]:
    """``fireworks_deployments.DeploymentsClient`` talking to ``fireworks_fake`` in-process."""
    from .fake.clients import BASE_URL, sync_transport

    client = _client_layer().DeploymentsClient(
        api_key=fireworks_fake.api_key,
        account_id=fireworks_fake.account_id,
        base_url=BASE_URL,
        transport=sync_transport(fireworks_fake),
    )
    with client:
        yield client


@pytest.fixture
def fireworks_deployments_async(fireworks_fake: Fake) -> Any:
    """``fireworks_deployments.AsyncDeploymentsClient`` talking to ``fireworks_fake`` in-process.

    A plain fixture (not an async one), so it works under any async test runner (pytest-asyncio, anyio);
    its ASGI transport holds no sockets, so nothing needs closing.
    """
    from .fake.clients import BASE_URL, async_transport

    return _client_layer().AsyncDeploymentsClient(
        api_key=fireworks_fake.api_key,
        account_id=fireworks_fake.account_id,
        base_url=BASE_URL,
        transport=async_transport(fireworks_fake),
    )


@pytest.fixture
def fireworks_client(fireworks_fake: Fake) -> Iterator[Any]:
    """``fireworks_deployments_client.AuthenticatedClient`` talking to ``fireworks_fake`` in-process."""
    from .fake.clients import BASE_URL, async_client, sync_client

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
    from .mock import MockFireworks

    mock = MockFireworks(fireworks_fake)
    with mock:
        yield mock.router


@pytest.fixture(scope="session")
def _fireworks_fake_server_session() -> Iterator[FakeServer]:
    from .fake import FakeServer

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


@pytest.fixture
def fireworks_env(fireworks_fake_server: FakeServer, monkeypatch: pytest.MonkeyPatch) -> FakeServer:
    """``fireworks_fake_server`` with the FIREWORKS_* variables pointing at it (restored after the test)."""
    monkeypatch.setenv("FIREWORKS_API_KEY", fireworks_fake_server.api_key)
    monkeypatch.setenv("FIREWORKS_ACCOUNT_ID", fireworks_fake_server.account_id)
    monkeypatch.setenv("FIREWORKS_BASE_URL", fireworks_fake_server.base_url)
    return fireworks_fake_server

"""Fixtures for the client tests: a controllable clock and client factories wired to it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import pytest

from client_helpers import ACCOUNT, API_KEY, BASE_URL, EitherClient, FakeTime
from fireworks_deployments import AsyncDeploymentsClient, DeploymentsClient


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("FIREWORKS_API_KEY", "FIREWORKS_ACCOUNT_ID", "FIREWORKS_BASE_URL"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def make_client(fake_time: FakeTime) -> Iterator[Callable[..., DeploymentsClient]]:
    made: list[DeploymentsClient] = []

    def make(**kwargs: Any) -> DeploymentsClient:
        options: dict[str, Any] = {
            "api_key": API_KEY,
            "account_id": ACCOUNT,
            "base_url": BASE_URL,
            "sleep": fake_time.sleep,
            "clock": fake_time.clock,
            "wall_clock": fake_time.wall,
            "random": lambda: 0.0,
        }
        options.update(kwargs)
        client = DeploymentsClient(**options)
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


@pytest.fixture
def make_async_client(fake_time: FakeTime) -> Callable[..., AsyncDeploymentsClient]:
    def make(**kwargs: Any) -> AsyncDeploymentsClient:
        options: dict[str, Any] = {
            "api_key": API_KEY,
            "account_id": ACCOUNT,
            "base_url": BASE_URL,
            "sleep": fake_time.asleep,
            "clock": fake_time.clock,
            "wall_clock": fake_time.wall,
            "random": lambda: 0.0,
        }
        options.update(kwargs)
        return AsyncDeploymentsClient(**options)

    return make


# --- the fake server (fireworks_deployments_testing.fake) ------------------------------------


@pytest.fixture(scope="session")
def fake_server() -> Iterator[Any]:
    """One threaded fake for the session; each test gets it reset."""
    from fireworks_deployments_testing.fake import FakeServer

    with FakeServer() as server:
        yield server


@pytest.fixture
def fake(fake_server: Any) -> Iterator[Any]:
    fake_server.fake.reset()
    yield fake_server.fake
    fake_server.fake.reset()


@pytest.fixture
def fake_client(fake_server: Any, fake: Any, fake_time: FakeTime) -> Iterator[DeploymentsClient]:
    """A sync client talking HTTP to the threaded fake, with simulated sleeping."""
    with DeploymentsClient(
        api_key=fake.api_key,
        account_id=fake.account_id,
        base_url=fake_server.base_url,
        sleep=fake_time.sleep,
        clock=fake_time.clock,
        random=lambda: 0.0,
    ) as client:
        yield client


@pytest.fixture
def async_fake_client(fake: Any, fake_time: FakeTime) -> AsyncDeploymentsClient:
    """An async client calling the fake's ASGI app in-process."""
    import httpx

    from fireworks_deployments_testing.fake import create_app

    return AsyncDeploymentsClient(
        api_key=fake.api_key,
        account_id=fake.account_id,
        base_url="http://fake.test",
        transport=httpx.ASGITransport(app=create_app(fake)),
        sleep=fake_time.asleep,
        clock=fake_time.clock,
        random=lambda: 0.0,
    )


# --- one test, both clients ------------------------------------------------------


@pytest.fixture(params=["sync", "async"])
async def either(
    request: pytest.FixtureRequest,
    make_client: Callable[..., DeploymentsClient],
    make_async_client: Callable[..., AsyncDeploymentsClient],
) -> AsyncIterator[EitherClient]:
    """The same test through ``DeploymentsClient`` and through ``AsyncDeploymentsClient`` (respx, simulated time)."""
    if request.param == "sync":
        yield EitherClient("sync", make_client())
        return
    client = make_async_client()
    yield EitherClient("async", client)
    await client.close()

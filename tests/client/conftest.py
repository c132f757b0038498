"""Fixtures for the client tests: a controllable clock and client factories wired to it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from client_helpers import ACCOUNT, API_KEY, BASE_URL, FakeTime
from fireworks_deployments_client.lib import AsyncDeploymentsClient, DeploymentsClient


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

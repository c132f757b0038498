"""Constants and builders shared by the client tests (imported by name; conftest.py holds the fixtures)."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

BASE_URL = "https://api.test"
ACCOUNT = "acct"
API_KEY = "fw-SECRET-key-0123456789"
BASE_MODEL = "accounts/fireworks/models/llama-v3p1-8b-instruct"
COLLECTION = f"{BASE_URL}/v1/accounts/{ACCOUNT}/deployments"


def url(deployment_id: str, suffix: str = "") -> str:
    return f"{COLLECTION}/{deployment_id}{suffix}"


def deployment(deployment_id: str = "dep", state: str = "READY", **extra: Any) -> dict[str, Any]:
    return {
        "name": f"accounts/{ACCOUNT}/deployments/{deployment_id}",
        "baseModel": BASE_MODEL,
        "state": state,
        **extra,
    }


def error(code: int, message: str) -> dict[str, Any]:
    return {"code": code, "message": message, "details": []}


class FakeTime:
    """Monotonic and wall clocks that only move when something sleeps; records every sleep."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []
        self.on_sleep: Callable[[], object] | None = None  # runs after each sleep: "meanwhile, on the server..."

    def clock(self) -> float:
        return self.now

    def wall(self) -> float:
        return 1_800_000_000.0 + self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        if self.on_sleep is not None:
            self.on_sleep()

    async def asleep(self, seconds: float) -> None:
        self.sleep(seconds)


class EitherClient:
    """Calls a method of a sync or an async client the same way: ``await either("get", "dep")``."""

    def __init__(self, mode: str, client: Any) -> None:
        self.mode = mode
        self.client = client

    async def __call__(self, method: str, *args: Any, **kwargs: Any) -> Any:
        result = getattr(self.client, method)(*args, **kwargs)
        return await result if inspect.isawaitable(result) else result

"""Configuration from the environment; explicit arguments win; timeouts per client and per call."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
import respx

from client_helpers import API_KEY, BASE_URL, deployment, url
from fireworks_deployments import (
    DEFAULT_TIMEOUT,
    ClientConfig,
    ConfigurationError,
    DeploymentsClient,
)


def test_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIREWORKS_API_KEY", API_KEY)
    monkeypatch.setenv("FIREWORKS_ACCOUNT_ID", "env-acct")
    monkeypatch.setenv("FIREWORKS_BASE_URL", "https://example.test/")
    config = ClientConfig.from_env()
    assert (config.api_key, config.account_id, config.base_url) == (API_KEY, "env-acct", "https://example.test")
    assert config.timeout == DEFAULT_TIMEOUT == httpx.Timeout(60, connect=5)
    assert config.max_retries == 2


def test_default_base_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIREWORKS_API_KEY", API_KEY)
    monkeypatch.setenv("FIREWORKS_ACCOUNT_ID", "a")
    assert ClientConfig.from_env().base_url == "https://api.fireworks.ai"


def test_arguments_override_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIREWORKS_API_KEY", "env-key")
    monkeypatch.setenv("FIREWORKS_ACCOUNT_ID", "env-acct")
    config = ClientConfig.from_env(
        api_key="arg-key", account_id="arg-acct", base_url=BASE_URL, timeout=3, max_retries=0
    )
    assert (config.api_key, config.account_id, config.base_url) == ("arg-key", "arg-acct", BASE_URL)
    assert config.timeout == httpx.Timeout(3)
    assert config.max_retries == 0


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({"FIREWORKS_ACCOUNT_ID": "a"}, "FIREWORKS_API_KEY"),
        ({"FIREWORKS_API_KEY": "k"}, "FIREWORKS_ACCOUNT_ID"),
        ({"FIREWORKS_API_KEY": "", "FIREWORKS_ACCOUNT_ID": "a"}, "FIREWORKS_API_KEY"),
    ],
)
def test_missing_variable_is_named(env: dict[str, str], missing: str) -> None:
    with pytest.raises(ConfigurationError, match=missing):
        ClientConfig.from_env(environ=env)


def test_client_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIREWORKS_API_KEY", API_KEY)
    monkeypatch.setenv("FIREWORKS_ACCOUNT_ID", "acct")
    monkeypatch.setenv("FIREWORKS_BASE_URL", BASE_URL)
    with respx.mock() as router, DeploymentsClient() as client:
        route = router.get(url("dep")).respond(json=deployment())
        assert client.get("dep").state == "READY"
        assert route.calls.last.request.headers["authorization"] == f"Bearer {API_KEY}"


def test_negative_retries_rejected() -> None:
    with pytest.raises(ConfigurationError):
        ClientConfig(api_key="k", account_id="a", max_retries=-1)


def _timeout_seen(request: httpx.Request) -> dict[str, float]:
    return dict(request.extensions["timeout"])


def test_timeout_default_per_client_and_per_call(make_client: Callable[..., DeploymentsClient]) -> None:
    with respx.mock() as router:
        route = router.get(url("dep")).respond(json=deployment())
        make_client().get("dep")
        assert _timeout_seen(route.calls.last.request) == {"connect": 5.0, "read": 60.0, "write": 60.0, "pool": 60.0}
        make_client(timeout=10).get("dep")
        assert _timeout_seen(route.calls.last.request)["read"] == 10.0
        client = make_client(timeout=10)
        client.get("dep", timeout=httpx.Timeout(2.5, connect=1))
        assert _timeout_seen(route.calls.last.request) == {"connect": 1.0, "read": 2.5, "write": 2.5, "pool": 2.5}
        client.get("dep")  # a per-call timeout does not stick
        assert _timeout_seen(route.calls.last.request)["read"] == 10.0
        client.with_options(timeout=7).get("dep")
        assert _timeout_seen(route.calls.last.request)["read"] == 7.0

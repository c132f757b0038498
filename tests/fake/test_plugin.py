"""The pytest plugin, exercised only through its public fixtures in a pytester run."""

from __future__ import annotations

import os
from importlib.metadata import entry_points
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

USER_TESTS = """
import asyncio
import httpx
import pytest

OK = {"baseModel": "accounts/fireworks/models/m"}


def test_fresh_fake_per_test_a(fireworks_fake):
    assert fireworks_fake.deployments() == {}
    fireworks_fake.seed_deployments(n=2)


def test_fresh_fake_per_test_b(fireworks_fake):
    assert fireworks_fake.deployments() == {}


def test_generated_client(fireworks_client, fireworks_fake):
    from fireworks_deployments_client.api.deployments import create_deployment, get_deployment, list_deployments
    from fireworks_deployments_client.models import Deployment

    made = create_deployment.sync(fireworks_fake.account_id, client=fireworks_client, body=Deployment(base_model="m"), deployment_id="p1")
    assert made.state.value == "CREATING"
    assert get_deployment.sync(fireworks_fake.account_id, "p1", client=fireworks_client).state.value == "READY"

    async def listed():
        return await list_deployments.asyncio(fireworks_fake.account_id, client=fireworks_client)

    assert asyncio.run(listed()).total_size == 1


def test_respx_router_sync_and_async(fireworks_respx, fireworks_fake):
    headers = {"Authorization": f"Bearer {fireworks_fake.api_key}"}
    url = f"https://api.fireworks.ai/v1/accounts/{fireworks_fake.account_id}/deployments"
    assert httpx.post(url, params={"deploymentId": "r1"}, json=OK, headers=headers).status_code == 200

    async def get():
        async with httpx.AsyncClient() as client:
            return await client.get(url + "/r1", headers=headers)

    assert asyncio.run(get()).json()["state"] == "READY"
    assert fireworks_respx.calls.call_count == 2


def test_threaded_server(fireworks_fake_server):
    url = f"{fireworks_fake_server.base_url}/v1/accounts/{fireworks_fake_server.account_id}/deployments"
    auth = {"Authorization": f"Bearer {fireworks_fake_server.api_key}"}
    assert httpx.post(url, json=OK, headers=auth).status_code == 200
    assert httpx.get(url, headers=auth).json()["totalSize"] == 1


def test_threaded_server_is_reset_between_tests(fireworks_fake_server):
    url = f"{fireworks_fake_server.base_url}/v1/accounts/{fireworks_fake_server.account_id}/deployments"
    assert httpx.get(url, headers={"Authorization": f"Bearer {fireworks_fake_server.api_key}"}).json()["totalSize"] == 0
"""


def _plugin_installed() -> bool:
    return any(ep.value == "fireworks_deployments_testing.plugin" for ep in entry_points(group="pytest11"))


def test_plugin_fixtures(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("fireworks_deployments_client")
    root = str(Path(__file__).resolve().parents[2])
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])))
    pytester.makepyfile(test_user=USER_TESTS)
    args = [] if _plugin_installed() else ["-p", "fireworks_deployments_testing.plugin"]
    result = pytester.runpytest_subprocess(*args, "-p", "no:cacheprovider", "-q")
    result.assert_outcomes(passed=6)

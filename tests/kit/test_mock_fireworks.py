"""``mock_fireworks()`` outside pytest fixtures: context manager, decorator, other hosts untouched, restored on exit."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from fireworks_deployments_testing import mock_fireworks
from fireworks_deployments_testing.fake import Fake, FakeServer

BODY = {"baseModel": "accounts/fireworks/models/m"}
API = "https://api.fireworks.ai/v1/accounts/{account}/deployments"


def _create(fake: Fake, deployment_id: str) -> httpx.Response:
    return httpx.post(
        API.format(account=fake.account_id),
        params={"deploymentId": deployment_id},
        json=BODY,
        headers={"Authorization": f"Bearer {fake.api_key}"},
    )


def test_context_manager_yields_the_fake_that_answers() -> None:
    with mock_fireworks(transition="reads:2") as fake:
        assert _create(fake, "m1").json()["state"] == "CREATING"
        assert set(fake.deployments()) == {"m1"}
        denied = httpx.get(API.format(account=fake.account_id), headers={"Authorization": "Bearer wrong"})
        assert denied.status_code == 401 and denied.json()["code"] == 16


def test_options_and_a_fake_of_ones_own() -> None:
    mine = Fake(api_keys={"k": "acct"})
    with mock_fireworks(mine) as fake:
        assert fake is mine
        assert _create(fake, "own").status_code == 200
    assert set(mine.deployments("acct")) == {"own"}
    with pytest.raises(TypeError):
        mock_fireworks(mine, seed=1)


def test_decorator_sync_and_async_get_a_fresh_fake_each_call() -> None:
    seen: list[int] = []

    @mock_fireworks()
    def listed() -> int:
        client = httpx.Client(headers={"Authorization": "Bearer fw-fake-key"})
        url = API.format(account="fake-account")
        client.post(url, params={"deploymentId": "d1"}, json=BODY)
        total = int(client.get(url).json()["totalSize"])
        seen.append(total)
        return total

    @mock_fireworks()
    async def alisted() -> int:
        async with httpx.AsyncClient(headers={"Authorization": "Bearer fw-fake-key"}) as client:
            url = API.format(account="fake-account")
            await client.post(url, params={"deploymentId": "d1"}, json=BODY)
            return int((await client.get(url)).json()["totalSize"])

    assert listed() == 1 and listed() == 1  # state does not leak from one call to the next
    assert asyncio.run(alisted()) == 1
    assert seen == [1, 1]


def test_other_hosts_pass_through_and_exit_restores_the_network() -> None:
    with FakeServer() as real:
        url = f"{real.base_url}/v1/accounts/{real.account_id}/deployments"
        headers = {"Authorization": f"Bearer {real.api_key}"}
        httpx.post(url, params={"deploymentId": "on-the-server"}, json=BODY, headers=headers).raise_for_status()
        with mock_fireworks():  # mocks api.fireworks.ai only: the local server still answers
            assert httpx.get(url, headers=headers).json()["totalSize"] == 1
        with mock_fireworks(base_url=real.base_url) as fake:  # now that host is the in-process fake
            assert httpx.get(url, headers=headers).json()["totalSize"] == 0
            assert fake.deployments() == {}
        assert httpx.get(url, headers=headers).json()["totalSize"] == 1  # restored


def test_official_sdk_reaches_the_fake() -> None:
    fireworks = pytest.importorskip("fireworks", reason="fireworks-ai (official SDK) not installed")
    with mock_fireworks() as fake:
        sdk = fireworks.Fireworks(api_key=fake.api_key, account_id=fake.account_id, max_retries=0)
        made = sdk.deployments.create(base_model="accounts/fireworks/models/m", deployment_id="sdk-mock")
        assert made.name == f"accounts/{fake.account_id}/deployments/sdk-mock"
        assert set(fake.deployments()) == {"sdk-mock"}

"""Retries through the transport, driven by respx side effects; time never really passes.

Each test states the attempts made, the pauses taken and the result or exception. The recovery
flows (a retry meeting its own first attempt) are in test_client_recovery.py, for both clients.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import httpx
import pytest
import respx
from fireworks_deployments_client.api.deployments import get_deployment

from client_helpers import API_KEY, BASE_MODEL, COLLECTION, FakeTime, deployment, error, url
from fireworks_deployments import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AsyncDeploymentsClient,
    DeploymentsClient,
    InternalServerError,
    RateLimitError,
)

MakeClient = Callable[..., DeploymentsClient]
MakeAsyncClient = Callable[..., AsyncDeploymentsClient]


def unavailable(**headers: str) -> httpx.Response:
    return httpx.Response(503, json=error(14, "service unavailable, try again"), headers=headers)


def test_n_failures_then_success(make_client: MakeClient, fake_time: FakeTime) -> None:
    with respx.mock() as router:
        route = router.get(url("dep")).mock(
            side_effect=[
                unavailable(),
                httpx.Response(500, json=error(13, "x")),
                httpx.Response(200, json=deployment()),
            ]
        )
        assert make_client().get("dep").state == "READY"
    assert route.call_count == 3
    assert fake_time.sleeps == [0.5, 1.0]  # exponential backoff, jitter pinned to 0 by random=lambda: 0.0


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
def test_retried_statuses(make_client: MakeClient, status: int) -> None:
    with respx.mock() as router:
        answers = [httpx.Response(status), httpx.Response(200, json=deployment())]
        route = router.get(url("dep")).mock(side_effect=answers)
        got = make_client().get("dep")
    assert route.call_count == 2 and got.state == "READY" and got.name.endswith("/dep")


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409])
def test_not_retried_statuses(make_client: MakeClient, status: int) -> None:
    with respx.mock() as router:
        route = router.get(url("dep")).respond(status, json=error(3, "no"))
        with pytest.raises(APIStatusError) as info:  # the exact class per status is tested in test_client_errors
            make_client().get("dep")
    assert route.call_count == 1
    assert info.value.status_code == status and info.value.retries_taken == 0 and info.value.code == 3


def test_jitter_shrinks_backoff_by_at_most_a_quarter(make_client: MakeClient, fake_time: FakeTime) -> None:
    with respx.mock() as router:
        router.get(url("dep")).mock(side_effect=[unavailable(), unavailable(), httpx.Response(200, json=deployment())])
        assert make_client(random=lambda: 1.0).get("dep").state == "READY"
    assert fake_time.sleeps == [0.375, 0.75]


def test_retry_after_seconds_followed(make_client: MakeClient, fake_time: FakeTime) -> None:
    with respx.mock() as router:
        router.get(url("dep")).mock(
            side_effect=[
                httpx.Response(429, json=error(8, "slow down"), headers={"Retry-After": "7"}),
                httpx.Response(200, json=deployment()),
            ]
        )
        assert make_client().get("dep").state == "READY"
    assert fake_time.sleeps == [7.0]


def test_retry_after_ms_takes_precedence(make_client: MakeClient, fake_time: FakeTime) -> None:
    with respx.mock() as router:
        route = router.get(url("dep")).mock(
            side_effect=[
                unavailable(**{"retry-after-ms": "1500", "Retry-After": "9"}),
                httpx.Response(200, json=deployment()),
            ]
        )
        assert make_client().get("dep").state == "READY"
    assert fake_time.sleeps == [1.5] and route.call_count == 2


def test_retry_after_http_date_and_cap(make_client: MakeClient, fake_time: FakeTime) -> None:
    in_twelve_seconds = email_date(fake_time.wall() + 12)
    in_an_hour = email_date(fake_time.wall() + 3600)
    with respx.mock() as router:
        router.get(url("dep")).mock(
            side_effect=[
                unavailable(**{"Retry-After": in_twelve_seconds}),
                unavailable(**{"Retry-After": in_an_hour}),
                httpx.Response(200, json=deployment()),
            ]
        )
        make_client().get("dep")
    assert fake_time.sleeps[0] == pytest.approx(12.0, abs=1.0)
    assert fake_time.sleeps[1] == 60.0  # capped


def email_date(timestamp: float) -> str:
    import email.utils

    return email.utils.formatdate(timestamp, usegmt=True)


def test_budget_exhausted_raises_the_right_exception(make_client: MakeClient, fake_time: FakeTime) -> None:
    with respx.mock() as router:
        route = router.get(url("dep")).respond(429, json=error(8, "GPU quota exceeded"), headers={"Retry-After": "1"})
        with pytest.raises(RateLimitError) as info:
            make_client().get("dep")
    assert route.call_count == 3  # 1 + DEFAULT_MAX_RETRIES
    assert info.value.status_code == 429 and info.value.code == 8 and info.value.retries_taken == 2
    assert fake_time.sleeps == [1.0, 1.0]


def test_budget_configurable_and_zero_disables(make_client: MakeClient, fake_time: FakeTime) -> None:
    with respx.mock() as router:
        route = router.get(url("dep")).mock(return_value=unavailable())
        with pytest.raises(InternalServerError):
            make_client(max_retries=5).get("dep")
        assert route.call_count == 6
        with pytest.raises(InternalServerError):
            make_client(max_retries=0).get("dep")
        assert route.call_count == 7
        with pytest.raises(InternalServerError):
            make_client().with_options(max_retries=1).get("dep")
        assert route.call_count == 9


def test_connection_errors_retried_then_mapped(make_client: MakeClient) -> None:
    with respx.mock() as router:
        route = router.get(url("dep")).mock(side_effect=httpx.ConnectError("connection refused"))
        with pytest.raises(APIConnectionError) as info:
            make_client().get("dep")
    assert route.call_count == 3
    assert not isinstance(info.value, APITimeoutError)


def test_timeouts_retried_then_mapped(make_client: MakeClient) -> None:
    with respx.mock() as router:
        route = router.get(url("dep")).mock(
            side_effect=[httpx.ReadTimeout("read timed out"), httpx.Response(200, json=deployment())]
        )
        assert make_client().get("dep").state == "READY"
        assert route.call_count == 2
        route.mock(side_effect=httpx.ConnectTimeout("connect timed out"))
        with pytest.raises(APITimeoutError):
            make_client().get("dep")


def test_create_with_deployment_id_is_retried(make_client: MakeClient) -> None:
    with respx.mock() as router:
        route = router.post(COLLECTION, params={"deploymentId": "dep"}).mock(
            side_effect=[unavailable(), httpx.Response(200, json=deployment(state="CREATING"))]
        )
        assert make_client().create(deployment_id="dep", base_model=BASE_MODEL).state == "CREATING"
    assert route.call_count == 2


def test_generated_functions_get_retries_too(make_client: MakeClient) -> None:
    with respx.mock() as router:
        route = router.get(url("dep")).mock(side_effect=[unavailable(), httpx.Response(200, json=deployment())])
        parsed = get_deployment.sync("acct", "dep", client=make_client().api)
    assert route.call_count == 2
    assert parsed is not None and parsed.to_dict()["state"] == "READY"


def test_each_retry_logged_at_debug_without_the_key(make_client: MakeClient, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with respx.mock() as router:
        router.get(url("dep")).mock(side_effect=[unavailable(), unavailable(), httpx.Response(200, json=deployment())])
        make_client().get("dep")
    retries = [r for r in caplog.records if r.name == "fireworks_deployments" and "retrying" in r.message]
    assert [r.levelno for r in retries] == [logging.DEBUG, logging.DEBUG]
    assert "GET /v1/accounts/acct/deployments/dep" in retries[0].message and "HTTP 503" in retries[0].message
    assert all(API_KEY not in r.getMessage() for r in caplog.records)


async def test_async_parity(make_async_client: MakeAsyncClient, fake_time: FakeTime) -> None:
    with respx.mock() as router:
        route = router.get(url("dep")).mock(
            side_effect=[
                httpx.Response(429, headers={"Retry-After": "3"}),
                httpx.ConnectError("boom"),
                httpx.Response(200, json=deployment()),
            ]
        )
        async with make_async_client() as client:
            assert (await client.get("dep")).state == "READY"
        assert route.call_count == 3
        assert fake_time.sleeps == [3.0, 1.0]
        create = router.post(COLLECTION).mock(return_value=unavailable())
        async with make_async_client() as client:
            with pytest.raises(InternalServerError):
                await client.create(base_model=BASE_MODEL)
        assert create.call_count == 1
        router.get(url("gone")).respond(429, json=error(8, "quota"))
        async with make_async_client(max_retries=1) as client:
            with pytest.raises(RateLimitError):
                await client.get("gone")

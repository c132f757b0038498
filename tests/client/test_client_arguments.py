"""Misuse fails at the call site, through both clients, before any request is sent."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import respx
from fireworks_deployments_client.models import Deployment

from client_helpers import ACCOUNT, BASE_MODEL, BASE_URL, COLLECTION, EitherClient, deployment
from fireworks_deployments import ConfigurationError, DeploymentsClient, short_id

# Every call that takes a deployment id, with the other arguments it needs.
ID_CALLS: list[tuple[str, dict[str, Any]]] = [
    ("get", {}),
    ("delete", {}),
    ("undelete", {}),
    ("update", {"display_name": "x"}),
    ("scale", {"replica_count": 1}),
    ("wait_for_state", {}),
]
NOT_ONE_SEGMENT = ["", ".", "..", "a/b", "../other", "dep\n", "dep name", "tab\t", "back\\slash"]


def no_requests() -> respx.MockRouter:
    """A router that answers anything and records it; every test asserts it saw nothing."""
    router = respx.mock(assert_all_called=False, assert_all_mocked=True)
    router.route().respond(json=deployment())
    return router


async def test_create_without_base_model_names_it(either: EitherClient) -> None:
    with no_requests() as router:
        with pytest.raises(TypeError, match="base_model"):
            await either("create", deployment_id="dep", display_name="no model")
        with pytest.raises(TypeError, match="base_model"):
            await either("create", deployment_id="dep", base_model="")
    assert router.calls.call_count == 0


async def test_create_with_a_misspelt_field_names_it(either: EitherClient) -> None:
    with no_requests() as router:
        with pytest.raises(TypeError, match="base_modle"):
            await either("create", deployment_id="dep", base_modle=BASE_MODEL)
    assert router.calls.call_count == 0


@pytest.mark.parametrize("timeout", ["30", b"30", [30], True])
async def test_a_timeout_of_the_wrong_type_is_a_type_error(either: EitherClient, timeout: object) -> None:
    with no_requests() as router:
        with pytest.raises(TypeError, match="timeout"):
            await either("get", "dep", timeout=timeout)
        with pytest.raises(TypeError, match="timeout"):
            await either("create", deployment_id="dep", base_model=BASE_MODEL, timeout=timeout)
    assert router.calls.call_count == 0


@pytest.mark.parametrize("timeout", [0, -1, float("inf")])
async def test_an_impossible_timeout_is_a_value_error(either: EitherClient, timeout: float) -> None:
    with no_requests() as router:
        with pytest.raises(ValueError, match="timeout"):
            await either("get", "dep", timeout=timeout)
    assert router.calls.call_count == 0


def test_a_client_built_with_a_bad_timeout_fails_at_once() -> None:
    with pytest.raises(TypeError, match="timeout"):
        DeploymentsClient(api_key="k", account_id=ACCOUNT, base_url=BASE_URL, timeout="30")  # type: ignore[arg-type]


@pytest.mark.parametrize("bad_id", NOT_ONE_SEGMENT)
@pytest.mark.parametrize(("method", "extra"), ID_CALLS, ids=[m for m, _ in ID_CALLS])
async def test_ids_that_cannot_be_a_path_segment_are_refused(
    either: EitherClient, method: str, extra: dict[str, Any], bad_id: str
) -> None:
    with no_requests() as router:
        with pytest.raises(ValueError, match="deployment_id"):
            await either(method, bad_id, **extra)
    assert router.calls.call_count == 0


async def test_a_new_id_for_create_is_checked_too(either: EitherClient) -> None:
    with no_requests() as router:
        with pytest.raises(ValueError, match="deployment_id 'a/b'"):
            await either("create", deployment_id="a/b", base_model=BASE_MODEL)
        with pytest.raises(TypeError, match="deployment_id must be a str"):
            await either("get", 42)
    assert router.calls.call_count == 0


async def test_a_good_id_goes_through_percent_free(either: EitherClient) -> None:
    with respx.mock() as router:
        route = router.get(f"{COLLECTION}/llama-canary-2").respond(json=deployment("llama-canary-2"))
        got = await either("get", "llama-canary-2")
    assert route.call_count == 1 and short_id(got) == "llama-canary-2"


def test_an_account_id_that_cannot_be_a_path_segment_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match="account_id 'a/b'"):
        DeploymentsClient(api_key="k", account_id="a/b", base_url=BASE_URL)


async def test_scale_needs_an_int(either: EitherClient) -> None:
    with no_requests() as router:
        with pytest.raises(TypeError, match="replica_count"):
            await either("scale", "dep", "2")
    assert router.calls.call_count == 0


# --- short_id ------------------------------------------------------------------------


def test_short_id_from_a_name_or_a_deployment() -> None:
    assert short_id("accounts/my-account/deployments/llama-canary") == "llama-canary"
    assert short_id(Deployment(base_model=BASE_MODEL, name="accounts/a/deployments/x")) == "x"


@pytest.mark.parametrize(
    "name", ["llama-canary", "accounts/a/deployments/", "accounts/a/models/x", "accounts/a/deployments/x/y", ""]
)
def test_short_id_refuses_what_is_not_a_deployment_name(name: str) -> None:
    with pytest.raises(ValueError, match="not a deployment name"):
        short_id(name)


def test_short_id_of_an_unnamed_deployment() -> None:
    with pytest.raises(ValueError, match="no name"):
        short_id(Deployment(base_model=BASE_MODEL))


def test_the_request_path_is_built_from_the_id_as_given() -> None:
    """Sanity for the segment rule: a valid id is sent exactly, as the one last path segment."""
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.raw_path.decode())
        return httpx.Response(200, json=deployment("x-1"))

    with DeploymentsClient(
        api_key="k", account_id=ACCOUNT, base_url=BASE_URL, transport=httpx.MockTransport(handler)
    ) as client:
        client.get("x-1")
    assert seen == [f"/v1/accounts/{ACCOUNT}/deployments/x-1"]

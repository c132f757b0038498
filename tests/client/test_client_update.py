"""Safe update: an explicit updateMask for exactly the fields set; baseModel read when not given."""

from __future__ import annotations

import json
from collections.abc import Callable

import attrs
import pytest
import respx
from fireworks_deployments_client.models import Deployment
from fireworks_deployments_client.types import UNSET

from client_helpers import BASE_MODEL, deployment, url
from fireworks_deployments import AsyncDeploymentsClient, DeploymentsClient
from fireworks_deployments.fields import field_path, json_name
from fireworks_deployments.update import update_mask
from fireworks_deployments_testing.rules.spec import component_schema

MakeClient = Callable[..., DeploymentsClient]


def test_mask_lists_exactly_the_fields_given(make_client: MakeClient) -> None:
    with respx.mock() as router:
        get = router.get(url("dep")).respond(json=deployment(minReplicaCount=0))
        patch = router.patch(url("dep")).respond(json=deployment(state="UPDATING", minReplicaCount=1))
        make_client().update("dep", min_replica_count=1, max_replica_count=4)
    assert get.calls.last.request.url.params["readMask"] == "base_model"
    request = patch.calls.last.request
    assert request.url.params["updateMask"] == "min_replica_count,max_replica_count"
    assert json.loads(request.content) == {"baseModel": BASE_MODEL, "minReplicaCount": 1, "maxReplicaCount": 4}


def test_base_model_given_means_no_read_and_is_masked(make_client: MakeClient) -> None:
    with respx.mock() as router:
        patch = router.patch(url("dep")).respond(json=deployment())
        make_client().update("dep", base_model="accounts/fireworks/models/other", display_name="x")
    assert patch.calls.last.request.url.params["updateMask"] == "base_model,display_name"


def test_nested_and_falsy_values_are_masked(make_client: MakeClient) -> None:
    with respx.mock() as router:
        router.get(url("dep")).respond(json=deployment())
        patch = router.patch(url("dep")).respond(json=deployment())
        make_client().update("dep", enable_addons=False, min_replica_count=0, description=UNSET)
    assert patch.calls.last.request.url.params["updateMask"] == "min_replica_count,enable_addons"


def test_unknown_field_and_empty_update_rejected(make_client: MakeClient) -> None:
    client = make_client()
    with pytest.raises(ValueError):
        client.update("dep")
    with respx.mock(assert_all_called=False) as router:
        get = router.get(url("dep")).respond(json=deployment())
        with pytest.raises(TypeError, match="min_replicas"):
            client.update("dep", min_replicas=1)  # type: ignore[call-arg]
        with pytest.raises(TypeError, match="additional_properties"):
            client.update("dep", additional_properties={})  # type: ignore[call-arg]
    assert get.call_count == 0  # refused before the read of baseModel


def test_every_spec_field_maps_onto_a_model_attribute() -> None:
    # The mask is derived from to_dict() keys; each JSON name in the spec must land on the
    # generated attribute of the same field, which is the snake_case mask path.
    attributes = {a.name for a in attrs.fields(Deployment)}
    properties = component_schema("Deployment")["properties"]
    assert {field_path(name) for name in properties} <= attributes
    assert all(json_name(field_path(name)) == name for name in properties)
    assert len(properties) == len(attributes) - 1  # all but additional_properties


def test_update_mask_of_a_partial_model() -> None:
    body = Deployment(base_model=BASE_MODEL, draft_token_count=3, max_with_revocable_replica_count=2)
    assert update_mask(body, include_base_model=False) == ["max_with_revocable_replica_count", "draft_token_count"]
    assert update_mask(body, include_base_model=True)[0] == "base_model"


async def test_async_update(make_async_client: Callable[..., AsyncDeploymentsClient]) -> None:
    with respx.mock() as router:
        router.get(url("dep")).respond(json=deployment())
        patch = router.patch(url("dep")).respond(json=deployment())
        async with make_async_client() as client:
            await client.update("dep", description="canary")
    assert patch.calls.last.request.url.params["updateMask"] == "description"

"""Every recovery flow, through the sync and the async client (the ``either`` fixture runs each test twice).

A recovery flow is what a call does when a retry meets the effect of its own first attempt
(the write landed, the answer was lost): create with an id meeting 409, delete meeting
"already deleted", undelete meeting "not deleted". Each test states how many requests of
each kind were sent and what the call returned or raised.
"""

from __future__ import annotations

import json

import httpx
import pytest
import respx

from client_helpers import BASE_MODEL, COLLECTION, EitherClient, FakeTime, deployment, error, url
from fireworks_deployments import BadRequestError, ConflictError, InternalServerError, NotFoundError


def unavailable() -> httpx.Response:
    return httpx.Response(503, json=error(14, "service unavailable, try again"))


def already(status: int, code: int, message: str) -> httpx.Response:
    return httpx.Response(status, json=error(code, message))


# --- create --------------------------------------------------------------------


async def test_create_retry_meeting_409_with_the_same_deployment_is_success(
    either: EitherClient, fake_time: FakeTime
) -> None:
    with respx.mock() as router:
        post = router.post(COLLECTION, params={"deploymentId": "dep"}).mock(
            side_effect=[httpx.ReadTimeout("answer lost"), already(409, 6, "already exists")]
        )
        get = router.get(url("dep")).respond(json=deployment(state="CREATING", minReplicaCount=1, displayName="d"))
        got = await either("create", deployment_id="dep", base_model=BASE_MODEL, min_replica_count=1, display_name="d")
    assert got.state == "CREATING" and got.min_replica_count == 1 and got.name.endswith("/dep")
    assert post.call_count == 2 and get.call_count == 1
    assert fake_time.sleeps == [0.5]


async def test_create_retry_meeting_409_with_another_deployment_raises(either: EitherClient) -> None:
    with respx.mock() as router:
        post = router.post(COLLECTION).mock(side_effect=[unavailable(), already(409, 6, "already exists")])
        get = router.get(url("dep")).respond(json=deployment(baseModel="accounts/fireworks/models/other"))
        with pytest.raises(ConflictError) as info:
            await either("create", deployment_id="dep", base_model=BASE_MODEL)
    assert info.value.retries_taken == 1 and info.value.code == 6
    assert post.call_count == 2 and get.call_count == 1


async def test_create_409_on_the_first_attempt_raises_without_a_read(either: EitherClient) -> None:
    with respx.mock(assert_all_called=False) as router:
        post = router.post(COLLECTION).respond(409, json=error(6, "already exists"))
        get = router.get(url("dep")).respond(json=deployment())
        with pytest.raises(ConflictError) as info:
            await either("create", deployment_id="dep", base_model=BASE_MODEL)
    assert info.value.retries_taken == 0
    assert post.call_count == 1 and get.call_count == 0


async def test_create_without_an_id_is_sent_once(either: EitherClient, fake_time: FakeTime) -> None:
    with respx.mock() as router:
        post = router.post(COLLECTION).mock(return_value=unavailable())
        with pytest.raises(InternalServerError) as info:
            await either("create", base_model=BASE_MODEL)
    assert post.call_count == 1 and info.value.retries_taken == 0 and fake_time.sleeps == []
    assert "deploymentId" not in post.calls.last.request.url.params


# --- delete --------------------------------------------------------------------


async def test_soft_delete_whose_answer_was_lost_is_success(either: EitherClient, fake_time: FakeTime) -> None:
    with respx.mock() as router:
        delete = router.delete(url("dep")).mock(side_effect=[unavailable(), already(400, 9, "already deleted")])
        get = router.get(url("dep")).respond(json=deployment(state="DELETING"))
        result = await either("delete", "dep")
    assert result is None
    assert delete.call_count == 2 and get.call_count == 1
    assert fake_time.sleeps == [0.5]


async def test_hard_delete_whose_answer_was_lost_is_success(either: EitherClient) -> None:
    with respx.mock() as router:
        delete = router.delete(url("dep")).mock(side_effect=[unavailable(), already(404, 5, "not found")])
        get = router.get(url("dep")).respond(404, json=error(5, "not found"))
        result = await either("delete", "dep", hard=True)
    assert result is None
    assert delete.call_count == 2 and get.call_count == 1
    assert delete.calls.last.request.url.params["hard"] == "true"


async def test_delete_retry_refused_while_the_deployment_lives_raises(either: EitherClient) -> None:
    with respx.mock() as router:
        delete = router.delete(url("dep")).mock(side_effect=[unavailable(), already(400, 9, "deployment is updating")])
        get = router.get(url("dep")).respond(json=deployment(state="UPDATING"))
        with pytest.raises(BadRequestError, match="updating") as info:
            await either("delete", "dep")
    assert info.value.retries_taken == 1
    assert delete.call_count == 2 and get.call_count == 1


async def test_delete_refused_on_the_first_attempt_raises_without_a_read(either: EitherClient) -> None:
    with respx.mock(assert_all_called=False) as router:
        delete = router.delete(url("dep")).respond(404, json=error(5, "not found"))
        get = router.get(url("dep")).respond(json=deployment(state="DELETED"))
        with pytest.raises(NotFoundError):
            await either("delete", "dep")
    assert delete.call_count == 1 and get.call_count == 0


# --- undelete ------------------------------------------------------------------


async def test_undelete_whose_answer_was_lost_returns_the_restored_deployment(either: EitherClient) -> None:
    with respx.mock() as router:
        post = router.post(url("dep", ":undelete")).mock(side_effect=[unavailable(), already(400, 9, "not deleted")])
        get = router.get(url("dep")).respond(json=deployment(state="READY", displayName="back"))
        got = await either("undelete", "dep")
    assert got.state == "READY" and got.display_name == "back"
    assert post.call_count == 2 and get.call_count == 1


async def test_undelete_retry_refused_while_still_deleted_raises(either: EitherClient) -> None:
    with respx.mock() as router:
        post = router.post(url("dep", ":undelete")).mock(side_effect=[unavailable(), already(400, 9, "purging")])
        get = router.get(url("dep")).respond(json=deployment(state="DELETED"))
        with pytest.raises(BadRequestError, match="purging"):
            await either("undelete", "dep")
    assert post.call_count == 2 and get.call_count == 1


async def test_undelete_refused_on_the_first_attempt_raises_without_a_read(either: EitherClient) -> None:
    with respx.mock(assert_all_called=False) as router:
        post = router.post(url("dep", ":undelete")).respond(400, json=error(9, "not deleted"))
        get = router.get(url("dep")).respond(json=deployment())
        with pytest.raises(BadRequestError):
            await either("undelete", "dep")
    assert post.call_count == 1 and get.call_count == 0


# --- update: the read of baseModel ----------------------------------------------


async def test_update_reads_base_model_first_then_sends_only_the_mask(either: EitherClient) -> None:
    with respx.mock() as router:
        get = router.get(url("dep")).respond(json=deployment(minReplicaCount=0))
        patch = router.patch(url("dep")).respond(json=deployment(state="UPDATING", minReplicaCount=2))
        got = await either("update", "dep", min_replica_count=2)
    assert got.state == "UPDATING" and got.min_replica_count == 2
    assert get.call_count == 1 and get.calls.last.request.url.params["readMask"] == "base_model"
    assert patch.calls.last.request.url.params["updateMask"] == "min_replica_count"
    assert json.loads(patch.calls.last.request.content) == {"baseModel": BASE_MODEL, "minReplicaCount": 2}

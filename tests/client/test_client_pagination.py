"""Lazy iteration across pages, query parameters passed through, pageToken passed along."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
import respx
from fireworks_deployments_client.models import ListDeploymentsResponse

from client_helpers import COLLECTION, deployment
from fireworks_deployments import APIResponseValidationError, AsyncDeploymentsClient, DeploymentsClient
from fireworks_deployments.pagination import iter_pages

PAGES = {
    None: {"deployments": [deployment("a"), deployment("b")], "nextPageToken": "t1", "totalSize": 3},
    "t1": {"deployments": [deployment("c")], "nextPageToken": "t2", "totalSize": 3},
    "t2": {"totalSize": 3},  # an empty last page: no deployments key, no token
}


def serve(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json=PAGES[request.url.params.get("pageToken")])


def test_iterates_all_pages_including_an_empty_last_page(make_client: Callable[..., DeploymentsClient]) -> None:
    with respx.mock() as router:
        route = router.get(COLLECTION).mock(side_effect=serve)
        items = make_client().iter_all(
            filter='state = "READY"',
            order_by="create_time desc",
            show_deleted=True,
            read_mask=["name", "state"],
            page_size=2,
        )
        assert route.call_count == 0  # lazy: nothing fetched before iteration
        first = next(items)
        assert first.name == "accounts/acct/deployments/a" and route.call_count == 1
        rest = [d.name.rsplit("/", 1)[1] for d in items]
    assert rest == ["b", "c"]
    params = [call.request.url.params for call in route.calls]
    assert [p.get("pageToken") for p in params] == [None, "t1", "t2"]
    for p in params:
        assert p["filter"] == 'state = "READY"' and p["orderBy"] == "create_time desc"
        assert p["showDeleted"] == "true" and p["readMask"] == "name,state" and p["pageSize"] == "2"


def test_one_page_at_a_time() -> None:
    fetched: list[str | None] = []

    def fetch(token: str | None) -> ListDeploymentsResponse:
        fetched.append(token)
        return ListDeploymentsResponse.from_dict(PAGES[token])

    pages = iter_pages(fetch)
    next(pages)
    assert fetched == [None]
    next(pages)
    assert fetched == [None, "t1"]


def test_a_repeated_token_stops_instead_of_looping(make_client: Callable[..., DeploymentsClient]) -> None:
    with respx.mock() as router:
        router.get(COLLECTION).respond(json={"deployments": [deployment()], "nextPageToken": "same"})
        with pytest.raises(APIResponseValidationError):
            list(make_client().iter_all())


async def test_async_iteration(make_async_client: Callable[..., AsyncDeploymentsClient]) -> None:
    with respx.mock() as router:
        route = router.get(COLLECTION).mock(side_effect=serve)
        async with make_async_client() as client:
            names = [d.name async for d in client.iter_all(order_by="name")]
    assert len(names) == 3 and route.call_count == 3
    assert all(call.request.url.params["orderBy"] == "name" for call in route.calls)


def test_page_bodies_are_freed_without_the_cyclic_collector(make_client: Callable[..., DeploymentsClient]) -> None:
    """httpx keeps a response and its stream wrapper in a cycle; the facade cuts it so memory stays at one page."""
    import gc
    import weakref

    seen: list[weakref.ref[httpx.Response]] = []

    def serve_and_watch(request: httpx.Request) -> httpx.Response:
        response = serve(request)
        seen.append(weakref.ref(response))
        return response

    gc.collect()
    gc.disable()
    try:
        client = make_client(transport=httpx.MockTransport(serve_and_watch))
        names = [d.name for d in client.iter_all(page_size=2)]
        assert len(names) == 3 and len(seen) == 3
        alive = [ref for ref in seen if ref() is not None]
        assert not alive, f"{len(alive)} page responses still alive without a garbage collection"
    finally:
        gc.enable()

"""Lazy iteration over every deployment, one page in memory at a time.

The page fetcher is a callable taking the page token, so the loop knows nothing of HTTP
and is shared by the facade, tests and anyone calling the generated ``list_deployments``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator

from fireworks_deployments_client.models import Deployment, ListDeploymentsResponse
from fireworks_deployments_client.types import Unset

from .errors import APIResponseValidationError

__all__ = ["AsyncPageFetcher", "PageFetcher", "aiter_items", "aiter_pages", "iter_items", "iter_pages"]

PageFetcher = Callable[[str | None], ListDeploymentsResponse]
AsyncPageFetcher = Callable[[str | None], Awaitable[ListDeploymentsResponse]]


def _next_token(page: ListDeploymentsResponse, token: str | None) -> str | None:
    """The token of the following page; None ends the iteration (absent or empty ``nextPageToken``)."""
    nxt = page.next_page_token
    if isinstance(nxt, Unset) or not nxt:
        return None
    if nxt == token:
        # A server that hands back the token it was given would make us loop forever.
        message = f"nextPageToken {nxt!r} repeats the request's pageToken"
        raise APIResponseValidationError(message, status_code=200, body=page)
    return nxt


def _items(page: ListDeploymentsResponse) -> list[Deployment]:
    return [] if isinstance(page.deployments, Unset) else page.deployments


def iter_pages(fetch: PageFetcher) -> Iterator[ListDeploymentsResponse]:
    """Yield pages, passing each ``nextPageToken`` on, until a page has none."""
    token: str | None = None
    while True:
        page = fetch(token)
        yield page
        token = _next_token(page, token)
        if token is None:
            return


def iter_items(fetch: PageFetcher) -> Iterator[Deployment]:
    """Yield every deployment of every page; empty pages (even a last empty one) are skipped."""
    for page in iter_pages(fetch):
        yield from _items(page)


async def aiter_pages(fetch: AsyncPageFetcher) -> AsyncIterator[ListDeploymentsResponse]:
    """Async twin of ``iter_pages``."""
    token: str | None = None
    while True:
        page = await fetch(token)
        yield page
        token = _next_token(page, token)
        if token is None:
            return


async def aiter_items(fetch: AsyncPageFetcher) -> AsyncIterator[Deployment]:
    """Async twin of ``iter_items``."""
    async for page in aiter_pages(fetch):
        for item in _items(page):
            yield item

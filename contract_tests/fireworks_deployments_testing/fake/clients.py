"""httpx clients that reach a fake's in-process app (no sockets)."""

from __future__ import annotations

import warnings
from typing import Any

import httpx

from .app import create_app
from .handle import Fake

__all__ = ["sync_client", "async_client", "sync_transport", "async_transport", "BASE_URL"]

BASE_URL = "http://fireworks-fake.local"


def _auth(fake: Fake, headers: dict[str, str] | None) -> dict[str, str]:
    return {"Authorization": f"Bearer {fake.api_key}", **(headers or {})}


def sync_client(
    fake: Fake, *, authenticated: bool = True, headers: dict[str, str] | None = None, **kwargs: Any
) -> httpx.Client:
    """A sync httpx client (Starlette's TestClient) whose requests go to the fake's app."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Starlette 1.x nudges towards httpx2; httpx 0.28 is our pin
        from starlette.testclient import TestClient

        return TestClient(
            create_app(fake), base_url=BASE_URL, headers=_auth(fake, headers) if authenticated else headers, **kwargs
        )


def async_client(
    fake: Fake, *, authenticated: bool = True, headers: dict[str, str] | None = None, **kwargs: Any
) -> httpx.AsyncClient:
    """An async httpx client over ``httpx.ASGITransport`` to the fake's app."""
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=create_app(fake)),
        base_url=BASE_URL,
        headers=_auth(fake, headers) if authenticated else headers,
        **kwargs,
    )


def sync_transport(fake: Fake) -> httpx.MockTransport:
    """A sync httpx transport answering every request from the fake in-process, whatever its host.

    For clients that take a transport (``DeploymentsClient(transport=...)``) and for respx side effects;
    the request's own headers (its API key) are passed on untouched.
    """
    upstream = sync_client(fake, authenticated=False)

    def forward(request: httpx.Request) -> httpx.Response:
        answer = upstream.request(
            request.method, request.url.raw_path.decode("ascii"), headers=request.headers, content=request.content
        )
        return httpx.Response(answer.status_code, headers=answer.headers, content=answer.content)

    return httpx.MockTransport(forward)


def async_transport(fake: Fake) -> httpx.ASGITransport:
    """An async httpx transport to the fake's app in-process (the async twin of :func:`sync_transport`)."""
    return httpx.ASGITransport(app=create_app(fake))

"""An ASGI app that answers every request with the same small JSON, for uvicorn: the floor of the fake's server.

    python -m uvicorn scripts.bench.empty_asgi:app --port P --log-level warning --no-access-log

The throughput table's ``uvicorn-empty`` row: what uvicorn (httptools, uvloop) serves when the application
does no work at all. No server built on uvicorn can pass it; at one connection it shows how much of a row is
the round trip rather than the server.
"""

from __future__ import annotations

from typing import Any

BODY = b'{"name":"accounts/bench-account/deployments/bench-0","baseModel":"m","state":"READY"}'
HEADERS = [(b"content-type", b"application/json"), (b"content-length", str(len(BODY)).encode())]


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] != "http":
        return
    more = True
    while more:  # read the request body, as any server must
        message = await receive()
        more = message.get("more_body", False) and message["type"] == "http.request"
    await send({"type": "http.response.start", "status": 200, "headers": HEADERS})
    await send({"type": "http.response.body", "body": BODY})

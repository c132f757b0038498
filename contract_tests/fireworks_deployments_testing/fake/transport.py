"""Transport limits of the standalone server, and the uvicorn configuration that applies them.

uvicorn (with httptools) puts no limit on the size or number of request headers, nor on how long a
client may take to send them. :class:`TransportLimits` sets those three; :func:`server_config` builds the
``uvicorn.Config`` that the CLI and :class:`~fireworks_deployments_testing.fake.server.FakeServer` both use, with a
protocol class that enforces them and answers in the API's error body:

* request line + headers larger than ``max_header_bytes`` -> 431 (414 when the request line alone is);
* more than ``max_headers`` header lines -> 431;
* headers not complete ``header_timeout`` seconds after the connection opened (or after the first byte of
  the next request on a kept-alive connection) -> 408, connection closed;
* a request the HTTP parser cannot read (an unknown method, a broken request line) -> 400.

Each is a JSON ``{code, message, details}`` body with ``connection: close``, instead of uvicorn's plain text.
On shutdown (:class:`Server`) requests sleeping in a ``latency`` fault are cancelled at once (they answer
503), the others get :data:`SHUTDOWN_GRACE` seconds and are then cancelled, so SIGTERM or Ctrl-C stops the
fake promptly whatever faults are on.
"""

from __future__ import annotations

import asyncio
import json
import socket
from dataclasses import dataclass
from typing import Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

from .faults import cancel_fault_sleeps

__all__ = ["TransportLimits", "Server", "server_config", "bind", "SHUTDOWN_GRACE"]

SHUTDOWN_GRACE = 1  # seconds in-flight requests get on SIGTERM / Ctrl-C before they are cancelled
_CODES = {400: 3, 408: 4, 414: 3, 431: 3}  # HTTP status -> gRPC code in the error body


@dataclass(frozen=True)
class TransportLimits:
    max_header_bytes: int = 32 * 1024  # request line and headers together
    max_headers: int = 100
    header_timeout: float = 10.0  # seconds to send the request line and headers

    def __post_init__(self) -> None:
        if self.max_header_bytes < 1024 or self.max_headers < 1 or not 0 < self.header_timeout <= 3600:
            raise ValueError("transport limits: max_header_bytes >= 1024, max_headers >= 1, 0 < header_timeout <= 3600")


class _Reject(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


class _CoalescedWrites:
    """A connection's transport whose writes within one turn of the event loop leave as one ``writelines``.

    uvicorn writes a response's status line and headers, then its body, each with its own ``write``: two
    system calls and two TCP segments per answer. Here they are sent together at the end of the turn (one
    ``writev``). Closing sends what is pending first; everything else is the transport's own.
    """

    __slots__ = ("_transport", "_loop", "_pending")

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop):
        self._transport = transport
        self._loop = loop
        self._pending: list[bytes] = []

    def write(self, data: bytes) -> None:
        if not self._pending:
            self._loop.call_soon(self._flush)
        self._pending.append(data)

    def _flush(self) -> None:
        pending = self._pending
        if pending:
            self._pending = []
            if not self._transport.is_closing():
                self._transport.writelines(pending)

    def close(self) -> None:
        self._flush()
        self._transport.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class _LimitedProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with header limits and JSON answers to what it refuses."""

    limits: TransportLimits = TransportLimits()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._reject: _Reject | None = None
        self._in_head = True
        self._raw_head = 0
        self._url_bytes = 0
        self._header_bytes = 0
        self._header_count = 0
        self._head_timer: asyncio.TimerHandle | None = None
        self._head_deadline = 0.0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self.transport = _CoalescedWrites(transport, self.loop)  # type: ignore[assignment]
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        """Start the head's clock; a timer is only created when none is pending.

        On a kept-alive connection the timer armed for an earlier head is reused: when it fires it looks at
        the current head's deadline and waits again if that lies later. So a connection has at most one
        timer per ``header_timeout``, not one created and cancelled per request.
        """
        self._head_deadline = self.loop.time() + self.limits.header_timeout
        if self._head_timer is None:
            self._head_timer = self.loop.call_at(self._head_deadline, self._head_timed_out)

    def _disarm(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if not self._in_head or self.transport.is_closing():
            return  # that head was complete in time; the next one arms a timer of its own
        if self.loop.time() < self._head_deadline:  # a later head, begun after this timer was armed
            self._head_timer = self.loop.call_at(self._head_deadline, self._head_timed_out)
            return
        self._refuse(_Reject(408, f"request headers not received within {self.limits.header_timeout:g} seconds"))

    def data_received(self, data: bytes) -> None:
        if self._in_head:
            self._raw_head += len(data)
        super().data_received(data)  # parser errors (ours included) end in send_400_response
        if self._in_head and self._raw_head > self.limits.max_header_bytes and not self.transport.is_closing():
            self._refuse(_Reject(431, f"request line and headers exceed {self.limits.max_header_bytes} bytes"))

    def on_message_begin(self) -> None:
        super().on_message_begin()
        if not self._in_head:  # the next request on a kept-alive connection
            self._in_head = True
            self._raw_head = self._url_bytes = self._header_bytes = self._header_count = 0
            self._arm()

    def on_url(self, url: bytes) -> None:
        self._url_bytes += len(url)
        if self._url_bytes > self.limits.max_header_bytes:
            self._fail(414, f"request line exceeds {self.limits.max_header_bytes} bytes")
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._header_count += 1
        self._header_bytes += len(name) + len(value) + 4
        if self._header_count > self.limits.max_headers:
            self._fail(431, f"more than {self.limits.max_headers} request headers")
        if self._url_bytes + self._header_bytes > self.limits.max_header_bytes:
            self._fail(431, f"request line and headers exceed {self.limits.max_header_bytes} bytes")
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        self._in_head = False  # the pending timer, if any, finds the head complete and stops
        self._raw_head = 0
        super().on_headers_complete()

    def _fail(self, status: int, message: str) -> None:
        """Stop the parser (httptools turns a callback's exception into HttpParserError -> send_400_response)."""
        self._reject = _Reject(status, message)
        raise self._reject

    def send_400_response(self, msg: str) -> None:
        self._refuse(
            self._reject or _Reject(400, "malformed HTTP request: the request line or headers cannot be parsed")
        )

    def _refuse(self, error: _Reject) -> None:
        self._disarm()
        body = json.dumps({"code": _CODES.get(error.status, 3), "message": error.message, "details": []}).encode()
        head = [
            STATUS_LINE[error.status],
            b"content-type: application/json\r\n",
            b"content-length: " + str(len(body)).encode("ascii") + b"\r\n",
            b"connection: close\r\n\r\n",
        ]
        self.transport.write(b"".join(head) + body)
        self.transport.close()


class Server(uvicorn.Server):
    """uvicorn's server, cancelling fault sleeps as soon as it starts shutting down."""

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        cancel_fault_sleeps()
        await super().shutdown(sockets=sockets)


def _protocol(limits: TransportLimits) -> type[asyncio.Protocol]:
    """A protocol class bound to ``limits`` (uvicorn instantiates it per connection)."""
    return type("LimitedHttpToolsProtocol", (_LimitedProtocol,), {"limits": limits})


def server_config(
    app: Any,
    *,
    host: str,
    port: int,
    limits: TransportLimits | None = None,
    log_level: str = "warning",
    access_log: bool = False,
) -> uvicorn.Config:
    """The uvicorn configuration of the standalone fake (CLI and FakeServer alike)."""
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level=log_level,
        access_log=access_log,
        lifespan="off",
        proxy_headers=False,  # the fake reads no client address or scheme: no X-Forwarded-* rewriting per request
        http=_protocol(limits or TransportLimits()),
        timeout_graceful_shutdown=SHUTDOWN_GRACE,
    )


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port`` (port 0: any free one); raises OSError, e.g. when the port is taken."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a TIME_WAIT port is free; a listening one is not
        sock.bind(address)
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock

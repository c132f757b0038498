"""``create_app(...)``: the ASGI app serving the spec's paths and the control surface.

The spec's paths are matched and answered by plain ASGI code (:class:`_ApiRoutes`), with Starlette only
around it (its last-resort error handler) and behind it (the control surface, unknown paths): a request to
the API costs no router walk and no ``Request`` or ``Response`` object.

Per request: faults (latency, 429, 503, dropped connection) -> route -> method
(405 with Allow) -> auth (401/403) -> validation -> handler -> JSON. Every
error goes through :func:`errors.error_body`. Handlers get the backend's
results shared (not copied); they are only read, serialized once.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route, compile_path
from starlette.types import ASGIApp, Receive, Scope, Send

from ..rules import guards
from ..rules.errors import (
    MSG_PERMISSION_DENIED,
    MSG_TOO_LARGE,
    MSG_UNAUTHENTICATED,
    FakeError,
    Internal,
    MethodNotAllowed,
    NotFound,
    PayloadTooLarge,
    PermissionDenied,
    ResourceExhausted,
    Unauthenticated,
    Unavailable,
    error_body,
)
from . import control
from .encoding import dumps
from .faults import RETRY_AFTER_SECONDS, AnswerLost, ConnectionDropped, fault_sleep
from .handle import Fake
from .handlers import DEPLOYMENT_RESPONSES, HANDLERS
from .routes import CONTROL_PREFIX, AnyMethod, ApiRoute, api_routes
from .validation import MAX_BODY_BYTES, check_content_type, prepare_all, validator

__all__ = ["create_app", "json_response", "error_response"]

_DIGIT = re.compile(r"[0-9]")


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(dumps(body), status, headers, media_type="application/json")


def error_response(error: FakeError) -> Response:
    return json_response(error_body(error), error.status, error.headers)


class _Call:
    """What an API endpoint reads of a request, straight from the ASGI scope (no Starlette ``Request``)."""

    __slots__ = ("method", "path", "query_string", "path_params", "headers", "receive")

    def __init__(self, scope: Scope, receive: Receive, path_params: dict[str, str]):
        self.method: str = scope["method"]
        self.path: str = scope["path"]
        self.query_string: str = scope["query_string"].decode("latin-1")
        self.path_params = path_params
        headers: dict[bytes, bytes] = {}
        for name, value in scope["headers"]:  # the first of repeated headers, as Starlette's Headers.get
            headers.setdefault(name, value)
        self.headers = headers
        self.receive = receive

    def header(self, name: bytes) -> str | None:
        value = self.headers.get(name)
        return None if value is None else value.decode("latin-1")

    async def body(self) -> bytes:
        declared = self.headers.get(b"content-length", b"")
        if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
            raise PayloadTooLarge(MSG_TOO_LARGE.format(limit=MAX_BODY_BYTES))
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await self.receive()
            if message["type"] == "http.disconnect":
                raise ClientDisconnect()
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > MAX_BODY_BYTES:
                raise PayloadTooLarge(MSG_TOO_LARGE.format(limit=MAX_BODY_BYTES))
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)


async def _send_json(send: Send, body: Any, status: int = 200, headers: dict[str, str] | None = None) -> None:
    """The answer :func:`json_response` gives (same headers, same order), sent without a Response object."""
    content = dumps(body)
    raw = content.encode("utf-8") if isinstance(content, str) else content
    head = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()] if headers else []
    head += [(b"content-length", str(len(raw)).encode("latin-1")), (b"content-type", b"application/json")]
    await send({"type": "http.response.start", "status": status, "headers": head})
    await send({"type": "http.response.body", "body": raw})


class _ApiRoutes:
    """Pure ASGI: the spec's paths matched here with the same patterns Starlette compiles (``compile_path``),
    the rest (control surface, unknown paths) passed on to the Starlette router."""

    def __init__(self, app: ASGIApp, fake: Fake):
        self.app = app
        self.routes = [(compile_path(r.path)[0], _endpoint(r, fake)) for r in api_routes()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not scope.get("root_path"):
            path = scope["path"]
            for pattern, endpoint in self.routes:
                match = pattern.match(path)
                if match is not None:
                    await endpoint(_Call(scope, receive, match.groupdict()), send)
                    return
        await self.app(scope, receive, send)


class _TransportFaults:
    """Pure ASGI middleware for the faults that act before routing (API paths only)."""

    def __init__(self, app: ASGIApp, fake: Fake):
        self.app = app
        self.faults = fake.faults

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        faults = self.faults
        if scope["type"] != "http" or not faults or scope["path"].startswith(CONTROL_PREFIX):
            await self.app(scope, receive, send)
            return
        latency = faults.value("latency")
        if latency:
            try:
                await fault_sleep(latency)
            except asyncio.CancelledError:  # the server is stopping (SIGTERM, Ctrl-C): answer, then stop
                await error_response(Unavailable("the fake is shutting down"))(scope, receive, send)
                raise
        error: FakeError | None = None
        if faults.roll("drop_connection"):
            await _cut(send)
        if faults.roll("rate_limit"):
            error = ResourceExhausted(
                "rate limit exceeded (rate_limit fault)", headers={"Retry-After": RETRY_AFTER_SECONDS}
            )
        elif faults.roll("unavailable"):
            error = Unavailable(
                "service unavailable, try again (unavailable fault)", headers={"Retry-After": RETRY_AFTER_SECONDS}
            )
        if error is not None:
            await error_response(error)(scope, receive, send)
            return
        try:
            await self.app(scope, receive, send)
        except AnswerLost:  # drop_after_commit: the write is stored, its answer never arrives
            await _cut(send, "drop_after_commit")


async def _cut(send: Send, fault: str = "drop_connection") -> None:
    """Start a response and break off: the client sees the connection cut before a full answer."""
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"application/json"), (b"content-length", b"64")],
        }
    )
    raise ConnectionDropped(fault)


def _tamper(body: dict[str, Any], fake: Fake) -> dict[str, Any]:
    faults = fake.faults
    body = dict(body)  # the backend's result may be a stored (copy-on-write) record: change a copy
    if faults.roll("drop_required_field"):
        body.pop("baseModel", None)
    if "replicaCount" in body and faults.roll("wrong_type"):
        body["replicaCount"] = str(body["replicaCount"])
    return body


def _endpoint(route: ApiRoute, fake: Fake) -> Callable[[_Call, Send], Awaitable[None]]:
    validators = {method: validator(op_id) for method, op_id in route.methods.items()}
    handlers = {method: HANDLERS[op_id] for method, op_id in route.methods.items()}
    allow = route.allow
    keys = fake.api_keys

    async def endpoint(request: _Call, send: Send) -> None:
        try:
            method = request.method
            check = validators.get(method)
            if check is None:
                raise MethodNotAllowed(f"method {method} is not allowed on {request.path}", headers={"Allow": allow})
            auth = request.header(b"authorization") or ""
            scheme, _, key = auth.partition(" ")
            account = keys.get(key.strip()) if scheme.lower() == "bearer" else None
            if account is None:
                raise Unauthenticated(MSG_UNAUTHENTICATED)
            raw_path = request.path_params
            if raw_path.get("account_id") != account:
                raise PermissionDenied(MSG_PERMISSION_DENIED.format(account=raw_path.get("account_id")))
            faults = fake.faults
            path, query = check.parse_params(
                request.path,
                raw_path,
                request.query_string,
                empty_is_set=bool(faults) and faults.roll("zero_values_set"),
            )
            body = None
            if check.has_body:
                check_content_type(request.header(b"content-type"))
                raw = await request.body()
                guards.check_json(raw)
                body = check.parse_body(
                    raw,
                    accept_invalid_enum=faults.roll("accept_invalid_enum"),
                    allow_read_only=faults.roll("writable_read_only"),
                    reject_read_only=faults.roll("reject_read_only"),
                    keep_unknown=faults.roll("keep_unknown_keys"),
                )
                if _DIGIT.search(str(body.get("displayName", ""))) and faults.roll("server_error"):
                    raise Internal("internal error (server_error fault)")
            result = handlers[method](fake.backend, path, query, body)
            if method != "GET" and not query.get("validateOnly") and fake.faults.roll("drop_after_commit"):
                raise AnswerLost()
            if check.operation.operation_id in DEPLOYMENT_RESPONSES and fake.faults:
                result = _tamper(result, fake)
            elif result.get("deployments") and fake.faults:
                result["deployments"] = [_tamper(d, fake) for d in result["deployments"]]
            await _send_json(send, result)
        except FakeError as exc:
            await _send_json(send, error_body(exc), exc.status, exc.headers)

    return endpoint


async def _internal_error(request: Request, exc: Exception) -> Response:
    """The last resort (a bug in the fake): still the API's JSON error body, never uvicorn's plain text."""
    return error_response(Internal(f"internal error in the fake: {type(exc).__name__}"))


async def _unknown_path(request: Request) -> Response:
    return error_response(NotFound(f"no such path: {request.method} {request.url.path}"))


def create_app(fake: Fake | None = None, **options: Any) -> Starlette:
    """The ASGI app of ``fake`` (or of a new ``Fake(**options)``); ``app.state.fake`` is the handle."""
    if fake is None:
        fake = Fake(**options)
    elif options:
        raise TypeError("pass either a Fake or options for a new one, not both")
    prepare_all()
    routes = control.routes(fake)
    routes.append(Route("/{path:path}", AnyMethod(_unknown_path)))
    app = Starlette(
        routes=routes,
        middleware=[Middleware(_TransportFaults, fake=fake), Middleware(_ApiRoutes, fake=fake)],
        exception_handlers={Exception: _internal_error},
    )
    app.state.fake = fake
    return app

"""``create_app(...)``: the Starlette app serving the spec's paths and the control surface.

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

import orjson
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
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
from .faults import RETRY_AFTER_SECONDS, AnswerLost, ConnectionDropped, fault_sleep
from .handle import Fake
from .handlers import DEPLOYMENT_RESPONSES, HANDLERS
from .routes import CONTROL_PREFIX, AnyMethod, ApiRoute, api_routes
from .validation import MAX_BODY_BYTES, check_content_type, prepare_all, validator

__all__ = ["create_app", "json_response", "error_response"]

_DIGIT = re.compile(r"[0-9]")


def _dumps(body: Any) -> bytes | str:
    """Compact UTF-8 JSON. orjson when it gives what ``json.dumps`` would (up to float spelling, e.g. ``1e-7``
    for ``1e-07``); ``json.dumps`` for what orjson refuses (ints beyond 64 bits, lone surrogates) or writes
    differently (NaN and Infinity, which orjson turns into ``null``: any ``null`` in its output takes this path).
    That path never fails and always writes valid JSON (:func:`guards.json_text`).
    """
    try:
        out = orjson.dumps(body)
    except (TypeError, orjson.JSONEncodeError):
        out = b"null"
    if b"null" in out:
        return guards.json_text(body)
    return out


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(_dumps(body), status, headers, media_type="application/json")


def error_response(error: FakeError) -> Response:
    return json_response(error_body(error), error.status, error.headers)


async def _read_body(request: Request) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise PayloadTooLarge(MSG_TOO_LARGE.format(limit=MAX_BODY_BYTES))
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise PayloadTooLarge(MSG_TOO_LARGE.format(limit=MAX_BODY_BYTES))
        chunks.append(chunk)
    return b"".join(chunks)


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


def _endpoint(route: ApiRoute, fake: Fake) -> Callable[[Request], Awaitable[Response]]:
    validators = {method: validator(op_id) for method, op_id in route.methods.items()}
    handlers = {method: HANDLERS[op_id] for method, op_id in route.methods.items()}
    allow = route.allow
    keys = fake.api_keys

    async def endpoint(request: Request) -> Response:
        try:
            method = request.method
            check = validators.get(method)
            if check is None:
                raise MethodNotAllowed(
                    f"method {method} is not allowed on {request.url.path}", headers={"Allow": allow}
                )
            auth = request.headers.get("authorization", "")
            scheme, _, key = auth.partition(" ")
            account = keys.get(key.strip()) if scheme.lower() == "bearer" else None
            if account is None:
                raise Unauthenticated(MSG_UNAUTHENTICATED)
            raw_path = request.path_params
            if raw_path.get("account_id") != account:
                raise PermissionDenied(MSG_PERMISSION_DENIED.format(account=raw_path.get("account_id")))
            items = request.query_params.multi_items()
            guards.check_params(raw_path.items(), "path")
            guards.check_params(items, "query")
            path = check.parse_path(raw_path)
            faults = fake.faults
            query = check.parse_query(items, empty_is_set=bool(faults) and faults.roll("zero_values_set"))
            body = None
            if check.has_body:
                check_content_type(request.headers.get("content-type"))
                raw = await _read_body(request)
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
            return json_response(result)
        except FakeError as exc:
            return error_response(exc)

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
    routes = [Route(r.path, AnyMethod(_endpoint(r, fake))) for r in api_routes()]
    routes += control.routes(fake)
    routes.append(Route("/{path:path}", AnyMethod(_unknown_path)))
    app = Starlette(
        routes=routes,
        middleware=[Middleware(_TransportFaults, fake=fake)],
        exception_handlers={Exception: _internal_error},
    )
    app.state.fake = fake
    return app

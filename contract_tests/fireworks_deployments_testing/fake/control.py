"""The control surface outside the API's paths (``/_fake/...``): what a test harness changes from outside.

* ``POST /_fake/reset`` -> ``{}``: forget every deployment of every account; restore the start-up faults
  and transition rule.
* ``GET|POST /_fake/transitions`` with ``{"rule": "immediate" | "reads:N" | "seconds:S"}``.
* ``GET|POST /_fake/faults`` with ``{"name": value, ...}``; ``?replace=true`` clears the others first.
  Values are finite: fractions in [0, 1], ``latency`` in [0, ``faults.MAX_LATENCY``] seconds.
* ``POST /_fake/seed`` with ``{"account": "...", "count": N}`` -> ``{"ids": [...]}``: N READY deployments
  (0 <= N <= :data:`MAX_SEED_COUNT`; the account must follow the spec's id rule; existing ids are skipped).
* ``GET /_fake/health`` -> ``{"ok": true}`` (never needs the token: readiness probes use it).

With a control token (``Fake(control_token=...)``, ``--control-token``) every endpoint but health needs
the header ``X-Fake-Control-Token: <token>`` (else 401). Every answer, errors included, is a JSON body.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..rules import guards
from ..rules.errors import FakeError, InvalidArgument, MethodNotAllowed, PayloadTooLarge, Unauthenticated, error_body
from .routes import AnyMethod

if TYPE_CHECKING:
    from .handle import Fake

__all__ = ["routes", "TOKEN_HEADER", "MAX_SEED_COUNT", "MAX_CONTROL_BODY_BYTES"]

TOKEN_HEADER = "X-Fake-Control-Token"
MAX_SEED_COUNT = 1000  # one seed call holds the state lock; 1,000 records take well under 100 ms
MAX_CONTROL_BODY_BYTES = 64 * 1024
_SEED_KEYS = frozenset({"account", "count"})


def _json(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(guards.json_text(body), status, headers, media_type="application/json")


def _reject_constant(token: str) -> Any:
    raise ValueError(f"{token} is not a JSON number")


async def _body(request: Request) -> dict[str, Any]:
    raw = await request.body()
    if len(raw) > MAX_CONTROL_BODY_BYTES:
        raise PayloadTooLarge(f"body: exceeds {MAX_CONTROL_BODY_BYTES} bytes")
    if not raw.strip():
        return {}
    guards.check_json(raw)
    try:
        data = json.loads(raw, parse_constant=_reject_constant)
    except (ValueError, RecursionError) as exc:
        raise InvalidArgument(f"body: malformed JSON ({exc})") from None
    if not isinstance(data, dict):
        raise InvalidArgument("body: must be a JSON object")
    return data


def _count(value: Any) -> int:
    if type(value) is not int:
        raise InvalidArgument(f"count: must be an integer, not {json.dumps(value)[:40]}")
    if not 0 <= value <= MAX_SEED_COUNT:
        raise InvalidArgument(f"count: must be between 0 and {MAX_SEED_COUNT}, not {value}")
    return value


Handler = Callable[[Request], Awaitable[Response]]


def routes(fake: Fake) -> list[Route]:
    def guarded(methods: tuple[str, ...], handler: Handler, *, open_: bool = False) -> Handler:
        allow = ", ".join(methods)

        async def endpoint(request: Request) -> Response:
            try:
                token = fake.control_token
                if token is not None and not open_:
                    sent = request.headers.get(TOKEN_HEADER, "")
                    if not hmac.compare_digest(sent.encode("utf-8", "replace"), token.encode("utf-8")):
                        raise Unauthenticated(f"control surface: missing or wrong {TOKEN_HEADER} header")
                if request.method not in methods:
                    raise MethodNotAllowed(
                        f"method {request.method} is not allowed on {request.url.path}", headers={"Allow": allow}
                    )
                return await handler(request)
            except FakeError as exc:
                return _json(error_body(exc), exc.status, exc.headers)
            except (ValueError, TypeError) as exc:
                return _json(error_body(InvalidArgument(str(exc))), 400)

        return endpoint

    async def reset(request: Request) -> Response:
        fake.reset()
        return _json({})

    async def transitions(request: Request) -> Response:
        if request.method == "POST":
            rule = (await _body(request)).get("rule", "immediate")
            if not isinstance(rule, str):
                raise InvalidArgument("rule: must be a string such as immediate, reads:N or seconds:S")
            guards.check_text(rule, "rule")
            try:
                fake.set_transition(rule)
            except ValueError as exc:
                raise InvalidArgument(f"rule: {exc}") from None
        return _json({"rule": str(fake.backend.transition)})

    async def faults(request: Request) -> Response:
        if request.method == "POST":
            try:
                fake.set_faults(await _body(request), replace=request.query_params.get("replace") == "true")
            except (ValueError, TypeError) as exc:
                raise InvalidArgument(f"faults: {exc}") from None
        return _json(fake.faults.as_dict())

    async def seed(request: Request) -> Response:
        data = await _body(request)
        unknown = sorted(set(data) - _SEED_KEYS)
        if unknown:
            raise InvalidArgument(f"{unknown[0]}: unknown key; seed takes {', '.join(sorted(_SEED_KEYS))}")
        account = data.get("account", fake.account_id)
        if not isinstance(account, str):
            raise InvalidArgument("account: must be a string")
        count = _count(data.get("count", 0)) if guards.active("control") else int(data.get("count", 0))
        return _json({"ids": fake.seed_deployments(account, count)})

    async def health(request: Request) -> Response:
        return _json({"ok": True})

    table: list[tuple[str, tuple[str, ...], Handler, bool]] = [
        ("/_fake/reset", ("POST",), reset, False),
        ("/_fake/transitions", ("GET", "POST"), transitions, False),
        ("/_fake/faults", ("GET", "POST"), faults, False),
        ("/_fake/seed", ("POST",), seed, False),
        ("/_fake/health", ("GET", "HEAD"), health, True),
    ]
    return [Route(path, AnyMethod(guarded(methods, h, open_=o))) for path, methods, h, o in table]

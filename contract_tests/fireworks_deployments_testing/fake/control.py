"""A small control surface outside the API's paths (``/_fake/...``), for the standalone server.

* ``POST /_fake/reset`` -> ``{}``: forget every deployment, restore the start-up faults and transition rule.
* ``GET|POST /_fake/transitions`` with ``{"rule": "immediate" | "reads:N" | "seconds:S"}``.
* ``GET|POST /_fake/faults`` with ``{"name": value, ...}``; ``?replace=true`` clears the others first.
* ``POST /_fake/seed`` with ``{"account": "...", "count": N}`` -> ``{"ids": [...]}`` for scale tests.
* ``GET /_fake/health`` -> ``{"ok": true}``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..rules.errors import InvalidArgument, error_body

if TYPE_CHECKING:
    from .handle import Fake

__all__ = ["routes"]


def _json(body: Any, status: int = 200) -> Response:
    return Response(json.dumps(body), status, media_type="application/json")


async def _body(request: Request) -> dict[str, Any]:
    raw = await request.body()
    if not raw:
        return {}
    try:
        data = json.loads(raw)
    except ValueError:
        raise InvalidArgument("body: malformed JSON") from None
    if not isinstance(data, dict):
        raise InvalidArgument("body: must be a JSON object")
    return data


def routes(fake: Fake) -> list[Route]:
    async def reset(request: Request) -> Response:
        fake.reset()
        return _json({})

    async def transitions(request: Request) -> Response:
        if request.method == "POST":
            try:
                fake.set_transition((await _body(request)).get("rule", "immediate"))
            except (ValueError, InvalidArgument) as exc:
                return _json(error_body(InvalidArgument(f"rule: {exc}")), 400)
        return _json({"rule": str(fake.backend.transition)})

    async def faults(request: Request) -> Response:
        if request.method == "POST":
            try:
                fake.set_faults(await _body(request), replace=request.query_params.get("replace") == "true")
            except (ValueError, TypeError, InvalidArgument) as exc:
                return _json(error_body(InvalidArgument(f"faults: {exc}")), 400)
        return _json(fake.faults.as_dict())

    async def seed(request: Request) -> Response:
        try:
            data = await _body(request)
            ids = fake.seed_deployments(str(data.get("account", fake.account_id)), int(data.get("count", 0)))
        except (ValueError, TypeError, InvalidArgument) as exc:
            return _json(error_body(InvalidArgument(f"seed: {exc}")), 400)
        return _json({"ids": ids})

    async def health(request: Request) -> Response:
        return _json({"ok": True})

    return [
        Route("/_fake/reset", reset, methods=["POST"]),
        Route("/_fake/transitions", transitions, methods=["GET", "POST"]),
        Route("/_fake/faults", faults, methods=["GET", "POST"]),
        Route("/_fake/seed", seed, methods=["POST"]),
        Route("/_fake/health", health, methods=["GET"]),
    ]

"""The floor of the contract-suite benchmark: a trivial Starlette app with one canned answer per operation.

Each operation of the spec answers its first documented success example (status and body read from
the spec) to any request that carries the expected bearer key, and the spec's 401 example to one that
does not (so schemathesis' auth check does not fail on the floor). It keeps no state and validates
nothing else, so a schemathesis run against it costs only schemathesis itself (generation, the
call, the checks).
"""

from __future__ import annotations

import json
import re
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from fireworks_deployments_testing.rules.spec import load_spec

from .common import API_KEY, operation_examples


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[^}]+\})", template)
    return re.compile("^" + "".join("[^/]+?" if p.startswith("{") else re.escape(p) for p in parts) + "$")


def create_canned_app(spec: dict[str, Any] | None = None, api_key: str = API_KEY) -> Starlette:
    spec = spec or load_spec()
    expected = f"Bearer {api_key}"
    unauthenticated = json.dumps(
        spec["components"]["responses"]["Unauthenticated"]["content"]["application/json"]["examples"]["missing"][
            "value"
        ]
    ).encode()
    table: list[tuple[re.Pattern[str], str, int, bytes]] = []
    for (method, path), (status, body) in operation_examples(spec).items():
        table.append((_pattern(path), method, status, json.dumps(body).encode()))
    # paths with a ":verb" suffix first, so /deployments/{id} does not swallow /deployments/{id}:scale
    table.sort(key=lambda row: (":" not in row[0].pattern.rsplit("/", 1)[-1], -len(row[0].pattern)))
    not_found = json.dumps({"code": 5, "message": "no such route", "details": []}).encode()
    headers = {"content-type": "application/json"}

    async def handle(request: Request) -> Response:
        if request.headers.get("authorization") != expected:
            return Response(unauthenticated, status_code=401, headers=headers)
        path = request.url.path
        for pattern, method, status, body in table:
            if method == request.method and pattern.match(path):
                return Response(body, status_code=status, headers=headers)
        return Response(not_found, status_code=404, headers=headers)

    methods = ["GET", "POST", "PUT", "PATCH", "DELETE"]
    return Starlette(routes=[Route("/{path:path}", handle, methods=methods)])

"""The route table as data, derived from the spec's paths.

Custom-method paths (``...:scale``, ``...:undelete``) come before
``/{deployment_id}`` so the plain route never swallows them.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from fireworks_deployments_testing.rules.spec import operations

__all__ = ["ApiRoute", "api_routes", "CONTROL_PREFIX", "AnyMethod"]

CONTROL_PREFIX = "/_fake"


@dataclass(frozen=True)
class ApiRoute:
    path: str  # Starlette path template, same placeholders as the spec
    methods: dict[str, str]  # HTTP method -> operationId

    @property
    def allow(self) -> str:
        return ", ".join(sorted(self.methods))


@functools.cache
def api_routes() -> tuple[ApiRoute, ...]:
    by_path: dict[str, dict[str, str]] = {}
    for op in operations().values():
        by_path.setdefault(op.path, {})[op.method] = op.operation_id
    # most specific first: paths with a literal custom-method suffix, then longer paths
    ordered = sorted(by_path, key=lambda p: (":" not in p.rsplit("}", 1)[-1], -p.count("/"), p))
    return tuple(ApiRoute(path, by_path[path]) for path in ordered)


class AnyMethod:
    """An endpoint reached by every HTTP method, even ones Starlette does not list (PROPFIND, ...).

    Starlette limits a function endpoint to the methods it is given and answers the rest itself in plain
    text; an ASGI endpoint like this one gets them all, so the fake answers each with its own JSON (405).
    """

    def __init__(self, handler: Callable[[Request], Awaitable[Response]]):
        self.handler = handler

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = await self.handler(Request(scope, receive))
        await response(scope, receive, send)

"""`sync`/`asyncio` parse the answer directly (openapi/templates/endpoint_module.py.jinja) and must give
exactly what `sync_detailed(...).parsed` / `asyncio_detailed(...).parsed` give, errors included."""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from fireworks_deployments_client import Client
from fireworks_deployments_client.errors import UnexpectedStatus
from spec_support import Operation, operations, python_name, synthesize

OPERATIONS = operations()
ERROR = {"code": 5, "message": "not found", "details": []}
# (status, body): documented success and error, an undocumented status, one HTTPStatus does not know
ANSWERS = [(200, None), (404, ERROR), (418, ERROR), (599, ERROR)]


def _call_args(op: Operation, module: Any) -> dict[str, Any]:
    signature = inspect.signature(module.sync_detailed)
    kwargs: dict[str, Any] = {python_name(p["name"]): "x" for p in op.parameters if p["in"] == "path"}
    body = op.json_body_schema()
    if body is not None:
        kwargs["body"] = signature.parameters["body"].annotation.from_dict(
            synthesize(body[1], unknown=False, request=True).value
        )
    return kwargs


def _outcome(call: Callable[[], Any]) -> tuple[str, Any]:
    try:
        result = call()
    except (UnexpectedStatus, ValueError) as exc:
        return "raised", type(exc).__name__
    return "returned", None if result is None else result.to_dict()


@pytest.mark.parametrize("raise_on_unexpected", [False, True])
@pytest.mark.parametrize(("status", "body"), ANSWERS)
@pytest.mark.parametrize("op", OPERATIONS, ids=[op.operation_id for op in OPERATIONS])
def test_sync_gives_what_sync_detailed_parsed_gives(
    op: Operation, status: int, body: Any, raise_on_unexpected: bool
) -> None:
    module = importlib.import_module(op.module)
    answer = synthesize(op.success_schema(), unknown=False).value if body is None else body
    transport = httpx.MockTransport(lambda request: httpx.Response(status, json=answer))
    client = Client(
        base_url="https://fireworks.invalid",
        httpx_args={"transport": transport},
        raise_on_unexpected_status=raise_on_unexpected,
    )
    kwargs = _call_args(op, module)
    with client as c:
        detailed = _outcome(lambda: module.sync_detailed(client=c, **kwargs).parsed)
        direct = _outcome(lambda: module.sync(client=c, **kwargs))
    assert direct == detailed
    if status == 599:
        assert detailed == ("raised", "ValueError")  # the case the shortcut has to reproduce on purpose


@pytest.mark.parametrize(("status", "body"), ANSWERS)
async def test_asyncio_gives_what_asyncio_detailed_parsed_gives(status: int, body: Any) -> None:
    op = next(o for o in OPERATIONS if o.module.endswith(".get_deployment"))
    module = importlib.import_module(op.module)
    answer = synthesize(op.success_schema(), unknown=False).value if body is None else body
    transport = httpx.MockTransport(lambda request: httpx.Response(status, json=answer))
    client = Client(base_url="https://fireworks.invalid", httpx_args={"transport": transport})
    kwargs = _call_args(op, module)
    outcomes = []
    async with client as c:
        for call in (module.asyncio_detailed, module.asyncio):
            try:
                result = await call(client=c, **kwargs)
                result = result.parsed if call is module.asyncio_detailed else result
                outcomes.append(("returned", None if result is None else result.to_dict()))
            except ValueError as exc:
                outcomes.append(("raised", type(exc).__name__))
    assert outcomes[0] == outcomes[1]

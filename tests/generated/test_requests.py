"""Each generated operation builds the request the spec describes.

The request is captured with httpx.MockTransport and compared with the spec
loaded from YAML: method, path (path parameters percent-encoded), query
parameter names and values, Content-Type and JSON body keys.
"""

from __future__ import annotations

import importlib
import inspect
import json
import re
import typing
from enum import Enum
from typing import Any

import httpx
import pytest
from fireworks_deployments_client import Client
from spec_support import Operation, operations, python_name, resolve, synthesize

BASE_URL = "https://fireworks.invalid"
# Needs escaping in a path segment: slash, space, colon, percent, non-ASCII.
PATH_VALUE = "a/b c:d%e~f_ü"
UNRESERVED = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
OPERATIONS = operations()


def percent_encode(value: str) -> str:
    """RFC 3986 encoding of a path segment: everything but unreserved characters."""
    return "".join(chr(b) if b in UNRESERVED else f"%{b:02X}" for b in value.encode("utf-8"))


def argument_for(param: dict[str, Any], annotation: Any) -> tuple[Any, str]:
    """(value passed to the generated function, value expected on the wire)."""
    schema = resolve(param.get("schema", {}))
    options = typing.get_args(annotation) or (annotation,)
    enum_cls = next((a for a in options if isinstance(a, type) and issubclass(a, Enum)), None)
    if enum_cls is not None:
        member = list(enum_cls)[-1]
        return member, str(member.value)
    kind = schema.get("type")
    if kind == "boolean":
        return True, "true"
    if kind == "integer":
        return 7, "7"
    if kind == "number":
        return 1.5, "1.5"
    return "some value/with=odd&chars", "some value/with=odd&chars"


@pytest.mark.parametrize("op", OPERATIONS, ids=[op.operation_id for op in OPERATIONS])
def test_generated_function_builds_the_request_the_spec_describes(op: Operation) -> None:
    module = importlib.import_module(op.module)
    signature = inspect.signature(module.sync_detailed)
    captured: list[httpx.Request] = []
    response_body = synthesize(op.success_schema(), unknown=False).value

    def handler(request: httpx.Request) -> httpx.Response:
        captured.append(request)
        return httpx.Response(200, json=response_body)

    kwargs: dict[str, Any] = {}
    expected_path = op.path
    expected_query: dict[str, str] = {}
    for param in op.parameters:
        name = python_name(param["name"])
        assert name in signature.parameters, f"{op.operation_id}: no argument for {param['in']} {param['name']}"
        if param["in"] == "path":
            kwargs[name] = PATH_VALUE
            expected_path = expected_path.replace("{" + param["name"] + "}", percent_encode(PATH_VALUE))
        elif param["in"] == "query":
            kwargs[name], expected_query[param["name"]] = argument_for(param, signature.parameters[name].annotation)
        else:
            pytest.fail(f"{op.operation_id}: {param['in']} parameters are not covered by this test yet")

    body = op.json_body_schema()
    expected_body: Any = None
    if body is not None:
        media_type, schema = body
        expected_body = synthesize(schema, unknown=False, request=True).value
        body_cls = signature.parameters["body"].annotation
        kwargs["body"] = body_cls.from_dict(expected_body)
    else:
        assert "body" not in signature.parameters

    client = Client(base_url=BASE_URL, httpx_args={"transport": httpx.MockTransport(handler)})
    with client as c:
        response = module.sync_detailed(client=c, **kwargs)

    assert response.status_code == 200
    (request,) = captured
    assert request.method == op.method.upper()
    raw_path, _, _ = request.url.raw_path.decode("ascii").partition("?")
    assert raw_path == expected_path
    assert dict(request.url.params) == expected_query
    assert len(request.url.params.multi_items()) == len(expected_query)
    if body is None:
        assert request.content == b""
    else:
        assert request.headers["content-type"] == media_type
        sent = json.loads(request.content)
        assert sent == expected_body
        assert set(sent) <= set(resolve(schema).get("properties", {})) | {"someKey"}
    assert response.parsed is not None
    assert response.parsed.to_dict() == response_body


@pytest.mark.parametrize("op", OPERATIONS[:1], ids=[op.operation_id for op in OPERATIONS[:1]])
async def test_async_variant_uses_the_same_request(op: Operation) -> None:
    module = importlib.import_module(op.module)
    seen: list[str] = []
    response_body = synthesize(op.success_schema(), unknown=False).value

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(f"{request.method} {request.url.raw_path.decode().partition('?')[0]}")
        return httpx.Response(200, json=response_body)

    kwargs: dict[str, Any] = {python_name(p["name"]): "x" for p in op.parameters if p["in"] == "path"}
    body = op.json_body_schema()
    if body is not None:
        cls = inspect.signature(module.asyncio_detailed).parameters["body"].annotation
        kwargs["body"] = cls.from_dict(synthesize(body[1], unknown=False, request=True).value)
    client = Client(base_url=BASE_URL, httpx_args={"transport": httpx.MockTransport(handler)})
    async with client as c:
        response = await module.asyncio_detailed(client=c, **kwargs)

    assert response.status_code == 200
    assert seen == [f"{op.method.upper()} {re.sub(r'{[^}]+}', 'x', op.path)}"]

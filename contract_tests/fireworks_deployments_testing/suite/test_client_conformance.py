"""Layer 3: the GENERATED client against the spec, through respx (no server involved).

* requests: inputs drawn from the spec's schemas go through
  ``fireworks_deployments_client.api.<tag>.<op>.sync_detailed``; the captured
  request must match the spec (method, path, query names and values, auth
  header, JSON body with declared keys only) and carry exactly the inputs.
* responses: spec-valid bodies plus unknown fields and unknown enum values are
  served back; the client must parse them into the declared model and give
  them back unchanged through ``to_dict()``.
* errors: a body for every declared error status parses into ErrorStatus.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote

import httpx
import pytest
import respx
from hypothesis import given, settings
from hypothesis import strategies as st

from fireworks_deployments_testing.rules.spec import Operation, operations
from fireworks_deployments_testing.suite import _server
from fireworks_deployments_testing.suite import generated_client as gc
from fireworks_deployments_testing.suite import strategies as cts
from fireworks_deployments_testing.suite.request_validator import path_regex, validate_request

OPERATIONS = list(operations().values())
IDS = [op.operation_id for op in OPERATIONS]
ERROR_CASES = [(op, status) for op in OPERATIONS for status in op.responses if not status.startswith("2")]
# Per (operation, status): a few examples only; drawn error bodies are exercised in test_error_bodies_parse.
_ERROR_EXAMPLES = 3


def _qs(value: Any) -> str:
    """How a query value must look on the wire."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@st.composite
def call_inputs(draw: st.DrawFn, op: Operation) -> dict[str, Any]:
    path = {p["name"]: draw(cts.parameter_value(p)) for p in op.parameters_in("path")}
    query_params = op.parameters_in("query")
    chosen = draw(st.lists(st.sampled_from(query_params), unique_by=lambda p: p["name"])) if query_params else []
    query = {p["name"]: draw(cts.parameter_value(p)) for p in chosen}
    body = draw(cts.request_body(op)) if op.request_body_schema is not None else None
    return {"path": path, "query": query, "body": body}


def call(op: Operation, inputs: dict[str, Any], client: Any) -> Any:
    module = gc.module_for(op)
    kwargs: dict[str, Any] = {gc.kwarg_for(op, n): v for n, v in {**inputs["path"], **inputs["query"]}.items()}
    if inputs["body"] is not None:
        kwargs["body"] = gc.model(gc.ref_name(op.request_body_schema)).from_dict(inputs["body"])
    return module.sync_detailed(client=client, **kwargs)


def check_request(op: Operation, request: httpx.Request, inputs: dict[str, Any]) -> list[str]:
    """Spec conformance of the captured request, and that it carries exactly the inputs."""
    problems = validate_request(op, request, token=gc.TOKEN)
    if problems:
        return problems
    sent = dict(httpx.QueryParams(request.url.query))
    for name, value in inputs["query"].items():
        if sent.get(name) != _qs(value):
            problems.append(f"{op.operation_id}: query {name} sent as {sent.get(name)!r}, input was {_qs(value)!r}")
    for name, raw in sent.items():
        if name not in inputs["query"]:
            default = op.parameter(name)["schema"].get("default")  # type: ignore[index]
            if default is None or raw != _qs(default):
                problems.append(
                    f"{op.operation_id}: query {name}={raw!r} sent although not asked for (no such default)"
                )
    got = path_regex(op).match(request.url.raw_path.decode().split("?")[0])
    assert got is not None
    for name, value in inputs["path"].items():
        if unquote(got[name]) != value:
            problems.append(f"{op.operation_id}: path {name}={unquote(got[name])!r}, input was {value!r}")
    if inputs["body"] is not None:
        schema = op.request_body_schema
        assert schema is not None
        if cts.normalize(json.loads(request.content), schema) != cts.normalize(inputs["body"], schema):
            problems.append(f"{op.operation_id}: body sent {request.content!r} differs from input {inputs['body']!r}")
    return problems


def _ok_body(op: Operation) -> st.SearchStrategy[Any]:
    return cts.response_body(op, 200, forward_compat=False)


@pytest.mark.parametrize("op", OPERATIONS, ids=IDS)
@given(data=st.data())
def test_request_matches_spec(op: Operation, data: st.DataObject) -> None:
    _server.CASES[("client-request", op.operation_id, "positive")] += 1
    inputs = data.draw(call_inputs(op), label="inputs")
    reply = data.draw(_ok_body(op), label="reply")
    with respx.mock(base_url=gc.BASE_URL, assert_all_called=True) as router:
        route = router.route().mock(return_value=httpx.Response(200, json=reply))
        with gc.make_client() as client:
            call(op, inputs, client)
        request = route.calls.last.request
    problems = check_request(op, request, inputs)
    assert not problems, "\n".join(problems)


def _round_trip(op: Operation, status: str, body: Any, data: st.DataObject) -> None:
    _server.CASES[("client-response", op.operation_id, status)] += 1
    inputs = data.draw(call_inputs(op), label="inputs")
    schema = op.response_schema(status)
    assert schema is not None
    with respx.mock(base_url=gc.BASE_URL) as router:
        router.route().mock(return_value=httpx.Response(int(status), json=body))
        with gc.make_client() as client:
            response = call(op, inputs, client)
    expected = gc.model(gc.ref_name(schema))
    assert response.status_code == int(status)
    assert isinstance(response.parsed, expected), (
        f"{op.operation_id} {status}: parsed into {type(response.parsed).__name__}, spec says {expected.__name__}"
    )
    again = response.parsed.to_dict()
    assert cts.normalize(again, schema) == cts.normalize(body, schema), (
        f"{op.operation_id} {status}: to_dict() lost or changed data\n sent: {body!r}\n back: {again!r}"
    )


@pytest.mark.parametrize("op", OPERATIONS, ids=IDS)
@given(data=st.data())
def test_success_response_round_trips(op: Operation, data: st.DataObject) -> None:
    """Spec-valid bodies, plus unknown fields and unknown enum values, parse and round-trip."""
    status = next(s for s in op.responses if s.startswith("2"))
    _round_trip(op, status, data.draw(cts.response_body(op, status, forward_compat=True), label="body"), data)


@pytest.mark.parametrize("op", OPERATIONS, ids=IDS)
@given(data=st.data())
def test_error_bodies_parse(op: Operation, data: st.DataObject) -> None:
    """Drawn error bodies (with unknown fields) for the declared error statuses parse into the error model."""
    status = data.draw(st.sampled_from([s for o, s in ERROR_CASES if o is op]), label="status")
    _round_trip(op, status, data.draw(cts.response_body(op, status, forward_compat=True), label="body"), data)


@pytest.mark.parametrize(("op", "status"), ERROR_CASES, ids=[f"{o.operation_id}-{s}" for o, s in ERROR_CASES])
@settings(max_examples=_ERROR_EXAMPLES)
@given(data=st.data())
def test_every_declared_error_status_parses(op: Operation, status: str, data: st.DataObject) -> None:
    """Each declared status once at least, with the spec's own example body first."""
    examples = [
        e["value"]
        for e in op.responses[status].get("content", {}).get("application/json", {}).get("examples", {}).values()
    ]
    body = data.draw(st.sampled_from(examples) if examples else cts.response_body(op, status), label="body")
    _round_trip(op, status, body, data)


@pytest.mark.parametrize("op", OPERATIONS, ids=IDS)
@settings(max_examples=max(_server.active_settings().max_examples // 4, 10))
@given(data=st.data())
def test_strategies_draw_spec_valid_values(op: Operation, data: st.DataObject) -> None:
    """Self-check: what the strategies call valid is valid for the spec's own validator."""
    if op.request_body_schema is not None:
        body = data.draw(cts.request_body(op))
        assert cts.is_valid(op.request_body_schema, body), body
    for status in op.responses:
        schema = op.response_schema(status)
        if schema is not None:
            value = data.draw(cts.response_body(op, status, forward_compat=False))
            assert cts.is_valid(schema, value), (status, value)

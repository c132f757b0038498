"""The fake's fast paths decide exactly as the slow ones: quick parameter checks, inlined body schema,
precomputed defaults, and copy-on-write records read without copying."""

from __future__ import annotations

import copy
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fireworks_deployments_testing.fake import Fake
from fireworks_deployments_testing.fake.backend import copy_json
from fireworks_deployments_testing.fake.models import apply_defaults
from fireworks_deployments_testing.fake.validation import _fast_check, validator
from fireworks_deployments_testing.rules.spec import component_schema, operations, resolve

BASE_MODEL = "accounts/fireworks/models/m"


def _params() -> list[Any]:
    out = []
    for op in operations().values():
        v = validator(op.operation_id)
        for p in [*v.path_params.values(), *v.query_params.values()]:
            out.append(pytest.param(p, id=f"{op.operation_id}.{p.name}"))
    return out


_RAW = st.one_of(
    st.sampled_from(["", "a", "true", "false", "0", "-1", "50", "201", "2147483648", "x" * 1025, "ab-c", "-ab", "A"]),
    st.text(max_size=80),
    st.integers(-(2**40), 2**40).map(str),
)


@pytest.mark.parametrize("param", _params())
@settings(max_examples=150, deadline=None)
@given(raw=_RAW)
def test_quick_parameter_check_agrees_with_jsonschema(param: Any, raw: str) -> None:
    try:
        value = param.coerce(raw)
    except Exception:
        return
    if param.fast is not None:
        assert param.fast(value) == param.check.is_valid(value)


def test_every_parameter_of_the_spec_gets_a_quick_check() -> None:
    slow = [p.name for op in operations() for p in validator(op).path_params.values() if p.fast is None]
    slow += [p.name for op in operations() for p in validator(op).query_params.values() if p.fast is None]
    assert slow == []


def test_quick_check_declines_what_it_does_not_understand() -> None:
    assert _fast_check({"type": "string", "format": "date-time"}) is None
    assert _fast_check({"type": "string", "oneOf": [{"maxLength": 1}]}) is None
    assert _fast_check({"type": ["string", "null"]}) is None
    assert _fast_check({"type": "string", "format": "int32", "x-any": 1}) is not None


_BODIES = st.fixed_dictionaries(
    {"baseModel": st.one_of(st.just(BASE_MODEL), st.integers())},
    optional={
        "displayName": st.one_of(st.text(max_size=70), st.integers()),
        "minReplicaCount": st.one_of(st.integers(-3, 5), st.text(max_size=3)),
        "maxReplicaCount": st.integers(-3, 5),
        "acceleratorType": st.sampled_from(["NVIDIA_H100_80GB", "NOPE", 3]),
        "autoscalingPolicy": st.dictionaries(
            st.sampled_from(["scaleUpWindow", "scaleToZeroWindow", "loadTargets", "x"]),
            st.one_of(st.just("30s"), st.just("1m"), st.integers(), st.dictionaries(st.text(max_size=3), st.floats())),
        ),
        "expireTime": st.sampled_from(["2030-01-01T00:00:00Z", "tomorrow", 5]),
        "placement": st.dictionaries(
            st.sampled_from(["region", "regions", "multiRegion"]), st.one_of(st.text(max_size=5), st.lists(st.text()))
        ),
    },
)


@settings(max_examples=300, deadline=None)
@given(body=_BODIES)
def test_inlined_body_schema_agrees_with_the_registry_one(body: dict[str, Any]) -> None:
    for op_id in ("createDeployment", "updateDeployment", "scaleDeployment"):
        v = validator(op_id)
        assert v.body_quick is not None and v.body_check is not None
        assert v.body_quick.is_valid(body) == v.body_check.is_valid(body)


def _fill_reference(data: dict[str, Any], schema: dict[str, Any]) -> None:
    """The former resolve-per-call implementation of the defaults, kept as the oracle."""
    for name, node in (schema.get("properties") or {}).items():
        if name not in data and "x-server-default" in node:
            data[name] = copy.deepcopy(node["x-server-default"])
        target = resolve(node)
        if isinstance(data.get(name), dict) and target.get("properties"):
            _fill_reference(data[name], target)


@pytest.mark.parametrize(
    "body",
    [
        {"baseModel": BASE_MODEL},
        {"baseModel": BASE_MODEL, "minReplicaCount": 3, "autoscalingPolicy": {}},
        {"baseModel": BASE_MODEL, "autoscalingPolicy": {"scaleUpWindow": "5s"}, "placement": {"region": "US_IOWA_1"}},
    ],
)
def test_defaults_match_the_former_implementation(body: dict[str, Any]) -> None:
    expected = copy.deepcopy(body)
    _fill_reference(expected, component_schema("Deployment"))
    expected.setdefault("maxReplicaCount", max(expected.get("minReplicaCount", 0), 1))
    nested = {k: (v, copy.deepcopy(v)) for k, v in body.items() if isinstance(v, dict)}
    assert apply_defaults(body) == expected
    for original, snapshot in nested.values():
        assert original == snapshot  # nested objects are replaced by filled copies, never filled in place


def test_results_are_copies_and_shared_reads_are_snapshots() -> None:
    fake = Fake()
    backend, acct = fake.backend, fake.account_id
    created = backend.create_deployment(account_id=acct, deployment_id="d", deployment={"baseModel": BASE_MODEL})
    created["displayName"] = "changed by the caller"
    created["autoscalingPolicy"]["scaleUpWindow"] = "999s"
    got = backend.get_deployment(account_id=acct, deployment_id="d")
    assert got.get("displayName") != "changed by the caller"
    assert got["autoscalingPolicy"] == backend.get_deployment(account_id=acct, deployment_id="d")["autoscalingPolicy"]
    assert got["autoscalingPolicy"].get("scaleUpWindow") != "999s"

    shared = backend.get_deployment(account_id=acct, deployment_id="d", shared=True)
    listed = backend.list_deployments(account_id=acct, shared=True)["deployments"][0]
    assert isinstance(listed, orjson.Fragment)  # a shared page holds the records' cached wire JSON
    before = copy_json(shared)
    backend.scale_deployment(account_id=acct, deployment_id="d", replica_count=3)
    backend.update_deployment(
        account_id=acct,
        deployment_id="d",
        deployment={"baseModel": BASE_MODEL, "displayName": "new", "autoscalingPolicy": {}},
    )
    backend.delete_deployment(account_id=acct, deployment_id="d")
    assert shared == before and orjson.loads(orjson.dumps(listed)) == before  # what a reader holds never changes
    after = backend.get_deployment(account_id=acct, deployment_id="d")
    assert after["displayName"] == "new" and after["desiredReplicaCount"] == 3 and "deleteTime" in after


def test_copy_json_is_a_deep_copy() -> None:
    value = {"a": [1, {"b": "c"}], "d": {"e": [None, True, 1.5]}}
    copied = copy_json(value)
    assert copied == value and copied is not value
    assert copied["a"] is not value["a"] and copied["a"][1] is not value["a"][1] and copied["d"] is not value["d"]

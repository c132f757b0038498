"""The spec states the gateway reading (info.x-decisions) and says in JSON Schema what JSON Schema can say."""

from __future__ import annotations

import re

import pytest

from fireworks_deployments_testing.rules import fields
from fireworks_deployments_testing.rules.errors import FakeError
from fireworks_deployments_testing.rules.masks import parse_read_mask, parse_update_mask
from fireworks_deployments_testing.rules.ordering import parse_order_by
from fireworks_deployments_testing.rules.spec import load_spec, operation

PARAMS = {"readMask": "getDeployment", "updateMask": "updateDeployment", "orderBy": "listDeployments"}
PARSERS = {"readMask": parse_read_mask, "updateMask": parse_update_mask, "orderBy": parse_order_by}


def _pattern(name: str) -> str:
    parameter = operation(PARAMS[name]).parameter(name)
    assert parameter is not None
    return str(parameter["schema"]["pattern"])


@pytest.mark.parametrize("name", sorted(PARAMS))
def test_field_path_patterns_are_derived_from_the_deployment_fields(name: str) -> None:
    assert _pattern(name) == fields.path_patterns()[name], (
        "regenerate with fireworks_deployments_testing.rules.fields.path_patterns()"
    )


@pytest.mark.parametrize(
    ("name", "value", "ok"),
    [
        ("readMask", "", True),
        ("readMask", "*", True),
        ("readMask", "name, display_name,autoscalingPolicy.scale_up_window", True),
        ("readMask", "name,bogus", False),
        ("readMask", "name,,state", False),
        ("readMask", "placement.nope", False),
        ("updateMask", "min_replica_count,maxReplicaCount,state", True),
        ("updateMask", "autoscaling_policy.scale_up_window", False),
        ("updateMask", "nope", False),
        ("orderBy", "create_time desc, displayName", True),
        ("orderBy", "annotations", False),
        ("orderBy", "create_time sideways", False),
    ],
)
def test_pattern_and_the_fakes_parser_agree(name: str, value: str, ok: bool) -> None:
    assert (re.search(_pattern(name), value) is not None) is ok
    try:
        PARSERS[name](value)
        parsed = True
    except FakeError:
        parsed = False
    assert parsed is ok


def test_every_inexpressible_reference_names_a_listed_rule() -> None:
    listed = {entry["rule"] for entry in load_spec()["info"]["x-inexpressible"]}
    used: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("x-inexpressible"), str):
                used.add(node["x-inexpressible"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(load_spec()["paths"])
    assert used and used <= listed


def test_the_reading_decisions_carry_evidence() -> None:
    decisions = {d["question"]: d for d in load_spec()["info"]["x-decisions"]}
    for question in ("output-only fields in requests", "zero values", "unknown JSON keys", "deployment id rules"):
        assert decisions[question].get("evidence"), question

"""The kit's one camelCase -> snake_case rule gives the generator's names on every name of our spec.

The suite finds the generated client's modules and keyword arguments with
``fireworks_deployments_testing.rules.fields.camel_to_snake``; openapi-python-client names them with its own
``snake_case``. The two differ in general (the generator splits acronyms: ``HTTPServer``), so this test
walks every operationId, tag, parameter name and schema property name of the spec and fails on the first
name where they disagree -- a spec change that needs the generator's rule shows up here, not as a missing
module in the contract suite.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from openapi_python_client.strings import snake_case

from fireworks_deployments_testing.rules.fields import camel_to_snake
from fireworks_deployments_testing.rules.spec import load_spec

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _names(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("operationId"), str):
            yield node["operationId"]
        for tag in node.get("tags", []) if isinstance(node.get("tags"), list) else []:
            if isinstance(tag, str):
                yield tag
        if isinstance(node.get("in"), str) and isinstance(node.get("name"), str):  # a parameter
            yield node["name"]
        if isinstance(node.get("properties"), dict):
            yield from node["properties"]
        for value in node.values():
            yield from _names(value)
    elif isinstance(node, list):
        for value in node:
            yield from _names(value)


def spec_names() -> set[str]:
    return {name for name in _names(load_spec()) if _IDENTIFIER.match(name)}


def test_spec_has_names_of_every_kind() -> None:
    names = spec_names()
    assert {"createDeployment", "deployments", "pageSize", "replicaCount"} <= names


def test_camel_to_snake_is_the_generators_snake_case_on_every_spec_name() -> None:
    differ = {name: (camel_to_snake(name), snake_case(name)) for name in sorted(spec_names())}
    differ = {name: pair for name, pair in differ.items() if pair[0] != pair[1]}
    assert not differ, f"camel_to_snake vs the generator's snake_case: {differ}"


def test_the_rules_differ_where_the_spec_has_no_name() -> None:
    # The reason the test above exists: on an acronym the two rules part ways.
    assert camel_to_snake("HTTPServer") != snake_case("HTTPServer")

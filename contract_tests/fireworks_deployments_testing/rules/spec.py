"""The one place that reads the spec (``openapi/deployments.yaml``, shipped in this package).

The fake, the strategies and the checks all derive what they know about the API
from here, so no field list, enum value or status code is copied into Python.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

__all__ = [
    "SPEC_PATH",
    "HTTP_METHODS",
    "Operation",
    "load_spec",
    "operations",
    "operation",
    "component_schema",
    "validator_for",
    "resolve",
    "merged",
    "page_size_rules",
]


def _spec_path() -> Path:
    """``$FIREWORKS_SPEC_PATH`` if set, else the spec shipped in this package (package data, read through
    ``importlib.resources``; in the repository a link to ``openapi/deployments.yaml``, the one copy)."""
    override = os.environ.get("FIREWORKS_SPEC_PATH")
    if override:
        return Path(override)
    resource = resources.files(__package__) / "deployments.yaml"
    return Path(str(resource))


SPEC_PATH = _spec_path()
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_SPEC_URI = "urn:fireworks-deployments-spec"


@dataclass(frozen=True)
class Operation:
    """One operation of the spec with its path-level parameters merged in."""

    operation_id: str
    method: str  # upper case
    path: str  # the template, e.g. /v1/accounts/{account_id}/deployments/{deployment_id}:scale
    definition: dict[str, Any]
    parameters: tuple[dict[str, Any], ...]

    @property
    def request_body_schema(self) -> dict[str, Any] | None:
        body = self.definition.get("requestBody")
        if body is None:
            return None
        schema: dict[str, Any] = resolve(body)["content"]["application/json"]["schema"]
        return schema

    @property
    def responses(self) -> dict[str, dict[str, Any]]:
        return {status: resolve(resp) for status, resp in self.definition["responses"].items()}

    def response_schema(self, status: int | str) -> dict[str, Any] | None:
        resp = self.responses.get(str(status))
        if resp is None or "content" not in resp:
            return None
        schema: dict[str, Any] = resp["content"]["application/json"]["schema"]
        return schema

    def parameter(self, name: str) -> dict[str, Any] | None:
        return next((p for p in self.parameters if p["name"] == name), None)

    def parameters_in(self, location: str) -> list[dict[str, Any]]:
        return [p for p in self.parameters if p["in"] == location]


@functools.cache
def load_spec() -> dict[str, Any]:
    """The parsed spec, loaded once per process."""
    with SPEC_PATH.open(encoding="utf-8") as fh:
        spec: dict[str, Any] = yaml.safe_load(fh)
        return spec


def resolve(node: Any) -> Any:
    """Follow a local ``$ref`` (``#/components/...``) until a concrete node is reached."""
    while isinstance(node, dict) and "$ref" in node and node["$ref"].startswith("#/"):
        target: Any = load_spec()
        for part in node["$ref"][2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def merged(node: dict[str, Any]) -> dict[str, Any]:
    """A schema node with its ``$ref`` target merged under its own sibling keywords."""
    if "$ref" in node:
        target = dict(resolve({"$ref": node["$ref"]}))
        target.update({k: v for k, v in node.items() if k != "$ref"})
        return target
    return node


@functools.cache
def operations() -> dict[str, Operation]:
    """Every operation of the spec by operationId, in document order."""
    result: dict[str, Operation] = {}
    for path, item in load_spec()["paths"].items():
        shared = [resolve(p) for p in item.get("parameters", [])]
        for method in HTTP_METHODS:
            if method not in item:
                continue
            op = item[method]
            own = [resolve(p) for p in op.get("parameters", [])]
            names = {(p["name"], p["in"]) for p in own}
            params = tuple(own + [p for p in shared if (p["name"], p["in"]) not in names])
            result[op["operationId"]] = Operation(op["operationId"], method.upper(), path, op, params)
    return result


def operation(operation_id: str) -> Operation:
    return operations()[operation_id]


def component_schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = load_spec()["components"]["schemas"][name]
    return schema


@functools.cache
def _registry() -> Registry[Any]:
    resource: Resource[Any] = DRAFT202012.create_resource(load_spec())
    registry: Registry[Any] = Registry()
    return registry.with_resources([(_SPEC_URI, resource)])  # with_resource is unannotated (returns Any)


def validator_for(schema: dict[str, Any]) -> Draft202012Validator:
    """A JSON Schema validator for a fragment of the spec whose local ``$ref``s resolve against the spec.

    ``format`` is checked too, so a malformed timestamp is an error, not a string.
    """
    return Draft202012Validator(
        {"allOf": [_rebase(schema)]},
        registry=_registry(),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def _rebase(node: Any) -> Any:
    """Point local refs at the registered spec document."""
    if isinstance(node, dict):
        return {
            k: (_SPEC_URI + v if k == "$ref" and isinstance(v, str) and v.startswith("#") else _rebase(v))
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_rebase(v) for v in node]
    return node


@functools.cache
def page_size_rules() -> tuple[int, int]:
    """(default, cap) of listDeployments' pageSize: absent or 0 means the default, larger values are cut to the cap."""
    parameter = operation("listDeployments").parameter("pageSize")
    if parameter is None:
        raise LookupError("the spec's listDeployments has no pageSize parameter")
    schema = parameter["schema"]
    return int(schema["default"]), int(schema["x-maximum-page-size"])

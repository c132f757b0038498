"""Helpers for tests of the generated client: everything is derived from openapi/deployments.yaml.

Names are mapped from the spec to Python with openapi-python-client's own
functions (the pinned generator is installed in the test environment), so
these tests follow the generator instead of guessing its naming rules.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openapi_python_client.strings import ClassName, PythonIdentifier, snake_case

from fireworks_deployments_testing.rules.spec import load_spec

REPO = Path(__file__).resolve().parents[2]
CLIENT_DIR = REPO / "generated" / "fireworks-deployments-client"
PACKAGE = "fireworks_deployments_client"
FIELD_PREFIX = "field_"  # openapi-python-client default; openapi/generator.yaml does not change it
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

UNKNOWN_FIELD = "fieldFromTheFuture"
UNKNOWN_FIELD_VALUE: dict[str, Any] = {"nested": [1, "two", None, {"deep": True}], "count": 3}
DATE_TIME = "2026-11-01T09:30:00Z"  # the form the API writes and the generated to_dict() writes back


def pointer_get(pointer: str) -> Any:
    node: Any = load_spec()
    for token in pointer.lstrip("#").split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        node = node[int(token)] if isinstance(node, list) else node[token]
    return node


def resolve(node: Any) -> Any:
    """Follow local $refs; keywords written beside a $ref (3.1) override the target's."""
    while isinstance(node, dict) and "$ref" in node:
        siblings = {k: v for k, v in node.items() if k != "$ref"}
        node = {**pointer_get(node["$ref"]), **siblings}
    return node


def python_name(name: str) -> str:
    return str(PythonIdentifier(name, FIELD_PREFIX))


def class_name_of(ref: str) -> str:
    return str(ClassName(ref.rsplit("/", 1)[-1], FIELD_PREFIX))


@dataclass
class Operation:
    path: str
    method: str
    operation_id: str
    tag: str
    spec: dict[str, Any]
    parameters: list[dict[str, Any]] = field(default_factory=list)

    @property
    def module(self) -> str:
        return f"{PACKAGE}.api.{snake_case(self.tag)}.{snake_case(self.operation_id)}"

    def json_body_schema(self) -> tuple[str, dict[str, Any]] | None:
        body = resolve(self.spec.get("requestBody"))
        if not body:
            return None
        (media_type, content), *_ = body["content"].items()
        return media_type, content["schema"]

    def success_schema(self) -> dict[str, Any]:
        for status, response in sorted(self.spec["responses"].items(), key=lambda kv: str(kv[0])):
            if str(status).startswith("2"):
                schema: dict[str, Any] = resolve(response)["content"]["application/json"]["schema"]
                return schema
        raise AssertionError(f"{self.operation_id} has no 2xx JSON response")


def operations() -> list[Operation]:
    found: list[Operation] = []
    for path, item in load_spec()["paths"].items():
        item = resolve(item)
        for method in HTTP_METHODS:
            if method not in item:
                continue
            op = item[method]
            params: dict[tuple[str, str], dict[str, Any]] = {}
            for param in [*item.get("parameters", []), *op.get("parameters", [])]:
                param = resolve(param)
                params[(param["in"], param["name"])] = param
            found.append(Operation(path, method, op["operationId"], op["tags"][0], op, list(params.values())))
    return found


def response_schema_refs() -> list[str]:
    """Every named schema used as a JSON response body, success and error."""
    refs: set[str] = set()
    for op in operations():
        for response in op.spec["responses"].values():
            content = resolve(response).get("content", {}).get("application/json")
            if content and "$ref" in content["schema"]:
                refs.add(content["schema"]["$ref"])
    return sorted(refs)


# A step from a parsed model to a value inside it:
#   ("prop", json_name)   attribute of a model
#   ("entry", key)        entry of a map model (additionalProperties with a schema)
#   ("item", index)       element of a list
Step = tuple[str, Any]


@dataclass
class Sample:
    value: Any
    enum_paths: list[tuple[Step, ...]] = field(default_factory=list)
    unknown_field_paths: list[tuple[Step, ...]] = field(default_factory=list)


def enum_value(schema: dict[str, Any], *, unknown: bool) -> Any:
    values = schema["enum"]
    if not unknown:
        return values[-1]
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return max(values) + 1000
    return "VALUE_FROM_THE_FUTURE"


def synthesize(schema: Any, *, unknown: bool, request: bool = False) -> Sample:
    """A payload that fills every property the schema describes (recursively).

    unknown=True: every enum gets a value the spec does not list, and every open
    object gets an extra field. request=True: read-only properties are left out.
    """
    sample = Sample(value=None)

    def walk(node: Any, path: tuple[Step, ...], depth: int) -> Any:
        node = resolve(node)
        assert depth < 12, f"schema too deep (recursive?) at {path}"
        if "allOf" in node:
            merged: dict[str, Any] = {}
            for part in node["allOf"]:
                part = resolve(part)
                for key, value in part.items():
                    if key == "properties":
                        merged.setdefault("properties", {}).update(value)
                    else:
                        merged[key] = value
            node = {**{k: v for k, v in node.items() if k != "allOf"}, **merged}
        for key in ("oneOf", "anyOf"):
            if key in node:
                options = [o for o in node[key] if resolve(o).get("type") != "null"]
                return walk(options[0], path, depth + 1)
        if "const" in node:
            return node["const"]
        if "enum" in node:
            sample.enum_paths.append(path)
            return enum_value(node, unknown=unknown)
        types = node.get("type", "object" if "properties" in node else None)
        if isinstance(types, list):
            types = next(t for t in types if t != "null")
        if types == "object":
            out: dict[str, Any] = {}
            for name, sub in node.get("properties", {}).items():
                if request and resolve(sub).get("readOnly"):
                    continue
                out[name] = walk(sub, (*path, ("prop", name)), depth + 1)
            extra = node.get("additionalProperties")
            if isinstance(extra, dict) and extra:
                out["someKey"] = walk(extra, (*path, ("entry", "someKey")), depth + 1)
            elif extra is not False and unknown:
                out[UNKNOWN_FIELD] = UNKNOWN_FIELD_VALUE
                sample.unknown_field_paths.append(path)
            return out
        if types == "array":
            return [walk(node.get("items", {}), (*path, ("item", 0)), depth + 1)]
        if types == "string":
            return {"date-time": DATE_TIME, "date": "2026-11-01", "int64": "1234", "uint64": "1234"}.get(
                node.get("format", ""), "sample text"
            )
        if types == "integer":
            return 3
        if types == "number":
            return 0.5
        if types == "boolean":
            return True
        return {"free": "form"}

    sample.value = walk(schema, (), 0)
    return sample


def follow(obj: Any, path: tuple[Step, ...]) -> Any:
    for kind, key in path:
        if kind == "prop":
            obj = getattr(obj, python_name(key))
        else:
            obj = obj[key]
    return obj


def iter_named_schemas() -> Iterator[tuple[str, dict[str, Any]]]:
    for name, schema in load_spec()["components"]["schemas"].items():
        yield f"#/components/schemas/{name}", schema

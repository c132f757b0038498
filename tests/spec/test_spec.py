"""Tests of openapi/deployments.yaml itself: validity, examples, operations, error responses, links.

Everything is read from the spec; only the list of operationIds is written here,
because it is the contract the spec must keep.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from fireworks_deployments_testing.rules.spec import SPEC_PATH, load_spec

SPEC: dict[str, Any] = load_spec()
SPEC_URI = "urn:fireworks-deployments-spec"

EXPECTED_OPERATION_IDS = {
    "createDeployment",
    "getDeployment",
    "listDeployments",
    "updateDeployment",
    "deleteDeployment",
    "scaleDeployment",
    "undeleteDeployment",
}
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# Keywords whose values are subschemas (one, a list, or a map of them).
SUBSCHEMA_ONE = ("additionalProperties", "items", "not", "if", "then", "else", "contains", "propertyNames")
SUBSCHEMA_ONE += ("unevaluatedProperties", "unevaluatedItems", "contentSchema")
SUBSCHEMA_LIST = ("allOf", "anyOf", "oneOf", "prefixItems")
SUBSCHEMA_MAP = ("properties", "patternProperties", "$defs", "dependentSchemas")


# --- helpers ----------------------------------------------------------------


def escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def pointer_get(pointer: str) -> Any:
    node: Any = SPEC
    for token in pointer.lstrip("#").split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        node = node[int(token)] if isinstance(node, list) else node[token]
    return node


def resolve(node: Any) -> Any:
    seen = 0
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        assert ref.startswith("#/"), f"only local $refs are expected, got {ref}"
        node = pointer_get(ref)
        seen += 1
        assert seen < 20, f"$ref loop at {ref}"
    return node


def operations() -> Iterator[tuple[str, str, dict[str, Any], dict[str, Any]]]:
    for path, item in SPEC["paths"].items():
        item = resolve(item)
        for method in HTTP_METHODS:
            if method in item:
                yield path, method, item[method], item


def operation_parameters(op: dict[str, Any], path_item: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """Parameters by (in, name); operation-level ones override path-level ones."""
    params: dict[tuple[str, str], dict[str, Any]] = {}
    for source in (path_item.get("parameters", []), op.get("parameters", [])):
        for param in source:
            param = resolve(param)
            params[(param["in"], param["name"])] = param
    return params


def validator_for(schema_pointer: str) -> Draft202012Validator:
    registry: Registry[Any] = Registry().with_resource(
        SPEC_URI, Resource.from_contents(SPEC, default_specification=DRAFT202012)
    )
    return Draft202012Validator(
        {"$ref": f"{SPEC_URI}{schema_pointer}"},
        registry=registry,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def collect_examples() -> list[tuple[str, str, Any]]:
    """(where the example is, pointer of the schema it must match, the example value)."""
    found: list[tuple[str, str, Any]] = []

    def walk_schema(node: Any, ptr: str) -> None:
        if not isinstance(node, dict):
            return
        if "example" in node:
            found.append((f"{ptr}/example", ptr, node["example"]))
        if isinstance(node.get("examples"), list):
            for i, value in enumerate(node["examples"]):
                found.append((f"{ptr}/examples/{i}", ptr, value))
        for key in SUBSCHEMA_ONE:
            if key in node:
                walk_schema(node[key], f"{ptr}/{key}")
        for key in SUBSCHEMA_LIST:
            for i, sub in enumerate(node.get(key, [])):
                walk_schema(sub, f"{ptr}/{key}/{i}")
        for key in SUBSCHEMA_MAP:
            for name, sub in node.get(key, {}).items():
                walk_schema(sub, f"{ptr}/{key}/{escape(name)}")

    def walk_document(node: Any, ptr: str) -> None:
        if isinstance(node, list):
            for i, sub in enumerate(node):
                walk_document(sub, f"{ptr}/{i}")
            return
        if not isinstance(node, dict):
            return
        if "schema" in node:  # media type, parameter or header object
            schema_ptr = f"{ptr}/schema"
            walk_schema(node["schema"], schema_ptr)
            if "example" in node:
                found.append((f"{ptr}/example", schema_ptr, node["example"]))
            for name, example in (node.get("examples") or {}).items():
                example = resolve(example)
                if "value" in example:
                    found.append((f"{ptr}/examples/{escape(name)}", schema_ptr, example["value"]))
        for key, sub in node.items():
            if key in {"schema", "example", "examples", "links"} or key.startswith("x-"):
                continue
            if key == "schemas" and ptr == "#/components":
                for name, schema in sub.items():
                    walk_schema(schema, f"{ptr}/schemas/{escape(name)}")
                continue
            walk_document(sub, f"{ptr}/{escape(str(key))}")

    walk_document(SPEC, "#")
    return found


EXAMPLES = collect_examples()


# --- tests ------------------------------------------------------------------


def test_spec_is_valid_openapi() -> None:
    from openapi_spec_validator import validate
    from openapi_spec_validator.readers import read_from_filename

    spec, base_uri = read_from_filename(str(SPEC_PATH))
    validate(spec, base_uri=base_uri)
    assert SPEC["openapi"].startswith("3.1")


def test_examples_exist_for_requests_responses_and_schemas() -> None:
    wheres = [where for where, _, _ in EXAMPLES]
    assert any("/requestBody/" in w for w in wheres), "no request body example"
    assert any("/responses/" in w for w in wheres), "no response example"
    assert any(w.startswith("#/components/schemas/") for w in wheres), "no schema example"


@pytest.mark.parametrize(("where", "schema_pointer", "value"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_example_matches_its_schema(where: str, schema_pointer: str, value: Any) -> None:
    errors = sorted(validator_for(schema_pointer).iter_errors(value), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{where}: {'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors)


def test_exactly_the_seven_operations() -> None:
    ids = [op.get("operationId") for _, _, op, _ in operations()]
    assert len(ids) == 7
    assert set(ids) == EXPECTED_OPERATION_IDS


def test_every_operation_has_an_id_and_exactly_one_declared_tag() -> None:
    declared = {tag["name"] for tag in SPEC.get("tags", [])}
    for path, method, op, _ in operations():
        where = f"{method.upper()} {path}"
        assert op.get("operationId"), f"{where} has no operationId"
        assert len(op.get("tags", [])) == 1, f"{where} must have exactly one tag, has {op.get('tags')}"
        assert op["tags"][0] in declared, f"{where}: tag {op['tags'][0]!r} is not declared in top-level tags"


def is_error_status(status: str) -> bool:
    return status == "default" or status[0] in "45"


def test_error_responses_reference_the_one_error_schema() -> None:
    targets: set[str] = set()
    for path, method, op, _ in operations():
        where = f"{op['operationId']} ({method.upper()} {path})"
        errors = {str(s): r for s, r in op["responses"].items() if is_error_status(str(s))}
        assert errors, f"{where} describes no error response"
        for status, response in errors.items():
            response = resolve(response)
            content = response.get("content", {})
            assert "application/json" in content, f"{where} {status}: no application/json body"
            schema = content["application/json"].get("schema", {})
            assert set(schema) == {"$ref"}, f"{where} {status}: schema must be a bare $ref, got {schema}"
            targets.add(schema["$ref"])
    assert len(targets) == 1, f"error responses use several schemas: {sorted(targets)}"
    error_schema = resolve({"$ref": targets.pop()})
    assert error_schema.get("type") == "object"


def test_links_name_real_operations_and_parameters() -> None:
    by_id = {op["operationId"]: (op, item) for _, _, op, item in operations()}
    n_links = 0
    for _, _, op, item in operations():
        source_params = operation_parameters(op, item)
        for status, response in op["responses"].items():
            for name, link in (resolve(response).get("links") or {}).items():
                n_links += 1
                where = f"{op['operationId']} {status} link {name}"
                if "operationRef" in link:
                    target = resolve({"$ref": link["operationRef"]})
                    target_item = resolve({"$ref": link["operationRef"].rsplit("/", 1)[0]})
                else:
                    assert link.get("operationId") in by_id, f"{where}: unknown operationId {link.get('operationId')}"
                    target, target_item = by_id[link["operationId"]]
                target_params = operation_parameters(target, target_item)
                for pname, expression in (link.get("parameters") or {}).items():
                    if "." in pname and pname.split(".", 1)[0] in {"path", "query", "header", "cookie"}:
                        location, bare = pname.split(".", 1)
                        assert (location, bare) in target_params, f"{where}: target has no {location} param {bare}"
                    else:
                        assert any(n == pname for _, n in target_params), f"{where}: target has no param {pname}"
                    # A $request.<in>.<name> expression must name a parameter of the source operation.
                    match = re.fullmatch(r"\$request\.(path|query|header)\.([^#]+)", str(expression))
                    if match:
                        assert (match[1], match[2]) in source_params, f"{where}: source has no {match[1]} {match[2]}"
    assert n_links > 0, "the spec describes no links (stateful tests need them)"

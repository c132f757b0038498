#!/usr/bin/env python3
"""Write client/fireworks_deployments/deployment_fields.py from openapi/deployments.yaml.

    python scripts/generate_fields.py [--check]

The module holds ``DeploymentFields``, a ``TypedDict`` of the writable fields of the spec's
``Deployment`` schema (every property not marked ``readOnly``), snake_case, with Python types
read from the schemas. ``DeploymentsClient.create``/``update`` take ``**fields:
Unpack[DeploymentFields]``, so a type checker flags a misspelt field or a wrong value type.
``scripts/generate.py`` (the ``generate`` session) writes it; ``scripts/check_generated.py``
fails when it is stale. ``--check`` exits 1 when the committed file differs.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parent.parent
SPEC = REPO / "openapi" / "deployments.yaml"
OUTPUT = REPO / "client" / "fireworks_deployments" / "deployment_fields.py"
MODELS = "fireworks_deployments_client.models"
_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")

HEADER = '''"""Typed keyword arguments for ``create``/``update``: the writable fields of a Deployment.

Generated from the spec (openapi/deployments.yaml) by scripts/generate_fields.py; do not edit.
Run `python3 scripts/nox_bootstrap.py -s generate` after changing the spec.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypedDict

'''


def load_spec(path: Path = SPEC) -> dict[str, Any]:
    data: dict[str, Any] = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    return data


def snake(name: str) -> str:
    return _BOUNDARY.sub("_", name).lower()


def _schema_name(ref: str) -> str:
    return ref.rsplit("/", 1)[1]


def python_type(schema: dict[str, Any], schemas: dict[str, Any], models: set[str]) -> str:
    """The type a caller may pass for one property: what the generated ``from_dict`` accepts."""
    if "$ref" in schema:
        name = _schema_name(schema["$ref"])
        target = schemas[name]
        if "enum" in target:
            models.add(name)
            return f"{name} | str"
        if target.get("type") == "object" and "properties" in target:
            models.add(name)
            return f"{name} | Mapping[str, Any]"
        return python_type(target, schemas, models)
    kind = schema.get("type")
    if kind == "string":
        if "enum" in schema:
            return "str"
        return "datetime.datetime | str" if schema.get("format") == "date-time" else "str"
    if kind == "integer":
        return "int"
    if kind == "number":
        return "float"
    if kind == "boolean":
        return "bool"
    if kind == "array":
        return f"list[{python_type(schema.get('items', {}), schemas, models)}]"
    if kind == "object":
        extra = schema.get("additionalProperties")
        value = python_type(extra, schemas, models) if isinstance(extra, dict) else "Any"
        return f"Mapping[str, {value}]"
    return "Any"


def render(spec: dict[str, Any]) -> str:
    schemas = spec["components"]["schemas"]
    deployment = schemas["Deployment"]
    models: set[str] = set()
    lines: list[str] = []
    for name, prop in deployment["properties"].items():
        if prop.get("readOnly"):
            continue
        note = "  # deprecated" if prop.get("deprecated") else ""
        lines.append(f"    {snake(name)}: {python_type(prop, schemas, models)}{note}")
    required = ", ".join(f"``{snake(n)}``" for n in deployment.get("required", []))
    imports = "".join(f"    {m},\n" for m in sorted(models, key=str.lower))  # isort order
    body = "\n".join(lines)
    return (
        HEADER
        + f"from {MODELS} import (\n{imports})\n\n"
        + '__all__ = ["DeploymentFields"]\n\n\n'
        + "class DeploymentFields(TypedDict, total=False):\n"
        + f'    """Writable Deployment fields by their snake_case names; {required} is required on create."""\n\n'
        + body
        + "\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed module is stale")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    text = render(load_spec())
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.is_file() else ""
        if current != text:
            print(f"generate_fields: {args.output} is stale; run `nox -s generate`", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(text, encoding="utf-8")
    print(f"generated {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

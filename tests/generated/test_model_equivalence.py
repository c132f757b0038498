"""The models built from openapi/templates/model.py.jinja behave exactly like the generator's own.

A reference client is generated from the same spec and the same other overrides, with
openapi-python-client's stock model.py.jinja in place of ours (the template ours rewrites for speed),
followed only by the module-level aliases that our enum and datetime property templates read.
The same payloads then go through both builds, each in its own process (both are the package
fireworks_deployments_client; tests/generated/model_probe.py does the parsing): every example in the
spec; answers synthesized from the spec with and without unknown fields and enum values; unknown keys
placed first, in the middle and last; only the required fields; and malformed payloads (a string,
number, null, list or object where something else belongs, at every field, and at the top). For each
payload the two builds must agree on the repr of the parsed object (every field, its type and
additional_properties), on to_dict() serialized in its key order, on whether an additional_properties
dict is one of the input's own dicts, or on the type of the exception raised.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import openapi_python_client
import pytest
from spec_support import (
    CLIENT_DIR,
    PACKAGE,
    REPO,
    class_name_of,
    iter_named_schemas,
    load_spec,
    pointer_get,
    resolve,
    synthesize,
)

pytestmark = pytest.mark.slow

HERE = Path(__file__).resolve().parent
STOCK_MODEL_TEMPLATE = Path(openapi_python_client.__file__).parent / "templates" / "model.py.jinja"
ALIASES_FOOTER = '\n{% from "fast_lookups.jinja" import model_aliases %}\n{{ model_aliases(model) }}\n'
WRONG_VALUES: list[Any] = ["text", 5, None, [1], ["text"], {"unexpected": 1}]
Case = tuple[str, Any, str]  # class name, payload, label


def is_object_schema(schema: dict[str, Any]) -> bool:
    node = resolve(schema)
    return "enum" not in node and (node.get("type") == "object" or "properties" in node or "allOf" in node)


def object_refs() -> list[str]:
    return [ref for ref, schema in iter_named_schemas() if is_object_schema(schema)]


def spec_examples() -> list[tuple[str, Any, str]]:
    """(schema ref, example value, where) for every example attached to a named object schema."""
    found: list[tuple[str, Any, str]] = []

    def example_values(node: dict[str, Any]) -> list[Any]:
        values = [node["example"]] if "example" in node else []
        examples = node.get("examples", {})
        if isinstance(examples, list):  # a schema's `examples` (3.1)
            values.extend(examples)
        else:  # a media type's named examples
            for example in examples.values():
                example = resolve(example)
                if "value" in example:
                    values.append(example["value"])
        return values

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            schema = node.get("schema")
            if isinstance(schema, dict) and "$ref" in schema and is_object_schema(schema):
                for i, value in enumerate(example_values(node)):
                    found.append((schema["$ref"], value, f"{where}#{i}"))
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}/{i}")

    walk(load_spec()["paths"], "paths")
    walk(load_spec()["components"].get("responses", {}), "responses")
    for ref in object_refs():
        for i, value in enumerate(example_values(pointer_get(ref))):
            found.append((ref, value, f"{ref}#{i}"))
    return found


def with_unknown_keys_everywhere(payload: dict[str, Any]) -> dict[str, Any]:
    items = list(payload.items())
    half = len(items) // 2
    return {
        "zzFirstUnknown": 1,
        **dict(items[:half]),
        "mmMiddleUnknown": [1, {"a": None}],
        **dict(items[half:]),
        "aaLast": None,
    }


def cases() -> list[Case]:
    out: list[Case] = [(class_name_of(ref), value, f"example {where}") for ref, value, where in spec_examples()]
    for ref in object_refs():
        name = class_name_of(ref)
        full = synthesize({"$ref": ref}, unknown=True).value
        out.append((name, full, f"{name}: every field, unknown values"))
        out.append((name, synthesize({"$ref": ref}, unknown=False).value, f"{name}: every field, known values"))
        out.append((name, synthesize({"$ref": ref}, unknown=False, request=True).value, f"{name}: request fields"))
        out.append((name, with_unknown_keys_everywhere(full), f"{name}: unknown keys first, middle and last"))
        required = resolve({"$ref": ref}).get("required", [])
        out.append((name, {k: v for k, v in full.items() if k in required}, f"{name}: required fields only"))
        out.append((name, {}, f"{name}: empty object"))
        for key in full:
            for wrong in WRONG_VALUES:
                out.append((name, {**full, key: wrong}, f"{name}: {key} = {wrong!r}"))
        for wrong in ["text", 5, None, [["pair", 1]], [1]]:
            out.append((name, wrong, f"{name}: the whole payload is {wrong!r}"))
    return out


def probe(package_dir: Path, payloads: list[Case]) -> list[dict[str, Any]]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(package_dir), str(HERE)]))
    proc = subprocess.run(
        [sys.executable, "-m", "model_probe"],
        input=json.dumps([[name, payload] for name, payload, _ in payloads]),
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert Path(out["package"]).resolve().is_relative_to(package_dir.resolve()), out["package"]
    results: list[dict[str, Any]] = out["results"]
    return results


def differences(payloads: list[Case], ours: list[dict[str, Any]], reference: list[dict[str, Any]]) -> list[str]:
    return [
        f"{label}:\n  ours      {str(a)[:600]}\n  reference {str(b)[:600]}"
        for (_, _, label), a, b in zip(payloads, ours, reference, strict=True)
        if a != b
    ]


@pytest.fixture(scope="module")
def reference_client(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The client generated with the stock model template (and every other input unchanged)."""
    root = tmp_path_factory.mktemp("reference")
    repo = root / "repo"
    shutil.copytree(REPO / "openapi", repo / "openapi")
    (repo / "scripts").mkdir()
    for script in ("generate.py", "generate_fields.py"):  # generate.py imports its neighbour
        shutil.copy2(REPO / "scripts" / script, repo / "scripts" / script)
    (repo / "generated").mkdir()
    shutil.copy2(REPO / "LICENSE", repo / "LICENSE")  # generate.py ships it in the package
    shutil.copy2(REPO / "generated" / "ruff.toml", repo / "generated" / "ruff.toml")
    # The stock template, plus the module-level aliases our enum/datetime property templates read
    # (the same objects under another name; see openapi/templates/fast_lookups.jinja).
    stock = STOCK_MODEL_TEMPLATE.read_text(encoding="utf-8")
    (repo / "openapi" / "templates" / "model.py.jinja").write_text(stock + ALIASES_FOOTER, encoding="utf-8")
    out = root / "client"
    proc = subprocess.run(
        [sys.executable, str(repo / "scripts" / "generate.py"), "--output", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


@pytest.fixture(scope="module")
def payloads() -> list[Case]:
    return cases()


@pytest.fixture(scope="module")
def reference_results(reference_client: Path, payloads: list[Case]) -> list[dict[str, Any]]:
    return probe(reference_client, payloads)


def test_the_reference_is_the_stock_template_and_ours_is_not(reference_client: Path) -> None:
    """Guards the comparison itself: the two builds really come from different model templates."""
    module = Path(PACKAGE, "models", "deployment.py")
    assert ".pop(" in (reference_client / module).read_text()
    assert ".pop(" not in (CLIENT_DIR / module).read_text()


def test_the_payloads_cover_examples_unknowns_and_errors(payloads: list[Case], reference_results: list[Any]) -> None:
    labels = [label for _, _, label in payloads]
    assert sum(label.startswith("example ") for label in labels) >= 5
    assert any("unknown keys first" in label for label in labels)
    assert any(r.get("error") == "KeyError" for r in reference_results)
    assert any(r.get("error") in ("TypeError", "ValueError") for r in reference_results)
    assert any("repr" in r and "fieldFromTheFuture" in r["repr"] for r in reference_results)


def test_our_models_parse_every_payload_exactly_like_the_stock_template(
    payloads: list[Case], reference_results: list[dict[str, Any]]
) -> None:
    ours = probe(CLIENT_DIR, payloads)

    diff = differences(payloads, ours, reference_results)
    assert not diff, f"{len(diff)} of {len(payloads)} payloads differ; first ones:\n" + "\n".join(diff[:5])


# Faults planted in a copy of our build; the comparison above must notice each one.
FAULTS = {
    "unknown keys reordered": (
        r"for k, v in src_dict\.items\(\) if k not in",
        "for k, v in sorted(src_dict.items()) if k not in",
    ),
    "non-dict sources not converted": (r"if type\(src_dict\) is not dict:", "if False:"),
    "unknown keys dropped": (r"\{k: v for k, v in src_dict\.items\(\) if k not in \w+\}", "{}"),
    "source dict reused": (r"= dict\(src_dict\)$", "= src_dict"),
}


@pytest.mark.parametrize("fault", FAULTS)
def test_the_comparison_catches_a_planted_fault(
    fault: str, tmp_path: Path, payloads: list[Case], reference_results: list[dict[str, Any]]
) -> None:
    broken = tmp_path / "client"
    shutil.copytree(CLIENT_DIR / PACKAGE, broken / PACKAGE, ignore=shutil.ignore_patterns("__pycache__"))
    pattern, replacement = FAULTS[fault]
    planted = 0
    for path in (broken / PACKAGE / "models").glob("*.py"):
        text, n = re.subn(pattern, replacement, path.read_text(), flags=re.MULTILINE)
        path.write_text(text)
        planted += n
    assert planted, f"the fault {fault!r} matched nothing: the generated code changed shape"

    assert differences(payloads, probe(broken, payloads), reference_results)

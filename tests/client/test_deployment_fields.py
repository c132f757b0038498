"""The typed field module is generated from the spec, is current, and its check can fail."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from fireworks_deployments import DeploymentFields

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))

import generate_fields  # noqa: E402  (scripts/generate_fields.py)


def test_the_committed_module_is_what_the_spec_makes() -> None:
    assert generate_fields.main(["--check"]) == 0


def test_its_keys_are_the_writable_fields_of_the_spec() -> None:
    properties = generate_fields.load_spec()["components"]["schemas"]["Deployment"]["properties"]
    writable = {generate_fields.snake(name) for name, p in properties.items() if not p.get("readOnly")}
    read_only = {generate_fields.snake(name) for name, p in properties.items() if p.get("readOnly")}
    assert set(DeploymentFields.__annotations__) == writable
    assert read_only and not read_only & set(DeploymentFields.__annotations__)
    assert "generated from the spec" in generate_fields.render(generate_fields.load_spec()).lower()


def test_a_spec_change_makes_the_check_fail(tmp_path: Path) -> None:
    spec: dict[str, Any] = generate_fields.load_spec()
    spec["components"]["schemas"]["Deployment"]["properties"]["warmPoolSize"] = {"type": "integer"}
    changed = generate_fields.render(spec)
    assert "    warm_pool_size: int\n" in changed
    stale = tmp_path / "deployment_fields.py"
    stale.write_text(generate_fields.OUTPUT.read_text(encoding="utf-8").replace("    precision: ", "    precison: "))
    assert generate_fields.main(["--check", "--output", str(stale)]) == 1

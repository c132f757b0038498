"""scripts/drift.py on small hand-written specs: explained, unexplained, stale, unreachable, grouped report."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("drift_script", ROOT / "scripts" / "drift.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["drift_script"] = module
    spec.loader.exec_module(module)
    return module


drift = _load()

OURS = {
    "openapi": "3.1.0",
    "paths": {
        "/v1/things/{thing_id}": {
            "parameters": [{"name": "thing_id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "patch": {
                "operationId": "updateThing",
                "parameters": [
                    {"name": "updateMask", "in": "query", "schema": {"type": "string"}},
                    {"name": "force", "in": "query", "schema": {"type": "boolean", "default": False}},
                ],
                "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
                "responses": {
                    "200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}
                },
            },
        }
    },
    "components": {
        "schemas": {
            "Thing": {
                "type": "object",
                "required": ["size"],
                "properties": {
                    "size": {"type": "integer", "format": "int32"},
                    "color": {"type": "string", "enum": ["COLOR_UNSPECIFIED", "RED", "BLUE"]},
                    "owner": {"type": "string", "readOnly": True},
                    "legacy": {"type": "boolean", "deprecated": True},
                },
            }
        }
    },
}

UPSTREAM = {
    "openapi": "3.1.0",
    "paths": {
        "/v1/things/{thing_id}": {
            "patch": {
                "operationId": "Gateway_UpdateThing",
                "parameters": [
                    {"name": "thing_id", "in": "path", "required": True, "schema": {"type": "string"}},
                    {"name": "force", "in": "query", "schema": {"type": "boolean"}},
                ],
                "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/gThing"}}}},
                "responses": {
                    "200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/gThing"}}}}
                },
            }
        }
    },
    "components": {
        "schemas": {
            "gThing": {
                "type": "object",
                "required": ["size"],
                "properties": {
                    "size": {"type": "integer", "format": "int32"},
                    "color": {"type": "string", "enum": ["COLOR_UNSPECIFIED", "RED"]},
                    "owner": {"type": "string"},
                    "weight": {"type": "number"},
                },
            }
        }
    },
}

EXPECTED = {
    "param updateThing updateMask missing-upstream",
    "param updateThing force default",
    "field Thing.color enum",
    "field Thing.owner readOnly",
    "field Thing.legacy missing-upstream",
    "field Thing.weight missing-ours",
}


def _write(tmp: Path, decisions: dict[str, str]) -> tuple[Path, Path, Path]:
    ours, upstream, chosen = tmp / "ours.yaml", tmp / "upstream.yaml", tmp / "decisions.yaml"
    ours.write_text(yaml.safe_dump(OURS))
    upstream.write_text(yaml.safe_dump(UPSTREAM))
    chosen.write_text(yaml.safe_dump({"differences": decisions}))
    return ours, upstream, chosen


def _run(tmp: Path, decisions: dict[str, str], upstream_arg: str | None = None) -> tuple[int, str]:
    ours, upstream, chosen = _write(tmp, decisions)
    report = tmp / "reports" / "drift.md"
    code = drift.main(
        [
            "--upstream",
            upstream_arg or str(upstream),
            "--ours",
            str(ours),
            "--decisions",
            str(chosen),
            "--report",
            str(report),
        ]
    )
    return code, report.read_text() if report.exists() else ""


def test_finds_each_kind_of_difference_and_nothing_else() -> None:
    found = {d.key for d in drift.compare(OURS, UPSTREAM)}
    assert found == EXPECTED


def test_every_difference_explained_passes(tmp_path: Path) -> None:
    code, report = _run(tmp_path, {key: "a reason" for key in EXPECTED})
    assert code == 0
    assert "## parameters of updateThing" in report and "## fields of Thing" in report
    assert "we add ['BLUE'], we lack nothing" in report


def test_an_unexplained_difference_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    decisions = {key: "a reason" for key in EXPECTED if key != "field Thing.owner readOnly"}
    code, report = _run(tmp_path, decisions)
    assert code == 1
    assert "`field Thing.owner readOnly` (ours True, upstream False; in updateThing): UNEXPLAINED" in report
    assert "drift: FAILED" in capsys.readouterr().out


def test_an_empty_reason_does_not_explain(tmp_path: Path) -> None:
    code, _ = _run(tmp_path, {**{key: "a reason" for key in EXPECTED}, "field Thing.color enum": ""})
    assert code == 1


def test_a_stale_decision_fails(tmp_path: Path) -> None:
    code, report = _run(tmp_path, {**{key: "a reason" for key in EXPECTED}, "field Thing.size format": "gone"})
    assert code == 1
    assert "## Stale decisions" in report and "`field Thing.size format`" in report


def test_an_unreachable_url_is_one_line_and_non_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = _run(tmp_path, {}, upstream_arg="http://127.0.0.1:9/spec.yaml")
    out = capsys.readouterr().out
    assert code == 2
    assert out.count("\n") == 1 and out.startswith("drift: cannot read the upstream spec http://127.0.0.1:9/spec.yaml")


def test_a_missing_file_is_one_line_and_non_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = _run(tmp_path, {}, upstream_arg=str(tmp_path / "nope.yaml"))
    assert code == 2 and capsys.readouterr().out.count("\n") == 1


def test_the_committed_decisions_are_well_formed() -> None:
    decisions = drift.load_decisions(ROOT / "openapi" / "drift-decisions.yaml")
    assert decisions and all(reason for reason in decisions.values())

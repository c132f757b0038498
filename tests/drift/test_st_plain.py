"""scripts/st_plain.py judges a hook-free schemathesis JUnit report against the spec's info.x-inexpressible."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("st_plain", ROOT / "scripts" / "st_plain.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["st_plain"] = module
    spec.loader.exec_module(module)
    return module


st_plain = _load()

RULES = [
    {
        "rule": "filter-grammar",
        "operations": ["listThings"],
        "answer": {"status": 400, "code": 3, "messagePrefix": "filter:"},
    },
    {"rule": "state", "operations": ["deleteThing"], "answer": {"status": 400, "code": 9}},
]
OPS = {"GET /things": "listThings", "DELETE /things/{id}": "deleteThing", "POST /things": "createThing"}


def _block(n: int, case: str, check: str, status: int, body: str) -> str:
    return f"{n}. Test Case ID: {case}\n\n- {check}\n\n    Valid data should have been accepted\n\n[{status}] Bad:\n\n    `{body}`\n\n"


def _junit(tmp: Path, cases: dict[str, str]) -> Path:
    parts = ['<?xml version="1.0"?><testsuites><testsuite name="schemathesis">']
    for name, text in cases.items():
        escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        parts.append(f'<testcase name="{name}"><failure type="failure" message="x">{escaped}</failure></testcase>')
    parts.append("</testsuite></testsuites>")
    path = tmp / "junit.xml"
    path.write_text("".join(parts))
    return path


def test_listed_cases_only_pass(tmp_path: Path) -> None:
    report = _junit(
        tmp_path,
        {
            "GET /things": _block(
                1, "a", "ST202 Schema-valid request rejected", 400, '{"code":3,"message":"filter: bad"}'
            ),
            "DELETE /things/{id}": _block(
                1, "b", "ST202 Schema-valid request rejected", 400, '{"code":9,"message":"gone"}'
            ),
        },
    )
    text, ok = st_plain.summary(st_plain.findings_from_junit(report), RULES, OPS)
    assert ok, text
    assert "filter-grammar         1 finding(s): listThings" in text


def test_anything_else_fails(tmp_path: Path) -> None:
    report = _junit(
        tmp_path,
        {
            # the right answer on an operation the rule does not list
            "POST /things": _block(1, "c", "ST202 Schema-valid request rejected", 400, '{"code":9,"message":"x"}')
            # another check altogether
            + _block(2, "d", "ST201 Schema-violating request accepted", 200, '{"name":"x"}'),
            # the right operation, another message
            "GET /things": _block(
                1, "e", "ST202 Schema-valid request rejected", 400, '{"code":3,"message":"pageSize: no"}'
            ),
        },
    )
    findings = st_plain.findings_from_junit(report)
    assert [f.case_id for f in findings] == ["c", "d", "e"]
    text, ok = st_plain.summary(findings, RULES, OPS)
    assert not ok and text.count("UNEXPECTED") == 3


def test_the_spec_lists_rules_with_their_answers() -> None:
    rules, ops = st_plain.load_rules(ROOT / "openapi" / "deployments.yaml")
    assert {r["rule"] for r in rules} >= {"filter-grammar", "state-preconditions", "shapeless-risk"}
    assert all(set(r["operations"]) <= set(ops.values()) and r["answer"]["status"] == 400 for r in rules)


def test_stateful_failures_are_placed_by_their_curl_line(tmp_path: Path) -> None:
    block = _block(1, "s", "ST202 Schema-valid request rejected", 400, '{"code":9,"message":"soft-deleted"}')
    block += "Reproduce with:\n\n    curl -X POST -H 'Authorization: [Filtered]' -d '{}' http://127.0.0.1:1/things\n"
    block += "    curl -X DELETE -H 'Authorization: [Filtered]' http://127.0.0.1:1/things/abc\n\n"
    report = _junit(tmp_path, {"Stateful tests": block})
    (finding,) = st_plain.findings_from_junit(report)
    assert st_plain.operation_id(finding.operation, OPS) == "deleteThing"
    assert st_plain.classify(finding, RULES, OPS) == "state"

"""The hook-free schemathesis run: `st` on openapi/deployments.yaml alone, judged against info.x-inexpressible.

A generic tool knows only the spec. Every failure it reports must be one of the rules the spec lists as
beyond JSON Schema (``info.x-inexpressible``: the operations each concerns and the answer it gives): a
``Schema-valid request rejected`` (ST202) whose answer has that status, gRPC code and message prefix, on one
of those operations. Anything else (another check, another answer, another operation) is a real gap.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

__all__ = ["Finding", "findings_from_junit", "classify", "load_rules", "summary"]

_CASE = re.compile(r"(?m)^\d+\. Test Case ID: (\S+)")
_CHECK = re.compile(r"(?m)^- (ST\d+) (.+)$")
_STATUS = re.compile(r"(?m)^\[(\d{3})\]")
_CODE = re.compile(r'"code":\s*(\d+)')
_MESSAGE = re.compile(r'"message":\s*"((?:[^"\\]|\\.)*)')
_CURL = re.compile(r"curl -X (\w+) .*?'?(https?://[^\s']+)")
REJECTED_VALID = "ST202"


@dataclass(frozen=True)
class Finding:
    operation: str  # "METHOD /path"
    case_id: str
    checks: tuple[str, ...]  # ST codes with titles
    status: int | None
    code: int | None
    message: str


def findings_from_junit(path: Path) -> list[Finding]:
    """One finding per failing test case in a schemathesis JUnit report."""
    found: list[Finding] = []
    for testcase in ET.parse(path).getroot().iter("testcase"):
        for failure in testcase.iter("failure"):
            text = failure.text or ""
            starts = [m.start() for m in _CASE.finditer(text)] or [0]
            for begin, end in zip(starts, [*starts[1:], len(text)], strict=True):
                block = text[begin:end]
                case = _CASE.search(block)
                status, code, message = _STATUS.search(block), _CODE.search(block), _MESSAGE.search(block)
                curls = list(_CURL.finditer(block))  # a stateful reproduction lists its steps: the last one failed
                curl = curls[-1] if curls else None
                found.append(
                    Finding(
                        # stateful failures come under one "Stateful tests" case: the curl line names the call
                        operation=testcase.get("name", "") if not curl else f"{curl.group(1)} {curl.group(2)}",
                        case_id=case.group(1) if case else "?",
                        checks=tuple(f"{m.group(1)} {m.group(2).strip()}" for m in _CHECK.finditer(block)),
                        status=int(status.group(1)) if status else None,
                        code=int(code.group(1)) if code else None,
                        message=message.group(1) if message else "",
                    )
                )
    return found


def load_rules(spec_path: Path) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """(info.x-inexpressible, "METHOD /path" -> operationId) of the spec."""
    spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    ops = {
        f"{method.upper()} {path}": op["operationId"]
        for path, item in spec["paths"].items()
        for method, op in item.items()
        if isinstance(op, dict) and "operationId" in op
    }
    return list(spec["info"].get("x-inexpressible") or []), ops


def operation_id(operation: str, ops: dict[str, str]) -> str | None:
    """The operationId of "METHOD /template" or of "METHOD http://host/concrete/path?query"."""
    if operation in ops:
        return ops[operation]
    method, _, url = operation.partition(" ")
    path = "/" + url.split("://", 1)[-1].split("/", 1)[-1].split("?", 1)[0] if "://" in url else url
    for key, op_id in ops.items():
        op_method, _, template = key.partition(" ")
        pattern = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/:]+", re.escape(template)) + "$"
        if op_method == method.upper() and re.match(pattern, path):
            return op_id
    return None


def classify(finding: Finding, rules: list[dict[str, Any]], ops: dict[str, str]) -> str | None:
    """The inexpressible rule a finding is an instance of, or None when it is not one of them."""
    if [c.split()[0] for c in finding.checks] != [REJECTED_VALID]:
        return None
    op_id = operation_id(finding.operation, ops)
    for rule in rules:
        answer = rule.get("answer") or {}
        if op_id not in rule.get("operations", ()):
            continue
        if finding.status != answer.get("status") or finding.code != answer.get("code"):
            continue
        if not finding.message.startswith(str(answer.get("messagePrefix", ""))):
            continue
        return str(rule["rule"])
    return None


def summary(findings: list[Finding], rules: list[dict[str, Any]], ops: dict[str, str]) -> tuple[str, bool]:
    """(text for people, whether only listed inexpressible cases were found)."""
    by_rule: dict[str, list[Finding]] = {str(r["rule"]): [] for r in rules}
    unexpected: list[Finding] = []
    for f in findings:
        rule = classify(f, rules, ops)
        (by_rule[rule] if rule else unexpected).append(f)
    lines = ["hook-free st run, judged against info.x-inexpressible:"]
    for rule, hits in by_rule.items():
        where = sorted({operation_id(f.operation, ops) or f.operation for f in hits})
        lines.append(f"  {rule:22} {len(hits)} finding(s){': ' + ', '.join(where) if where else ''}")
    for f in unexpected:
        lines.append(
            f"  UNEXPECTED {f.operation} case {f.case_id}: {', '.join(f.checks) or '?'} -> {f.status} "
            f"code {f.code} {f.message[:160]!r}"
        )
    lines.append(
        "  result: " + ("only listed inexpressible cases" if not unexpected else f"{len(unexpected)} unexpected")
    )
    return "\n".join(lines), not unexpected

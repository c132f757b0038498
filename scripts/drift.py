#!/usr/bin/env python3
"""Drift: compare openapi/deployments.yaml with Fireworks' published spec on the seven operations.

    python scripts/drift.py --upstream FILE|URL [--ours SPEC] [--decisions FILE] [--report FILE]

Compared, per operation (matched by method and path): parameters (in, type, format, required,
enum values, default, deprecated) and the fields of the request body and of the 200 answer,
recursively (type, format, required, readOnly, enum values, default, deprecated, presence).
Every difference has a key such as ``field Deployment.numPeftDeviceCached readOnly``; the
decisions file (openapi/drift-decisions.yaml) maps each key to the reason we differ.

Exit 0 when every difference is explained and no decision is stale (its difference gone);
1 otherwise; 2 when the upstream spec cannot be read (one line says why). A grouped report
is printed and written to reports/drift.md.
"""

from __future__ import annotations

import argparse
import sys
import urllib.error
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

__all__ = ["Difference", "compare", "load_upstream", "main"]

ROOT = Path(__file__).resolve().parent.parent
OURS = ROOT / "openapi" / "deployments.yaml"
DECISIONS = ROOT / "openapi" / "drift-decisions.yaml"
REPORT = ROOT / "reports" / "drift.md"
METHODS = ("get", "put", "post", "delete", "patch")
FIELD_ATTRS = ("type", "format", "readOnly", "enum", "default", "deprecated")
PARAM_ATTRS = ("in", "required", "type", "format", "enum", "default", "deprecated")


class UpstreamUnavailable(Exception):
    """The upstream spec could not be fetched or parsed."""


@dataclass
class Difference:
    key: str  # what the decisions file names
    group: str  # for the report: "parameters of createDeployment", "fields of Deployment"
    ours: Any
    upstream: Any
    where: set[str] = field(default_factory=set)  # operations it was seen in


def load_upstream(source: str) -> dict[str, Any]:
    """The upstream spec from a file or an http(s) URL."""
    try:
        if source.startswith(("http://", "https://")):
            with urllib.request.urlopen(source, timeout=30) as answer:  # noqa: S310 (a URL the user gave)
                text = answer.read().decode("utf-8")
        else:
            text = Path(source).read_text(encoding="utf-8")
        data = yaml.safe_load(text)
    except (OSError, urllib.error.URLError, UnicodeDecodeError, yaml.YAMLError, ValueError) as exc:
        raise UpstreamUnavailable(f"cannot read the upstream spec {source}: {exc}") from None
    if not isinstance(data, dict) or "paths" not in data:
        raise UpstreamUnavailable(f"cannot read the upstream spec {source}: not an OpenAPI document")
    return data


class _Doc:
    def __init__(self, spec: dict[str, Any]):
        self.spec = spec

    def resolve(self, node: Any) -> tuple[Any, str | None]:
        """(node with its local $ref followed and siblings merged, name of the component it came from)."""
        name = None
        while isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/"):
            ref = node["$ref"]
            target: Any = self.spec
            for part in ref[2:].split("/"):
                target = target[part]
            name = ref.rsplit("/", 1)[-1]
            node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        return node, name

    def operations(self) -> dict[tuple[str, str], tuple[str, dict[str, Any], list[dict[str, Any]]]]:
        """(METHOD, path) -> (operationId, operation, parameters with path-level ones merged and deduplicated)."""
        result = {}
        for path, item in (self.spec.get("paths") or {}).items():
            shared = [self.resolve(p)[0] for p in item.get("parameters", [])]
            for method in METHODS:
                op = item.get(method)
                if not isinstance(op, dict):
                    continue
                params: dict[tuple[str, str], dict[str, Any]] = {}
                for p in shared + [self.resolve(p)[0] for p in op.get("parameters", [])]:
                    key = (p.get("name"), p.get("in"))
                    if key not in params or ("schema" in p and "schema" not in params[key]):
                        params[key] = p
                result[(method.upper(), path)] = (op.get("operationId", ""), op, list(params.values()))
        return result


def _attrs(doc: _Doc, node: Any, required: bool | None) -> dict[str, Any]:
    schema, _ = doc.resolve(node or {})
    out: dict[str, Any] = {
        "type": schema.get("type") or ("string" if "enum" in schema else None),
        "format": schema.get("format"),
        "readOnly": bool(schema.get("readOnly", False)),
        "enum": tuple(sorted(schema["enum"])) if isinstance(schema.get("enum"), list) else None,
        "default": schema.get("default"),
        "deprecated": bool(schema.get("deprecated", False)),
    }
    if required is not None:
        out["required"] = required
    return out


def _children(doc: _Doc, node: Any) -> tuple[dict[str, Any], set[str], Any, Any]:
    """(properties, required names, array items, map values) of a schema node."""
    schema, _ = doc.resolve(node or {})
    extra = schema.get("additionalProperties")
    return (
        schema.get("properties") or {},
        set(schema.get("required") or ()),
        schema.get("items"),
        extra if isinstance(extra, dict) else None,
    )


class _Comparer:
    def __init__(self, ours: dict[str, Any], upstream: dict[str, Any]):
        self.ours, self.up = _Doc(ours), _Doc(upstream)
        self.found: dict[str, Difference] = {}

    def note(self, key: str, group: str, ours: Any, upstream: Any, where: str) -> None:
        diff = self.found.setdefault(key, Difference(key, group, ours, upstream))
        diff.where.add(where)

    def schema(self, ours: Any, up: Any, label: str, where: str, stack: tuple[str, ...] = ()) -> None:
        """Compare two schema nodes recursively; a named schema of ours restarts the path at its name."""
        _, name = self.ours.resolve(ours or {})
        if name is not None:
            if name in stack:
                return  # a recursive schema: its fields were compared one level up
            label, stack = name, (*stack, name)
        o_props, o_req, o_items, o_map = _children(self.ours, ours)
        u_props, u_req, u_items, u_map = _children(self.up, up)
        group = f"fields of {label.split('.')[0]}"
        for prop in sorted(set(o_props) | set(u_props)):
            path = f"{label}.{prop}"
            if prop not in u_props:
                self.note(f"field {path} missing-upstream", group, "declared", None, where)
                continue
            if prop not in o_props:
                self.note(f"field {path} missing-ours", group, None, "declared", where)
                continue
            a = _attrs(self.ours, o_props[prop], prop in o_req)
            b = _attrs(self.up, u_props[prop], prop in u_req)
            for attr in (*FIELD_ATTRS, "required"):
                if a.get(attr) != b.get(attr):
                    self.note(f"field {path} {attr}", group, a.get(attr), b.get(attr), where)
            self.schema(o_props[prop], u_props[prop], path, where, stack)
        if o_items is not None or u_items is not None:
            self.schema(o_items, u_items, f"{label}[]", where, stack)
        if o_map is not None or u_map is not None:
            self.schema(o_map, u_map, f"{label}{{}}", where, stack)

    def parameters(self, op_id: str, ours: list[dict[str, Any]], up: list[dict[str, Any]]) -> None:
        group = f"parameters of {op_id}"
        o = {p["name"]: p for p in ours}
        u = {p["name"]: p for p in up}
        for name in sorted(set(o) | set(u)):
            if name not in u:
                self.note(f"param {op_id} {name} missing-upstream", group, o[name].get("in"), None, op_id)
                continue
            if name not in o:
                self.note(f"param {op_id} {name} missing-ours", group, None, u[name].get("in"), op_id)
                continue
            a = {**_attrs(self.ours, o[name].get("schema"), None), "in": o[name].get("in")}
            b = {**_attrs(self.up, u[name].get("schema"), None), "in": u[name].get("in")}
            a["required"], b["required"] = bool(o[name].get("required")), bool(u[name].get("required"))
            a["deprecated"] = a["deprecated"] or bool(o[name].get("deprecated"))
            b["deprecated"] = b["deprecated"] or bool(u[name].get("deprecated"))
            for attr in PARAM_ATTRS:
                if a.get(attr) != b.get(attr):
                    self.note(f"param {op_id} {name} {attr}", group, a.get(attr), b.get(attr), op_id)

    def run(self) -> list[Difference]:
        up_ops = self.up.operations()
        for key, (op_id, op, params) in self.ours.operations().items():
            if key not in up_ops:
                self.note(f"operation {op_id} missing-upstream", "operations", f"{key[0]} {key[1]}", None, op_id)
                continue
            _, up_op, up_params = up_ops[key]
            if bool(op.get("deprecated")) != bool(up_op.get("deprecated")):
                self.note(
                    f"operation {op_id} deprecated", "operations", op.get("deprecated"), up_op.get("deprecated"), op_id
                )
            self.parameters(op_id, params, up_params)
            self.schema(_body(self.ours, op), _body(self.up, up_op), f"{op_id}.request", op_id)
            self.schema(_answer(self.ours, op), _answer(self.up, up_op), f"{op_id}.answer", op_id)
        return sorted(self.found.values(), key=lambda d: (d.group, d.key))


def _body(doc: _Doc, op: dict[str, Any]) -> Any:
    body, _ = doc.resolve(op.get("requestBody") or {})
    return ((body.get("content") or {}).get("application/json") or {}).get("schema")


def _answer(doc: _Doc, op: dict[str, Any]) -> Any:
    answer, _ = doc.resolve((op.get("responses") or {}).get("200") or {})
    return ((answer.get("content") or {}).get("application/json") or {}).get("schema")


def compare(ours: dict[str, Any], upstream: dict[str, Any]) -> list[Difference]:
    """Every difference between our spec and the upstream one on our operations."""
    return _Comparer(ours, upstream).run()


def load_decisions(path: Path) -> dict[str, str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    decisions = (data or {}).get("differences") or {}
    if not isinstance(decisions, dict):
        raise SystemExit(f"drift: {path}: `differences` must map each difference key to its reason")
    return {str(k): str(v or "").strip() for k, v in decisions.items()}


def _show(value: Any) -> str:
    if isinstance(value, tuple):
        return "[" + ", ".join(map(str, value)) + "]"
    return "-" if value is None else str(value)


def _enum_change(ours: Any, upstream: Any) -> str:
    if not (isinstance(ours, tuple) and isinstance(upstream, tuple)):
        return f"ours {_show(ours)}, upstream {_show(upstream)}"
    added, dropped = sorted(set(ours) - set(upstream)), sorted(set(upstream) - set(ours))
    return f"we add {added or 'nothing'}, we lack {dropped or 'nothing'}"


def report(diffs: list[Difference], decisions: dict[str, str], upstream: str) -> tuple[str, bool]:
    """(markdown report, whether everything is explained and nothing is stale)."""
    keys = {d.key for d in diffs}
    unexplained = [d for d in diffs if not decisions.get(d.key)]
    stale = sorted(set(decisions) - keys)
    lines = [
        "# Drift against Fireworks' published spec",
        "",
        f"Upstream: `{upstream}`. Differences: {len(diffs)}, explained: {len(diffs) - len(unexplained)},"
        f" unexplained: {len(unexplained)}, stale decisions: {len(stale)}.",
    ]
    grouped: dict[str, list[Difference]] = defaultdict(list)
    for d in diffs:
        grouped[d.group].append(d)
    for group in sorted(grouped):
        lines += ["", f"## {group}", ""]
        for d in grouped[group]:
            change = (
                _enum_change(d.ours, d.upstream)
                if d.key.endswith(" enum")
                else (f"ours {_show(d.ours)}, upstream {_show(d.upstream)}")
            )
            reason = decisions.get(d.key)
            status = f"explained: {reason}" if reason else "UNEXPLAINED (add a reason to the decisions file)"
            lines.append(f"- `{d.key}` ({change}; in {', '.join(sorted(d.where))}): {status}")
    if stale:
        lines += ["", "## Stale decisions (their difference is gone; remove them)", ""]
        lines += [f"- `{key}`" for key in stale]
    return "\n".join(lines) + "\n", not unexplained and not stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--upstream", required=True, help="Fireworks' published spec: a file or an http(s) URL")
    parser.add_argument("--ours", type=Path, default=OURS)
    parser.add_argument("--decisions", type=Path, default=DECISIONS)
    parser.add_argument("--report", type=Path, default=REPORT)
    args = parser.parse_args(argv)
    try:
        upstream = load_upstream(args.upstream)
    except UpstreamUnavailable as exc:
        print(f"drift: {exc}")
        return 2
    ours = yaml.safe_load(args.ours.read_text(encoding="utf-8"))
    text, ok = report(compare(ours, upstream), load_decisions(args.decisions), args.upstream)
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(text, encoding="utf-8")
    print(text, end="")
    print(f"drift: {'OK' if ok else 'FAILED'} (report: {args.report})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Run the contract suite (contract_tests/fireworks_deployments_testing/suite) against one target and summarise it.

    python scripts/contract_suite.py [--target inprocess|standalone|live] [--profile fast|ci]
                                     [--workers auto|N] [-- PYTEST_ARGS...]

Writes reports/contract-<target>.xml (JUnit), reports/contract-<target>-cases.json
(cases per layer/operation/mode) and, on failure, reports/contract-<target>-repro.txt
with the reproduction commands schemathesis printed (curl) and hypothesis seeds.
Prints: operations covered, cases per layer, failures, wall time, cases per second.
Exit status is pytest's (5, "no tests", counts as success only for a skipped live run).

Workers: the in-process target runs on every core (pytest-xdist `-n auto --dist worksteal`;
each worker has its own in-process fake, and the `ci` profile is derandomized per test, so
the cases are the same whatever the worker count). The suite's conftest orders the items
longest first and worksteal lets an idle worker take queued items from the other, so the
workers finish together (see pytest_worker_args). Each worker writes its own case counts
(`...-cases.<worker>.json`), merged here into the one summary. The standalone and live targets
run with one worker: their tests share one server, whose state the suite resets between tests.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from fireworks_deployments_testing.suite.targets import mask

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "reports"
sys.path.insert(0, str(ROOT))


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def junit_failures(path: Path) -> list[tuple[str, str]]:
    if not path.exists():
        return []
    failures = []
    for case in ET.parse(path).getroot().iter("testcase"):
        for tag in ("failure", "error"):
            node = case.find(tag)
            if node is not None:
                name = f"{case.get('classname')}::{case.get('name')}"
                failures.append((name, (node.get("message") or "") + "\n" + (node.text or "")))
    return failures


def junit_skips(path: Path) -> list[str]:
    if not path.exists():
        return []
    return sorted({(node.get("message") or "").strip() for node in ET.parse(path).getroot().iter("skipped")})


def write_repro(target: str, failures: list[tuple[str, str]], reports: Path = REPORTS) -> Path | None:
    if not failures:
        return None
    out = reports / f"contract-{target}-repro.txt"
    lines = [f"# Reproductions for {len(failures)} failing test(s) of the contract suite (target {target})", ""]
    for name, text in failures:
        lines.append(f"## {name}")
        curls = re.findall(r"^[ |]*(curl .+)$", text, flags=re.MULTILINE)
        seeds = re.findall(r"(@seed\(\d+\)|--hypothesis-seed=\d+|@reproduce_failure\([^)]*\))", text)
        lines += [c.strip() for c in dict.fromkeys(curls)] or ["(no curl command: see the JUnit report)"]
        lines += [f"hypothesis: {s}" for s in dict.fromkeys(seeds)]
        lines.append(
            f"pytest: python -m pytest contract_tests/fireworks_deployments_testing/suite -k '{name.rsplit('::', 1)[-1]}'"
        )
        lines.append("")
    out.write_text(mask("\n".join(lines)))
    return out


def worker_stats(stats_path: Path) -> list[Path]:
    """The per-worker case-count files that pytest-xdist workers write beside ``stats_path``."""
    return sorted(stats_path.parent.glob(f"{stats_path.stem}.*{stats_path.suffix}"))


def merge_stats(stats_path: Path) -> dict[str, Any]:
    """One case-count document from the serial file or the workers' files (rows summed, workers removed)."""
    parts: list[dict[str, Any]] = [
        json.loads(p.read_text()) for p in [stats_path, *worker_stats(stats_path)] if p.exists()
    ]
    if not parts:
        return {"cases": [], "profile": "?"}
    totals: collections.Counter[tuple[str, str, str]] = collections.Counter()
    for part in parts:
        for row in part["cases"]:
            totals[(row["layer"], row["operation"], row["mode"])] += row["cases"]
    merged = {
        **parts[0],
        "workers": len(parts),
        "seconds": max(part.get("seconds", 0) for part in parts),
        "cases": [{"layer": k[0], "operation": k[1], "mode": k[2], "cases": v} for k, v in sorted(totals.items())],
    }
    for extra in worker_stats(stats_path):
        extra.unlink()
    stats_path.write_text(json.dumps(merged, indent=1))
    return merged


def pytest_worker_args(workers: str, target: str) -> list[str]:
    """pytest-xdist arguments: none for one worker or a server-backed target (see the module docstring)."""
    if target != "inprocess" or workers in ("0", "1"):
        return []
    # `--dist worksteal`: each worker starts with half of the items (the suite's conftest puts the longest
    # first) and a worker that runs out takes half of what another still has queued, so both finish within
    # a short item of each other. `load` hands out chunks of consecutive items, and its last chunks left one
    # worker ~5 s behind the other. Not loadgroup: schemathesis 4.32.5 gives the items of one parametrized
    # test the same node id (`test_positive` x 7 operations), and loadgroup schedules by node id, so it ran
    # one of the seven (worksteal, like load, schedules by item index).
    return ["-n", workers, "--dist", "worksteal"]


def summarise(target: str, stats_path: Path, junit: Path, wall: float) -> dict[str, Any]:
    data = merge_stats(stats_path)
    per_layer: collections.Counter[str] = collections.Counter()
    per_op: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for row in data["cases"]:
        per_layer[row["layer"]] += row["cases"]
        per_op[row["operation"]][f"{row['layer']}:{row['mode']}"] += row["cases"]
    from fireworks_deployments_testing.rules.spec import operations

    ops = list(operations())
    covered = [op for op in ops if op in per_op]
    failures = junit_failures(junit)
    total = sum(per_layer.values())
    workers = data.get("workers", 1)
    print(
        f"\n== contract suite summary (target {target}, hypothesis profile {data.get('profile')},"
        f" {workers} worker{'s' if workers != 1 else ''}) =="
    )
    print(
        f"operations covered: {len(covered)}/{len(ops)}"
        + (f"  missing: {sorted(set(ops) - set(covered))}" if len(covered) < len(ops) else "")
    )
    print("cases per layer:   " + ", ".join(f"{layer} {n}" for layer, n in sorted(per_layer.items())))
    for op in ops:
        c = per_op.get(op, collections.Counter())
        srv = f"server +{c['server:positive']}/-{c['server:negative']}"
        print(
            f"  {op:20s} {srv:22s} stateful {sum(v for k, v in c.items() if k.startswith('stateful'))}"
            f"  client {sum(v for k, v in c.items() if k.startswith('client'))}"
        )
    print(f"failures:          {len(failures)}" + "".join(f"\n  - {name}" for name, _ in failures))
    for skip in junit_skips(junit)[:3]:
        print(f"skipped:           {skip}")
    print(f"wall time:         {wall:.1f} s   cases/second: {total / wall if wall else 0:.0f}  ({total} cases)")
    repro = write_repro(target, failures, junit.parent)
    if repro:
        print(f"reproductions:     {_shown(repro)}")
    print(f"JUnit XML:         {_shown(junit)}")
    return {
        "target": target,
        "cases": total,
        "per_layer": dict(per_layer),
        "failures": len(failures),
        "seconds": wall,
        "workers": workers,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--target", default=os.environ.get("CONTRACT_TARGET", "inprocess"))
    parser.add_argument("--profile", default=os.environ.get("HYPOTHESIS_PROFILE", "fast"))
    parser.add_argument("--reports-dir", type=Path, default=REPORTS, help="where the reports go (default reports/)")
    parser.add_argument(
        "--workers",
        default=os.environ.get("PYTEST_WORKERS", "auto"),
        help="pytest-xdist workers for the in-process target: auto (every core) or N; 1 = no xdist",
    )
    parser.add_argument("pytest_args", nargs="*")
    args = parser.parse_args(argv)
    reports = args.reports_dir.resolve()
    reports.mkdir(parents=True, exist_ok=True)
    if args.target != "inprocess":
        from fireworks_deployments_testing.suite import targets

        try:
            targets.from_env(args.target)
        except targets.TargetUnavailable as exc:
            print(exc)  # the one line saying what to set
            return 0
    junit = reports / f"contract-{args.target}.xml"
    stats = reports / f"contract-{args.target}-cases.json"
    for stale in (junit, stats, reports / f"contract-{args.target}-repro.txt", *worker_stats(stats)):
        stale.unlink(missing_ok=True)
    env = {
        **os.environ,
        "CONTRACT_TARGET": args.target,
        "HYPOTHESIS_PROFILE": args.profile,
        "CONTRACT_STATS": str(stats),
    }
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        "contract_tests/fireworks_deployments_testing/suite",
        "-p",
        "no:cacheprovider",
        "-q",
        f"--junitxml={junit}",
        "-o",
        "junit_family=xunit2",
        *pytest_worker_args(args.workers, args.target),
        *args.pytest_args,
    ]
    print("$ " + " ".join(cmd), flush=True)
    started = time.perf_counter()
    code = subprocess.run(cmd, cwd=ROOT, env=env).returncode
    wall = time.perf_counter() - started
    summarise(args.target, stats, junit, wall)
    if code == 5 and args.target == "live":  # every test skipped: no credentials
        return 0
    return code


if __name__ == "__main__":
    sys.exit(main())

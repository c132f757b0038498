"""``python -m scripts.bench [--quick] [--only NAME,...] [--out DIR]`` (run from the repository root).

Runs the benchmarks of issue #6 and writes DIR/bench.json, DIR/bench.md and DIR/bench.png:
  client_overhead  generated client vs raw httpx floor vs official SDK over httpx.MockTransport
  throughput       standalone fake vs Prism over loopback, load generator in another process
  contract_speed   schemathesis cases/s in process: fake vs a canned-answer floor
  scale            paginate 1k / 10k / 100k deployments of a standalone fake
  generate         wall time of scripts/generate.py into a temporary directory
  setup_time       a cold fresh clone running `-s contract` and the README test command, uv vs pip
  suite_parallel   the in-process contract suite on one core vs every core (pytest-xdist)
``--quick`` uses tiny sizes and few repetitions (what tests/bench runs); a missing optional side
(official SDK, Prism, matplotlib, the fake) is reported as missing rather than failing the run.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import client_overhead, contract_speed, generate_time, report, scale, setup_time, suite_parallel, throughput
from .common import REPO, Settings, machine

BENCHMARKS = {
    "client_overhead": client_overhead.run,
    "throughput": throughput.run,
    "contract_speed": contract_speed.run,
    "scale": scale.run,
    "generate": generate_time.run,
    "setup_time": setup_time.run,
    "suite_parallel": suite_parallel.run,
}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m scripts.bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--quick", action="store_true", help="tiny sizes, few repetitions (for tests)")
    p.add_argument("--only", default=",".join(BENCHMARKS), help="comma-separated subset of: " + ", ".join(BENCHMARKS))
    p.add_argument("--out", type=Path, default=REPO / "reports", help="output directory (default reports/)")
    p.add_argument("--strict", action="store_true", help="exit 1 if a benchmark raised (default: report it)")
    a = p.parse_args(argv)
    names = [n.strip() for n in a.only.split(",") if n.strip()]
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        p.error(f"unknown benchmark(s): {', '.join(unknown)}")
    settings = Settings(quick=a.quick)
    started = time.perf_counter()
    results: dict[str, Any] = {
        "quick": a.quick,
        "started": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "errors": {},
    }
    for name in names:
        t0 = time.perf_counter()
        print(f"bench: {name} ...", file=sys.stderr, flush=True)
        try:
            results[name] = BENCHMARKS[name](settings)
        except Exception as exc:  # one broken benchmark must not hide the others
            traceback.print_exc()
            results["errors"][name] = f"{type(exc).__name__}: {exc}"
        print(f"bench: {name} done in {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)
    results["wall_s"] = time.perf_counter() - started
    paths = report.write(results, a.out)
    for path in paths.values():
        print(f"bench: wrote {path}", file=sys.stderr)
    return 1 if (a.strict and results["errors"]) else 0


if __name__ == "__main__":
    sys.exit(main())

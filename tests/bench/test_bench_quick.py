"""``python -m scripts.bench --quick`` runs end to end and writes its reports (no timing asserted).

One run per benchmark (``--only NAME``), so pytest-xdist can spread them over the cores.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow

# benchmark -> (its section heading in bench.md, a check of its quick results)
BENCHMARKS: dict[str, tuple[str, Callable[[dict[str, Any]], bool]]] = {
    "client_overhead": ("## 1. Client overhead", lambda r: set(r["ops"]) == {"get", "create", "list50"}),
    "throughput": ("## 2. Fake-server throughput", lambda r: r["rows"]["get"]["1"]["fake"]["errors"] == 0),
    "contract_speed": ("## 3. Contract-suite", lambda r: r["sides"]["fake"]["cases_per_run"] > 0),
    "scale": (
        "## 4. Scale",
        lambda r: all(row["seen_in_traced_pass"] == int(size) for size, row in r["sizes"].items()),
    ),
    "generate": ("## 5. Generate", lambda r: r["python_files"] > 0),
    "setup_time": ("## 6. Set-up", lambda r: "skipped" in r),  # minutes per side: not in quick runs
    "suite_parallel": (
        "## 7. Contract suite on every core",
        lambda r: r["cases"]["1"].get("server", 0) > 0 and r["cases"]["auto"].get("server", 0) > 0,
    ),
}


@pytest.mark.parametrize("name", list(BENCHMARKS))
def test_quick_run_writes_json_and_markdown(name: str, tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "scripts.bench", "--quick", "--strict", "--only", name, "--out", str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    results = json.loads((tmp_path / "bench.json").read_text())
    assert results["errors"] == {}
    heading, check = BENCHMARKS[name]
    assert check(results[name]), results[name]
    text = (tmp_path / "bench.md").read_text()
    assert "## Targets" in text
    assert heading in text

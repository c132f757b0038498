"""``python -m scripts.bench --quick`` runs end to end and writes its reports (no timing asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def test_quick_run_writes_json_and_markdown(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "scripts.bench", "--quick", "--strict", "--out", str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    results = json.loads((tmp_path / "bench.json").read_text())
    assert results["errors"] == {}
    for name in ("client_overhead", "throughput", "contract_speed", "scale", "generate"):
        assert name in results, name
    assert set(results["client_overhead"]["ops"]) == {"get", "create", "list50"}
    assert results["throughput"]["rows"]["get"]["1"]["fake"]["errors"] == 0
    assert results["contract_speed"]["sides"]["fake"]["cases_per_run"] > 0
    assert all(row["seen_in_traced_pass"] == int(size) for size, row in results["scale"]["sizes"].items())
    text = (tmp_path / "bench.md").read_text()
    for heading in (
        "## Targets",
        "## 1. Client overhead",
        "## 2. Fake-server throughput",
        "## 3. Contract-suite",
        "## 4. Scale",
        "## 5. Generate",
    ):
        assert heading in text

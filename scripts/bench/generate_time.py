"""5. Wall time of the generate step: ``scripts/generate.py --output TMP`` (what ``nox -s generate`` runs).

Runs in a temporary directory so the committed ``generated/`` tree is never touched. Needs the
pinned openapi-python-client and ruff in this interpreter (the bench session installs them).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .common import REPO, Settings, stats, version_of


def run(settings: Settings) -> dict[str, Any]:
    if version_of("openapi-python-client") is None or version_of("ruff") is None:
        return {"notes": {"generate": "openapi-python-client/ruff are not installed here: not timed"}}
    reps = 1 if settings.quick else 3
    times: list[float] = []
    with tempfile.TemporaryDirectory(prefix="bench-generate-") as tmp:
        for i in range(reps + 1):  # the first run is the warm-up (imports, file cache)
            out = Path(tmp) / f"client-{i}"
            t0 = time.perf_counter()
            proc = subprocess.run(
                [sys.executable, "scripts/generate.py", "--output", str(out)],
                cwd=REPO,
                capture_output=True,
                text=True,
                check=False,
                timeout=600,
            )
            elapsed = time.perf_counter() - t0
            if proc.returncode != 0:
                return {"notes": {"generate": f"scripts/generate.py failed: {(proc.stderr or proc.stdout)[-400:]}"}}
            if i > 0:
                times.append(elapsed)
        files = sum(1 for p in (Path(tmp) / f"client-{reps}").rglob("*.py"))
    return {"wall_s": stats(times), "python_files": files, "repeats": reps, "notes": {}}

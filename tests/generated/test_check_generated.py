"""scripts/check_generated.py notices when generated/ no longer matches its inputs.

Works on a temporary copy of the repository, so the real tree is never touched.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from spec_support import REPO

# Not beside other users of generated/ on another xdist worker: building the wheel writes
# generated/fireworks-deployments-client/.pdm-build, which a copy of the tree would race with.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("generated-tree")]
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", ".mypy_cache", ".ruff_cache", "build", "dist", "*.egg-info")


def copy_repo(dest: Path) -> Path:
    for folder in ("openapi", "scripts", "generated", "client"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, dest / folder, ignore=IGNORE, symlinks=True)
    shutil.copyfile(REPO / "LICENSE", dest / "LICENSE")
    return dest


def run_script(repo: Path, name: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(repo / "scripts" / name)], cwd=repo, capture_output=True, text=True, check=False
    )


def test_check_generated_fails_after_a_one_line_change_to_the_spec(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    generated = run_script(repo, "generate.py")
    assert generated.returncode == 0, generated.stderr
    clean = run_script(repo, "check_generated.py")
    assert clean.returncode == 0, clean.stdout + clean.stderr

    spec = repo / "openapi" / "deployments.yaml"
    lines = spec.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index("info:\n")
    at = next(i for i in range(start + 1, len(lines)) if re.match(r"^\s+version:", lines[i]))
    lines[at] = re.sub(r"version:.*", "version: 9.9.9", lines[at])
    spec.write_text("".join(lines), encoding="utf-8")

    changed = run_script(repo, "check_generated.py")

    assert changed.returncode == 1
    assert '+version = "9.9.9"' in changed.stdout, changed.stdout
    assert "nox -s generate" in changed.stderr

"""6. Set-up: a cold fresh clone running the main job and the README test command, uv vs pip.

For each installer, alternately, and for each command (``-s contract``; the README test
command, i.e. the default ``tests`` session): ``git clone`` the repository's HEAD into a
temporary directory (no ``.venv-nox/``, no ``.nox/``) and time
``python3 scripts/nox_bootstrap.py ARGS`` there, start to finish; and the same with nox's
``--install-only`` (the set-up alone: virtualenvs and installs). The pip side sets nox's
own switch ``NOX_DEFAULT_VENV_BACKEND=venv`` (the bootstrap then installs no uv).
Package caches (pip's, uv's, npm's) are left warm on both sides: downloads are not what is
compared. Skipped in ``--quick`` runs (each command takes minutes).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .common import REPO, Settings, stats

COMMANDS: dict[str, list[str]] = {"contract": ["-s", "contract"], "readme_tests": []}
# The same commands with nox's --install-only: the set-up alone (venvs and installs), which is what uv changes.
SETUP_ONLY: dict[str, list[str]] = {
    f"{name} (set-up only)": [*args, "--install-only"] for name, args in COMMANDS.items()
}
INSTALLERS = ("uv", "pip")


def child_env(installer: str, base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a user's shell: no venv of ours on PATH, no nox settings, and the pip switch if asked."""
    env = dict(os.environ if base is None else base)
    venv = env.pop("VIRTUAL_ENV", None)
    if venv:
        bin_dir = str(Path(venv) / ("Scripts" if os.name == "nt" else "bin"))
        env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if p != bin_dir)
    for name in [n for n in env if n.startswith("NOX_")]:
        del env[name]
    if installer == "pip":
        env["NOX_DEFAULT_VENV_BACKEND"] = "venv"
    return env


def base_python() -> str:
    """The interpreter a user would start the bootstrap with (not the bench's venv)."""
    return getattr(sys, "_base_executable", None) or shutil.which("python3") or sys.executable


def one_run(installer: str, args: list[str]) -> float:
    with tempfile.TemporaryDirectory(prefix=f"bench-setup-{installer}-") as tmp:
        clone = Path(tmp) / "repo"
        subprocess.run(["git", "clone", "--quiet", str(REPO), str(clone)], check=True, stdin=subprocess.DEVNULL)
        cmd = [base_python(), "scripts/nox_bootstrap.py", *args]
        t0 = time.perf_counter()
        proc = subprocess.run(
            cmd,
            cwd=clone,
            env=child_env(installer),
            capture_output=True,
            text=True,
            check=False,
            stdin=subprocess.DEVNULL,
        )
        wall = time.perf_counter() - t0
        if proc.returncode != 0:
            tail = (proc.stdout + proc.stderr)[-1500:]
            raise RuntimeError(f"{installer}: nox_bootstrap {' '.join(args)} exited {proc.returncode}: {tail}")
        return wall


def run(settings: Settings) -> dict[str, Any]:
    if settings.quick:
        return {"skipped": "quick run: a cold clone of each command takes minutes per installer"}
    reps = int(os.environ.get("BENCH_SETUP_REPEATS", "1"))
    # BENCH_SETUP_FULL=0 times the set-up only (a minute or two instead of a quarter of an hour).
    commands = {**SETUP_ONLY, **(COMMANDS if os.environ.get("BENCH_SETUP_FULL", "1") != "0" else {})}
    samples: dict[str, dict[str, list[float]]] = {c: {i: [] for i in INSTALLERS} for c in commands}
    for rep in range(reps):
        for command, args in commands.items():
            for installer in INSTALLERS if rep % 2 == 0 else tuple(reversed(INSTALLERS)):
                samples[command][installer].append(one_run(installer, args))
    out: dict[str, Any] = {"repeats": reps, "commands": {}}
    for command, by_installer in samples.items():
        walls = {i: stats(v) for i, v in by_installer.items()}
        out["commands"][command] = {
            "args": " ".join(commands[command]) or "(default: tests)",
            "wall_s": walls,
            "pip_over_uv": walls["pip"]["median"] / walls["uv"]["median"] if walls["uv"]["median"] else None,
        }
    return out

#!/usr/bin/env python3
"""Run the pinned nox from a private virtualenv; needs only Python 3.11+ (stdlib only).

    python3 scripts/nox_bootstrap.py                 # default session (tests)
    python3 scripts/nox_bootstrap.py -s contract     # any nox arguments

Creates .venv-nox/ at the repository root (gitignored) if it is missing or
holds another nox version, installs nox==NOX_VERSION into it with pip, then
replaces this process with `nox ARGS...` run from the repository root.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

NOX_VERSION = "2026.10.20"
REPO = Path(__file__).resolve().parent.parent
VENV = REPO / ".venv-nox"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def installed_nox_version() -> str | None:
    if not PYTHON.exists():
        return None
    probe = "import importlib.metadata as m; print(m.version('nox'))"
    proc = subprocess.run([str(PYTHON), "-c", probe], capture_output=True, text=True, check=False)
    return proc.stdout.strip() if proc.returncode == 0 else None


def ensure_nox() -> None:
    if installed_nox_version() == NOX_VERSION:
        return
    if VENV.exists():
        shutil.rmtree(VENV)
    print(f"nox_bootstrap: creating {VENV.name}/ with nox=={NOX_VERSION}", file=sys.stderr, flush=True)
    venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1")
    subprocess.run(
        [str(PYTHON), "-m", "pip", "install", "--quiet", f"nox=={NOX_VERSION}"],
        check=True,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    if installed_nox_version() != NOX_VERSION:
        sys.exit(f"nox_bootstrap: nox=={NOX_VERSION} did not install into {VENV}")


def main() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036  (this script may be started by any python3)
        sys.exit("nox_bootstrap: Python 3.11 or newer is required")
    ensure_nox()
    os.chdir(REPO)
    args = [str(PYTHON), "-m", "nox", *sys.argv[1:]]
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(args[0], args)


if __name__ == "__main__":
    main()

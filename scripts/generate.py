#!/usr/bin/env python3
"""Regenerate the client in generated/fireworks-deployments-client from scratch.

    python scripts/generate.py [--output DIR]

Steps, always the same so the output is reproducible byte for byte:
  1. delete the target directory;
  2. run openapi-python-client (pinned) with openapi/generator.yaml and the
     template overrides in openapi/templates/; its post hooks format with the
     pinned ruff under generated/ruff.toml only (see generator.yaml);
  3. delete any .ruff_cache, and write the repository's LICENSE text into the project;
  4. write GENERATED.json: sha256 of every input that produced the output;
  5. write the client layer's typed field module from the spec
     (scripts/generate_fields.py -> client/fireworks_deployments/deployment_fields.py),
     only when generating the committed tree (not for a --output elsewhere).

Nothing under generated/ is edited by hand: change the inputs and rerun. The
hand-written client layer is a separate distribution (client/, import name
``fireworks_deployments``) that depends on this package; nothing is copied in.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate_fields  # noqa: E402  (scripts/generate_fields.py, beside this file)

REPO = Path(__file__).resolve().parent.parent
SPEC = REPO / "openapi" / "deployments.yaml"
CONFIG = REPO / "openapi" / "generator.yaml"
TEMPLATES = REPO / "openapi" / "templates"
RUFF_CONFIG = REPO / "generated" / "ruff.toml"
LICENSE = REPO / "LICENSE"
DEFAULT_OUTPUT = REPO / "generated" / "fireworks-deployments-client"
PACKAGE = "fireworks_deployments_client"
STAMP = "GENERATED.json"
META = "pdm"
PINS = {"openapi-python-client": "0.29.1", "ruff": "0.17.5"}
# Build and tool leftovers: never compared by check_generated, never in the stamp.
JUNK_NAMES = {"__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache", ".DS_Store"}
JUNK_SUFFIXES = (".pyc", ".pyo")


class GenerationError(RuntimeError):
    pass


def is_junk(path: Path) -> bool:
    return any(part in JUNK_NAMES for part in path.parts) or path.name.endswith(JUNK_SUFFIXES)


def check_pins() -> None:
    for dist, wanted in PINS.items():
        try:
            found = metadata.version(dist)
        except metadata.PackageNotFoundError:
            raise GenerationError(f"{dist}=={wanted} is not installed in {sys.prefix}") from None
        if found != wanted:
            raise GenerationError(f"{dist}=={wanted} is required, found {found} in {sys.prefix}")


def ruff_bin_dir() -> Path:
    # the pinned ruff of this interpreter; ruff ships no type information (no py.typed)
    from ruff.__main__ import find_ruff_bin  # type: ignore[import-untyped]

    return Path(find_ruff_bin()).resolve().parent


def files_under(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and not is_junk(p.relative_to(root)))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_generator(output: Path) -> None:
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(ruff_bin_dir()), env.get("PATH", "")])
    env["FDC_RUFF_CONFIG"] = str(RUFF_CONFIG)
    env["RUFF_NO_CACHE"] = "true"
    cmd = [
        sys.executable,
        "-m",
        "openapi_python_client",
        "generate",
        "--path",
        str(SPEC),
        "--config",
        str(CONFIG),
        "--custom-template-path",
        str(TEMPLATES),
        "--meta",
        META,
        "--output-path",
        str(output),
        "--fail-on-warning",
    ]
    # Run from an empty directory: nothing in the caller's cwd may influence the output.
    with tempfile.TemporaryDirectory() as cwd:
        proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    report = (proc.stdout + proc.stderr).strip()
    lines = [line for line in report.splitlines() if line.strip() and not line.startswith("Generating ")]
    if proc.returncode != 0 or lines:
        # Any warning (unsupported construct, skipped hook, ...) is a failure: the lead must fix the spec.
        raise GenerationError(f"openapi-python-client reported problems (exit {proc.returncode}):\n{report}")


def write_license(output: Path) -> None:
    """The repository's LICENSE text, written into the project so its wheel and sdist ship it.

    A file, not a symlink: pdm-backend stores a symlink as such in the sdist, where
    ``../../LICENSE`` points outside the archive and the wheel build from it fails.
    """
    shutil.copyfile(LICENSE, output / "LICENSE")


def write_stamp(output: Path) -> None:
    inputs: dict[str, str] = {}
    for path in [SPEC, CONFIG, RUFF_CONFIG, *files_under(TEMPLATES)]:
        inputs[path.relative_to(REPO).as_posix()] = sha256(path)
    stamp = {
        "note": "Generated by scripts/generate.py. Do not edit: change the inputs and regenerate.",
        "tools": {name: version for name, version in sorted(PINS.items())},
        "meta": META,
        "inputs": dict(sorted(inputs.items())),
    }
    (output / STAMP).write_text(json.dumps(stamp, indent=2) + "\n", encoding="utf-8")


def generate(output: Path = DEFAULT_OUTPUT) -> Path:
    output = output.resolve()
    check_pins()
    if not SPEC.is_file():
        raise GenerationError(f"spec not found: {SPEC}")
    if output.exists():
        shutil.rmtree(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    run_generator(output)
    for cache in output.rglob(".ruff_cache"):
        shutil.rmtree(cache)
    write_license(output)
    write_stamp(output)
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="target directory (deleted first)")
    args = parser.parse_args(argv)
    try:
        out = generate(args.output)
    except GenerationError as exc:
        print(f"generate: {exc}", file=sys.stderr)
        return 1
    print(f"generated {out}")
    if args.output.resolve() == DEFAULT_OUTPUT.resolve():
        generate_fields.main([])
    return 0


if __name__ == "__main__":
    sys.exit(main())

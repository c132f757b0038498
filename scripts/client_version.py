#!/usr/bin/env python3
"""Tie each hand-written distribution's version to its sources: a change to them must come with a new version.

    python scripts/client_version.py --check                # exit 1, saying why, when a stamp is out of date
    python scripts/client_version.py --stamp [--layer kit]  # record the current sources for the current version

Two layers: ``client`` (client/fireworks_deployments, stamp client/version_stamp.json) and ``kit`` (the
testing kit, contract_tests/fireworks_deployments_testing, stamp contract_tests/version_stamp.json). A stamp
records a sha256 over the package's files (every file but ``_version.py`` and caches; the kit's shipped spec
included) and the version they were released as. The check
fails when the sources changed and the version did not, when the version changed without a
new stamp, or when CHANGELOG.md has no section for the version. ``--stamp`` refuses to record
changed sources under an unchanged version: bump ``__version__`` and the CHANGELOG first.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "client" / "fireworks_deployments"
STAMP = REPO / "client" / "version_stamp.json"
CHANGELOG = REPO / "CHANGELOG.md"
# layer -> (package folder, stamp file, distribution name as its CHANGELOG sections spell it)
LAYERS = {
    "client": (PACKAGE, STAMP, "fireworks-deployments"),
    "kit": (
        REPO / "contract_tests" / "fireworks_deployments_testing",
        REPO / "contract_tests" / "version_stamp.json",
        "fireworks-deployments-testing",
    ),
}
VERSION_FILE = "_version.py"
SKIPPED_PARTS = {"__pycache__", ".mypy_cache", ".ruff_cache"}


def sources_hash(package: Path = PACKAGE) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.is_file()):
        rel = path.relative_to(package)
        if rel.as_posix() == VERSION_FILE or SKIPPED_PARTS & set(rel.parts) or path.suffix in {".pyc", ".pyo"}:
            continue
        digest.update(rel.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def version_of(package: Path = PACKAGE) -> str:
    tree = ast.parse((package / VERSION_FILE).read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "__version__" for t in node.targets):
            value = ast.literal_eval(node.value)
            if isinstance(value, str):
                return value
    raise SystemExit(f"client_version: no __version__ string in {package / VERSION_FILE}")


def problems(
    package: Path = PACKAGE, stamp: Path = STAMP, changelog: Path = CHANGELOG, dist: str = "fireworks-deployments"
) -> list[str]:
    """Why the version, the stamp and the changelog disagree with the sources (empty when they agree)."""
    version, current = version_of(package), sources_hash(package)
    recorded = json.loads(stamp.read_text(encoding="utf-8")) if stamp.is_file() else {}
    found: list[str] = []
    if recorded.get("sha256") != current:
        if recorded.get("version") == version:
            found.append(
                f"the sources of {package.name} changed but its version is still {version}: bump __version__ in "
                f"{VERSION_FILE}, add a CHANGELOG.md section, then run scripts/client_version.py --stamp"
            )
        else:
            found.append(f"version {version} is not stamped: run scripts/client_version.py --stamp")
    elif recorded.get("version") != version:
        found.append(f"__version__ is {version} but the sources are stamped as {recorded.get('version')}")
    text = changelog.read_text(encoding="utf-8") if changelog.is_file() else ""
    if not re.search(rf"^## {re.escape(dist)} {re.escape(version)}\b", text, re.MULTILINE):
        found.append(f"{changelog.name} has no '## {dist} {version}' section")
    return found


def stamp(package: Path = PACKAGE, stamp: Path = STAMP) -> None:
    version = version_of(package)
    recorded = json.loads(stamp.read_text(encoding="utf-8")) if stamp.is_file() else {}
    current = sources_hash(package)
    if recorded.get("version") == version and recorded.get("sha256") != current:
        raise SystemExit(f"client_version: sources changed under version {version}; bump __version__ first")
    payload = {"version": version, "sha256": current}
    stamp.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--check", action="store_true")
    action.add_argument("--stamp", action="store_true")
    parser.add_argument("--layer", choices=sorted(LAYERS), action="append", help="default: every layer")
    args = parser.parse_args(argv)
    layers = args.layer or sorted(LAYERS)
    if args.stamp:
        for layer in layers:
            package, stamp_file, _ = LAYERS[layer]
            stamp(package, stamp_file)
            print(f"client_version: stamped {layer} {version_of(package)}")
        return 0
    found = [
        f"{layer}: {line}" for layer in layers for line in problems(*LAYERS[layer][:2], CHANGELOG, LAYERS[layer][2])
    ]
    for line in found:
        print(f"client_version: {line}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())

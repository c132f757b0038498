#!/usr/bin/env python3
"""Fail if generated/ (or the client layer's generated field module) is not what the inputs make.

    python scripts/check_generated.py

Regenerates into a temporary directory and compares it, file by file, with
generated/fireworks-deployments-client. Prints a unified diff of every
difference and exits 1; the fix is `nox -s generate` and committing the result.
"""

from __future__ import annotations

import difflib
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402  (scripts/generate.py, beside this file)
import generate_fields  # noqa: E402

# Build and tool leftovers inside the committed directory that are not generator output.
IGNORED_TOP_LEVEL = {"build", "dist", ".pdm-build", ".venv"}


def tree(root: Path) -> dict[str, Path]:
    found: dict[str, Path] = {}
    if not root.is_dir():
        return found
    for path in generate.files_under(root):
        rel = path.relative_to(root)
        if rel.parts[0] in IGNORED_TOP_LEVEL or any(part.endswith(".egg-info") for part in rel.parts):
            continue
        found[rel.as_posix()] = path
    return found


def text_of(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines(keepends=True)
    except UnicodeDecodeError:
        return [f"<binary file, sha256 {generate.sha256(path)}>\n"]


def compare(committed: Path, fresh: Path) -> list[str]:
    old, new = tree(committed), tree(fresh)
    out: list[str] = []
    for rel in sorted(old.keys() | new.keys()):
        a = text_of(old[rel]) if rel in old else []
        b = text_of(new[rel]) if rel in new else []
        if rel in old and rel in new and old[rel].read_bytes() == new[rel].read_bytes():
            continue
        fromfile = f"committed/{rel}" if rel in old else "/dev/null"
        tofile = f"regenerated/{rel}" if rel in new else "/dev/null"
        diff = list(difflib.unified_diff(a, b, fromfile=fromfile, tofile=tofile))
        out.extend(diff or [f"--- {fromfile}\n+++ {tofile}\n(bytes differ)\n"])
    return out


def main() -> int:
    committed = generate.DEFAULT_OUTPUT
    with tempfile.TemporaryDirectory(prefix="check-generated-") as tmp:
        fresh = Path(tmp) / committed.name
        try:
            generate.generate(fresh)
        except generate.GenerationError as exc:
            print(f"check_generated: generation failed: {exc}", file=sys.stderr)
            return 1
        diff = compare(committed, fresh)
    if diff:
        sys.stdout.writelines(line if line.endswith("\n") else line + "\n" for line in diff)
        rel = committed.relative_to(generate.REPO)
        print(
            f"\ncheck_generated: {rel} is out of date with its inputs; run `nox -s generate` and commit the result.",
            file=sys.stderr,
        )
        return 1
    print(f"check_generated: {committed.relative_to(generate.REPO)} matches a fresh generation")
    if generate_fields.main(["--check"]) != 0:
        return 1
    print(f"check_generated: {generate_fields.OUTPUT.relative_to(generate.REPO)} matches the spec")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The testing kit's layers, held by walking its imports (``ast``): rules <- fake, rules <- suite, no arrow back.

* ``rules``: the spec and what follows from it, no HTTP; imports nothing else of the kit.
* ``fake``: serves the rules; imports ``rules`` only.
* ``suite``: judges against the rules; imports ``rules`` only, and reaches the fake solely through
  ``suite/inprocess.py``, which the rest of the suite imports inside functions (never at module level).
* the top (``plugin``, ``mock``, ``__init__``): may use every layer.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

PKG = "fireworks_deployments_testing"
ROOT = Path(__file__).resolve().parents[2] / "contract_tests" / PKG
HTTP_LIBRARIES = {"httpx", "starlette", "uvicorn", "h11", "httptools", "uvloop", "respx", "schemathesis"}
ALLOWED = {"rules": {"rules"}, "fake": {"rules", "fake"}, "suite": {"rules", "suite"}}
DOOR = f"{PKG}.suite.inprocess"


@dataclass(frozen=True)
class Import:
    source: str  # importing module, dotted
    target: str  # imported module, dotted (absolute)
    line: int
    module_level: bool  # not inside a function (TYPE_CHECKING blocks count as not importing at all)


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(path: Path, root: Path) -> list[Import]:
    """Every import of one module, made absolute, with whether it runs when the module is imported."""
    name = _module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: list[Import] = []

    def visit(node: ast.AST, module_level: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                continue
            if isinstance(child, ast.Import):
                found.extend(Import(name, alias.name, child.lineno, module_level) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package.split(".")
                    base = base[: len(base) - (child.level - 1)]
                    target = ".".join(base + ([child.module] if child.module else []))
                else:
                    target = child.module or ""
                found.append(Import(name, target, child.lineno, module_level))
                # `from . import x` / `from ..rules import fields` import submodules
                found.extend(Import(name, f"{target}.{a.name}", child.lineno, module_level) for a in child.names)
            inner = module_level and not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            visit(child, inner)

    visit(ast.parse(path.read_text(encoding="utf-8")), True)
    return found


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == PKG and parts[1] in ALLOWED else None


def violations(root: Path) -> list[str]:
    """Every import against the layers, as readable lines (empty when the house is in order)."""
    problems: list[str] = []
    for path in sorted(root.rglob("*.py")):
        for imp in imports_of(path, root):
            layer = _layer(imp.source)
            where = f"{path.relative_to(root.parent)}:{imp.line}"
            if layer is None:
                continue
            top = imp.target.split(".")[0]
            if layer == "rules" and top in HTTP_LIBRARIES:
                problems.append(f"{where}: the rules layer imports {imp.target} (HTTP belongs to fake/ and suite/)")
            if not imp.target.startswith(PKG + ".") and imp.target != PKG:
                continue
            target_layer = _layer(imp.target)
            if imp.source == DOOR and target_layer == "fake":
                continue
            if target_layer is None:
                problems.append(f"{where}: {layer}/ imports the top of the kit ({imp.target})")
            elif target_layer not in ALLOWED[layer]:
                problems.append(f"{where}: {layer}/ imports {target_layer}/ ({imp.target})")
            elif imp.target == DOOR and imp.module_level and imp.source != DOOR:
                problems.append(
                    f"{where}: {imp.source} imports the fake's door at module level (import it inside a function)"
                )
    return problems


def import_cycles(root: Path) -> list[list[str]]:
    """Cycles among the kit's modules through imports that run at import time."""
    modules = {_module_name(p, root) for p in root.rglob("*.py")}
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for path in root.rglob("*.py"):
        for imp in imports_of(path, root):
            ancestor = imp.source.startswith(imp.target + ".")  # a module reaching its own package: import machinery
            if imp.module_level and imp.target in modules and imp.target != imp.source and not ancestor:
                graph[imp.source].add(imp.target)
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def dfs(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt) :] + [nxt])
            elif nxt not in state:
                dfs(nxt)
        stack.pop()
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            dfs(module)
    return cycles


def test_the_kit_respects_its_layers() -> None:
    assert violations(ROOT) == []


def test_the_kit_has_no_import_cycle() -> None:
    assert import_cycles(ROOT) == []


@pytest.mark.parametrize(
    ("module", "line", "expected"),
    [
        ("suite/checks.py", "from fireworks_deployments_testing.fake import app", "suite/ imports fake/"),
        ("suite/checks.py", "from ..fake.backend import DeploymentsBackend", "suite/ imports fake/"),
        ("suite/hooks.py", "from . import inprocess", "at module level"),
        ("rules/masks.py", "import httpx", "the rules layer imports httpx"),
        ("rules/spec.py", "from ..suite import checks", "rules/ imports suite/"),
        ("fake/backend.py", "from fireworks_deployments_testing.suite import targets", "fake/ imports suite/"),
        ("fake/state.py", "from fireworks_deployments_testing import plugin", "imports the top of the kit"),
    ],
)
def test_an_import_against_the_layers_is_caught(tmp_path: Path, module: str, line: str, expected: str) -> None:
    copy = tmp_path / PKG
    for path in ROOT.rglob("*.py"):
        dest = copy / path.relative_to(ROOT)
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    assert violations(copy) == []
    target = copy / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    found = violations(copy)
    assert len(found) >= 1 and all(module in f for f in found) and any(expected in f for f in found), found


def test_a_cycle_is_caught(tmp_path: Path) -> None:
    copy = tmp_path / PKG
    for path in ROOT.rglob("*.py"):
        dest = copy / path.relative_to(ROOT)
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    handle = copy / "fake" / "handle.py"
    handle.write_text(handle.read_text(encoding="utf-8") + "\nfrom .app import create_app\n", encoding="utf-8")
    assert any("fireworks_deployments_testing.fake.app" in c for c in import_cycles(copy))


@pytest.mark.parametrize("module", ["suite.checks", "suite.hooks", "suite.strategies", "suite.targets", "rules.spec"])
def test_judging_a_server_loads_no_server_code(module: str) -> None:
    probe = (
        f"import sys, {PKG}.{module}\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('starlette', 'uvicorn')"
        f" or m.startswith('{PKG}.fake'))\n"
        "print(','.join(loaded))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""

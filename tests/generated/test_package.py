"""The generated project is a real package: it builds a wheel that installs and imports in a fresh virtualenv."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from spec_support import CLIENT_DIR, PACKAGE, REPO, load_spec

# Not beside other users of generated/ on another xdist worker: building the wheel writes
# generated/fireworks-deployments-client/.pdm-build, which a copy of the tree would race with.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("generated-tree")]
PIP_ENV = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INPUT": "1", "PIP_ROOT_USER_ACTION": "ignore"}


def run(*cmd: str | Path, cwd: Path | None = None) -> str:
    proc = subprocess.run([str(c) for c in cmd], cwd=cwd, env=PIP_ENV, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, f"{cmd} failed:\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


def test_wheel_builds_installs_and_imports_in_a_fresh_virtualenv(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", wheels, CLIENT_DIR)
    (wheel,) = wheels.glob("*.whl")
    version = str(load_spec()["info"]["version"])
    assert wheel.name.startswith(f"{PACKAGE}-{version}-"), wheel.name
    names = zipfile.ZipFile(wheel).namelist()
    assert f"{PACKAGE}/py.typed" in names
    # Pure generator output: the hand-written layer is its own distribution (client/), never copied in.
    assert not any(n.startswith(f"{PACKAGE}/lib/") for n in names), "a hand-written lib/ was copied into the wheel"

    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", wheels, REPO / "client")
    (layer_wheel,) = wheels.glob("fireworks_deployments-*.whl")
    for built, readme in ((wheel, CLIENT_DIR / "README.md"), (layer_wheel, REPO / "client" / "README.md")):
        assert_finished(built, readme)

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    run(python, "-m", "pip", "install", "--quiet", wheel, layer_wheel)
    probe = (
        "import importlib.metadata as m, fireworks_deployments_client as p, fireworks_deployments as l;"
        "from fireworks_deployments_client.api.deployments import get_deployment;"
        "from fireworks_deployments_client.models import Deployment;"
        "print(m.version('fireworks-deployments-client'), p.__file__, p.__version__, l.__version__, l.__file__)"
    )
    out = run(python, "-c", probe, cwd=tmp_path).split()
    assert out[0] == version == out[2]
    assert Path(out[1]).is_relative_to(env_dir), "imported the source tree, not the installed wheel"
    assert Path(out[4]).is_relative_to(env_dir), "imported the client layer from the source tree"


def assert_finished(wheel: Path, readme: Path) -> None:
    """Our README as the description, the license as metadata and as a file, URLs and classifiers."""
    archive = zipfile.ZipFile(wheel)
    (metadata_name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
    metadata = archive.read(metadata_name).decode()
    headers, _, description = metadata.partition("\n\n")
    assert "License-Expression: Apache-2.0" in headers
    assert "Project-URL: " in headers and "Classifier: Typing :: Typed" in headers
    assert description.strip() == readme.read_text(encoding="utf-8").strip()
    assert "proxies=" not in description
    licenses = [n for n in archive.namelist() if n.endswith("/licenses/LICENSE")]
    assert licenses and archive.read(licenses[0]) == (REPO / "LICENSE").read_bytes()

"""Install the built wheels into fresh virtualenvs outside the repository, as a user's project would.

    python scripts/consumer_project.py [--pytest 8.4.2 --pytest 9.2.0] [--keep]

Builds the three wheels (generated client, client layer, testing kit) into a temporary folder, writes a
small project that has a ``contract_tests/`` package of its own, and for each pytest version makes a new
virtualenv, installs the wheels (never ``-e``) with the official ``fireworks-ai`` SDK, and runs the
project's tests: one through the ``fireworks_deployments`` fixture, one through ``fireworks_env``, one
through ``mock_fireworks()`` with the official SDK, and one that has nothing to do with Fireworks.
Exits non-zero unless every test passes under every pytest version.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECTS = [
    ROOT / "generated" / "fireworks-deployments-client",
    ROOT / "client",
    ROOT / "contract_tests",
]
OFFICIAL_SDK = "fireworks-ai==1.2.30"
EXPECTED_PASSED = 5

USER_PROJECT = {
    # The user's own package named like our repository folder: it must stay importable and unshadowed.
    "contract_tests/__init__.py": "OWNER = 'the user'\n",
    "contract_tests/helpers.py": "def double(x: int) -> int:\n    return 2 * x\n",
    "conftest.py": "",
    "pytest.ini": "[pytest]\naddopts = -p no:cacheprovider\n",
    "test_user_project.py": """
        import fireworks
        import pytest

        from contract_tests import OWNER
        from contract_tests.helpers import double
        from fireworks_deployments import DeploymentsClient
        from fireworks_deployments_testing import mock_fireworks

        MODEL = "accounts/fireworks/models/llama-v3p1-8b-instruct"


        def test_unrelated_code_of_the_user():
            assert OWNER == "the user" and double(21) == 42


        def test_fireworks_deployments_fixture(fireworks_deployments, fireworks_fake):
            made = fireworks_deployments.create(deployment_id="from-fixture", base_model=MODEL)
            assert made.name.endswith("/deployments/from-fixture")
            ready = fireworks_deployments.wait_for_state("from-fixture", "READY", timeout=10)
            assert ready.state.value == "READY"
            assert set(fireworks_fake.deployments()) == {"from-fixture"}


        def test_fireworks_env_fixture(fireworks_env):
            with DeploymentsClient() as client:  # settings from FIREWORKS_* only
                client.create(deployment_id="from-env", base_model=MODEL)
                assert [d.name.rsplit("/", 1)[1] for d in client.iter_all()] == ["from-env"]


        def test_mock_fireworks_with_the_official_sdk():
            with mock_fireworks() as fake:
                sdk = fireworks.Fireworks(api_key=fake.api_key, account_id=fake.account_id, max_retries=0)
                made = sdk.deployments.create(base_model=MODEL, deployment_id="from-sdk")
                assert made.name == f"accounts/{fake.account_id}/deployments/from-sdk"
                assert sdk.deployments.get("from-sdk").state == "READY"
            assert fake.deployments()["from-sdk"]["baseModel"] == MODEL


        @mock_fireworks()
        def test_mock_fireworks_as_a_decorator():
            with DeploymentsClient(api_key="fw-fake-key", account_id="fake-account") as client:
                client.create(deployment_id="decorated", base_model=MODEL)
                assert client.get("decorated").state.value == "READY"
    """,
}


def run(cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    print("$ " + " ".join(cmd), flush=True)
    return subprocess.run(cmd, text=True, check=True, stdin=subprocess.DEVNULL, **kwargs)  # type: ignore[call-overload,no-any-return]


def build_wheels(into: Path) -> list[Path]:
    for project in PROJECTS:
        run([sys.executable, "-m", "build", "--wheel", "--outdir", str(into), str(project)], capture_output=True)
    wheels = sorted(into.glob("*.whl"))
    if len(wheels) != len(PROJECTS):
        sys.exit(f"consumer_project: expected {len(PROJECTS)} wheels, built {[w.name for w in wheels]}")
    return wheels


def write_project(where: Path) -> None:
    for name, text in USER_PROJECT.items():
        path = where / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")


def check(pytest_version: str, wheels: list[Path], work: Path) -> bool:
    env_dir = work / f"venv-pytest-{pytest_version}"
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    python = str(env_dir / ("Scripts" if os.name == "nt" else "bin") / "python")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FIREWORKS_", "PYTHONPATH", "VIRTUAL_ENV"))}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    run(
        [python, "-m", "pip", "install", "--quiet", *map(str, wheels), OFFICIAL_SDK, f"pytest=={pytest_version}"],
        env=env,
    )
    project = work / f"project-pytest-{pytest_version}"
    write_project(project)
    result = subprocess.run(
        [python, "-m", "pytest", "-q", "-W", "ignore::DeprecationWarning"],
        cwd=project,
        env=env,
        text=True,
        capture_output=True,
        stdin=subprocess.DEVNULL,
    )
    print(result.stdout[-3000:], result.stderr[-2000:], sep="\n", flush=True)
    passed = re.search(r"(\d+) passed", result.stdout)
    ok = result.returncode == 0 and passed is not None and int(passed.group(1)) == EXPECTED_PASSED
    print(f"consumer_project: pytest {pytest_version}: {'OK' if ok else 'FAILED'}", flush=True)
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pytest", action="append", help="pytest version to try (repeatable); default 8.4.2 and 9.2.0")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    versions = args.pytest or ["8.4.2", "9.2.0"]
    work = Path(tempfile.mkdtemp(prefix="fireworks-consumer-"))
    try:
        wheels = build_wheels(work / "wheels")
        results = {version: check(version, wheels, work) for version in versions}
    finally:
        if args.keep:
            print(f"consumer_project: kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print("consumer_project: " + ", ".join(f"pytest {v} {'passed' if ok else 'FAILED'}" for v, ok in results.items()))
    return 0 if all(results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())

"""mypy --strict catches misuse of create/update in consumer code (typed keyword arguments from the spec).

``create``/``update`` take ``**fields: Unpack[DeploymentFields]``; the TypedDict is generated from
the spec's writable Deployment fields (scripts/generate_fields.py). A consumer file with a misspelt
field or a wrong value type must be flagged; a correct one must pass.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[2]

GOOD = """
from fireworks_deployments import AsyncDeploymentsClient, DeploymentsClient, short_id
from fireworks_deployments_client.models import AcceleratorType, Deployment


def make(client: DeploymentsClient) -> str:
    created: Deployment = client.create(
        deployment_id="canary",
        base_model="accounts/fireworks/models/llama-v3p1-8b-instruct",
        min_replica_count=1,
        accelerator_type=AcceleratorType.NVIDIA_H100_80GB,
        placement={"multiRegion": "US"},
        annotations={"team": "search"},
    )
    client.update("canary", max_replica_count=3, display_name="canary")
    return short_id(created)


async def amake(client: AsyncDeploymentsClient) -> None:
    await client.create(base_model="m", accelerator_type="NVIDIA_A100_80GB")
    await client.update("canary", enable_addons=True)
"""

BAD = """
from fireworks_deployments import AsyncDeploymentsClient, DeploymentsClient


def make(client: DeploymentsClient) -> None:
    client.create(deployment_id="canary", base_modle="accounts/fireworks/models/x")
    client.create(base_model="m", min_replica_count="1")
    client.update("canary", max_replica_cont=3)


async def amake(client: AsyncDeploymentsClient) -> None:
    await client.update("canary", enable_addons="yes")
"""


def mypy(tmp_path: Path, source: str) -> subprocess.CompletedProcess[str]:
    consumer = tmp_path / "consumer.py"
    consumer.write_text(source, encoding="utf-8")
    # The layer is installed editable through an import hook mypy does not follow; point it at the folder.
    env = {**os.environ, "MYPYPATH": str(REPO / "client")}
    cmd = [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", os.devnull, str(consumer)]
    return subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True, check=False)


def test_a_correct_consumer_passes(tmp_path: Path) -> None:
    result = mypy(tmp_path, GOOD)
    assert result.returncode == 0, result.stdout + result.stderr


def test_misspelt_and_mistyped_fields_are_flagged(tmp_path: Path) -> None:
    result = mypy(tmp_path, BAD)
    out = result.stdout
    assert result.returncode == 1, out + result.stderr
    assert 'Unexpected keyword argument "base_modle"' in out, out
    assert 'Unexpected keyword argument "max_replica_cont"' in out, out
    assert 'Argument "min_replica_count" to "create" of "DeploymentsClient" has incompatible type "str"' in out, out
    assert '"enable_addons" to "update" of "AsyncDeploymentsClient" has incompatible type "str"' in out, out
    assert out.count("error:") == 4, out

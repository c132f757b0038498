"""The pieces of scripts/bench work (tiny sizes; no timing is asserted anywhere)."""

from __future__ import annotations

import json
import sys

import pytest
from starlette.testclient import TestClient

from fireworks_deployments_testing.rules.spec import load_spec
from scripts.bench import client_overhead, report
from scripts.bench.canned_app import create_canned_app
from scripts.bench.common import (
    API_KEY,
    REPO,
    free_port,
    full_deployment,
    operation_examples,
    server_process,
)


def test_full_deployment_fills_every_property_and_validates() -> None:
    from fireworks_deployments_testing.rules.spec import component_schema, validator_for

    spec = load_spec()
    dep = full_deployment(spec, 3)
    assert set(dep) == set(spec["components"]["schemas"]["Deployment"]["properties"])
    assert dep["name"].endswith("/deployments/bench-3")
    errors = list(validator_for(component_schema("Deployment")).iter_errors(dep))
    assert errors == []


def test_canned_app_answers_each_operation_with_its_example() -> None:
    spec = load_spec()
    client = TestClient(create_canned_app(spec))
    auth = {"Authorization": f"Bearer {API_KEY}"}
    for (method, path), (status, body) in operation_examples(spec).items():
        url = path.format(account_id="acct", deployment_id="dep-1")
        kwargs = {"json": {}} if method in {"POST", "PATCH"} else {}
        response = client.request(method, url, headers=auth, **kwargs)
        assert (response.status_code, response.json()) == (status, body), (method, path)
    assert client.get("/v1/accounts/acct/deployments").status_code == 401


def test_load_generator_drives_the_trivial_server() -> None:
    import subprocess

    port = free_port()
    with server_process([sys.executable, "-m", "scripts.bench.trivial_server", "--port", str(port)], port):
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "scripts.bench.loadgen",
                "--port",
                str(port),
                "--path",
                "/x",
                "--concurrency",
                "4",
                "--warmup",
                "0.05",
                "--duration",
                "0.2",
                "--max-requests",
                "500",
            ],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
    out = json.loads(proc.stdout)
    assert out["requests"] > 0
    assert out["errors"] == 0
    assert set(out["statuses"]) == {"200"}


def test_client_overhead_sides_parse_the_same_answers() -> None:
    spec = load_spec()
    data = client_overhead.payloads(spec)
    transport = client_overhead.mock_transport(data["responses"])
    floor = client_overhead.floor_side(transport, data["create_body"])
    assert len(floor["list50"]()["deployments"]) == 50
    ours = client_overhead.ours_side(transport, data["create_body"])
    assert ours is not None
    assert len(ours["list50"]().deployments) == 50
    assert ours["get"]().name == floor["get"]()["name"]


def test_report_renders_with_missing_sides(tmp_path: pytest.TempPathFactory) -> None:
    results = {
        "quick": True,
        "started": "now",
        "wall_s": 1.0,
        "machine": {
            "cpu": "cpu",
            "nproc": 2,
            "memory": "1 GiB",
            "platform": "p",
            "implementation": "CPython",
            "python": "3.11",
            "loadavg_at_start": None,
            "git_commit": None,
            "packages": {},
        },
        "errors": {"scale": "RuntimeError: boom"},
        "contract_speed": {
            "examples_per_operation_and_mode": 1,
            "repeats": 1,
            "notes": {"fake": "missing"},
            "sides": {
                "floor": {
                    "cases_per_s": {"median": 1.0, "min": 1.0, "max": 1.0, "n": 1},
                    "cases_per_run": 1,
                    "by_mode": {},
                }
            },
        },
    }
    text = report.markdown(results)
    assert "## 3. Contract-suite speed" in text
    assert "boom" in text

"""``python -m fireworks_deployments_testing.fake``: default key printed, keys honoured, SIGTERM/Ctrl-C stop it cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from fireworks_deployments_testing.fake import DEFAULT_ACCOUNT_ID, DEFAULT_API_KEY
from fireworks_deployments_testing.fake.server import free_port

ROOT = Path(__file__).resolve().parents[2]


def _start(*args: str) -> tuple[subprocess.Popen[str], int]:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "fireworks_deployments_testing.fake",
            "--port",
            str(port),
            "--log-level",
            "warning",
            *args,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/_fake/health", timeout=1)
            return proc, port
        except httpx.TransportError:
            if proc.poll() is not None:
                break
            time.sleep(0.1)
    proc.kill()
    pytest.fail(f"fake did not start: {proc.communicate()[0]}")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_default_key_and_clean_stop(sig: signal.Signals) -> None:
    proc, port = _start()
    r = httpx.get(
        f"http://127.0.0.1:{port}/v1/accounts/{DEFAULT_ACCOUNT_ID}/deployments",
        headers={"Authorization": f"Bearer {DEFAULT_API_KEY}"},
    )
    assert r.json() == {"deployments": [], "totalSize": 0}
    proc.send_signal(sig)
    out, _ = proc.communicate(timeout=15)
    assert proc.returncode == 0, out
    assert DEFAULT_API_KEY in out and DEFAULT_ACCOUNT_ID in out


def test_keys_transition_and_faults_from_flags() -> None:
    proc, port = _start(
        "--api-key",
        "k1=acct-one",
        "--api-key",
        "k2=acct-two",
        "--transition",
        "reads:1",
        "--fault",
        "list_deleted=1",
        "--seed",
        "3",
    )
    try:
        url = f"http://127.0.0.1:{port}/v1/accounts/acct-one/deployments"
        assert httpx.get(url, headers={"Authorization": f"Bearer {DEFAULT_API_KEY}"}).status_code == 401
        assert httpx.get(url, headers={"Authorization": "Bearer k2"}).status_code == 403
        one = {"Authorization": "Bearer k1"}
        httpx.post(url, params={"deploymentId": "d"}, json={"baseModel": "m"}, headers=one)
        assert httpx.get(url + "/d", headers=one).json()["state"] == "CREATING"
        httpx.delete(url + "/d", headers=one)
        assert httpx.get(url, headers=one).json()["totalSize"] == 1  # list_deleted fault
        assert httpx.get(f"http://127.0.0.1:{port}/_fake/transitions").json() == {"rule": "reads:1"}
    finally:
        proc.terminate()
        proc.communicate(timeout=15)


def test_bad_flags_exit_with_usage() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "fireworks_deployments_testing.fake", "--fault", "nope=1"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 2 and "unknown fault" in result.stderr

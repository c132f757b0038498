"""``--workers N`` on the command line: refused without --state, one owner kept, shared control, clean stop."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
from multiprocess_helpers import BASE, OK, ROOT, fresh_client

from fireworks_deployments_testing.fake.server import free_port
from fireworks_deployments_testing.fake.workers import MIN_LIFETIME


def _cli(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    return subprocess.Popen(
        [sys.executable, "-m", "fireworks_deployments_testing.fake", "--log-level", "warning", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _children(pid: int) -> set[int]:
    return {int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}


def _ready(url: str, proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{url}/_fake/health", timeout=1)
            return
        except httpx.TransportError:
            assert proc.poll() is None, proc.communicate()
            time.sleep(0.05)
    raise AssertionError("the fake did not start")


def test_workers_need_a_state_in_one_line() -> None:
    proc = _cli("--port", "0", "--workers", "2")
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 2 and out == ""
    assert err.strip().splitlines() == [
        "fake: --workers 2 needs --state (a SQLite file or a postgresql:// URL): "
        "processes cannot share an in-memory state"
    ]


def test_workers_share_one_owned_state_and_stop_together(tmp_path: Path) -> None:
    state = str(tmp_path / "s.db")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    proc = _cli("--port", str(port), "--state", state, "--workers", "2")
    try:
        _ready(url, proc)
        deadline = time.monotonic() + 10  # the parent answers as soon as its first worker does
        while len(_children(proc.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        workers = _children(proc.pid)
        assert len(workers) == 2
        seen = time.monotonic()  # both workers started before this

        second = _cli("--port", "0", "--state", state)  # an independent fake on the same file: refused
        _, err = second.communicate(timeout=30)
        assert second.returncode == 1 and "in use by another fake" in err

        with fresh_client(url) as http:
            for i in range(6):
                assert http.post(BASE, params={"deploymentId": f"w{i}"}, json=OK).status_code == 200
            refused = http.post("/_fake/faults", json={"rate_limit": 1})
            assert refused.status_code == 400 and "start-up" in refused.json()["message"]
            assert http.post("/_fake/reset").status_code == 200  # reaches one worker, clears the shared state
            totals = {http.get(BASE).json()["totalSize"] for _ in range(8)}
            assert totals == {0}

            # a worker that dies after its start-up time is replaced (one dying sooner is a crash loop: all stop)
            time.sleep(max(0.0, MIN_LIFETIME + 0.2 - (time.monotonic() - seen)))
            lost = min(workers)
            os.kill(lost, signal.SIGKILL)
            deadline = time.monotonic() + 10
            while len(_children(proc.pid) - {lost}) < 2 and time.monotonic() < deadline:
                time.sleep(0.05)
            workers = _children(proc.pid)
            assert len(workers) == 2 and lost not in workers
            assert http.post(BASE, params={"deploymentId": "after"}, json=OK).status_code == 200
            assert {http.get(BASE).json()["totalSize"] for _ in range(6)} == {1}

        started = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=15)
        assert proc.returncode == 0, err
        assert time.monotonic() - started < 5 and "fake: stopped" in out
        assert "2 workers" in out and "starting another" in err
        for pid in workers:
            assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()

"""A bounded crash loop: ``kill -9`` the standalone fake while it takes writes, restart it on the same
``--state`` file, and check that no acknowledged write is lost (creates and soft deletes). 127.0.0.1 only;
a fixed number of rounds, each at most a second of writes. The proof runs one round against a fake whose
commit guard is switched off and finds acknowledged writes gone."""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 3
AUTH = {"Authorization": "Bearer fw-fake-key"}
BASE = "/v1/accounts/fake-account/deployments"


def _start(state: Path, env: dict[str, str]) -> tuple[subprocess.Popen[str], httpx.Client]:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "fireworks_deployments_testing.fake",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--log-level",
            "critical",
        ]
        + ["--state", str(state)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        match = re.match(r"fake: serving http://127\.0\.0\.1:(\d+) ", line)
        if match:
            return proc, httpx.Client(base_url=f"http://127.0.0.1:{match.group(1)}", headers=AUTH, timeout=5)
    raise AssertionError(f"the fake did not start (exit {proc.wait()})")


@dataclass
class Acknowledged:
    created: set[str] = field(default_factory=set)
    deleted: set[str] = field(default_factory=set)


def _write_until_killed(client: httpx.Client, prefix: str, acked: Acknowledged, stop: threading.Event) -> None:
    i = 0
    try:
        while not stop.is_set():
            name = f"{prefix}-{i}"
            if client.post(BASE, params={"deploymentId": name}, json={"baseModel": "m"}).status_code == 200:
                acked.created.add(name)
            if i % 4 == 3 and client.delete(f"{BASE}/{name}").status_code == 200:
                acked.deleted.add(name)
            i += 1
    except httpx.HTTPError:
        return  # the kill cut us off: what was not answered 200 was never acknowledged


def _stored(client: httpx.Client) -> dict[str, str]:
    """Every deployment id with its state (soft-deleted ones included)."""
    found: dict[str, str] = {}
    token = None
    while True:
        params = {"showDeleted": "true", "pageSize": "200", **({"pageToken": token} if token else {})}
        page = client.get(BASE, params=params).json()
        found.update({d["name"].rsplit("/", 1)[1]: d.get("state", "") for d in page["deployments"]})
        token = page.get("nextPageToken")
        if not token:
            return found


def crash_loop(state: Path, rounds: int, env: dict[str, str] | None = None) -> tuple[Acknowledged, set[str], int]:
    """Run ``rounds`` write-then-kill rounds; (what was acknowledged, what of it is lost, kills)."""
    rng = random.Random(2026)
    acked = Acknowledged()
    kills = 0
    for round_ in range(rounds):
        proc, client = _start(state, env or {})
        stop = threading.Event()
        writer = threading.Thread(target=_write_until_killed, args=(client, f"r{round_}", acked, stop))
        writer.start()
        time.sleep(rng.uniform(0.3, 0.8))
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        kills += 1
        stop.set()
        writer.join(10)
        client.close()
        assert proc.stdout is not None
        proc.stdout.close()
    proc, client = _start(state, env or {})
    try:
        stored = _stored(client)
    finally:
        client.close()
        proc.terminate()
        proc.wait(10)
        assert proc.stdout is not None
        proc.stdout.close()
    lost = {n for n in acked.created if n not in stored}
    lost |= {n for n in acked.deleted if stored.get(n) not in ("DELETING", "DELETED")}
    return acked, lost, kills


def test_no_acknowledged_write_is_lost_across_kill_9(tmp_path: Path) -> None:
    acked, lost, kills = crash_loop(tmp_path / "state.db", ROUNDS)
    print(
        f"crash loop: {kills} kills, {len(acked.created)} creates and {len(acked.deleted)} deletes acknowledged, lost {len(lost)}"
    )
    assert kills == ROUNDS and len(acked.created) >= 10 * ROUNDS
    assert lost == set()


def test_the_crash_loop_catches_a_fake_that_acknowledges_before_committing(tmp_path: Path) -> None:
    acked, lost, _ = crash_loop(tmp_path / "state.db", 1, env={"_FIREWORKS_FAKE_GUARDS_OFF": "commit"})
    assert acked.created and lost, "with commits switched off the kill must lose acknowledged writes"

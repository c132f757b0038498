"""8 threads x 250 mixed operations: the final state equals a serial replay of the successful operations.

Run against both stores: in memory and a SQLite file (``state_path``).
"""

from __future__ import annotations

import random
import threading
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from fireworks_deployments_testing.fake import Fake, sync_client

THREADS, OPS = 8, 250
POOL = [f"c{i}" for i in range(24)]
OK = {"baseModel": "accounts/fireworks/models/m"}
TIMES = ("createTime", "updateTime", "deleteTime", "purgeTime")

MUTATIONS = {
    ("POST", "create"): "create_deployment",
    ("PATCH", "update"): "update_deployment",
    ("PATCH", "scale"): "scale_deployment",
    ("DELETE", "delete"): "delete_deployment",
    ("POST", "undelete"): "undelete_deployment",
}


def _worker(fake: Fake, seed: int, successes: Counter, lock: threading.Lock, errors: list[BaseException]) -> None:
    rng = random.Random(seed)
    base = f"/v1/accounts/{fake.account_id}/deployments"
    local: Counter = Counter()
    try:
        with sync_client(fake) as http:
            for _ in range(OPS):
                did = rng.choice(POOL)
                kind = rng.choice(
                    ["create", "create_anon", "get", "list", "update", "scale", "delete", "hard", "undelete"]
                )
                if kind == "create":
                    r = http.post(base, params={"deploymentId": did}, json={**OK, "displayName": f"t{seed}"})
                elif kind == "create_anon":
                    r = http.post(base, json=OK)
                    kind = "create"
                elif kind == "get":
                    r = http.get(f"{base}/{did}")
                elif kind == "list":
                    r = http.get(base, params={"pageSize": rng.randint(1, 30), "showDeleted": "true"})
                elif kind == "update":
                    r = http.patch(
                        f"{base}/{did}",
                        params={"updateMask": "min_replica_count"},
                        json={**OK, "minReplicaCount": rng.randint(0, 9)},
                    )
                elif kind == "scale":
                    r = http.patch(f"{base}/{did}:scale", json={"replicaCount": rng.randint(0, 9)})
                elif kind in ("delete", "hard"):
                    r = http.delete(f"{base}/{did}", params={"hard": str(kind == "hard").lower()})
                    kind = "delete"
                else:
                    r = http.post(f"{base}/{did}:undelete", json={})
                assert r.status_code in (200, 400, 404, 409), r.text
                if r.status_code == 200:
                    local[kind] += 1
    except BaseException as exc:  # noqa: BLE001 - reported by the main thread
        errors.append(exc)
    with lock:
        successes.update(local)


def _settled(fake: Fake) -> dict[str, dict[str, Any]]:
    with sync_client(fake) as http:
        http.get(f"/v1/accounts/{fake.account_id}/deployments", params={"showDeleted": "true", "pageSize": 200})
    return {k: {f: v for f, v in d.items() if f not in TIMES} for k, d in fake.deployments().items()}


@pytest.mark.parametrize("store", ["memory", "sqlite"])
def test_concurrent_mixed_workload_matches_serial_replay(store: str, tmp_path: Path) -> None:
    fake = Fake(seed=7, state_path=tmp_path / "state.db" if store == "sqlite" else None)
    fake.backend.journal = []
    successes: Counter = Counter()
    lock = threading.Lock()
    errors: list[BaseException] = []
    threads = [threading.Thread(target=_worker, args=(fake, i, successes, lock, errors)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors

    journal = fake.backend.journal
    by_method = Counter(method for method, _ in journal)
    for kind, method in [
        ("create", "create_deployment"),
        ("update", "update_deployment"),
        ("scale", "scale_deployment"),
        ("delete", "delete_deployment"),
        ("undelete", "undelete_deployment"),
    ]:
        assert by_method[method] == successes[kind], (kind, by_method, successes)
    assert sum(successes.values()) > 200  # the workload did real work
    live: set[str] = set()  # no duplicate ids: an id is created again only after a hard delete
    for method, kwargs in journal:
        if method == "create_deployment":
            assert kwargs["deployment_id"] not in live
            live.add(kwargs["deployment_id"])
        elif method == "delete_deployment" and kwargs["hard"]:
            live.remove(kwargs["deployment_id"])
    assert live == set(fake.deployments())

    replay = Fake(seed=99)
    for method, kwargs in journal:
        getattr(replay.backend, method)(**kwargs)
    assert _settled(replay) == _settled(fake)
    if store == "sqlite":  # and the file holds exactly that state
        fake.close()
        assert _settled(Fake(seed=7, state_path=tmp_path / "state.db")) == _settled(replay)

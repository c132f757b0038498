"""A multi-process fake over 127.0.0.1, a workload of concurrent writers, and the serial-replay checker.

Soundness of the check. The store writes each accepted write to its journal in the same transaction
that applies it, under the lock that serializes every transaction on the state, so the journal's order
is the commit order, and that order is a serial execution if the store is right. :func:`check` then
asks four things, none of which trusts the journal alone:

1. the journal holds exactly the writes the clients saw accepted (a multiset, keyed by operation, id
   and the unique tag each create / update carries): the server neither hid nor invented one;
2. replayed in that order on a fresh in-memory fake, every one of them is accepted again: no write was
   accepted that the serial order would refuse (an update of a deployment already deleted, say);
3. the answer each client got for a create or an update equals the replay's answer for it (timestamps
   aside): no write was computed from a stale read;
4. the final stored state equals the replay's (timestamps aside).

Reads (get, list) run concurrently but are not replayed: a read changes nothing under the
``immediate`` rule used here. Paging and ``totalSize`` across workers are checked once writers stop.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from fireworks_deployments_testing.fake import DEFAULT_ACCOUNT_ID, DEFAULT_API_KEY, Fake, sync_client
from fireworks_deployments_testing.fake.server import free_port

ROOT = Path(__file__).resolve().parents[2]
BASE = f"/v1/accounts/{DEFAULT_ACCOUNT_ID}/deployments"
AUTH = {"Authorization": f"Bearer {DEFAULT_API_KEY}"}
OK = {"baseModel": "accounts/fireworks/models/m"}
TIMES = ("createTime", "updateTime", "deleteTime", "purgeTime")
UNLOCKED = {"_FIREWORKS_FAKE_GUARDS_OFF": "store_lock"}


@contextmanager
def fake_processes(
    state: str, *, workers: int = 2, fakes: int = 1, env: dict[str, str] | None = None, extra: tuple[str, ...] = ()
) -> Iterator[list[str]]:
    """``fakes`` CLI fakes, each with ``workers`` workers, on ``state``; yields their base URLs."""
    procs: list[subprocess.Popen[str]] = []
    urls: list[str] = []
    full_env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        **(env or {}),
    }
    try:
        for _ in range(fakes):
            port = free_port()
            cmd = [
                sys.executable,
                "-m",
                "fireworks_deployments_testing.fake",
                "--port",
                str(port),
                "--log-level",
                "warning",
            ]
            cmd += ["--state", state, "--workers", str(workers), "--journal", *extra]
            procs.append(
                subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=full_env)
            )
            urls.append(f"http://127.0.0.1:{port}")
        for proc, url in zip(procs, urls, strict=True):
            _wait_ready(proc, url)
        yield urls
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.communicate(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.communicate()


def _wait_ready(proc: subprocess.Popen[str], url: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{url}/_fake/health", timeout=1)
            return
        except httpx.TransportError:
            if proc.poll() is not None:
                break
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError(f"fake did not start: {proc.communicate()[0]}")


def fresh_client(url: str) -> httpx.Client:
    """No kept-alive connections: each request is a new connection, which any worker may accept."""
    return httpx.Client(base_url=url, headers=AUTH, timeout=30, limits=httpx.Limits(max_keepalive_connections=0))


@dataclass
class Outcome:
    accepted: Counter[tuple[Any, ...]] = field(default_factory=Counter)  # journal-shaped keys of 2xx writes
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)  # tag -> body of the accepted create/update
    workers: Counter[str] = field(default_factory=Counter)  # (fake url, worker) that served each request
    unexpected: list[str] = field(default_factory=list)


def run_writers(urls: list[str], *, threads: int, ops: int, pool: int, seed: int) -> Outcome:
    """``threads`` clients, ``ops`` requests each, on ``pool`` ids, spread over ``urls``; what was accepted."""
    out = Outcome()
    lock = threading.Lock()
    ids = [f"c{i}" for i in range(pool)]

    def client(n: int) -> None:
        rng = random.Random(seed * 1000 + n)
        mine = Outcome()
        https = [fresh_client(url) for url in urls]
        try:
            for i in range(ops):
                which = rng.randrange(len(urls))
                http, did, tag = https[which], rng.choice(ids), f"t{n}-{i}"
                kind = rng.choice(
                    [
                        "create",
                        "create",
                        "anon",
                        "update",
                        "update",
                        "scale",
                        "delete",
                        "hard",
                        "undelete",
                        "get",
                        "list",
                    ]
                )
                try:
                    key, r = _one(http, rng, kind, did, tag)
                except httpx.TransportError as exc:
                    mine.unexpected.append(f"{kind} {did}: {exc!r}")
                    continue
                mine.workers[f"{which}/{r.headers.get('x-fake-worker')}"] += 1
                if r.status_code not in (200, 400, 404, 409):
                    mine.unexpected.append(f"{kind} {did}: {r.status_code} {r.text[:200]}")
                elif r.status_code == 200 and key is not None:
                    if kind == "anon":
                        key = ("create_deployment", r.json()["name"].rsplit("/", 1)[1], tag)
                    mine.accepted[key] += 1
                    if kind in ("create", "anon", "update"):
                        mine.answers[tag] = r.json()
        finally:
            for http in https:
                http.close()
        with lock:
            out.accepted.update(mine.accepted)
            out.answers.update(mine.answers)
            out.workers.update(mine.workers)
            out.unexpected.extend(mine.unexpected)

    pool_threads = [threading.Thread(target=client, args=(n,)) for n in range(threads)]
    for t in pool_threads:
        t.start()
    for t in pool_threads:
        t.join()
    return out


def _one(
    http: httpx.Client, rng: random.Random, kind: str, did: str, tag: str
) -> tuple[tuple[Any, ...] | None, httpx.Response]:
    if kind == "create":
        r = http.post(BASE, params={"deploymentId": did}, json={**OK, "displayName": tag})
        return ("create_deployment", did, tag), r
    if kind == "anon":
        return ("create_deployment", None, tag), http.post(BASE, json={**OK, "displayName": tag})
    if kind == "update":
        body = {**OK, "displayName": tag, "minReplicaCount": rng.randint(0, 5)}
        r = http.patch(f"{BASE}/{did}", params={"updateMask": "display_name,min_replica_count"}, json=body)
        return ("update_deployment", did, tag), r
    if kind == "scale":
        count = rng.randint(0, 9)
        return ("scale_deployment", did, count), http.patch(f"{BASE}/{did}:scale", json={"replicaCount": count})
    if kind in ("delete", "hard"):
        hard = kind == "hard"
        r = http.delete(f"{BASE}/{did}", params={"hard": str(hard).lower()})
        return ("delete_deployment", did, hard), r
    if kind == "undelete":
        return ("undelete_deployment", did), http.post(f"{BASE}/{did}:undelete", json={})
    if kind == "get":
        return None, http.get(f"{BASE}/{did}")
    return None, http.get(BASE, params={"pageSize": rng.randint(1, 5), "showDeleted": "true"})


def journal_key(method: str, kwargs: dict[str, Any]) -> tuple[Any, ...]:
    did = kwargs["deployment_id"]
    if method in ("create_deployment", "update_deployment"):
        return (method, did, kwargs["deployment"].get("displayName"))
    if method == "scale_deployment":
        return (method, did, kwargs["replica_count"])
    if method == "delete_deployment":
        return (method, did, kwargs["hard"])
    return (method, did)


def _timeless(body: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in body.items() if k not in TIMES}


def settled(fake: Fake) -> dict[str, dict[str, Any]]:
    """An account's deployments once every pending transition has settled."""
    with sync_client(fake) as http:
        http.get(BASE, params={"showDeleted": "true", "pageSize": 200})
    return fake.deployments()


def check(out: Outcome, journal: list[tuple[int, str, dict[str, Any]]], stored: dict[str, dict[str, Any]]) -> list[str]:
    """The four questions of the module docstring; the problems found (empty when the store is right)."""
    problems = [f"unexpected answer: {u}" for u in out.unexpected[:5]]
    logged = Counter(journal_key(method, kwargs) for _, method, kwargs in journal)
    if logged != out.accepted:
        problems.append(
            f"journal != accepted writes: only logged {dict(logged - out.accepted)}, "
            f"only accepted {dict(out.accepted - logged)}"
        )
    replay = Fake(seed=99)
    for seq, method, kwargs in journal:
        try:
            answer = getattr(replay.backend, method)(**kwargs)
        except Exception as exc:  # noqa: BLE001 - the problem is the report
            problems.append(f"#{seq} {method}({kwargs.get('deployment_id')}) refused on serial replay: {exc}")
            continue
        tag = kwargs.get("deployment", {}).get("displayName")
        seen = out.answers.get(tag) if method in ("create_deployment", "update_deployment") else None
        if seen is not None and _timeless(seen) != _timeless(answer):
            diff = {
                k: (seen.get(k), answer.get(k))
                for k in set(seen) | set(answer)
                if k not in TIMES and seen.get(k) != answer.get(k)
            }
            problems.append(f"#{seq} {method}({kwargs['deployment_id']}) answered {diff} (client, replay)")
    expected = {k: _timeless(d) for k, d in settled(replay).items()}
    stored = {k: _timeless(d) for k, d in stored.items()}
    if stored != expected:
        differ = sorted(k for k in set(stored) | set(expected) if stored.get(k) != expected.get(k))
        problems.append(f"final state != serial replay for {differ}")
    return problems


def walk(url: str, *, rounds: int = 3) -> list[tuple[int, list[str]]]:
    """At rest: ``rounds`` paged walks of the list, each page on a new connection (so on any worker)."""
    walks = []
    with fresh_client(url) as http:
        for _ in range(rounds):
            names, token, total = [], None, None
            while True:
                params: dict[str, Any] = {"pageSize": 2, **({"pageToken": token} if token else {})}
                page = http.get(BASE, params=params).json()
                names += [d["name"].rsplit("/", 1)[1] for d in page["deployments"]]
                total = page["totalSize"] if total in (None, page["totalSize"]) else -1  # -1: it moved at rest
                token = page.get("nextPageToken")
                if not token:
                    break
            walks.append((total if total is not None else 0, names))
    return walks


def check_walks(walks: list[tuple[int, list[str]]], stored: dict[str, dict[str, Any]]) -> list[str]:
    """Every walk lists the visible deployments once each, in (createTime, id) order, totalSize their count."""
    visible = [
        k
        for _, k in sorted((d["createTime"], k) for k, d in stored.items() if d["state"] not in ("DELETING", "DELETED"))
    ]
    return [
        f"list at rest: totalSize {total}, walked {names}; stored {visible}"
        for total, names in walks
        if (total, names) != (len(visible), visible)
    ]

"""2. Fake-server throughput over loopback, side by side with Prism's mock server.

Servers (each its own process, 127.0.0.1 only, started once and left running for the whole run):
  fake          ``python -m fireworks_deployments_testing.fake`` (one uvicorn worker), state in memory
  fake-sqlite   the same with ``--state FILE`` when the CLI offers it
  fake-sqlite-w2  the same file served by ``--workers 2`` (one state, two processes)
  fake-pg, fake-pg-w2  ``--state postgresql://...`` (1 and 2 workers) on a PostgreSQL server started for
                the run, when PostgreSQL and psycopg are installed
  prism         ``prism mock openapi/deployments.yaml --errors`` (@stoplight/prism-cli, static examples)
  uvicorn-empty ``empty_asgi.py`` on uvicorn: an app doing no work, the floor of every uvicorn server
  trivial       ``trivial_server.py``: only to measure the load generator's own ceiling

The load generator (``loadgen.py``) is another process. For every operation (get, list page of 50,
list page of 1, create) and concurrency (1, 8, 64) the servers are measured alternately, repetition by repetition;
each measurement is bounded by time and by request count.

Prism answers with the spec's examples, so its list page holds the one deployment of the example,
not 50; the report says so next to its rows.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from .common import ACCOUNT, API_KEY, ONE_CORE, REPO, SPEC, Settings, free_port, ratio, server_process, stats

OPS = ("get", "list50", "list1", "create")
SEED = 60
PRISM_VERSION = "5.16.0"


@dataclass
class Server:
    name: str
    cmd: list[str]
    port: int
    stateful: bool
    note: str = ""
    log: Path | None = None
    env: dict[str, str] | None = field(default=None)


def find_prism() -> str | None:
    for candidate in (os.environ.get("BENCH_PRISM"), REPO / ".nox" / "bench-npm" / "node_modules" / ".bin" / "prism"):
        if candidate and Path(candidate).is_file():
            return str(candidate)
    return shutil.which("prism")


def fake_cli_help() -> str | None:
    proc = subprocess.run(
        [sys.executable, "-m", "fireworks_deployments_testing.fake", "--help"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    return proc.stdout if proc.returncode == 0 else None


def requests_for(op: str, port: int) -> dict[str, Any]:
    base = f"/v1/accounts/{ACCOUNT}/deployments"
    if op == "get":
        return {"method": "GET", "path": f"{base}/seed-0"}
    if op == "list50":
        return {"method": "GET", "path": f"{base}?pageSize=50"}
    if op == "list1":  # Prism's list answer (the spec's example) holds one deployment: the like-for-like row
        return {"method": "GET", "path": f"{base}?pageSize=1"}
    body = {
        "baseModel": "accounts/fireworks/models/llama-v3p1-8b-instruct",
        "displayName": "bench",
        "minReplicaCount": 0,
        "maxReplicaCount": 2,
    }
    return {"method": "POST", "path": base, "body": json.dumps(body)}


def seed(port: int, n: int) -> None:
    body = {
        "baseModel": "accounts/fireworks/models/llama-v3p1-8b-instruct",
        "displayName": "seeded",
        "minReplicaCount": 0,
        "maxReplicaCount": 2,
    }
    with httpx.Client(
        base_url=f"http://127.0.0.1:{port}", headers={"Authorization": f"Bearer {API_KEY}"}, timeout=30
    ) as http:
        for i in range(n):
            r = http.post(f"/v1/accounts/{ACCOUNT}/deployments", params={"deploymentId": f"seed-{i}"}, json=body)
            if r.status_code != 200:
                raise RuntimeError(f"seeding the fake failed: {r.status_code} {r.text[:200]}")
        page = http.get(f"/v1/accounts/{ACCOUNT}/deployments", params={"pageSize": 50}).json()
        if len(page.get("deployments", [])) != min(n, 50):
            raise RuntimeError(f"the seeded fake lists {len(page.get('deployments', []))} deployments, not 50")


def loadgen(
    port: int, op: str, concurrency: int, *, warmup: float, duration: float, max_requests: int, cpu: int | None = None
) -> dict[str, Any]:
    req = requests_for(op, port)
    cmd = [
        sys.executable,
        "-m",
        "scripts.bench.loadgen",
        "--port",
        str(port),
        "--method",
        req["method"],
        "--path",
        req["path"],
        "--header",
        f"Authorization: Bearer {API_KEY}",
        "--concurrency",
        str(concurrency),
        "--warmup",
        str(warmup),
        "--duration",
        str(duration),
        "--max-requests",
        str(max_requests),
    ]
    if "body" in req:
        cmd += ["--body", req["body"]]
    if cpu is not None:
        cmd += ["--cpu", str(cpu)]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, check=False, timeout=duration + warmup + 60)
    if proc.returncode != 0:
        return {"failed": proc.stderr.strip().splitlines()[-1:] or ["load generator failed"]}
    return json.loads(proc.stdout)  # type: ignore[no-any-return]


def servers(settings: Settings, tmp: Path, stack: ExitStack | None = None) -> tuple[list[Server], dict[str, str]]:
    notes: dict[str, str] = {}
    found: list[Server] = []
    help_text = fake_cli_help()
    if help_text is None:
        notes["fake"] = "fireworks_deployments_testing.fake is not importable here: no fake rows"
    else:
        port = free_port()
        base = [
            sys.executable,
            "-m",
            "fireworks_deployments_testing.fake",
            "--host",
            "127.0.0.1",
            "--api-key",
            f"{API_KEY}={ACCOUNT}",
        ]
        if "--log-level" in help_text:  # no access log per request (Prism runs with -v warn likewise)
            base += ["--log-level", "warning"]
        found.append(Server("fake", [*base, "--port", str(port)], port, True, log=tmp / "fake.log"))
        if "--state" in help_text:
            port = free_port()
            db = tmp / "fake-state.sqlite3"
            found.append(
                Server(
                    "fake-sqlite",
                    [*base, "--port", str(port), "--state", str(db)],
                    port,
                    True,
                    log=tmp / "fake-sqlite.log",
                    note="the fake with its deployments in a SQLite file (`--state`, WAL mode)",
                )
            )
        else:
            notes["fake-sqlite"] = "the fake's CLI has no --state option: no SQLite rows"
        if "--workers" in help_text:
            port = free_port()
            found.append(
                Server(
                    "fake-sqlite-w2",
                    [*base, "--port", str(port), "--state", str(tmp / "fake-state-w2.sqlite3"), "--workers", "2"],
                    port,
                    True,
                    log=tmp / "fake-sqlite-w2.log",
                    note="one SQLite state served by two worker processes (`--workers 2`)",
                )
            )
            found += _postgres_servers(base, tmp, stack, notes)
    port = free_port()
    found.append(
        Server(
            "uvicorn-empty",
            [
                sys.executable,
                "-m",
                "uvicorn",
                "scripts.bench.empty_asgi:app",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--log-level",
                "warning",
                "--no-access-log",
                "--http",
                "httptools",
            ],
            port,
            False,
            log=tmp / "uvicorn-empty.log",
            note="uvicorn serving an app that does nothing (the same small answer to every request): the floor "
            "of any server on uvicorn, the fake's included",
        )  # fmt: skip
    )
    prism = find_prism()
    if prism is None:
        notes["prism"] = "Prism is not installed (nox -s bench installs it under .nox/bench-npm): no Prism rows"
    else:
        port = free_port()
        found.append(
            Server(
                "prism",
                [prism, "mock", str(SPEC), "-p", str(port), "-h", "127.0.0.1", "--errors", "-v", "warn"],
                port,
                False,
                log=tmp / "prism.log",
                note="answers the spec's static examples (its list page holds 1 deployment, not 50)",
            )
        )
    return found, notes


def _postgres_servers(base: list[str], tmp: Path, stack: ExitStack | None, notes: dict[str, str]) -> list[Server]:
    """fake-pg and fake-pg-w2 on a PostgreSQL server started for the run (each fake its own database)."""
    try:
        import psycopg  # noqa: F401

        from fireworks_deployments_testing.fake.postgres_server import PostgresServer, find_postgres
    except ImportError:
        notes["fake-pg"] = "psycopg is not installed (dependency group `postgres`): no PostgreSQL rows"
        return []
    binaries = find_postgres()
    if binaries is None or stack is None:
        notes["fake-pg"] = "PostgreSQL is not installed (apt-get install -y postgresql): no PostgreSQL rows"
        return []
    try:
        pg = stack.enter_context(PostgresServer(binaries))
    except Exception as exc:  # reported, not fatal
        notes["fake-pg"] = f"PostgreSQL did not start: {exc}"
        return []
    found = []
    for name, workers in (("fake-pg", 1), ("fake-pg-w2", 2)):
        port = free_port()
        found.append(
            Server(
                name,
                [*base, "--port", str(port), "--state", pg.new_database(), "--workers", str(workers)],
                port,
                True,
                log=tmp / f"{name}.log",
                note=f"`--state postgresql://...` (PostgreSQL on 127.0.0.1), {workers} worker(s)",
            )
        )
    return found


def run(settings: Settings) -> dict[str, Any]:
    concurrencies = (1, 8) if settings.quick else (1, 8, 64)
    reps = 1 if settings.quick else 3
    warmup, duration = (0.05, 0.2) if settings.quick else (0.3, 1.0)
    max_requests = 2_000 if settings.quick else 100_000
    out: dict[str, Any] = {
        "concurrencies": list(concurrencies),
        "repeats": reps,
        "duration_s": duration,
        "warmup_s": warmup,
        "rows": {},
        "servers": {},
    }
    with tempfile.TemporaryDirectory(prefix="bench-throughput-") as tmpdir, ExitStack() as stack:
        tmp = Path(tmpdir)
        found, notes = servers(settings, tmp, stack)
        out["notes"] = notes
        running: list[Server] = []
        for srv in found:
            try:
                stack.enter_context(server_process(srv.cmd, srv.port, timeout=90, log=srv.log, env=srv.env))
                if srv.stateful:
                    seed(srv.port, SEED)
                running.append(srv)
                out["servers"][srv.name] = {
                    "cmd": " ".join(srv.cmd[1:] if srv.cmd[0] == sys.executable else srv.cmd).replace(
                        str(REPO) + "/", ""
                    ),
                    "note": srv.note,
                }
            except Exception as exc:  # a server that does not start is reported, not fatal
                tail = srv.log.read_text(errors="replace")[-600:] if srv.log and srv.log.exists() else ""
                notes[srv.name] = f"did not start: {exc}; log tail: {tail}"

        # The load generator's own ceiling, against a server that does nothing.
        tport = free_port()
        trivial = [sys.executable, "-m", "scripts.bench.trivial_server", "--port", str(tport)]
        with server_process(trivial, tport):
            out["loadgen_ceilings"] = {
                str(c): loadgen(tport, "get", c, warmup=warmup, duration=duration, max_requests=max_requests * 5)
                for c in (1, 8)
            }
        if hasattr(os, "sched_setaffinity") and (os.cpu_count() or 1) > 1:
            # The same round trip with both processes on CPU 0: what a one-connection row pays for waking the
            # other process on another CPU (one process runs at a time, so one core loses nothing else).
            tport = free_port()
            with server_process([*trivial[:-1], str(tport), "--cpu", "0"], tport):
                out["loadgen_ceilings"][ONE_CORE] = loadgen(
                    tport, "get", 1, warmup=warmup, duration=duration, max_requests=max_requests * 5, cpu=0
                )
        out["loadgen_loop"] = next(iter(out["loadgen_ceilings"].values())).get("loop", "asyncio")

        for op in OPS:
            out["rows"][op] = {}
            for conc in concurrencies:
                samples: dict[str, list[dict[str, Any]]] = {s.name: [] for s in running}
                for rep in range(reps):
                    order = running[rep % len(running) :] + running[: rep % len(running)] if running else []
                    for srv in order:
                        samples[srv.name].append(
                            loadgen(srv.port, op, conc, warmup=warmup, duration=duration, max_requests=max_requests)
                        )
                out["rows"][op][str(conc)] = {name: summarize(runs) for name, runs in samples.items()}
    if "fake" in out["servers"]:
        from .fake_profile import profile_fake

        out["fake_profile"] = profile_fake(settings)
    # ratios to Prism, per row
    for by_conc in out["rows"].values():
        for by_server in by_conc.values():
            prism = by_server.get("prism")
            for name, row in by_server.items():
                if name != "prism" and prism:
                    row["rps_over_prism"] = ratio(row.get("rps"), prism.get("rps"))
                if name.startswith("fake-") and "fake" in by_server:
                    row["rps_over_memory"] = ratio(row.get("rps"), by_server["fake"].get("rps"))
                if name != "uvicorn-empty" and "uvicorn-empty" in by_server:
                    row["rps_over_empty"] = ratio(row.get("rps"), by_server["uvicorn-empty"].get("rps"))
                one = name.removesuffix("-w2")
                if name.endswith("-w2") and one in by_server:
                    row["rps_over_one_worker"] = ratio(row.get("rps"), by_server[one].get("rps"))
    # One connection: each server's time per request above the trivial server's round trip, and Prism's over it
    floor = (out.get("loadgen_ceilings") or {}).get("1", {}).get("rps")
    for by_conc in out["rows"].values():
        one = by_conc.get("1", {})
        for row in one.values():
            rps = (row.get("rps") or {}).get("median")
            if floor and rps and rps > 0:
                row["us_over_round_trip"] = 1e6 / rps - 1e6 / floor
        prism_us = one.get("prism", {}).get("us_over_round_trip")
        for name, row in one.items():
            us = row.get("us_over_round_trip")
            if name != "prism" and prism_us and us and us > 0:
                row["prism_time_over"] = prism_us / us
    return out


def summarize(runs: list[dict[str, Any]]) -> dict[str, Any]:
    ok = [r for r in runs if "failed" not in r]
    if not ok:
        return {"failed": runs[0].get("failed") if runs else "no runs"}
    statuses: dict[str, int] = {}
    for r in ok:
        for k, v in r["statuses"].items():
            statuses[k] = statuses.get(k, 0) + v
    return {
        "rps": stats(r["rps"] for r in ok),
        "p50_ms": stats(r["p50_ms"] for r in ok if r["p50_ms"] is not None),
        "p99_ms": stats(r["p99_ms"] for r in ok if r["p99_ms"] is not None),
        "loadgen_cpu": stats(r["loadgen_cpu"] for r in ok if r["loadgen_cpu"] is not None),
        "errors": sum(r["errors"] for r in ok),
        "statuses": statuses,
        "failed_runs": len(runs) - len(ok),
    }

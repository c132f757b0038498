"""N worker processes x concurrent writers on one state: the outcome equals a serial replay of what was accepted.

SQLite: one fake with ``--workers 2``. PostgreSQL: two independent fakes (as two CI runners would start)
on one database, each with ``--workers 2``, on a server this module starts itself. Each store is also
run once with its locking switched off (``store_lock``), where the same check must find problems.
See :mod:`multiprocess_helpers` for what the check proves and why it is sound.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from multiprocess_helpers import (
    BASE,
    OK,
    UNLOCKED,
    check,
    check_walks,
    fake_processes,
    fresh_client,
    run_writers,
    settled,
    walk,
)

from fireworks_deployments_testing.fake import Fake, sync_client
from fireworks_deployments_testing.fake.postgres_server import PostgresServer, find_postgres

THREADS, OPS, POOL = 6, 50, 3  # 300 requests, 3 contested ids


def _run(state: str, *, fakes: int = 1, env: dict[str, str] | None = None) -> list[str]:
    with fake_processes(state, workers=2, fakes=fakes, env=env) as urls:
        out = run_writers(urls, threads=THREADS, ops=OPS, pool=POOL, seed=5)
        walks = walk(urls[-1])
    served = {w for w in out.workers}
    assert len(served) >= 2 * fakes, f"requests reached only {served}: the test would not span processes"
    assert sum(out.accepted.values()) > 60, out.accepted  # the workload did real work
    reader = Fake(state_path=state)
    try:
        stored = settled(reader)
        journal = reader.journal()
    finally:
        reader.close()
    return check(out, journal, stored) + check_walks(walks, stored)


def test_sqlite_workers_match_serial_replay(tmp_path: Path) -> None:
    assert _run(str(tmp_path / "state.db")) == []


def test_sqlite_without_locking_is_caught(tmp_path: Path) -> None:
    problems = _run(str(tmp_path / "state.db"), env=UNLOCKED)
    assert problems, "the check found nothing with the store's locking switched off"


@pytest.fixture(scope="module")
def postgres(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PostgresServer]:
    pytest.importorskip("psycopg", reason="psycopg is not installed (the 'postgres' extra): no PostgreSQL tests")
    binaries = find_postgres()
    if binaries is None:
        pytest.skip("PostgreSQL not found (no initdb/pg_ctl): apt-get install -y postgresql")
    with PostgresServer(binaries) as server:
        yield server


def test_postgres_fakes_match_serial_replay(postgres: PostgresServer) -> None:
    assert _run(postgres.new_database(), fakes=2) == []


def test_postgres_without_locking_is_caught(postgres: PostgresServer) -> None:
    problems = _run(postgres.new_database(), fakes=2, env=UNLOCKED)
    assert problems, "the check found nothing with the store's locking switched off"


def test_reads_rule_counts_reads_across_workers(tmp_path: Path) -> None:
    """reads:2: the third read, whichever workers served the three, is the first to see READY."""
    state = str(tmp_path / "state.db")
    with fake_processes(state, workers=2, extra=("--transition", "reads:2")) as (url,), fresh_client(url) as http:
        served = set()
        for i in range(6):
            assert (
                http.post(
                    BASE, params={"deploymentId": f"r{i}"}, json={"baseModel": "accounts/fireworks/models/m"}
                ).status_code
                == 200
            )
            seen = []
            for _ in range(3):
                r = http.get(f"{BASE}/r{i}")
                seen.append(r.json()["state"])
                served.add(r.headers["x-fake-worker"])
            assert seen == ["CREATING", "CREATING", "READY"], (i, seen)
    assert served == {"0", "1"}


def test_postgres_store_reconnects_after_losing_its_connection(postgres: PostgresServer) -> None:
    import psycopg

    url = postgres.new_database()
    fake = Fake(state_path=url)
    try:
        with sync_client(fake) as http:
            assert http.post(BASE, params={"deploymentId": "kept"}, json=OK).status_code == 200
            with psycopg.connect(url, autocommit=True) as admin:  # what a server restart does to the fake
                admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid()")
            try:  # the request that finds the connection gone fails (in process the error propagates; 500 on a socket)
                http.get(f"{BASE}/kept")
            except psycopg.OperationalError:
                pass
            assert [http.get(f"{BASE}/kept").status_code for _ in range(2)] == [200, 200]  # then it reconnects
    finally:
        fake.close()

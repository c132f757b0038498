"""The fake with ``state_path``: the same behaviour as in memory, kept in a SQLite file across restarts."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import httpx

from fireworks_deployments_testing.fake import Fake, FakeServer, ManualClock, sync_client
from fireworks_deployments_testing.fake.__main__ import parser
from fireworks_deployments_testing.fake.sqlite_state import SqliteState

OK = {"baseModel": "accounts/fireworks/models/m", "minReplicaCount": 1, "maxReplicaCount": 3}


def _base(fake: Fake) -> str:
    return f"/v1/accounts/{fake.account_id}/deployments"


def test_lifecycle_with_a_state_file(tmp_path: Path) -> None:
    fake = Fake(state_path=tmp_path / "s.db", transition="reads:1")
    assert isinstance(fake.backend.state, SqliteState)
    base = _base(fake)
    with sync_client(fake) as http:
        made = http.post(base, params={"deploymentId": "d1"}, json={**OK, "displayName": "one"})
        assert made.status_code == 200 and made.json()["state"] == "CREATING"
        assert http.get(f"{base}/d1").json()["state"] == "CREATING"  # reads:1 -- the count is stored
        assert http.get(f"{base}/d1").json()["state"] == "READY"
        assert http.post(base, params={"deploymentId": "d1"}, json=OK).status_code == 409
        upd = http.patch(f"{base}/d1", params={"updateMask": "display_name"}, json={**OK, "displayName": "uno"})
        assert upd.json()["displayName"] == "uno" and upd.json()["state"] == "UPDATING"
        assert http.patch(f"{base}/d1:scale", json={"replicaCount": 2}).status_code == 200
        http.get(f"{base}/d1")
        got = http.get(f"{base}/d1").json()
        assert (got["state"], got["desiredReplicaCount"], got["replicaCount"]) == ("READY", 2, 2)
        assert http.get(f"{base}/d1", params={"readMask": "state"}).json().keys() >= {"name", "state"}
        ids = [http.post(base, json=OK).json()["name"].rsplit("/", 1)[1] for _ in range(4)]
        first = http.get(base, params={"pageSize": 2}).json()
        assert first["totalSize"] == 5 and [d["name"][-2:] for d in first["deployments"]][0] == "d1"
        rest = http.get(base, params={"pageSize": 10, "pageToken": first["nextPageToken"]}).json()
        assert [d["name"].rsplit("/", 1)[1] for d in first["deployments"] + rest["deployments"]] == ["d1", *ids]
        assert "nextPageToken" not in rest
        by_name = http.get(base, params={"orderBy": "display_name desc", "filter": 'display_name = "uno"'}).json()
        assert [d["name"][-2:] for d in by_name["deployments"]] == ["d1"]
        assert http.delete(f"{base}/d1").status_code == 200
        assert http.patch(f"{base}/d1:scale", json={"replicaCount": 1}).status_code == 400
        assert http.get(base).json()["totalSize"] == 4
        assert http.get(base, params={"showDeleted": "true"}).json()["totalSize"] == 5
        http.get(f"{base}/d1")
        assert http.get(f"{base}/d1").json()["state"] == "DELETED"
        undone = http.post(f"{base}/d1:undelete", json={}).json()
        assert undone["state"] == "READY" and "deleteTime" not in undone
        assert http.delete(f"{base}/{ids[0]}", params={"hard": "true"}).status_code == 200
        assert http.get(f"{base}/{ids[0]}").status_code == 404
    assert sorted(fake.deployments()) == sorted(["d1", *ids[1:]])
    fake.close()


def test_restart_sees_the_same_deployments(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    clock = ManualClock()
    first = Fake(state_path=path, clock=clock)
    base = _base(first)
    with sync_client(first) as http:
        for i in range(3):
            assert http.post(base, params={"deploymentId": f"k{i}"}, json=OK).status_code == 200
        assert http.delete(f"{base}/k1").status_code == 200
        page = http.get(base, params={"pageSize": 1}).json()
    before = first.deployments()
    first.close()

    second = Fake(state_path=path, clock=clock)  # same seed: page tokens of the first stay valid
    assert second.deployments() == before
    with sync_client(second) as http:
        assert http.get(base).json()["totalSize"] == 2
        listed = http.get(base, params={"showDeleted": "true"}).json()
        assert [d["name"][-2:] for d in listed["deployments"]] == ["k0", "k1", "k2"]
        assert listed["deployments"][1]["state"] == "DELETED" and "purgeTime" in listed["deployments"][1]
        nxt = http.get(base, params={"pageSize": 1, "pageToken": page["nextPageToken"]}).json()
        assert [d["name"][-2:] for d in nxt["deployments"]] == ["k2"]  # k1 is soft-deleted
        assert http.post(f"{base}/k1:undelete", json={}).json()["state"] == "READY"
        clock.advance(31 * 24 * 3600)
        assert http.delete(f"{base}/k2").status_code == 200
    second.close()

    third = Fake(state_path=path, clock=clock)
    assert sorted(third.deployments()) == ["k0", "k1", "k2"]
    assert third.deployments()["k2"]["state"] == "DELETING"  # stored as left; settles on the next read
    clock.advance(31 * 24 * 3600)  # past k2's purge time: gone on the next read
    with sync_client(third) as http:
        assert http.get(f"{_base(third)}/k2").status_code == 404
    third.close()
    assert sorted(Fake(state_path=path).deployments()) == ["k0", "k1"]


def test_reset_clears_the_file(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    fake = Fake(state_path=path)
    fake.seed_deployments(n=5)
    assert len(fake.deployments()) == 5
    fake.reset()
    assert fake.deployments() == {}
    fake.close()
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT COUNT(*) FROM deployments").fetchone() == (0,)
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert Fake(state_path=path).deployments() == {}


def test_last_page_is_a_keyset_seek(tmp_path: Path) -> None:
    fake = Fake(state_path=tmp_path / "s.db")
    fake.seed_deployments(n=300)
    state = fake.backend.state
    assert isinstance(state, SqliteState)
    plan = state.db.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM deployments WHERE account = ? AND (create_time, id) > (?, ?)"
        " ORDER BY create_time, id",
        ("a", "b", "c"),
    ).fetchall()
    assert "USING" in str(plan) and "INDEX" in str(plan) and "TEMP B-TREE" not in str(plan), plan
    with sync_client(fake) as http:
        token, names = None, []
        while True:
            page = http.get(_base(fake), params={"pageSize": 50, **({"pageToken": token} if token else {})}).json()
            names += [d["name"] for d in page["deployments"]]
            token = page.get("nextPageToken")
            if not token:
                break
    assert len(names) == len(set(names)) == 300 and names == sorted(names)


def test_server_and_cli_take_a_state_path(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    assert parser().parse_args(["--state", str(path)]).state == str(path)
    assert parser().parse_args([]).state is None
    with FakeServer(state_path=path) as server:
        headers = {"Authorization": f"Bearer {server.api_key}"}
        url = f"{server.base_url}/v1/accounts/{server.account_id}/deployments"
        assert httpx.post(url, params={"deploymentId": "srv"}, json=OK, headers=headers).status_code == 200
    server.fake.close()
    with FakeServer(state_path=path) as server:
        url = f"{server.base_url}/v1/accounts/{server.account_id}/deployments/srv"
        assert httpx.get(url, headers=headers).status_code == 200


def test_in_memory_is_still_the_default() -> None:
    assert type(Fake().backend.state).__name__ == "FakeState"


def test_values_orjson_refuses_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    fake = Fake(state_path=path)
    odd = {**OK, "displayName": "lone \ud800 surrogate", "annotations": {"big": 2**70, "small": -(2**63)}}
    fake.backend.create_deployment(account_id=fake.account_id, deployment=odd, deployment_id="odd")
    fake.backend.create_deployment(
        account_id=fake.account_id, deployment={**OK, "displayName": "é"}, deployment_id="ok"
    )
    before = fake.deployments()
    fake.close()
    after = Fake(state_path=path).deployments()
    assert after == before
    assert after["odd"]["annotations"]["big"] == 2**70 and after["ok"]["displayName"] == "é"


def test_journal_keeps_accepted_writes_in_commit_order(tmp_path: Path) -> None:
    for state_path in (None, tmp_path / "j.db"):
        fake = Fake(state_path=state_path, journal=True)
        base = _base(fake)
        with sync_client(fake) as http:
            assert http.post(base, params={"deploymentId": "j1"}, json=OK).status_code == 200
            assert http.post(base, params={"deploymentId": "j1"}, json=OK).status_code == 409  # refused: not logged
            assert http.patch(f"{base}/j1:scale", json={"replicaCount": 2}).status_code == 200
            assert http.delete(f"{base}/j1").status_code == 200
            assert http.get(f"{base}/j1").status_code == 200  # reads are not logged
        entries = fake.journal()
        assert [(seq, method) for seq, method, _ in entries] == [
            (1, "create_deployment"),
            (2, "scale_deployment"),
            (3, "delete_deployment"),
        ], state_path
        assert entries[1][2] == {"account_id": fake.account_id, "deployment_id": "j1", "replica_count": 2}
        fake.reset()
        assert fake.journal() == []
        fake.close()
    again = Fake(state_path=tmp_path / "j.db")
    assert again.journal() == []  # kept in the file, emptied by reset
    again.close()

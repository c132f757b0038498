"""The fake's speed paths give what the plain paths would: coalesced writes, pre-encoded pages, store caches."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import orjson
import pytest

from fireworks_deployments_testing.fake import Fake, audit
from fireworks_deployments_testing.fake.encoding import Fragment, dumps, fragment_bytes
from fireworks_deployments_testing.fake.sqlite_state import SqliteState
from fireworks_deployments_testing.fake.transport import _CoalescedWrites
from fireworks_deployments_testing.fake.validation import validator
from fireworks_deployments_testing.rules.errors import InvalidArgument

OK = {"baseModel": "accounts/fireworks/models/m", "minReplicaCount": 1, "maxReplicaCount": 3}


class _Transport:
    def __init__(self) -> None:
        self.calls: list[tuple[str, Any]] = []

    def writelines(self, chunks: list[bytes]) -> None:
        self.calls.append(("writelines", list(chunks)))

    def write(self, data: bytes) -> None:
        self.calls.append(("write", data))

    def is_closing(self) -> bool:
        return False

    def close(self) -> None:
        self.calls.append(("close", None))

    def get_extra_info(self, name: str) -> str:
        return f"extra:{name}"


def test_head_and_body_leave_in_one_call_and_close_sends_what_is_pending() -> None:
    async def scenario() -> list[tuple[str, Any]]:
        inner = _Transport()
        coalesced = _CoalescedWrites(inner, asyncio.get_running_loop())  # type: ignore[arg-type]
        coalesced.write(b"HTTP/1.1 200 OK\r\n\r\n")
        coalesced.write(b"{}")
        assert inner.calls == []  # nothing sent inside the turn
        await asyncio.sleep(0)
        coalesced.write(b"last")
        coalesced.close()  # pending data goes out before the close
        assert coalesced.get_extra_info("peername") == "extra:peername"  # the rest is the transport's own
        return inner.calls

    calls = asyncio.run(scenario())
    assert calls == [
        ("writelines", [b"HTTP/1.1 200 OK\r\n\r\n", b"{}"]),
        ("writelines", [b"last"]),
        ("close", None),
    ]


def test_a_page_of_fragments_is_written_verbatim_even_with_null_inside() -> None:
    page = {"deployments": [Fragment(b'{"a":null,"b":"null"}')], "totalSize": 1, "nextPageToken": "nullnull"}
    out = dumps(page)
    assert isinstance(out, bytes)
    assert orjson.loads(out) == {"deployments": [{"a": None, "b": "null"}], "totalSize": 1, "nextPageToken": "nullnull"}
    assert dumps({"x": float("nan")}) == '{"x":null}'  # without fragments, a null still takes the json path


def test_list_pages_are_the_same_with_fragments_as_without(tmp_path: Path) -> None:
    for fake in (Fake(), Fake(state_path=tmp_path / "s.db")):
        backend, acct = fake.backend, fake.account_id
        for i in range(7):
            backend.create_deployment(
                account_id=acct, deployment={**OK, "displayName": f"d {i}"}, deployment_id=f"d{i}"
            )
        token: str | None = None
        while True:
            shared = backend.list_deployments(account_id=acct, page_size=3, page_token=token, shared=True)
            plain = backend.list_deployments(account_id=acct, page_size=3, page_token=token)
            assert all(isinstance(d, Fragment) for d in shared["deployments"])
            assert orjson.loads(dumps(shared)) == plain
            token = plain.get("nextPageToken")
            if not token:
                break
        fake.close()


def test_a_cached_record_is_dropped_when_another_connection_commits(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    one, two = Fake(state_path=path, worker=0), Fake(state_path=path, worker=1)  # two workers of one fake
    first = one.backend.state
    assert isinstance(first, SqliteState)
    one.backend.create_deployment(account_id=one.account_id, deployment=OK, deployment_id="d")
    assert one.backend.get_deployment(account_id=one.account_id, deployment_id="d")["state"] == "READY"
    assert (one.account_id, "d") in first.live  # kept after the unit of work
    two.backend.update_deployment(
        account_id=two.account_id, deployment_id="d", deployment={**OK, "displayName": "from two"}
    )
    seen = one.backend.get_deployment(account_id=one.account_id, deployment_id="d")
    assert seen["displayName"] == "from two"  # not the cached record
    listed = one.backend.list_deployments(account_id=one.account_id)["deployments"]
    assert [d["displayName"] for d in listed] == ["from two"]
    one.close()
    two.close()


def test_a_remembered_page_of_ids_follows_creates_deletes_and_other_workers(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr(audit, "enabled", False)  # the cache itself, not the audit that would catch a stale page
    path = tmp_path / "s.db"
    one, two = Fake(state_path=path, worker=0), Fake(state_path=path, worker=1)  # two workers of one fake
    acct = one.account_id

    def listed() -> list[str]:
        page = one.backend.list_deployments(account_id=acct, page_size=10)["deployments"]
        return [str(d["name"]).rsplit("/", 1)[1] for d in page]

    for i in range(3):
        one.backend.create_deployment(account_id=acct, deployment=OK, deployment_id=f"d{i}")
    assert listed() == ["d0", "d1", "d2"]
    assert listed() == ["d0", "d1", "d2"]  # the second time from the remembered page
    one.backend.create_deployment(account_id=acct, deployment=OK, deployment_id="d3")
    assert listed() == ["d0", "d1", "d2", "d3"]
    one.backend.delete_deployment(account_id=acct, deployment_id="d1", hard=True)
    assert listed() == ["d0", "d2", "d3"]
    two.backend.create_deployment(account_id=acct, deployment=OK, deployment_id="d4")  # another process commits
    assert listed() == ["d0", "d2", "d3", "d4"]
    one.close()
    two.close()


def test_the_cache_audit_catches_a_remembered_page_gone_stale(tmp_path: Path) -> None:
    fake = Fake(state_path=tmp_path / "s.db")
    acct = fake.account_id
    for i in range(2):
        fake.backend.create_deployment(account_id=acct, deployment=OK, deployment_id=f"d{i}")
    fake.backend.list_deployments(account_id=acct, page_size=10)
    state = fake.backend.state
    assert isinstance(state, SqliteState)
    pages = state.account(acct)._pages  # type: ignore[attr-defined]
    assert pages, "the page was remembered"
    for ids in pages.values():
        ids.reverse()  # what a missed invalidation would leave behind
    with pytest.raises(audit.StaleCache, match="ids of a list page"):
        fake.backend.list_deployments(account_id=acct, page_size=10)
    fake.close()


def test_the_cache_audit_names_stored_json_changed_in_place(monkeypatch: Any) -> None:
    """Copy-on-write is what makes cached encodings safe; the audit (on for this test session) catches a breach."""
    assert audit.enabled, "tests/conftest.py turns the cache audit on for every test"
    fake = Fake(seed=1)
    fake.seed_deployments(fake.account_id, 2)
    record = next(iter(fake.backend.state.account(fake.account_id).records.values()))
    record.fragment()  # encoded and cached
    record.edit()["displayName"] = "replaced, not mutated"  # the sanctioned way: the cache is dropped
    assert b"replaced, not mutated" in fragment_bytes(record.fragment())
    record.data["displayName"] = "mutated in place"  # the breach
    with pytest.raises(audit.StaleCache, match=record.deployment_id):
        record.fragment()
    monkeypatch.setattr(audit, "enabled", False)  # without the audit the stale bytes are served silently
    assert b"mutated in place" not in fragment_bytes(record.fragment())


def test_checked_parameters_are_remembered_per_url_and_refusals_are_not(monkeypatch: Any) -> None:
    check = validator("listDeployments")
    raw = {"account_id": "acct"}
    first = check.parse_params("/v1/accounts/acct/deployments", raw, "pageSize=5&filter=x")
    again = check.parse_params("/v1/accounts/acct/deployments", raw, "pageSize=5&filter=x")
    assert again == first and again[1]["pageSize"] == 5
    monkeypatch.setattr(audit, "enabled", False)
    assert check.parse_params("/v1/accounts/acct/deployments", raw, "pageSize=5&filter=x") is first  # one look-up
    for _ in range(2):  # a refusal is checked afresh each time, never remembered
        with pytest.raises(InvalidArgument, match="pageSize"):
            check.parse_params("/v1/accounts/acct/deployments", raw, "pageSize=-1")
    monkeypatch.setattr(audit, "enabled", True)
    first[1]["pageSize"] = 7  # a reader that changes the shared answer in place ...
    with pytest.raises(audit.StaleCache, match="pageSize=5"):  # ... is caught at the next request for that URL
        check.parse_params("/v1/accounts/acct/deployments", raw, "pageSize=5&filter=x")


def test_the_main_job_runs_the_fake_with_the_cache_audit() -> None:
    noxfile = (Path(__file__).resolve().parents[2] / "noxfile.py").read_text()
    assert f'AUDIT_CACHE_ENV = "{audit.ENV}"' in noxfile
    assert "env={AUDIT_CACHE_ENV: " in noxfile

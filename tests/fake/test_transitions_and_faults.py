"""Transition rules and every fault switch."""

from __future__ import annotations

import httpx
import pytest

from fireworks_deployments_testing.fake import (
    FAULT_NAMES,
    ConnectionDropped,
    Fake,
    FakeServer,
    ManualClock,
    sync_client,
)

OK = {"baseModel": "accounts/fireworks/models/m"}


def _client(fake: Fake) -> tuple[httpx.Client, str]:
    return sync_client(fake), f"/v1/accounts/{fake.account_id}/deployments"


def test_reads_rule() -> None:
    fake = Fake(transition="reads:2")
    http, base = _client(fake)
    http.post(base, params={"deploymentId": "d"}, json=OK)
    assert [http.get(f"{base}/d").json()["state"] for _ in range(3)] == ["CREATING", "CREATING", "READY"]
    http.delete(f"{base}/d")
    assert [http.get(f"{base}/d").json()["state"] for _ in range(3)] == ["DELETING", "DELETING", "DELETED"]


def test_seconds_rule_with_manual_clock() -> None:
    clock = ManualClock()
    fake = Fake(transition="seconds:60", clock=clock)
    http, base = _client(fake)
    http.post(base, params={"deploymentId": "d"}, json=OK)
    assert http.get(f"{base}/d").json()["state"] == "CREATING"
    assert http.get(base, params={"filter": 'state = "READY"'}).json()["totalSize"] == 0
    clock.advance(60)
    assert http.get(base, params={"filter": 'state = "READY"'}).json()["totalSize"] == 1
    assert http.patch(f"{base}/d", json=OK).json()["state"] == "UPDATING"
    clock.advance(61)
    assert http.get(f"{base}/d").json()["state"] == "READY"


def test_set_transition_and_control_surface() -> None:
    with FakeServer() as server:
        c = httpx.Client(base_url=server.base_url, headers={"Authorization": f"Bearer {server.api_key}"})
        base = f"/v1/accounts/{server.account_id}/deployments"
        assert c.post("/_fake/transitions", json={"rule": "reads:1"}).json() == {"rule": "reads:1"}
        assert c.post("/_fake/transitions", json={"rule": "sometimes"}).status_code == 400
        c.post(base, params={"deploymentId": "d"}, json=OK)
        assert c.get(f"{base}/d").json()["state"] == "CREATING"
        assert c.post("/_fake/faults", json={"rate_limit": 1}).json()["rate_limit"] == 1
        assert c.get(base).status_code == 429
        assert c.post("/_fake/faults", json={"bogus": 1}).status_code == 400
        assert c.post("/_fake/seed", json={"count": 3}).json()["ids"] == [
            "seed-0000001",
            "seed-0000002",
            "seed-0000003",
        ]
        assert c.post("/_fake/reset").json() == {}
        assert c.get(base).json() == {"deployments": [], "totalSize": 0}
        assert c.get("/_fake/transitions").json() == {"rule": "immediate"}


def test_faults_are_off_by_default() -> None:
    assert not any(Fake().faults.as_dict().values())
    assert set(Fake().faults.as_dict()) == set(FAULT_NAMES)


def test_latency(monkeypatch: pytest.MonkeyPatch) -> None:
    slept: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        slept.append(seconds)

    monkeypatch.setattr(
        "fireworks_deployments_testing.fake.app.fault_sleep", fake_sleep
    )  # not asyncio.sleep: server threads use it
    fake = Fake(faults={"latency": 0.25})
    http, base = _client(fake)
    assert http.get(base).status_code == 200 and slept == [0.25]


def test_rate_limit_and_unavailable_are_seeded_fractions() -> None:
    def statuses(seed: int, fault: str) -> list[int]:
        fake = Fake(seed=seed, faults={fault: 0.5})
        http, base = _client(fake)
        return [http.get(base).status_code for _ in range(40)]

    limited = statuses(3, "rate_limit")
    assert set(limited) == {200, 429} and limited == statuses(3, "rate_limit")  # deterministic per seed
    unavailable = statuses(3, "unavailable")
    assert set(unavailable) == {200, 503}
    fake = Fake(faults={"rate_limit": 1})
    http, base = _client(fake)
    r = http.get(base)
    assert r.headers["Retry-After"] == "1" and r.json()["code"] == 8
    fake.set_faults(rate_limit=0, unavailable=1)
    r = http.get(base)
    assert r.status_code == 503 and r.headers["Retry-After"].isdigit() and r.json()["code"] == 14


def test_drop_connection_in_process_and_over_http() -> None:
    fake = Fake(faults={"drop_connection": 1})
    http, base = _client(fake)
    with pytest.raises(httpx.TransportError):
        http.get(base)
    with FakeServer(faults={"drop_connection": 1}, log_level="critical") as server:
        with pytest.raises(httpx.TransportError):
            httpx.get(
                f"{server.base_url}/v1/accounts/{server.account_id}/deployments",
                headers={"Authorization": f"Bearer {server.api_key}"},
            )
    assert issubclass(ConnectionDropped, httpx.TransportError)


def test_drop_required_field_and_wrong_type() -> None:
    fake = Fake(faults={"drop_required_field": 1, "wrong_type": 1})
    http, base = _client(fake)
    d = http.post(base, params={"deploymentId": "d"}, json=OK).json()
    assert "baseModel" not in d and d["replicaCount"] == "0"
    assert "baseModel" not in http.get(base).json()["deployments"][0]
    fake.set_faults(replace=True)
    assert http.get(f"{base}/d").json()["baseModel"] == OK["baseModel"]


def test_server_error_on_digit_in_display_name() -> None:
    fake = Fake(faults={"server_error": 1})
    http, base = _client(fake)
    assert http.post(base, json={**OK, "displayName": "plain"}).status_code == 200
    r = http.post(base, json={**OK, "displayName": "v2"})
    assert r.status_code == 500 and r.json()["code"] == 13


def test_ignore_page_token() -> None:
    fake = Fake(faults={"ignore_page_token": 1})
    fake.seed_deployments(n=3)
    http, base = _client(fake)
    first = http.get(base, params={"pageSize": 2}).json()
    again = http.get(base, params={"pageSize": 2, "pageToken": first["nextPageToken"]}).json()
    assert again["deployments"] == first["deployments"]


def test_accept_invalid_enum() -> None:
    fake = Fake()
    http, base = _client(fake)
    assert http.post(base, json={**OK, "precision": "FP3"}).status_code == 400
    fake.set_faults(accept_invalid_enum=1)
    assert http.post(base, json={**OK, "precision": "FP3"}).json()["precision"] == "FP3"


def test_writable_read_only() -> None:
    fake = Fake(faults={"writable_read_only": 1})
    http, base = _client(fake)
    http.post(base, params={"deploymentId": "d"}, json=OK)
    r = http.patch(f"{base}/d", json={**OK, "state": "FAILED", "replicaCount": 9})
    assert r.status_code == 200 and (r.json()["state"], r.json()["replicaCount"]) == ("FAILED", 9)


def test_list_deleted() -> None:
    fake = Fake(faults={"list_deleted": 1})
    http, base = _client(fake)
    http.post(base, params={"deploymentId": "d"}, json=OK)
    http.delete(f"{base}/d")
    assert [d["state"] for d in http.get(base).json()["deployments"]] == ["DELETED"]


def test_faults_never_touch_the_control_surface() -> None:
    fake = Fake(faults={"rate_limit": 1})
    http, _ = _client(fake)
    assert http.get("/_fake/health").json() == {"ok": True}


def test_bad_fault_values_rejected() -> None:
    with pytest.raises(ValueError):
        Fake(faults={"rate_limit": 2})
    with pytest.raises(ValueError):
        Fake(faults={"nonsense": 1})

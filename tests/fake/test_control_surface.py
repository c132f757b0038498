"""The control surface is guarded (optional token), bounded (finite faults, capped seeds, the spec's id rule),
answers JSON only; a state file has one owner; seeding never replaces a deployment."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx
import pytest

from fireworks_deployments_testing.fake import Fake, FakeServer, sync_client
from fireworks_deployments_testing.fake.control import MAX_SEED_COUNT, TOKEN_HEADER
from fireworks_deployments_testing.fake.faults import MAX_LATENCY
from fireworks_deployments_testing.fake.sqlite_state import StateInUse
from fireworks_deployments_testing.rules.spec import component_schema, operation


def _json(response: httpx.Response) -> object:
    assert response.headers["content-type"] == "application/json", response.text
    return json.loads(response.text, parse_constant=lambda token: pytest.fail(f"not JSON: {token}"))


def test_token_is_required_when_set_and_health_stays_open() -> None:
    fake = Fake(control_token="s3cret")
    with sync_client(fake) as http:
        for method, path in [("POST", "/_fake/reset"), ("GET", "/_fake/faults"), ("POST", "/_fake/seed")]:
            r = http.request(method, path)
            assert r.status_code == 401 and TOKEN_HEADER in _json(r)["message"]  # type: ignore[index]
            r = http.request(method, path, headers={TOKEN_HEADER: "wrong"})
            assert r.status_code == 401
        assert http.get("/_fake/health").json() == {"ok": True}
        ok = {TOKEN_HEADER: "s3cret"}
        assert http.post("/_fake/seed", json={"count": 2}, headers=ok).status_code == 200
        assert http.post("/_fake/reset", headers=ok).json() == {}
        assert fake.deployments() == {}


def test_token_on_the_threaded_server() -> None:
    with FakeServer(control_token="t") as server:
        assert httpx.post(server.base_url + "/_fake/reset").status_code == 401
        assert httpx.post(server.base_url + "/_fake/reset", headers={TOKEN_HEADER: "t"}).status_code == 200


def test_no_token_means_open(http: httpx.Client) -> None:
    assert http.post("/_fake/reset").status_code == 200


@pytest.mark.parametrize(
    "faults",
    [
        {"latency": "nan"},
        {"latency": "inf"},
        {"latency": 1e999},
        {"latency": MAX_LATENCY + 1},
        {"latency": -1},
        {"rate_limit": 1.5},
        {"unavailable": "NaN"},
        {"drop_after_commit": None},
        {"latency": {"x": 1}},
        {"nope": 1},
    ],
)
def test_fault_values_are_finite_and_bounded(http: httpx.Client, faults: dict[str, object]) -> None:
    body = json.dumps(faults).replace("Infinity", "1e999")
    r = http.post("/_fake/faults", content=body)
    assert r.status_code == 400, r.text
    assert _json(r)["message"].startswith("faults:")  # type: ignore[index]
    assert all(v == 0 for v in _json(http.get("/_fake/faults")).values())  # type: ignore[union-attr]


def test_nan_literal_in_a_control_body_is_400(http: httpx.Client) -> None:
    r = http.post("/_fake/faults", content=b'{"latency": NaN}')
    assert r.status_code == 400 and "NaN" in _json(r)["message"]  # type: ignore[index]


def test_transition_seconds_must_be_finite(http: httpx.Client) -> None:
    for rule in ["seconds:inf", "seconds:nan", "seconds:-1", 3]:
        r = http.post("/_fake/transitions", json={"rule": rule})
        assert r.status_code == 400, (rule, r.text)
    assert _json(http.get("/_fake/transitions")) == {"rule": "immediate"}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"count": MAX_SEED_COUNT + 1}, "count: must be between 0 and"),
        ({"count": -1}, "count: must be between 0 and"),
        ({"count": "5"}, "count: must be an integer"),
        ({"count": 1.5}, "count: must be an integer"),
        ({"count": True}, "count: must be an integer"),
        ({"account": "Bad_Account", "count": 1}, "account_id: 'Bad_Account' does not follow"),
        ({"account": "../x", "count": 1}, "account_id: '../x' does not follow"),
        ({"account": 7, "count": 1}, "account: must be a string"),
        ({"count": 1, "prefix": "x"}, "prefix: unknown key"),
    ],
)
def test_seed_is_bounded(fake: Fake, http: httpx.Client, body: dict[str, object], message: str) -> None:
    r = http.post("/_fake/seed", json=body)
    assert r.status_code == 400 and _json(r)["message"].startswith(message), r.text  # type: ignore[index]
    assert fake.deployments() == {}


def test_seeded_ids_follow_the_specs_id_rule(http: httpx.Client) -> None:
    ids = http.post("/_fake/seed", json={"count": MAX_SEED_COUNT}).json()["ids"]
    assert len(set(ids)) == MAX_SEED_COUNT
    param = operation("getDeployment").parameter("deployment_id")
    assert param is not None
    schema = param["schema"]
    pattern = (component_schema(schema["$ref"].rsplit("/", 1)[-1]) if "$ref" in schema else schema)["pattern"]
    assert all(re.search(pattern, i) for i in ids)


@pytest.mark.parametrize("store", ["memory", "sqlite"])
def test_seeding_never_replaces_a_deployment(tmp_path: Path, store: str) -> None:
    fake = Fake(state_path=tmp_path / "s.db" if store == "sqlite" else None)
    try:
        with sync_client(fake) as http:
            base = f"/v1/accounts/{fake.account_id}/deployments"
            http.post(base, params={"deploymentId": "seed-0000001"}, json={"baseModel": "mine"}).raise_for_status()
            mine = http.get(base + "/seed-0000001").json()
            ids = http.post("/_fake/seed", json={"count": 3}).json()["ids"]
            assert "seed-0000001" not in ids and len(set(ids)) == 3
            assert http.get(base + "/seed-0000001").json() == mine
            assert len(fake.deployments()) == 4
    finally:
        fake.close()


def test_unknown_and_odd_methods_on_the_control_surface_answer_json(http: httpx.Client) -> None:
    r = http.get("/_fake/reset")
    assert r.status_code == 405 and r.headers["allow"] == "POST" and _json(r)["code"] == 12  # type: ignore[index]
    r = http.request("PROPFIND", "/_fake/faults")
    assert r.status_code == 405 and _json(r)
    r = http.request("PROPFIND", "/nowhere")
    assert r.status_code == 404 and _json(r)


def test_second_owner_of_a_state_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    first = Fake(state_path=path)
    try:
        with pytest.raises(StateInUse, match="in use by another fake"):
            Fake(state_path=path)
    finally:
        first.close()
    Fake(state_path=path).close()  # free again once the owner closed it

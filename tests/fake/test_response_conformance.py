"""Every response of a mixed workload (successes, errors and fault answers) validates against the spec."""

from __future__ import annotations

import random
from collections import Counter
from typing import Any

import httpx

from fireworks_deployments_testing.fake import Fake, sync_client
from fireworks_deployments_testing.rules.spec import operation, validator_for

OK = {"baseModel": "accounts/fireworks/models/m"}
_validators: dict[tuple[str, int], Any] = {}
SEEN: Counter[int] = Counter()  # statuses checked, so a test can say which answers it really judged


def check(op_id: str, r: httpx.Response) -> None:
    SEEN[r.status_code] += 1
    op = operation(op_id)
    assert str(r.status_code) in op.responses, f"{op_id}: undocumented status {r.status_code}: {r.text}"
    assert r.headers["content-type"].startswith("application/json")
    key = (op_id, r.status_code)
    if key not in _validators:
        _validators[key] = validator_for(op.response_schema(r.status_code))
    errors = list(_validators[key].iter_errors(r.json()))
    assert not errors, f"{op_id} {r.status_code}: {errors[0].message} in {r.text}"
    for name, header in op.responses[str(r.status_code)].get("headers", {}).items():
        if name in r.headers:
            assert validator_for(header["schema"]).is_valid(r.headers[name])


def workload(http: httpx.Client, base: str, rng: random.Random, n: int) -> int:
    checked = 0
    bodies = [
        OK,
        {**OK, "displayName": "x" * 70},
        {**OK, "state": "READY"},
        {**OK, "acceleratorType": "NOPE"},
        {**OK, "autoscalingPolicy": {"scaleUpWindow": "1m"}},
        {**OK, "placement": {"multiRegion": "US"}, "minReplicaCount": 1, "annotations": {"a": "b"}},
        {**OK, "expireTime": "2030-01-01T10:00:00+02:00", "acceleratorCount": 2.0},
        {"displayName": "no model"},
    ]
    for _ in range(n):
        did = rng.choice(["a", "b", "c", "BAD_ID"])
        kind = rng.randrange(9)
        if kind == 0:
            check(
                "createDeployment",
                http.post(
                    base,
                    params={"deploymentId": did, "validateOnly": rng.choice(["true", "false"])},
                    json=rng.choice(bodies),
                ),
            )
        elif kind == 1:
            check(
                "getDeployment",
                http.get(f"{base}/{did}", params=rng.choice([{}, {"readMask": "state"}, {"readMask": "x"}])),
            )
        elif kind == 2:
            params = rng.choice(
                [
                    {},
                    {"pageSize": 1},
                    {"pageSize": -3},
                    {"filter": 'state = "READY"'},
                    {"filter": "bad("},
                    {"orderBy": "name desc"},
                    {"showDeleted": "true", "readMask": "state"},
                    {"pageToken": "zzz"},
                ]
            )
            r = http.get(base, params=params)
            check("listDeployments", r)
            if r.status_code == 200 and r.json().get("nextPageToken"):
                check("listDeployments", http.get(base, params={**params, "pageToken": r.json()["nextPageToken"]}))
        elif kind == 3:
            check(
                "updateDeployment",
                http.patch(
                    f"{base}/{did}",
                    params=rng.choice([{}, {"updateMask": "display_name"}, {"updateMask": "state"}]),
                    json=rng.choice(bodies),
                ),
            )
        elif kind == 4:
            check(
                "scaleDeployment",
                http.patch(f"{base}/{did}:scale", json=rng.choice([{"replicaCount": 2}, {"replicaCount": -1}, {}])),
            )
        elif kind == 5:
            check(
                "deleteDeployment",
                http.delete(f"{base}/{did}", params={"hard": rng.choice(["true", "false", "false"])}),
            )
        elif kind == 6:
            check("undeleteDeployment", http.post(f"{base}/{did}:undelete", json={}))
        elif kind == 7:
            check("createDeployment", http.post(base, content=b"\xff{", headers={"Content-Type": "application/json"}))
        else:
            check("listDeployments", http.get(base, headers={"Authorization": rng.choice(["", "Bearer wrong"])}))
        checked += 1
    return checked


def test_mixed_workload_responses_match_the_spec() -> None:
    SEEN.clear()
    fake = Fake(seed=5, transition="reads:1")
    with sync_client(fake) as http:
        assert workload(http, f"/v1/accounts/{fake.account_id}/deployments", random.Random(1), 600) == 600
        check("listDeployments", http.get("/v1/accounts/someone-else/deployments"))  # 403
    # the workload reached every kind of answer it is meant to judge, not only successes
    assert {200, 400, 401, 403, 404, 409} <= set(SEEN), SEEN


def test_fault_answers_match_the_spec() -> None:
    SEEN.clear()
    fake = Fake(seed=5, faults={"rate_limit": 0.2, "unavailable": 0.2, "server_error": 1})
    with sync_client(fake) as http:
        base = f"/v1/accounts/{fake.account_id}/deployments"
        workload(http, base, random.Random(2), 200)
        for attempt in range(20):  # a digit in displayName trips server_error, unless a 429/503 answers first
            answer = http.post(base, params={"deploymentId": f"v{attempt}"}, json={**OK, "displayName": "v1"})
            check("createDeployment", answer)
            if answer.status_code == 500:
                break
    # each fault really answered (and so was judged): 429 rate_limit, 503 unavailable, 500 server_error
    assert SEEN[429] > 0 and SEEN[503] > 0 and SEEN[500] > 0, SEEN

"""The fake reads requests as a gRPC-gateway server does (the spec's info.x-decisions), and its faults break that.

Each test is one example of issue 9's "Done when" list, plus the fault that turns the old, wrong reading back on.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from fireworks_deployments_testing.fake import Fake, sync_client

OK = {"baseModel": "accounts/fireworks/models/m"}
VOLATILE = ("state", "updateTime")  # what an update legitimately moves even when it changes no field


def _stable(deployment: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in deployment.items() if k not in VOLATILE}


def test_get_body_sent_back_as_update_succeeds_and_changes_nothing(http: httpx.Client, base: str) -> None:
    full = {
        **OK,
        "displayName": "canary",
        "minReplicaCount": 1,
        "maxReplicaCount": 3,
        "placement": {"multiRegion": "US"},
        "autoscalingPolicy": {"scaleUpWindow": "60s"},
        "annotations": {"team": "search"},
    }
    http.post(base, params={"deploymentId": "rt"}, json=full)
    before = http.get(f"{base}/rt").json()
    assert {"name", "createTime", "state", "replicaCount"} <= set(before)  # read-only fields are in the body
    r = http.patch(f"{base}/rt", json=before)
    assert r.status_code == 200, r.text
    after = http.get(f"{base}/rt").json()
    assert _stable(after) == _stable(before)


def test_read_only_fields_are_ignored_never_stored(http: httpx.Client, base: str) -> None:
    sent = {
        **OK,
        "name": "accounts/x/deployments/y",
        "state": "FAILED",
        "replicaCount": 9,
        "createTime": "2001-01-01T00:00:00Z",
    }
    created = http.post(base, params={"deploymentId": "ro"}, json=sent).json()
    assert created["name"].endswith("/deployments/ro")
    assert (created["state"], created["replicaCount"]) == ("CREATING", 0)
    assert created["createTime"] != sent["createTime"]
    r = http.patch(f"{base}/ro", params={"updateMask": "state,display_name"}, json={**sent, "displayName": "n"})
    assert r.status_code == 200 and r.json()["state"] != "FAILED" and r.json()["displayName"] == "n"


def test_nested_read_only_fields_are_ignored(http: httpx.Client, base: str) -> None:
    r = http.post(
        base, json={**OK, "status": {"code": "INTERNAL", "message": "x"}, "replicaStats": {"readyReplicaCount": 5}}
    )
    assert r.status_code == 200
    assert r.json()["status"]["code"] == "OK" and "replicaStats" not in r.json()


def test_num_peft_device_cached_is_writable(http: httpx.Client, base: str) -> None:
    assert http.post(base, json={**OK, "numPeftDeviceCached": 4}).json()["numPeftDeviceCached"] == 4


def test_empty_deployment_id_creates_with_a_generated_id(http: httpx.Client, base: str) -> None:
    r = http.post(base, params={"deploymentId": ""}, json=OK)
    assert r.status_code == 200, r.text
    assert r.json()["name"].rsplit("/", 1)[1]


def test_scale_with_empty_body_scales_to_zero(http: httpx.Client, base: str) -> None:
    http.post(base, params={"deploymentId": "s"}, json={**OK, "minReplicaCount": 2})
    assert http.get(f"{base}/s").json()["desiredReplicaCount"] == 2
    r = http.patch(f"{base}/s:scale", json={})
    assert r.status_code == 200 and r.json() == {}
    assert http.get(f"{base}/s").json().get("desiredReplicaCount", 0) == 0


def test_zero_values_are_unset(http: httpx.Client, base: str) -> None:
    body = {
        **OK,
        "displayName": "",
        "minReplicaCount": 0,
        "enableAddons": False,
        "directRouteApiKeys": [],
        "annotations": {},
        "precision": "PRECISION_UNSPECIFIED",
        "placement": {"multiRegion": "US", "regions": [], "region": "REGION_UNSPECIFIED"},
    }
    r = http.post(base, json=body)
    assert r.status_code == 200, r.text
    got = r.json()
    for key in ("displayName", "enableAddons", "directRouteApiKeys", "annotations", "precision"):
        assert key not in got, key
    assert got["placement"] == {"multiRegion": "US"}
    assert got["maxReplicaCount"] == 1  # the default max(min, 1): minReplicaCount 0 is unset, default 0


def test_empty_base_model_does_not_satisfy_required(http: httpx.Client, base: str) -> None:
    r = http.post(base, json={"baseModel": ""})
    assert r.status_code == 400 and r.json()["message"].startswith("baseModel")


def test_explicit_zero_max_replica_count_is_kept(http: httpx.Client, base: str) -> None:
    assert http.post(base, json={**OK, "maxReplicaCount": 0}).json()["maxReplicaCount"] == 0


def test_unknown_keys_are_dropped_at_every_level(http: httpx.Client, base: str, fake: Fake) -> None:
    body = {
        **OK,
        "surprise": 1,
        "autoTune": {"longPrompt": True, "extra": 1},
        "autoscalingPolicy": {"scaleUpWindow": "30s", "extra": {"a": 1}},
        "placement": {"region": "US_IOWA_1", "extra": "x"},
    }
    r = http.post(base, params={"deploymentId": "u"}, json=body)
    assert r.status_code == 200, r.text
    for answer in (r.json(), http.get(f"{base}/u").json(), fake.deployments()["u"]):
        assert "surprise" not in answer
        assert answer["autoTune"] == {"longPrompt": True}
        assert "extra" not in answer["autoscalingPolicy"] and answer["placement"] == {"region": "US_IOWA_1"}


def test_scaling_schedule_needs_its_required_fields(http: httpx.Client, base: str) -> None:
    schedule = {"minReplicaCount": 1, "schedule": "0 8 * * Mon-Fri", "duration": "3600s", "timezone": "Europe/Berlin"}
    policy = {"scalingSchedules": {"office": schedule}}
    assert http.post(base, json={**OK, "autoscalingPolicy": policy}).status_code == 200
    for missing in schedule:
        partial = {k: v for k, v in schedule.items() if k != missing}
        r = http.post(base, json={**OK, "autoscalingPolicy": {"scalingSchedules": {"office": partial}}})
        assert r.status_code == 400 and missing in r.json()["message"], (missing, r.text)


def test_id_ending_in_hyphen_is_refused(http: httpx.Client, base: str) -> None:
    r = http.post(base, params={"deploymentId": "abc-"}, json=OK)
    assert r.status_code == 400 and "deploymentId" in r.json()["message"]


@pytest.mark.parametrize(
    ("fault", "request_args", "status"),
    [
        ("reject_read_only", ("post", "", {}, {**OK, "state": "READY"}), 400),
        ("zero_values_set", ("post", "", {"deploymentId": ""}, OK), 400),
        ("zero_values_set", ("patch", "/z:scale", {}, {}), 400),
    ],
)
def test_faults_restore_the_wrong_reading(fault: str, request_args: tuple[Any, ...], status: int) -> None:
    method, suffix, params, body = request_args
    for on in (False, True):
        fake = Fake(faults={fault: 1} if on else None)
        with sync_client(fake) as http:
            base = f"/v1/accounts/{fake.account_id}/deployments"
            http.post(base, params={"deploymentId": "z"}, json=OK)
            r = http.request(method, base + suffix, params=params, json=body)
            assert (r.status_code == status) is on, (fault, on, r.text)


def test_keep_unknown_keys_fault_echoes_nested_keys() -> None:
    fake = Fake(faults={"keep_unknown_keys": 1})
    with sync_client(fake) as http:
        r = http.post(f"/v1/accounts/{fake.account_id}/deployments", json={**OK, "autoTune": {"extra": 1}})
        assert r.json()["autoTune"] == {"extra": 1}

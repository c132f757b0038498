"""Create/get/list/update/scale/delete/undelete semantics as the spec's descriptions and x-decisions state them."""

from __future__ import annotations

import httpx
import pytest

from fireworks_deployments_testing.fake import Fake, ManualClock, sync_client

OK = {"baseModel": "accounts/fireworks/models/m"}


def create(http: httpx.Client, base: str, deployment_id: str | None = None, **fields: object) -> httpx.Response:
    params = {"deploymentId": deployment_id} if deployment_id else {}
    return http.post(base, params=params, json={**OK, **fields})


def ids(page: dict) -> list[str]:
    return [d["name"].rsplit("/", 1)[1] for d in page.get("deployments", [])]


def test_create_defaults_and_generated_id(http: httpx.Client, base: str, fake: Fake) -> None:
    d = create(http, base).json()
    deployment_id = d["name"].rsplit("/", 1)[1]
    assert len(deployment_id) == 8 and deployment_id.isalnum() and deployment_id.islower()
    assert d["state"] == "CREATING" and d["createTime"] == d["updateTime"]
    assert (d["minReplicaCount"], d["maxReplicaCount"], d["acceleratorType"]) == (0, 1, "ACCELERATOR_TYPE_UNSPECIFIED")
    assert d["autoscalingPolicy"] == {
        "scaleUpWindow": "30s",
        "scaleDownWindow": "600s",
        "scaleToZeroWindow": "3600s",
        "loadTargets": {"default": 0.8},
    }
    assert create(http, base, minReplicaCount=3).json()["maxReplicaCount"] == 3
    # a partly given object keeps what was sent and gets the spec's x-server-default for the rest
    policy = create(http, base, autoscalingPolicy={"scaleUpWindow": "10s", "loadTargets": {"concurrent_requests": 4}})
    assert policy.json()["autoscalingPolicy"] == {
        "scaleUpWindow": "10s",
        "scaleDownWindow": "600s",
        "scaleToZeroWindow": "3600s",
        "loadTargets": {"concurrent_requests": 4},
    }


def test_duplicate_and_validate_only(http: httpx.Client, base: str, fake: Fake) -> None:
    dry = http.post(base, params={"deploymentId": "d", "validateOnly": "true"}, json=OK)
    assert dry.status_code == 200 and dry.json()["name"].endswith("/d")
    assert fake.deployments() == {}
    assert create(http, base, "d").status_code == 200
    dup = create(http, base, "d")
    assert dup.status_code == 409 and dup.json()["code"] == 6
    http.delete(f"{base}/d")
    assert create(http, base, "d").status_code == 409  # soft-deleted ids stay taken
    http.delete(f"{base}/d", params={"hard": "true"})
    assert create(http, base, "d").status_code == 200


def test_shapeless_risk_with_shape_rejected(http: httpx.Client, base: str) -> None:
    r = http.post(base, params={"acceptShapelessRisk": "true"}, json={**OK, "deploymentShape": "default"})
    assert r.status_code == 400 and "acceptShapelessRisk" in r.json()["message"]


def test_update_mask_semantics(http: httpx.Client, base: str) -> None:
    create(http, base, "d", displayName="keep", description="old", minReplicaCount=2, maxReplicaCount=5)
    masked = http.patch(
        f"{base}/d",
        params={"updateMask": "description,max_replica_count"},
        json={"baseModel": "other", "description": "new"},
    ).json()
    assert (masked["displayName"], masked["description"], masked["baseModel"]) == ("keep", "new", OK["baseModel"])
    assert masked["maxReplicaCount"] == 2  # listed but absent: reset to its default max(min, 1)
    assert masked["state"] == "UPDATING"
    full = http.patch(f"{base}/d", json={"baseModel": "other"}).json()  # no mask: every writable field replaced
    assert full["baseModel"] == "other" and "displayName" not in full and "description" not in full
    assert (full["minReplicaCount"], full["maxReplicaCount"]) == (0, 1)
    assert full["createTime"] and full["name"].endswith("/d")


def test_soft_deleted_preconditions(http: httpx.Client, base: str) -> None:
    create(http, base, "d")
    assert http.post(f"{base}/d:undelete", json={}).json()["code"] == 9  # READY cannot be undeleted
    assert http.delete(f"{base}/d").status_code == 200
    d = http.get(f"{base}/d").json()
    assert d["state"] == "DELETED" and d["deleteTime"] < d["purgeTime"]
    for r in (
        http.patch(f"{base}/d", json=OK),
        http.patch(f"{base}/d:scale", json={"replicaCount": 1}),
        http.delete(f"{base}/d"),
    ):
        assert (r.status_code, r.json()["code"]) == (400, 9)
    assert http.post(f"{base}/nope:undelete", json={}).status_code == 404
    restored = http.post(f"{base}/d:undelete", json={}).json()
    assert restored["state"] == "READY" and "deleteTime" not in restored and "purgeTime" not in restored


def test_purge_after_30_days() -> None:
    clock = ManualClock()
    fake = Fake(clock=clock)
    base = f"/v1/accounts/{fake.account_id}/deployments"
    with sync_client(fake) as http:
        create(http, base, "d")
        http.delete(f"{base}/d")
        clock.advance(30 * 86400 + 1)
        assert http.post(f"{base}/d:undelete", json={}).status_code == 404
        assert http.get(f"{base}/d").status_code == 404
        assert create(http, base, "d").status_code == 200


def test_scale_sets_desired_without_clamping(http: httpx.Client, base: str) -> None:
    create(http, base, "d", maxReplicaCount=2)
    assert http.patch(f"{base}/d:scale", json={"replicaCount": 7}).json() == {}
    d = http.get(f"{base}/d").json()
    assert (d["desiredReplicaCount"], d["replicaCount"], d["maxReplicaCount"]) == (7, 7, 2)


def test_paging_show_deleted_and_total(http: httpx.Client, base: str) -> None:
    for i in range(7):
        create(http, base, f"d{i}")
    http.delete(f"{base}/d3")
    first = http.get(base, params={"pageSize": 3}).json()
    assert ids(first) == ["d0", "d1", "d2"] and first["totalSize"] == 6
    second = http.get(base, params={"pageSize": 3, "pageToken": first["nextPageToken"]}).json()
    assert ids(second) == ["d4", "d5", "d6"] and "nextPageToken" not in second
    everything = http.get(base, params={"showDeleted": "true"}).json()
    assert len(ids(everything)) == 7 and everything["totalSize"] == 7 and "nextPageToken" not in everything
    # a token only works with the parameters it was issued for
    mismatched = http.get(base, params={"pageSize": 3, "pageToken": first["nextPageToken"], "orderBy": "name"})
    assert mismatched.status_code == 400 and "pageToken" in mismatched.json()["message"]
    tampered = first["nextPageToken"][:-2] + ("AA" if not first["nextPageToken"].endswith("AA") else "BB")
    assert http.get(base, params={"pageSize": 3, "pageToken": tampered}).status_code == 400


def test_page_size_rules(fake: Fake, http: httpx.Client, base: str) -> None:
    fake.seed_deployments(n=450)
    assert len(http.get(base).json()["deployments"]) == 50
    assert len(http.get(base, params={"pageSize": 0}).json()["deployments"]) == 50
    assert len(http.get(base, params={"pageSize": 5000}).json()["deployments"]) == 200


def test_keyset_paging_over_a_large_list(fake: Fake, http: httpx.Client, base: str) -> None:
    fake.seed_deployments(n=100_000)
    pages, token, count = 0, None, 0
    last = None
    # walk the first pages, then jump with a token issued near the end
    while pages < 3:
        page = http.get(base, params={"pageSize": 200, **({"pageToken": token} if token else {})}).json()
        count += len(page["deployments"])
        token, pages = page["nextPageToken"], pages + 1
        last = page
    assert count == 600 and last["totalSize"] == 100_000
    tail = http.get(base, params={"pageSize": 200, "orderBy": "create_time desc"}).json()
    assert ids(tail)[0] == "seed-0099999"


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        ('state = "READY"', ["a", "b", "c"]),
        ("min_replica_count > 0", ["b", "c"]),
        ('minReplicaCount >= 2 AND display_name != "b"', ["c"]),
        ('display_name = "a" OR display_name = "c"', ["a", "c"]),
        ('NOT display_name = "a"', ["b", "c"]),
        ('-display_name = "a"', ["b", "c"]),
        ('(display_name = "a" OR display_name = "b") AND min_replica_count > 0', ["b"]),
        ("enable_addons = true", ["c"]),
        ("enableAddons = false", ["a", "b"]),
        ('create_time > "2000-01-01T00:00:00Z"', ["a", "b", "c"]),
        ('create_time < "2000-01-01T00:00:00+01:00"', []),
        ("max_replica_count > -1", ["a", "b", "c"]),
    ],
)
def test_filter(http: httpx.Client, base: str, flt: str, expected: list[str]) -> None:
    create(http, base, "a", displayName="a")
    create(http, base, "b", displayName="b", minReplicaCount=1)
    create(http, base, "c", displayName="c", minReplicaCount=2, enableAddons=True)
    page = http.get(base, params={"filter": flt}).json()
    assert ids(page) == expected and page["totalSize"] == len(expected)


def test_order_by_and_read_mask(http: httpx.Client, base: str) -> None:
    create(http, base, "a", displayName="z", minReplicaCount=1)
    create(http, base, "b", displayName="y", minReplicaCount=1)
    create(http, base, "c", displayName="x")
    assert ids(http.get(base, params={"orderBy": "display_name"}).json()) == ["c", "b", "a"]
    assert ids(http.get(base, params={"orderBy": "minReplicaCount desc, display_name"}).json()) == ["b", "a", "c"]
    assert ids(http.get(base, params={"orderBy": "create_time desc"}).json()) == ["c", "b", "a"]
    # paging through a non-default order
    p1 = http.get(base, params={"orderBy": "display_name desc", "pageSize": 2}).json()
    p2 = http.get(base, params={"orderBy": "display_name desc", "pageSize": 2, "pageToken": p1["nextPageToken"]}).json()
    assert ids(p1) + ids(p2) == ["a", "b", "c"]
    masked = http.get(f"{base}/a", params={"readMask": "display_name,autoscaling_policy.scale_up_window"}).json()
    assert masked == {
        "name": masked["name"],
        "baseModel": OK["baseModel"],
        "displayName": "z",
        "autoscalingPolicy": {"scaleUpWindow": "30s"},
    }
    listed = http.get(base, params={"readMask": "state"}).json()["deployments"]
    assert all(set(d) == {"name", "baseModel", "state"} for d in listed)
    assert len(http.get(f"{base}/a", params={"readMask": "*"}).json()) > 5

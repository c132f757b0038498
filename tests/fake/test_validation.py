"""Every malformed request gets a 4xx with the spec's error body and a message naming the field."""

from __future__ import annotations

import httpx
import pytest

from fireworks_deployments_testing.fake import Fake, sync_client

OK = {"baseModel": "accounts/fireworks/models/m"}
JSON = {"Content-Type": "application/json"}


def expect(response: httpx.Response, status: int, code: int, field: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"code", "message", "details"} and body["code"] == code and body["details"] == []
    assert field in body["message"], body["message"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "baseModel"),
        ({"baseModel": ""}, "baseModel"),
        ({**OK, "state": "NO_SUCH_STATE"}, "state"),  # read-only fields are ignored, but must still parse
        ({**OK, "replicaCount": "one"}, "replicaCount"),
        ({**OK, "displayName": "x" * 64}, "displayName"),
        ({**OK, "acceleratorType": "NVIDIA_Z9000"}, "acceleratorType"),
        ({**OK, "minReplicaCount": -1}, "minReplicaCount"),
        ({**OK, "minReplicaCount": "1"}, "minReplicaCount"),
        ({**OK, "autoscalingPolicy": {"scaleUpWindow": "10m"}}, "autoscalingPolicy.scaleUpWindow"),
        ({**OK, "placement": {"region": "US_IOWA_1", "multiRegion": "US"}}, "placement"),
        ({**OK, "placement": {"regions": ["US_IOWA_1"], "multiRegion": "US"}}, "placement"),
        ({**OK, "autoscalingPolicy": {"scalingSchedules": {"s": {}}}}, "minReplicaCount"),
        (
            {**OK, "autoscalingPolicy": {"scalingSchedules": {"s": {"minReplicaCount": 1, "schedule": "0 8 * * *"}}}},
            "duration",
        ),
        ({**OK, "expireTime": "yesterday"}, "expireTime"),
    ],
)
def test_create_body_rejected(http: httpx.Client, base: str, body: dict, field: str) -> None:
    expect(http.post(base, json=body), 400, 3, field)


def test_display_name_of_63_chars_and_unknown_keys_are_fine(http: httpx.Client, base: str) -> None:
    r = http.post(base, json={**OK, "displayName": "x" * 63, "noSuchField": 1})
    assert r.status_code == 200 and "noSuchField" not in r.json()


@pytest.mark.parametrize(
    ("content", "headers", "status", "field"),
    [
        (b"{not json", JSON, 400, "body"),
        (b'{"baseModel": "\xff\xfe"}', JSON, 400, "UTF-8"),
        (b"[1, 2]", JSON, 400, "body"),
        (b"", JSON, 400, "body"),
        (b'{"baseModel": "m"}', {"Content-Type": "text/plain"}, 400, "Content-Type"),
        (b'{"baseModel": "m"}', {}, 400, "Content-Type"),
        (b'{"baseModel": "' + b"x" * (1024 * 1024) + b'"}', JSON, 413, "1048576"),
    ],
)
def test_body_transport_errors(
    http: httpx.Client, base: str, content: bytes, headers: dict, status: int, field: str
) -> None:
    expect(http.post(base, content=content, headers=headers), status, 3, field)


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("", {"pageSize": "-1"}, "pageSize"),
        ("", {"pageSize": "ten"}, "pageSize"),
        ("", {"showDeleted": "yes"}, "showDeleted"),
        ("", {"pageToken": "garbage"}, "pageToken"),
        ("", {"orderBy": "no_such_field"}, "orderBy"),
        ("", {"orderBy": "annotations"}, "orderBy"),
        ("", {"orderBy": "create_time sideways"}, "orderBy"),
        ("", {"readMask": "name,bogus"}, "readMask"),
        ("", {"filter": "state:READY"}, "':'"),
        ("", {"filter": 'display_name = "a" b = 1'}, "implicit AND"),
        ("", {"filter": "startsWith(display_name)"}, "function"),
        ("", {"filter": 'placement.region = "US_IOWA_1"'}, "nested"),
        ("", {"filter": 'min_replica_count > "x"'}, "min_replica_count"),
        ("", {"filter": 'state = "NOPE"'}, "NOPE"),
        ("", {"filter": '(state = "READY"'}, "filter"),
    ],
)
def test_list_query_rejected(http: httpx.Client, base: str, path: str, params: dict, field: str) -> None:
    expect(http.get(base + path, params=params), 400, 3, field)


def test_repeated_scalar_query_param_rejected(http: httpx.Client, base: str) -> None:
    expect(http.get(base + "?pageSize=1&pageSize=2"), 400, 3, "pageSize")


@pytest.mark.parametrize("bad_id", ["UPPER", "-lead", "trail-", "x" * 64, "a_b", "a.b"])
def test_bad_ids(http: httpx.Client, base: str, bad_id: str) -> None:
    expect(http.get(f"{base}/{bad_id}"), 400, 3, "deployment_id")
    expect(http.post(base, params={"deploymentId": bad_id}, json=OK), 400, 3, "deploymentId")


def test_update_mask_rules(http: httpx.Client, base: str) -> None:
    http.post(base, params={"deploymentId": "d"}, json=OK)
    expect(http.patch(f"{base}/d", params={"updateMask": "nope"}, json=OK), 400, 3, "updateMask")
    expect(http.patch(f"{base}/d:scale", json={"replicaCount": -1}), 400, 3, "replicaCount")


def test_auth(fake: Fake, base: str) -> None:
    other = Fake(api_keys={"k1": "acct-one", "k2": "acct-two"})
    with sync_client(other, authenticated=False) as anon:
        expect(anon.get("/v1/accounts/acct-one/deployments"), 401, 16, "API key")
        expect(
            anon.get("/v1/accounts/acct-one/deployments", headers={"Authorization": "Bearer nope"}), 401, 16, "API key"
        )
        expect(anon.get("/v1/accounts/acct-one/deployments", headers={"Authorization": "Basic k1"}), 401, 16, "API key")
        expect(
            anon.get("/v1/accounts/acct-one/deployments", headers={"Authorization": "Bearer k2"}), 403, 7, "acct-one"
        )
        one = {"Authorization": "Bearer k1"}
        assert (
            anon.post(
                "/v1/accounts/acct-one/deployments", params={"deploymentId": "x"}, json=OK, headers=one
            ).status_code
            == 200
        )
        two = {"Authorization": "Bearer k2"}
        assert anon.get("/v1/accounts/acct-two/deployments", headers=two).json()["totalSize"] == 0  # accounts isolated
        assert anon.get("/v1/accounts/acct-two/deployments/x", headers=two).status_code == 404


def test_routing(http: httpx.Client, base: str) -> None:
    r = http.put(f"{base}/d")
    expect(r, 405, 12, "PUT")
    assert r.headers["Allow"] == "DELETE, GET, PATCH"
    assert http.post(f"{base}/d:scale", json={"replicaCount": 1}).headers["Allow"] == "PATCH"
    expect(http.get("/v1/nothing/here"), 404, 5, "/v1/nothing/here")
    expect(http.get(f"{base}/d:scale"), 405, 12, "GET")


def test_sdk_style_headers_accepted(http: httpx.Client, base: str) -> None:
    """GET/DELETE with Content-Type: application/json and x-stainless-* headers are fine."""
    headers = {"Content-Type": "application/json", "x-stainless-retry-count": "0", "X-Stainless-Lang": "python"}
    http.post(base, params={"deploymentId": "d"}, json=OK)
    assert http.get(f"{base}/d", headers=headers).status_code == 200
    assert http.delete(f"{base}/d", headers=headers).status_code == 200


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity"])
def test_non_json_numbers_are_rejected(token: str) -> None:
    """Python's json module would accept them; JSON does not, so neither does the fake."""
    fake = Fake()
    with sync_client(fake) as http:
        answer = http.post(
            f"/v1/accounts/{fake.account_id}/deployments",
            content=f'{{"baseModel": "m", "minReplicaCount": {token}}}',
            headers={"Content-Type": "application/json"},
        )
    assert answer.status_code == 400
    assert answer.json()["code"] == 3 and token in answer.json()["message"]

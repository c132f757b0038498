"""Nothing stored can break a read: lone surrogates refused everywhere text enters, nesting bounded,
serialization total, and a poisoned SQLite file from an older fake still readable."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import httpx
import pytest

from fireworks_deployments_testing.fake import Fake, sync_client
from fireworks_deployments_testing.rules import guards
from fireworks_deployments_testing.rules.errors import InvalidArgument

JSON = {"content-type": "application/json"}


def _strict(text: str) -> object:
    """Parse as RFC 8259 JSON: NaN/Infinity refused, and the text must encode as UTF-8."""
    text.encode("utf-8")
    return json.loads(text, parse_constant=lambda token: pytest.fail(f"not JSON: {token}"))


def _error(response: httpx.Response, status: int, starts: str) -> None:
    assert response.status_code == status, response.text
    body = _strict(response.text)
    assert isinstance(body, dict) and body["message"].startswith(starts), body


def test_lone_surrogate_in_body_is_400_naming_the_field_and_nothing_is_stored(
    fake: Fake, http: httpx.Client, base: str
) -> None:
    r = http.post(
        base, params={"deploymentId": "p"}, content=b'{"baseModel":"m","displayName":"x\\ud800"}', headers=JSON
    )
    _error(r, 400, "displayName: not valid Unicode")
    nested = b'{"baseModel":"m","autoscalingPolicy":{"scaleUpWindow":"\\udfff1s"}}'
    _error(http.post(base, content=nested, headers=JSON), 400, "autoscalingPolicy.scaleUpWindow: not valid Unicode")
    key = b'{"baseModel":"m","autoscalingPolicy":{"\\ud800":1}}'
    _error(http.post(base, content=key, headers=JSON), 400, "autoscalingPolicy: a key: not valid Unicode")
    assert fake.deployments() == {}
    assert http.get(base).status_code == 200


def test_a_surrogate_pair_is_a_valid_character(http: httpx.Client, base: str) -> None:
    r = http.post(
        base, params={"deploymentId": "e"}, content=b'{"baseModel":"m","displayName":"\\ud83d\\ude00"}', headers=JSON
    )
    assert r.status_code == 200 and r.json()["displayName"] == "\U0001f600"


def test_query_and_path_text_is_checked() -> None:
    guards.check_params([("filter", "ok ü")], "query")
    with pytest.raises(InvalidArgument, match="^readMask: not valid Unicode"):
        guards.check_params([("readMask", "a\udc80")], "query")


@pytest.mark.parametrize(
    "body",
    [
        b'{"baseModel":"m","autoscalingPolicy":' + b'{"a":' * 500 + b"1" + b"}" * 501,
        b'{"baseModel":"m","labels":' + b"[" * 2000 + b"]" * 2000 + b"}",
    ],
)
def test_deep_json_is_400(http: httpx.Client, base: str, body: bytes) -> None:
    _error(http.post(base, content=body, headers=JSON), 400, f"body: JSON nested deeper than {guards.MAX_JSON_DEPTH}")


def test_depth_counts_brackets_outside_strings_only(http: httpx.Client, base: str) -> None:
    text = "{[" * 300
    r = http.post(
        base, params={"deploymentId": "s"}, json={"baseModel": "m", "displayName": text[:60], "description": text}
    )
    assert r.status_code == 200, r.text


@pytest.mark.parametrize(
    "text", ["-" * 500 + 'display_name="x"', "(" * 400 + 'display_name="x"' + ")" * 400, "NOT " * 40 + "x=1"]
)
def test_deep_filter_is_400(http: httpx.Client, base: str, text: str) -> None:
    _error(http.get(base, params={"filter": text}), 400, f"filter: nested deeper than {guards.MAX_FILTER_DEPTH}")


def test_filter_at_the_limit_still_works(http: httpx.Client, base: str) -> None:
    depth = guards.MAX_FILTER_DEPTH - 1
    r = http.get(base, params={"filter": "(" * depth + 'display_name="x"' + ")" * depth})
    assert r.status_code == 200, r.text


def test_control_surface_bodies_are_guarded(http: httpx.Client) -> None:
    _error(http.post("/_fake/faults", content=b'{"a":' * 1200 + b"1" + b"}" * 1200), 400, "body: JSON nested deeper")
    _error(http.post("/_fake/seed", content=b'{"account":"\\ud800","count":1}'), 400, "account: not valid Unicode")
    _error(http.post("/_fake/transitions", content=b'{"rule":"reads:1\\udc00"}'), 400, "rule: not valid Unicode")


def test_serialization_never_fails() -> None:
    text = guards.json_text({"a": "x\ud800", "b": float("nan"), "c": [float("inf")]})
    assert _strict(text) == {"a": "x\ufffd", "b": None, "c": [None]}


def test_a_poisoned_sqlite_record_from_an_older_fake_stays_readable(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    fake = Fake(state_path=path)
    with sync_client(fake) as http:
        base = f"/v1/accounts/{fake.account_id}/deployments"
        assert (
            http.post(base, params={"deploymentId": "p"}, json={"baseModel": "m", "displayName": "ok"}).status_code
            == 200
        )
    fake.close()
    db = sqlite3.connect(path)  # what an unguarded fake stored: json text with a lone surrogate
    (doc,) = db.execute("SELECT doc FROM deployments").fetchone()
    poisoned = json.loads(doc)
    poisoned["displayName"] = "bad\ud800"
    db.execute("UPDATE deployments SET doc = ?", (json.dumps(poisoned),))
    db.commit()
    db.close()
    fake = Fake(state_path=path)
    try:
        with sync_client(fake) as http:
            assert _strict(http.get(base + "/p").text)["displayName"] == "bad\ufffd"  # type: ignore[index]
            assert http.get(base).status_code == 200
            assert http.delete(base + "/p").status_code == 200
    finally:
        fake.close()


def test_with_the_unicode_guard_off_the_poison_gets_in(
    monkeypatch: pytest.MonkeyPatch, fake: Fake, http: httpx.Client, base: str
) -> None:
    """Proof that the test above can fail: the switch the corpus proof also uses."""
    monkeypatch.setattr(guards, "switched_off", {"unicode"})
    r = http.post(
        base, params={"deploymentId": "p"}, content=b'{"baseModel":"m","displayName":"x\\ud800"}', headers=JSON
    )
    assert r.status_code == 200
    assert "p" in fake.deployments()

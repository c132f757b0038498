"""The hostile-input corpus against the in-process app and the standalone server, and the proof that it
fails against a fake whose guards are switched off."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hostile_corpus import Case, cases, judge, send_raw, setup_state

from fireworks_deployments_testing.fake import Fake, sync_client
from fireworks_deployments_testing.rules import guards

ROOT = Path(__file__).resolve().parents[2]
CASES = cases()
HTTP_CASES = [c for c in CASES if c.raw is None]


def _request(client: httpx.Client, case: Case, account: str) -> httpx.Response:
    headers = {"content-type": "application/json", **case.headers}
    if headers["content-type"] == "":
        del headers["content-type"]
    return client.request(
        case.method,
        case.path.replace("{account}", account),
        params=list(case.query) or None,
        headers=headers,
        content=case.body,
    )


@pytest.fixture(scope="module")
def inprocess() -> Iterator[tuple[Fake, httpx.Client, dict[str, Any]]]:
    fake = Fake(seed=5)
    with sync_client(fake, raise_server_exceptions=False) as client:
        yield fake, client, setup_state(client, fake.account_id)


@pytest.mark.parametrize("case", HTTP_CASES, ids=str)
def test_inprocess(inprocess: tuple[Fake, httpx.Client, dict[str, Any]], case: Case) -> None:
    fake, client, before = inprocess
    assert judge(case, lambda c: _request(client, c, fake.account_id), client, fake.account_id, before) == []


class Standalone:
    def __init__(self, env: dict[str, str] | None = None):
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "fireworks_deployments_testing.fake",
                "--port",
                "0",
                "--log-level",
                "critical",
                "--seed",
                "5",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        )
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            match = re.match(r"fake: serving http://127\.0\.0\.1:(\d+) ", line)
            if match:
                self.port = int(match.group(1))
                break
        else:
            raise RuntimeError("the standalone fake did not start")
        self.client = httpx.Client(
            base_url=f"http://127.0.0.1:{self.port}", headers={"Authorization": "Bearer fw-fake-key"}, timeout=20
        )
        self.account = "fake-account"
        self.before = setup_state(self.client, self.account)

    def send(self, case: Case) -> httpx.Response:
        if case.raw is None:
            return _request(self.client, case, self.account)
        status, head, body = send_raw(self.port, case.raw)
        headers = dict(
            line.split(b": ", 1) for line in head.split(b"\r\n")[1:] if b": " in line
        )  # enough for content-type
        decoded = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in headers.items()}
        return httpx.Response(status or 599, headers=decoded, content=body)

    def close(self) -> None:
        self.client.close()
        self.proc.terminate()
        self.proc.wait(10)
        if self.proc.stdout is not None:
            self.proc.stdout.close()


@pytest.fixture(scope="module")
def standalone() -> Iterator[Standalone]:
    server = Standalone()
    try:
        yield server
    finally:
        server.close()


@pytest.mark.parametrize("case", CASES, ids=str)
def test_standalone(standalone: Standalone, case: Case) -> None:
    assert judge(case, standalone.send, standalone.client, standalone.account, standalone.before) == []


def test_the_corpus_covers_every_kind() -> None:
    kinds = {c.name.split("-")[0] for c in CASES}
    assert {"json", "deep", "surrogate", "path", "content", "method", "control", "raw", "page"} <= kinds
    # commit and store_lock guard writes, not inputs: the crash loop and the multi-process test prove them
    assert {c.guard for c in CASES} >= set(guards.GUARDS) - {"commit", "store_lock"}
    print(f"corpus: {len(CASES)} cases ({len(HTTP_CASES)} over HTTP clients, {len(CASES) - len(HTTP_CASES)} raw)")


# --- proof of teeth: each guarded case fails against a fake with its guard switched off --------------------


def test_every_guarded_case_fails_with_its_guard_off_inprocess(monkeypatch: pytest.MonkeyPatch) -> None:
    failed: dict[str, list[str]] = {}
    for case in (c for c in HTTP_CASES if c.guard):
        monkeypatch.setattr(guards, "switched_off", {case.guard})
        fake = Fake(seed=5)  # fresh each time: a guard off may let the poison in
        with sync_client(fake, raise_server_exceptions=False) as client:
            before = setup_state(client, fake.account_id)
            account = fake.account_id

            def send(c: Case, client: httpx.Client = client, account: str = account) -> httpx.Response:
                return _request(client, c, account)

            found = judge(case, send, client, account, before, first_only=True)
        if found:
            failed[case.name] = found
    guarded = {c.name for c in HTTP_CASES if c.guard}
    assert set(failed) == guarded, sorted(guarded - set(failed))


def test_guarded_cases_fail_against_an_unguarded_standalone_fake() -> None:
    server = Standalone(env={"_FIREWORKS_FAKE_GUARDS_OFF": "unicode,depth,control"})
    try:
        names = ["surrogate-display-name", "deep-filter-parens", "control-latency-nan"]
        for case in (c for c in CASES if c.name in names):
            assert judge(case, server.send, server.client, server.account, server.before, first_only=True), case.name
    finally:
        server.close()

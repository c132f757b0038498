"""The standalone fake: --port 0 prints the real port, a taken port or state file ends it with one line,
SIGTERM / Ctrl-C stop it within 2 s under latency=30, and transport limits answer JSON."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from fireworks_deployments_testing.fake import DEFAULT_ACCOUNT_ID, DEFAULT_API_KEY, FakeServer
from fireworks_deployments_testing.fake.transport import TransportLimits

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
CLI = [sys.executable, "-m", "fireworks_deployments_testing.fake", "--log-level", "critical"]


def _serving(proc: subprocess.Popen[str]) -> int:
    """Read stdout up to the 'serving' line; the port it names."""
    assert proc.stdout is not None
    for line in proc.stdout:
        match = re.match(r"fake: serving http://127\.0\.0\.1:(\d+) ", line)
        if match:
            return int(match.group(1))
    pytest.fail(f"no serving line; exit {proc.wait()}")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_port_zero_one_owner_and_prompt_stop_under_latency(tmp_path: Path, sig: signal.Signals) -> None:
    state = tmp_path / "s.db"
    proc = subprocess.Popen(
        [*CLI, "--port", "0", "--state", str(state), "--fault", "latency=30"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    try:
        port = _serving(proc)
        assert port != 0
        assert httpx.get(f"http://127.0.0.1:{port}/_fake/health", timeout=5).json() == {"ok": True}

        taken = subprocess.run([*CLI, "--port", str(port)], capture_output=True, text=True, env=ENV, timeout=30)
        assert taken.returncode == 1
        assert "serving" not in taken.stdout
        assert taken.stderr.strip().splitlines() == [f"fake: cannot listen on 127.0.0.1:{port}: Address already in use"]

        second = subprocess.run(
            [*CLI, "--port", "0", "--state", str(state)], capture_output=True, text=True, env=ENV, timeout=30
        )
        assert second.returncode == 1 and "serving" not in second.stdout
        (line,) = second.stderr.strip().splitlines()
        assert line.startswith("fake: cannot start: state file") and f"pid {proc.pid}" in line

        outcome: list[object] = []

        def in_flight() -> None:  # sleeps in the latency fault when the signal comes
            try:
                outcome.append(
                    httpx.get(
                        f"http://127.0.0.1:{port}/v1/accounts/{DEFAULT_ACCOUNT_ID}/deployments",
                        headers={"Authorization": f"Bearer {DEFAULT_API_KEY}"},
                        timeout=40,
                    )
                )
            except httpx.HTTPError as exc:
                outcome.append(exc)

        thread = threading.Thread(target=in_flight)
        thread.start()
        time.sleep(0.3)
        started = time.monotonic()
        proc.send_signal(sig)
        proc.wait(timeout=10)
        stopped = time.monotonic() - started
        thread.join(10)
        print(f"stopped {stopped:.2f} s after {sig.name} with latency=30 and a request in flight")
        assert proc.returncode == 0
        assert stopped < 2.0
        # answered at once: 503 in the error body (or, at worst, a cut connection), not 30 s later
        (answer,) = outcome
        if isinstance(answer, httpx.Response):
            assert answer.status_code == 503 and answer.json()["message"] == "the fake is shutting down"
        else:
            assert isinstance(answer, httpx.HTTPError)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()


def _raw(port: int, data: bytes, wait: float = 5.0) -> tuple[int, dict[str, object]]:
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.settimeout(wait)
        if data:
            sock.sendall(data)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    assert b"content-type: application/json" in head.lower(), received[:300]
    return status, json.loads(body)


@pytest.fixture(scope="module")
def limited() -> object:
    with FakeServer(limits=TransportLimits(max_header_bytes=4096, max_headers=20, header_timeout=0.5)) as server:
        yield server


@pytest.mark.parametrize(
    ("request_bytes", "status", "message"),
    [
        (b"GET /" + b"a" * 65536 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414, "request line exceeds 4096 bytes"),
        (b"GET / HTTP/1.1\r\n" + b"".join(b"X-%d: 1\r\n" % i for i in range(30)) + b"\r\n", 431, "more than 20"),
        (b"GET / HTTP/1.1\r\nX: " + b"a" * 100_000 + b"\r\n\r\n", 431, "request line and headers exceed 4096"),
        (b"GET / HTTP/1.1\r\nHost: x\r\n", 408, "request headers not received within 0.5 seconds"),
        (b"", 408, "request headers not received"),
        (b"FOO@ / HTTP/1.1\r\nHost: x\r\n\r\n", 400, "malformed HTTP request"),
        (b"PROPFIND /v1/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 404, "no such path: PROPFIND"),
        (b"BREW /_fake/reset HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400, "malformed HTTP request"),
    ],
)
def test_transport_limits_answer_json(limited: FakeServer, request_bytes: bytes, status: int, message: str) -> None:
    got, body = _raw(limited.port, request_bytes)
    assert (got, str(body["message"])[: len(message)]) == (status, message)
    assert httpx.get(limited.base_url + "/_fake/health").status_code == 200


def test_limits_leave_ordinary_requests_alone(limited: FakeServer) -> None:
    headers = {f"X-{i}": "v" * 50 for i in range(15)}
    assert httpx.get(limited.base_url + "/_fake/health", headers=headers).status_code == 200
    with httpx.Client(base_url=limited.base_url) as client:  # kept alive across the header timeout
        assert client.get("/_fake/health").status_code == 200
        time.sleep(0.7)
        assert client.get("/_fake/health").status_code == 200


def test_header_timeout_runs_from_each_head_on_a_kept_alive_connection(limited: FakeServer) -> None:
    """The timer armed for an earlier head is reused: it must still give a later head its full time."""
    with socket.create_connection(("127.0.0.1", limited.port)) as sock:
        sock.settimeout(5)
        sock.sendall(b"GET /_fake/health HTTP/1.1\r\nHost: x\r\n\r\n")
        first = b""
        while b"\r\n\r\n" not in first or len(first.partition(b"\r\n\r\n")[2]) < int(
            first.lower().partition(b"content-length: ")[2].split(b"\r\n")[0] or 0
        ):
            first += sock.recv(65536)
        time.sleep(0.3)  # the first head's timer (0.5 s from the first byte) is still pending
        started = time.monotonic()
        sock.sendall(b"GET /_fake/health HTTP/1.1\r\nHost: x\r\n")  # never finished
        rest = b""
        while chunk := sock.recv(65536):
            rest += chunk
        waited = time.monotonic() - started
    assert first.startswith(b"HTTP/1.1 200"), first[:100]
    assert rest.startswith(b"HTTP/1.1 408"), rest[:100]
    assert 0.45 <= waited < 3, waited


def test_limits_are_cli_flags() -> None:
    result = subprocess.run([*CLI, "--max-headers", "0"], capture_output=True, text=True, env=ENV, timeout=30)
    assert result.returncode == 2 and "max_headers >= 1" in result.stderr

"""Load the hostile-input corpus (corpus.yaml) and judge one case against a fake.

A case passes when the fake answers the expected 4xx with a JSON error body whose message holds the
expected fragment, still serves afterwards, and every stored deployment is as it was before.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import yaml

__all__ = ["Case", "cases", "judge", "send_raw", "setup_state", "KEEP"]

CORPUS = Path(__file__).with_name("corpus.yaml")
KEEP = ("keep-1", "keep-2")  # deployments every run starts with; no case may change them


def _expand(value: Any) -> str:
    """A string, or a list of parts: a string, or ``[string, times]``."""
    if isinstance(value, str):
        return value
    return "".join(part if isinstance(part, str) else part[0] * int(part[1]) for part in value)


@dataclass(frozen=True)
class Case:
    name: str
    status: int
    message: str
    method: str = "GET"
    path: str = "/"
    query: tuple[tuple[str, str], ...] = ()
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None
    raw: bytes | None = None
    guard: str | None = None

    def __str__(self) -> str:
        return self.name


def cases() -> list[Case]:
    loaded = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))
    out = []
    for entry in loaded:
        encoding = entry.get("encoding", "utf-8")
        body = entry.get("body")
        raw = entry.get("raw")
        out.append(
            Case(
                name=entry["name"],
                status=int(entry["status"]),
                message=str(entry["message"]),
                method=entry.get("method", "GET"),
                path=entry.get("path", "/"),
                query=tuple((name, _expand(value)) for name, value in entry.get("query", [])),
                headers={k.lower(): str(v) for k, v in (entry.get("headers") or {}).items()},
                body=None if body is None else _expand(body).encode(encoding, "surrogatepass"),
                raw=None if raw is None else _expand(raw).encode("latin-1"),
                guard=entry.get("guard"),
            )
        )
    names = [c.name for c in out]
    assert len(names) == len(set(names)), "case names must be unique"
    return out


Send = Callable[[Case], httpx.Response]


def setup_state(client: httpx.Client, account: str) -> dict[str, Any]:
    """Create the deployments to keep; return the account's listing (showDeleted) to compare against."""
    base = f"/v1/accounts/{account}/deployments"
    for deployment_id in KEEP:
        client.post(base, params={"deploymentId": deployment_id}, json={"baseModel": "m", "displayName": deployment_id})
    return snapshot(client, account)


def snapshot(client: httpx.Client, account: str) -> dict[str, Any]:
    answer = client.get(f"/v1/accounts/{account}/deployments", params={"showDeleted": "true", "pageSize": "200"})
    answer.raise_for_status()
    return {d["name"]: d for d in answer.json()["deployments"]}


def send_raw(port: int, data: bytes, wait: float = 10.0) -> tuple[int, bytes, bytes]:
    """Send bytes as they are on a new connection; (status, head, body) of what comes back."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as sock:
        sock.sendall(data)
        received = b""
        try:
            while chunk := sock.recv(65536):
                received += chunk
        except (ConnectionResetError, TimeoutError):
            pass
    head, _, body = received.partition(b"\r\n\r\n")
    try:
        status = int(head.split(b" ", 2)[1])
    except (IndexError, ValueError):
        status = 0
    return status, head, body


def problems_of(status: int, content_type: str, body: bytes, case: Case) -> list[str]:
    found = []
    if status >= 500 or status != case.status:
        found.append(f"status {status}, expected {case.status}")
    if not content_type.lower().startswith("application/json"):
        found.append(f"content-type {content_type!r}, not JSON: {body[:120]!r}")
        return found
    try:
        error = json.loads(body, parse_constant=lambda token: (_ for _ in ()).throw(ValueError(token)))
    except ValueError as exc:
        return [*found, f"body is not JSON ({exc}): {body[:120]!r}"]
    if not (isinstance(error, dict) and isinstance(error.get("code"), int) and isinstance(error.get("message"), str)):
        found.append(f"not the error body: {error!r:.200}")
    elif case.message not in error["message"]:
        found.append(f"message {error['message']!r:.200} does not name {case.message!r}")
    return found


def judge(
    case: Case, send: Send, client: httpx.Client, account: str, before: dict[str, Any], *, first_only: bool = False
) -> list[str]:
    """Everything wrong with the fake's handling of ``case`` (empty when it passes).

    ``first_only``: stop at a wrong answer (a fake without its guards may now hang on every later request).
    """
    try:
        answer = send(case)
        found = problems_of(answer.status_code, answer.headers.get("content-type", ""), answer.content, case)
    except httpx.HTTPError as exc:
        found = [f"no answer: {type(exc).__name__}: {exc}"]
    if found and first_only:
        return found
    try:
        if client.get("/_fake/health").status_code != 200:
            found.append("the fake stopped serving")
        after = snapshot(client, account)
        if after != before:
            changed = sorted(set(after) ^ set(before) | {k for k in after if k in before and after[k] != before[k]})
            found.append(f"stored records changed: {changed}")
    except httpx.HTTPError as exc:
        found.append(f"the fake stopped serving: {exc}")
    return found

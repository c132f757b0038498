"""Where the fake spends its time per request (cProfile, in process, no network).

Calls the fake's ASGI app directly from one event loop in this thread (so cProfile sees the app's
code, unlike Starlette's TestClient, which runs the app in another thread), for the same requests the
throughput benchmark sends: get, list (page of 50) and create.
"""

from __future__ import annotations

import asyncio
import cProfile
import io
import json
import pstats
import time
from typing import Any

from .common import ACCOUNT, API_KEY, Settings, short_path
from .throughput import SEED, requests_for


async def _call(app: Any, method: str, target: str, body: bytes | None) -> int:
    path, _, query = target.partition("?")
    headers = [(b"host", b"bench"), (b"authorization", f"Bearer {API_KEY}".encode())]
    if body is not None:
        headers += [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "scheme": "http",
        "path": path, "raw_path": path.encode(), "query_string": query.encode(), "root_path": "",
        "headers": headers, "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 80),
    }  # fmt: skip
    sent = False
    status = 0

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            await asyncio.sleep(3600)
        sent = True
        return {"type": "http.request", "body": body or b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    await app(scope, receive, send)
    return status


def profile_fake(settings: Settings, top: int = 10) -> dict[str, Any]:
    from fireworks_deployments_testing.fake import Fake, create_app

    fake = Fake(api_keys={API_KEY: ACCOUNT})
    fake.seed_deployments(ACCOUNT, SEED)
    app = create_app(fake)
    ids = sorted(fake.deployments(ACCOUNT))
    calls = 20 if settings.quick else 300
    out: dict[str, Any] = {}
    for op in ("get", "list50", "create"):
        req = requests_for(op, 0)
        target = req["path"].replace("seed-0", ids[0])
        body = req.get("body", "").encode() or None

        async def many(n: int, target: str = target, body: bytes | None = body, method: str = req["method"]) -> None:
            for _ in range(n):
                status = await _call(app, method, target, body)
                if status != 200:
                    raise RuntimeError(f"{method} {target} answered {status}")

        asyncio.run(many(max(5, calls // 10)))  # warm-up
        t0 = time.perf_counter()
        asyncio.run(many(calls))
        plain_us = (time.perf_counter() - t0) / calls * 1e6
        prof = cProfile.Profile()
        prof.enable()
        asyncio.run(many(calls))
        prof.disable()
        st = pstats.Stats(prof, stream=io.StringIO())
        raw = st.stats  # type: ignore[attr-defined]
        total = sum(tt for (_cc, _nc, tt, _ct, _c) in raw.values()) or 1.0
        rows = []
        for (file, line, func), (_cc, nc, tt, ct, _callers) in raw.items():
            short = short_path(file)
            rows.append({"function": func, "where": f"{short}:{line}", "calls_per_request": nc / calls,
                         "own_share": tt / total, "cum_share": ct / total})  # fmt: skip
        own = sorted(rows, key=lambda r: r["own_share"], reverse=True)[:top]
        ours = [r for r in rows if r["where"].startswith("contract_tests/") and r["function"] != "<module>"]
        cum = sorted(ours, key=lambda r: r["cum_share"], reverse=True)[:top]
        out[op] = {"in_process_us_per_request": plain_us, "top_own": own, "top_cumulative_in_fake": cum}
    return out


if __name__ == "__main__":
    print(json.dumps(profile_fake(Settings()), indent=2))

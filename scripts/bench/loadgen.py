"""A small HTTP/1.1 load generator, run as its own process (stdlib, plus uvloop when installed).

    python -m scripts.bench.loadgen --port P --method GET --path /v1/... [--body JSON] \
        --concurrency 8 --warmup 0.3 --duration 2 --max-requests 200000

Opens ``concurrency`` keep-alive connections to 127.0.0.1 (no other host is accepted), each sending
one request at a time (closed loop), for a bounded time and a bounded number of requests. Prints one
JSON object: requests, errors, req/s, p50/p99 latency in ms, and the generator's own CPU use (a
value near 1.0 means the generator, not the server, may be the bottleneck).

It is written on asyncio Protocols with pre-built request bytes and a minimal response parser
(Content-Length and chunked bodies) so that one process drives far more requests than the servers
measured here can answer; ``throughput.py`` checks that against a trivial server in the same run, with one
connection and with eight. On asyncio's own loop one connection's round trip cost the generator more than the
fake's whole answer (about 7,600 req/s against the trivial server), so the one-client rows measured the generator;
uvloop, when installed (the bench venv has it), takes that cost out.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from typing import Any

HOST = "127.0.0.1"


class Connection(asyncio.Protocol):
    def __init__(self) -> None:
        self.buf = bytearray()
        self.waiter: asyncio.Future[int] | None = None
        self.transport: asyncio.Transport | None = None
        self.need: int | None = None  # body bytes still expected (Content-Length)
        self.chunked = False
        self.status = 0
        self.closed = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_exception(ConnectionError("connection closed by server"))

    def data_received(self, data: bytes) -> None:
        self.buf += data
        self._parse()

    def _parse(self) -> None:
        buf = self.buf
        if self.need is None and not self.chunked:
            end = buf.find(b"\r\n\r\n")
            if end < 0:
                return
            head = bytes(buf[:end]).lower()
            del buf[: end + 4]
            self.status = int(head[9:12])
            i = head.find(b"\ncontent-length:")
            if i >= 0:
                j = head.find(b"\r", i + 16)
                self.need = int(head[i + 16 : j if j >= 0 else None])
            elif b"transfer-encoding: chunked" in head:
                self.chunked = True
            else:
                self.need = 0
        if self.chunked:
            while True:
                j = buf.find(b"\r\n")
                if j < 0:
                    return
                size = int(bytes(buf[:j]).split(b";")[0], 16)
                if len(buf) < j + 2 + size + 2:
                    return
                del buf[: j + 2 + size + 2]
                if size == 0:
                    self.chunked = False
                    self._done()
                    return
        if self.need is not None and len(buf) >= self.need:
            del buf[: self.need]
            self.need = None
            self._done()

    def _done(self) -> None:
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_result(self.status)

    async def request(self, raw: bytes) -> int:
        assert self.transport is not None
        self.waiter = asyncio.get_running_loop().create_future()
        self.transport.write(raw)
        return await self.waiter


def build_request(method: str, path: str, port: int, headers: dict[str, str], body: bytes | None) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", f"Host: {HOST}:{port}", "Connection: keep-alive", "Accept: */*"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    if body is not None:
        lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + (body or b"")


async def run(
    port: int, raw: bytes, concurrency: int, warmup: float, duration: float, max_requests: int, timeout: float
) -> dict[str, Any]:
    loop = asyncio.get_running_loop()
    conns: list[Connection] = []
    for _ in range(concurrency):
        _, proto = await asyncio.wait_for(loop.create_connection(Connection, HOST, port), timeout)
        conns.append(proto)

    statuses: dict[int, int] = {}
    latencies: list[float] = []
    state = {"count": 0, "errors": 0, "measuring": False}

    async def worker(conn: Connection, stop_at: float) -> None:
        perf = time.perf_counter
        while perf() < stop_at and state["count"] < max_requests:
            t0 = perf()
            try:
                status = await asyncio.wait_for(conn.request(raw), timeout)
            except (TimeoutError, ConnectionError):
                state["errors"] += 1
                return
            if state["measuring"]:
                latencies.append(perf() - t0)
                statuses[status] = statuses.get(status, 0) + 1
                state["count"] += 1
                if status >= 300:
                    state["errors"] += 1

    if warmup > 0:
        stop = time.perf_counter() + warmup
        await asyncio.gather(*(worker(c, stop) for c in conns))
    state["measuring"] = True
    cpu0, t0 = time.process_time(), time.perf_counter()
    stop = t0 + duration
    await asyncio.gather(*(worker(c, stop) for c in conns if not c.closed))
    elapsed = time.perf_counter() - t0
    cpu = time.process_time() - cpu0
    for c in conns:
        if c.transport is not None:
            c.transport.close()
    latencies.sort()

    def pct(q: float) -> float | None:
        if not latencies:
            return None
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000

    return {
        "requests": state["count"],
        "errors": state["errors"],
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "elapsed_s": elapsed,
        "rps": state["count"] / elapsed if elapsed else 0.0,
        "p50_ms": pct(0.50),
        "p99_ms": pct(0.99),
        "loadgen_cpu": cpu / elapsed if elapsed else None,
        "hit_max_requests": state["count"] >= max_requests,
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--method", default="GET")
    p.add_argument("--path", required=True)
    p.add_argument("--body", default=None, help="JSON request body")
    p.add_argument("--header", action="append", default=[], help="NAME: VALUE (may repeat)")
    p.add_argument("--concurrency", type=int, default=1)
    p.add_argument("--warmup", type=float, default=0.3)
    p.add_argument("--duration", type=float, default=2.0)
    p.add_argument("--max-requests", type=int, default=500_000)
    p.add_argument("--timeout", type=float, default=10.0, help="per request and per connect")
    p.add_argument("--cpu", type=int, default=None, help="run on this CPU only (the ceiling measurement)")
    a = p.parse_args(argv)
    if a.cpu is not None:
        os.sched_setaffinity(0, {a.cpu})
    if not 0 < a.duration <= 120 or a.max_requests <= 0:
        p.error("duration must be in (0, 120] seconds and max-requests positive")
    headers = dict(h.split(": ", 1) for h in a.header)
    raw = build_request(a.method, a.path, a.port, headers, a.body.encode() if a.body is not None else None)
    job = run(a.port, raw, a.concurrency, a.warmup, a.duration, a.max_requests, a.timeout)
    try:  # libuv's loop when installed: a round trip costs the generator a fraction of asyncio's own loop
        import uvloop
    except ImportError:
        out, loop = asyncio.run(job), "asyncio"
    else:
        out, loop = uvloop.run(job), "uvloop"
    out["loop"] = loop
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""``--workers N``: one fake served by N processes that share its state (a SQLite file or PostgreSQL).

The parent claims the state (the one-owner lock of a SQLite file: see :func:`.sqlite_state.claim`),
creates its schema, binds the listening socket, then forks N workers. Each worker opens the state as a
coordinated member (every unit of work one cross-process transaction), builds its own app and serves the
inherited socket; the kernel hands each new connection to one of them. The parent only watches: a worker
that dies is replaced (unless it died within :data:`MIN_LIFETIME` seconds of its start, which ends the
fake: a worker that cannot start would only die again), and SIGTERM / SIGINT stop every worker.

Answers from a worker carry ``x-fake-worker: <index>``, so a test can see that several served it.
In memory N processes could not share anything: :func:`check` refuses ``--workers`` without ``--state``.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from types import FrameType
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["WORKER_HEADER", "MIN_LIFETIME", "check", "tag_worker", "supervise"]

WORKER_HEADER = b"x-fake-worker"
MIN_LIFETIME = 3.0  # seconds: a worker dying sooner is not restarted
STOP_TIMEOUT = 5.0  # seconds workers get to stop after SIGTERM before SIGKILL


def check(workers: int, state: str | None) -> str | None:
    """Why ``workers`` processes cannot serve ``state``, in one line; None when they can."""
    if workers < 1:
        return f"--workers must be at least 1, not {workers}"
    if workers > 1 and not state:
        return (
            f"--workers {workers} needs --state (a SQLite file or a postgresql:// URL): "
            "processes cannot share an in-memory state"
        )
    return None


def tag_worker(app: ASGIApp, index: int) -> ASGIApp:
    """``app`` with ``x-fake-worker: index`` on every answer."""
    value = str(index).encode()

    async def tagged(scope: Scope, receive: Receive, send: Send) -> None:
        async def send_tagged(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), (WORKER_HEADER, value)]}
            await send(message)

        await app(scope, receive, send_tagged if scope["type"] == "http" else send)

    return tagged


def _say(message: str) -> None:
    print(f"fake: {message}", file=sys.stderr, flush=True)


def supervise(count: int, serve: Callable[[int], None]) -> int:
    """Run ``serve(index)`` in ``count`` forked workers until SIGTERM / SIGINT; 0, or 1 if a worker could not run."""
    context = multiprocessing.get_context("fork")  # the workers inherit the listening socket and the owner lock

    def run(index: int) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # uvicorn installs its own handlers as it starts
        signal.signal(signal.SIGINT, signal.default_int_handler)
        serve(index)

    def start(index: int) -> tuple[Any, float]:
        proc = context.Process(target=run, args=(index,), name=f"fake-worker-{index}", daemon=False)
        proc.start()
        return proc, time.monotonic()

    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    procs = [start(i) for i in range(count)]
    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGTERM, signal.SIGINT)}
    status = 0
    try:
        while not stop.wait(0.2):
            for index, (proc, since) in enumerate(procs):
                if proc.is_alive():
                    continue
                if time.monotonic() - since < MIN_LIFETIME:
                    _say(f"worker {index} exited with status {proc.exitcode} as it started; stopping")
                    status = 1
                    stop.set()
                    break
                _say(f"worker {index} (pid {proc.pid}) exited with status {proc.exitcode}; starting another")
                procs[index] = start(index)
    finally:
        for proc, _ in procs:
            if proc.is_alive() and proc.pid is not None:
                os.kill(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT
        for proc, _ in procs:
            proc.join(max(0.0, deadline - time.monotonic()))
            if proc.is_alive():
                proc.kill()
                proc.join()
        for s, handler in previous.items():
            signal.signal(s, handler)
    return status

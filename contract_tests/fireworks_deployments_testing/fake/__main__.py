"""``python -m fireworks_deployments_testing.fake``: the fake as a standalone HTTP server (uvicorn).

    python -m fireworks_deployments_testing.fake --host 127.0.0.1 --port 8000 \\
        --api-key KEY=ACCOUNT_ID [--api-key ...] \\
        [--transition immediate|reads:N|seconds:S] [--fault NAME=VALUE ...] [--seed N]
        [--state PATH|postgresql://...] [--workers N] [--journal]
        [--control-token TOKEN] [--max-header-bytes N] [--max-headers N] [--header-timeout S]

Without --api-key the default key and account are accepted (and printed). With --state the
deployments are kept in that SQLite file and survive a restart; without it, in memory (one fake
per state file: a second one refuses to start). A postgresql:// URL keeps them in that database,
shared by every fake started on it, on any machine. --workers N serves one state from N processes
(it needs --state; faults and the transition rule are then fixed at start-up). With --port 0 it listens on a free port and prints it;
a port in use ends it at once with one line on stderr and exit status 1. Ctrl-C or SIGTERM stops it
within about a second, whatever faults are on (in-flight requests are cancelled).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from types import FrameType

import uvicorn
from uvicorn.config import LOG_LEVELS

from .app import create_app
from .clock import TransitionRule
from .faults import FAULT_NAMES, parse_fault
from .handle import DEFAULT_ACCOUNT_ID, DEFAULT_API_KEY, Fake
from .sqlite_state import StateInUse, claim
from .stores import is_postgres_url, open_state
from .transport import Server, TransportLimits, bind, server_config
from .workers import check, supervise, tag_worker


def _api_key(text: str) -> tuple[str, str]:
    key, sep, account = text.partition("=")
    if not sep or not key or not account:
        raise argparse.ArgumentTypeError(f"expected KEY=ACCOUNT_ID, got {text!r}")
    return key, account


def _transition(text: str) -> TransitionRule:
    try:
        return TransitionRule.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _fault(text: str) -> tuple[str, float]:
    try:
        return parse_fault(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


class _Server(Server):
    """uvicorn re-raises SIGINT/SIGTERM after its graceful shutdown; the fake exits 0 instead."""

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        super().handle_exit(sig, frame)
        self._captured_signals.clear()


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m fireworks_deployments_testing.fake",
        description="Stateful fake of the Fireworks Deployments API.",
    )
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument(
        "--api-key",
        dest="api_keys",
        type=_api_key,
        action="append",
        metavar="KEY=ACCOUNT_ID",
        help="accepted key and its account; repeatable",
    )
    p.add_argument(
        "--transition", type=_transition, default=TransitionRule(), help="immediate (default), reads:N or seconds:S"
    )
    p.add_argument(
        "--fault",
        dest="faults",
        type=_fault,
        action="append",
        metavar="NAME=VALUE",
        help=f"repeatable; one of {', '.join(FAULT_NAMES)}",
    )
    p.add_argument("--seed", type=int, default=0)
    p.add_argument(
        "--state",
        metavar="PATH|URL",
        help="keep deployments in this SQLite file (survives restarts) or PostgreSQL database"
        " (postgresql://..., shared by every fake on it); default: in memory",
    )
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="serve the one state from N processes (needs --state; faults and transition fixed at start-up)",
    )
    p.add_argument(
        "--journal",
        action="store_true",
        help="keep every accepted write, in commit order, in the state's journal table (consistency tests)",
    )
    p.add_argument(
        "--control-token",
        metavar="TOKEN",
        help="require this token (header X-Fake-Control-Token) on /_fake/* (health excepted); use it whenever the fake is shared",
    )
    limits = TransportLimits()
    p.add_argument(
        "--max-header-bytes",
        type=int,
        default=limits.max_header_bytes,
        metavar="N",
        help="request line plus headers, in bytes (431 above; 414 for the request line alone)",
    )
    p.add_argument("--max-headers", type=int, default=limits.max_headers, metavar="N", help="header lines (431 above)")
    p.add_argument(
        "--header-timeout",
        type=float,
        default=limits.header_timeout,
        metavar="S",
        help="seconds a client has to send its request line and headers (408 after)",
    )
    p.add_argument("--log-level", default="info")
    return p


def _fail(message: str) -> int:
    print(f"fake: {message}", file=sys.stderr, flush=True)
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    p = parser()
    args = p.parse_args(argv)
    try:
        limits = TransportLimits(args.max_header_bytes, args.max_headers, args.header_timeout)
    except ValueError as exc:
        p.error(str(exc))
    refused = check(args.workers, args.state)
    if refused:
        print(f"fake: {refused}", file=sys.stderr, flush=True)
        return 2
    keys = dict(args.api_keys or [(DEFAULT_API_KEY, DEFAULT_ACCOUNT_ID)])

    def make_fake(worker: int | None) -> Fake:
        return Fake(
            api_keys=keys,
            transition=args.transition,
            faults=dict(args.faults or []),
            seed=args.seed,
            state_path=args.state,
            control_token=args.control_token,
            journal=args.journal,
            worker=worker,
        )

    def config(fake: Fake, port: int) -> uvicorn.Config:
        # On SIGINT/SIGTERM uvicorn stops accepting and cancels what is still running after a short grace.
        # The access log is written at INFO: with a quieter level it prints nothing, so skip building its lines.
        level = LOG_LEVELS.get(str(args.log_level).lower(), logging.INFO)
        served = create_app(fake)
        return server_config(
            served if fake.worker is None else tag_worker(served, fake.worker),
            host=args.host,
            port=port,
            limits=limits,
            log_level=args.log_level,
            access_log=level <= logging.INFO,
        )

    owner = None
    fake: Fake | None = None
    try:
        try:
            if args.workers == 1:
                fake = make_fake(None)
            else:  # the parent owns the state and makes its schema; the workers share it
                owner = None if is_postgres_url(args.state) else claim(args.state)
                open_state(args.state, coordinated=True).close()
        except (StateInUse, ValueError, RuntimeError, OSError) as exc:
            return _fail(f"cannot start: {exc}")
        except Exception as exc:  # e.g. a PostgreSQL server that cannot be reached
            return _fail(f"cannot start: {type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc) else ''}")
        try:
            sock = bind(args.host, args.port)
        except OSError as exc:
            return _fail(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}")
        port = sock.getsockname()[1]
        if not args.api_keys:
            print(f"fake: accepting API key {DEFAULT_API_KEY!r} for account {DEFAULT_ACCOUNT_ID!r}", flush=True)
        state = args.state or "in memory"
        if is_postgres_url(state):
            state = state.split("@")[-1]  # no password in the log
        print(
            f"fake: serving http://{args.host}:{port} (transition {args.transition}, control at /_fake/"
            f"{' with a token' if args.control_token else ''}, state {state}"
            f"{f', {args.workers} workers' if args.workers > 1 else ''})",
            flush=True,
        )
        if fake is not None:
            _Server(config(fake, port)).run(sockets=[sock])
        else:

            def serve(index: int) -> None:
                worker = make_fake(index)
                try:
                    _Server(config(worker, port)).run(sockets=[sock])
                finally:
                    worker.close()

            status = supervise(args.workers, serve)
            if status:
                return status
    finally:
        if fake is not None:
            fake.close()
        if owner is not None:
            owner.close()
    print("fake: stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

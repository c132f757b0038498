"""``python -m fireworks_deployments_testing.fake``: the fake as a standalone HTTP server (uvicorn).

    python -m fireworks_deployments_testing.fake --host 127.0.0.1 --port 8000 \\
        --api-key KEY=ACCOUNT_ID [--api-key ...] \\
        [--transition immediate|reads:N|seconds:S] [--fault NAME=VALUE ...] [--seed N] [--state PATH]

Without --api-key the default key and account are accepted (and printed). With --state the
deployments are kept in that SQLite file and survive a restart; without it, in memory.
Ctrl-C or SIGTERM stops it cleanly.
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


class _Server(uvicorn.Server):
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
        "--state", metavar="PATH", help="keep deployments in this SQLite file (survives restarts); default: in memory"
    )
    p.add_argument("--log-level", default="info")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    keys = dict(args.api_keys or [(DEFAULT_API_KEY, DEFAULT_ACCOUNT_ID)])
    if not args.api_keys:
        print(f"fake: accepting API key {DEFAULT_API_KEY!r} for account {DEFAULT_ACCOUNT_ID!r}", flush=True)
    fake = Fake(
        api_keys=keys,
        transition=args.transition,
        faults=dict(args.faults or []),
        seed=args.seed,
        state_path=args.state,
    )
    print(
        f"fake: serving http://{args.host}:{args.port} (transition {fake.backend.transition}, control at /_fake/,"
        f" state {args.state or 'in memory'})",
        flush=True,
    )
    # On SIGINT/SIGTERM uvicorn stops accepting, finishes in-flight requests and returns.
    # The access log is written at INFO: with a quieter level it prints nothing, so skip building its lines.
    level = LOG_LEVELS.get(str(args.log_level).lower(), logging.INFO)
    config = uvicorn.Config(
        create_app(fake),
        host=args.host,
        port=args.port,
        log_level=args.log_level,
        lifespan="off",
        access_log=level <= logging.INFO,
    )
    try:
        _Server(config).run()
    finally:
        fake.close()
    print("fake: stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

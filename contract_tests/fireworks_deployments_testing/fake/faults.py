"""Named fault switches: off by default, seeded and deterministic.

Transport faults help test clients: ``latency`` (seconds added to every API
request), ``rate_limit`` (fraction answered 429 with Retry-After),
``unavailable`` (fraction answered 503 with Retry-After), ``drop_connection``
(fraction whose connection is cut after the status line), ``drop_after_commit``
(fraction of successful writes -- create, update, scale, delete, undelete -- that
are applied and stored, then the connection is cut before the answer: the lost
answer a client's retry must recover from).

Contract bugs prove the contract suite has teeth (each value is the fraction of
eligible requests affected; ``true`` means 1): ``drop_required_field`` (omit
baseModel from deployment responses), ``wrong_type`` (replicaCount as a
string), ``server_error`` (500 when a body's displayName contains a digit),
``ignore_page_token`` (always the first page), ``accept_invalid_enum`` (store
unknown enum values instead of 400), ``writable_read_only`` (accept and store
read-only fields such as state instead of ignoring them), ``list_deleted`` (soft-deleted deployments
listed without showDeleted), ``list_deleting`` (deployments still DELETING
listed without showDeleted), ``ignore_filter`` (list answers every deployment
whatever the filter), ``ignore_order`` (list always in the default order),
``ignore_read_mask`` (get and list answer every field whatever the readMask),
``validate_only_stores`` (a validateOnly create stores the deployment),
``ignore_update_mask`` (update replaces every writable field, as without a
mask), ``scale_ignored`` (scale answers 200 but leaves desiredReplicaCount),
``undelete_noop`` (undelete answers 200 with the deployment still DELETED).

Gateway reading bugs (the spec's ``info.x-decisions``; ``writable_read_only`` above is one too):
``reject_read_only`` (400 for output-only fields instead of ignoring them),
``keep_unknown_keys`` (undeclared nested keys stored and answered),
``zero_values_set`` (``deploymentId=`` and a ``:scale`` body without replicaCount answer 400).
"""

from __future__ import annotations

import asyncio
import math
import random
import threading
import weakref
from collections.abc import Mapping
from typing import Any

import httpx

from ..rules import guards

__all__ = [
    "Faults",
    "FAULT_NAMES",
    "MAX_LATENCY",
    "ConnectionDropped",
    "AnswerLost",
    "parse_fault",
    "fault_sleep",
    "cancel_fault_sleeps",
]

FAULT_NAMES = (
    "latency",
    "rate_limit",
    "unavailable",
    "drop_connection",
    "drop_after_commit",
    "drop_required_field",
    "wrong_type",
    "server_error",
    "ignore_page_token",
    "accept_invalid_enum",
    "writable_read_only",
    "list_deleted",
    "list_deleting",
    "ignore_filter",
    "ignore_order",
    "ignore_read_mask",
    "validate_only_stores",
    "ignore_update_mask",
    "scale_ignored",
    "undelete_noop",
    # gateway reading (issue 9)
    "reject_read_only",
    "keep_unknown_keys",
    "zero_values_set",
)
RETRY_AFTER_SECONDS = "1"
MAX_LATENCY = 120.0  # seconds; every fault value is finite and bounded (see _number)


class ConnectionDropped(httpx.RemoteProtocolError):
    """Raised by the app (in-process) or used to cut the connection (standalone) for ``drop_connection``."""

    def __init__(self, fault: str = "drop_connection") -> None:
        super().__init__(f"fake: connection dropped ({fault} fault)")


_SLEEPING: weakref.WeakSet[asyncio.Task[object]] = weakref.WeakSet()


async def fault_sleep(seconds: float) -> None:
    """Sleep for the ``latency`` fault; :func:`cancel_fault_sleeps` (the server stopping) ends it at once."""
    task = asyncio.current_task()
    if task is not None:
        _SLEEPING.add(task)
    try:
        await asyncio.sleep(seconds)
    finally:
        if task is not None:
            _SLEEPING.discard(task)


def cancel_fault_sleeps() -> None:
    """Cancel every request sleeping in a fault on the running event loop (called as the server stops)."""
    loop = asyncio.get_running_loop()
    for task in list(_SLEEPING):
        if task.get_loop() is loop:
            task.cancel()


class AnswerLost(Exception):
    """Raised by the app after a write was stored under ``drop_after_commit``: the transport cuts the connection."""


def _number(name: str, value: Any) -> float:
    if name not in FAULT_NAMES:
        raise ValueError(f"unknown fault {name!r}; known: {', '.join(FAULT_NAMES)}")
    if isinstance(value, str):
        lowered = value.strip().lower()
        value = {"true": 1.0, "on": 1.0, "false": 0.0, "off": 0.0}.get(lowered, lowered)
    if isinstance(value, (dict, list)) or value is None:
        raise ValueError(f"fault {name} must be a number, not {value!r}")
    number = float(value)
    bound = MAX_LATENCY if name == "latency" else 1.0
    if not guards.active("control"):
        return number
    if not (math.isfinite(number) and 0 <= number <= bound):
        raise ValueError(
            f"fault {name} must be {f'0 to {bound:g} seconds' if name == 'latency' else 'a fraction in [0, 1]'},"
            f" not {value!r}"
        )
    return number


def parse_fault(text: str) -> tuple[str, float]:
    """``NAME=VALUE`` (or a bare NAME meaning 1)."""
    name, sep, value = text.partition("=")
    name = name.strip()
    return name, _number(name, value if sep else 1)


class Faults:
    def __init__(self, seed: int = 0, values: Mapping[str, Any] | None = None):
        self._lock = threading.Lock()
        self._seed = seed
        self._rng = random.Random(seed)
        self._values: dict[str, float] = {}
        if values:
            self.set(values)

    def set(self, values: Mapping[str, Any], *, replace: bool = False) -> None:
        parsed = {name: _number(name, value) for name, value in values.items()}
        with self._lock:
            if replace:
                self._values.clear()
                self._rng.seed(self._seed)
            self._values.update({k: v for k, v in parsed.items()})
            self._values = {k: v for k, v in self._values.items() if v}

    def reset(self, seed: int | None = None) -> None:
        with self._lock:
            if seed is not None:
                self._seed = seed
            self._values.clear()
            self._rng.seed(self._seed)

    def value(self, name: str) -> float:
        return self._values.get(name, 0.0)

    def __bool__(self) -> bool:
        return bool(self._values)

    def roll(self, name: str) -> bool:
        """Whether the fault ``name`` strikes this time (deterministic for a given seed and call order)."""
        p = self._values.get(name)
        if not p:
            return False
        if p >= 1:
            return True
        with self._lock:
            return self._rng.random() < p

    def as_dict(self) -> dict[str, float]:
        return {name: self._values.get(name, 0.0) for name in FAULT_NAMES}

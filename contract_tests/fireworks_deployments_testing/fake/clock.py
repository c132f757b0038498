"""Time and lifecycle transition rules (moto's managed-state idea).

A transitional state (CREATING, UPDATING, DELETING) moves on to its target
according to a :class:`TransitionRule`: ``immediate`` (before anything observes
it again), ``reads:N`` (after N reads of the deployment) or ``seconds:S`` (once
S seconds have passed on the fake's :class:`Clock`). A :class:`ManualClock`
lets tests move time without sleeping.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

__all__ = ["Clock", "ManualClock", "TransitionRule"]


class Clock:
    """Wall-clock time in UTC."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class ManualClock(Clock):
    """A clock that only moves when told to; strictly increasing by 1 µs per reading so timestamps stay unique."""

    def __init__(self, start: datetime | None = None):
        self._now = start or datetime(2026, 1, 1, tzinfo=UTC)
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            self._now += timedelta(microseconds=1)
            return self._now

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._now += timedelta(seconds=seconds)


@dataclass(frozen=True)
class TransitionRule:
    mode: str = "immediate"  # "immediate" | "reads" | "seconds"
    value: float = 0

    @classmethod
    def parse(cls, text: str | TransitionRule) -> TransitionRule:
        """``immediate``, ``reads:N`` or ``seconds:S``; raises ValueError."""
        if isinstance(text, TransitionRule):
            return text
        mode, _, arg = str(text).strip().partition(":")
        if mode == "immediate" and not arg:
            return cls()
        if mode == "reads" and arg.isdigit():
            return cls("reads", int(arg))
        if mode == "seconds":
            seconds = float(arg)
            if math.isfinite(seconds) and seconds >= 0:
                return cls("seconds", seconds)
        raise ValueError(f"transition rule must be immediate, reads:N or seconds:S, not {text!r}")

    def __str__(self) -> str:
        if self.mode == "reads":
            return f"reads:{int(self.value)}"
        if self.mode == "seconds":
            return f"seconds:{self.value:g}"
        return "immediate"

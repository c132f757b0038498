"""``Fake``: the handle tests hold -- one backend, its faults and its API keys (``create_app(fake)`` serves it)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..rules.credentials import DEFAULT_ACCOUNT_ID, DEFAULT_API_KEY
from .backend import DeploymentsBackend
from .clock import Clock, TransitionRule
from .faults import Faults
from .stores import is_postgres_url, open_state

__all__ = ["Fake", "DEFAULT_API_KEY", "DEFAULT_ACCOUNT_ID"]


class Fake:
    """A stateful fake of the Deployments API.

    ``api_keys`` maps each accepted bearer key to the one account it may act on
    (default ``{DEFAULT_API_KEY: DEFAULT_ACCOUNT_ID}``); the first pair is
    :attr:`api_key` / :attr:`account_id`. With ``state_path`` the deployments live in that SQLite file
    (see :mod:`.sqlite_state`) and survive a new ``Fake`` on the same file, or, for a ``postgresql://`` URL,
    in that database, shared by every fake on it (:mod:`.postgres_state`); without it, in memory.
    ``journal=True`` has the store keep every accepted write in commit order (:meth:`journal`).
    ``worker`` is set by :mod:`.workers` only: this fake is one worker of a multi-worker fake.
    With ``control_token`` the control surface (``/_fake/*`` but health) needs it in the
    ``X-Fake-Control-Token`` header: set one whenever a fake is shared.
    """

    def __init__(
        self,
        *,
        api_keys: Mapping[str, str] | None = None,
        transition: TransitionRule | str = "immediate",
        faults: Mapping[str, Any] | None = None,
        seed: int = 0,
        clock: Clock | None = None,
        state_path: str | Path | None = None,
        control_token: str | None = None,
        journal: bool = False,
        worker: int | None = None,
    ):
        self.api_keys: dict[str, str] = dict(api_keys or {DEFAULT_API_KEY: DEFAULT_ACCOUNT_ID})
        if not self.api_keys:
            raise ValueError("at least one API key is needed")
        if control_token is not None and not control_token:
            raise ValueError("control_token must not be empty")
        self.control_token = control_token
        self.seed = seed
        self._initial_transition = TransitionRule.parse(transition)
        self._initial_faults = dict(faults or {})
        self.faults = Faults(seed, self._initial_faults)
        self.worker = worker
        state = open_state(state_path, coordinated=worker is not None)
        state.journaling = journal
        self.backend = DeploymentsBackend(
            state=state, clock=clock, transition=self._initial_transition, faults=self.faults, seed=seed
        )
        if worker is not None or is_postgres_url(state_path):  # other processes make ids: draw from our own sequence
            self.backend.reseed_ids(f"{seed}/{os.getpid()}/{worker}")

    @property
    def api_key(self) -> str:
        return next(iter(self.api_keys))

    @property
    def account_id(self) -> str:
        return self.api_keys[self.api_key]

    @property
    def clock(self) -> Clock:
        return self.backend.clock

    def reset(self) -> None:
        """Forget every deployment; restore the faults and transition rule given at construction."""
        self.backend.state.reset()
        self.faults.reset()
        self.faults.set(self._initial_faults)
        self.backend.transition = self._initial_transition

    def close(self) -> None:
        """Release the state file, if any (the fake is unusable afterwards)."""
        self.backend.state.close()

    def set_transition(self, rule: TransitionRule | str) -> None:
        """``"immediate"``, ``"reads:N"`` or ``"seconds:S"``."""
        self._not_a_worker("the transition rule")
        self.backend.transition = TransitionRule.parse(rule)

    def set_faults(self, values: Mapping[str, Any] | None = None, *, replace: bool = False, **more: Any) -> None:
        """Turn fault switches on (value > 0) or off (0); ``replace=True`` turns every other switch off."""
        self._not_a_worker("faults")
        self.faults.set({**(values or {}), **more}, replace=replace)

    def _not_a_worker(self, what: str) -> None:
        """A request reaches one worker of a multi-worker fake: a change there would apply to that one only."""
        if self.worker is not None:
            raise ValueError(f"{what} of a multi-worker fake (--workers) are set at start-up only")

    def journal(self) -> list[tuple[int, str, dict[str, Any]]]:
        """Every accepted write ``(seq, method, kwargs)`` in commit order (with ``journal=True``)."""
        return self.backend.state.journal()

    def seed_deployments(self, account_id: str | None = None, n: int = 0) -> list[str]:
        """Insert ``n`` READY deployments in one go (for scale tests); returns their ids."""
        return self.backend.seed_deployments(account_id or self.account_id, n)

    def deployments(self, account_id: str | None = None) -> dict[str, dict[str, Any]]:
        """A copy of an account's stored deployments by id."""
        return self.backend.snapshot(account_id or self.account_id)

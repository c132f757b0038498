"""Which store a ``--state`` value names: the one place that decides it.

* ``None``: in memory (:class:`.state.FakeState`), one process.
* ``postgresql://...`` (or ``postgres://``): :class:`.postgres_state.PostgresState`, shared by any number
  of fakes on any number of machines.
* anything else: a SQLite file (:class:`.sqlite_state.SqliteState`), one fake per file, whose
  ``--workers N`` share it (``coordinated=True`` in each worker).
"""

from __future__ import annotations

from pathlib import Path

from .state import FakeState

__all__ = ["open_state", "is_postgres_url"]


def is_postgres_url(value: object) -> bool:
    return isinstance(value, str) and value.startswith(("postgresql://", "postgres://"))


def open_state(state: str | Path | None, *, coordinated: bool = False) -> FakeState:
    if state is None:
        return FakeState()
    if is_postgres_url(state):
        from .postgres_state import PostgresState

        return PostgresState(str(state))
    from .sqlite_state import SqliteState

    return SqliteState(state, coordinated=coordinated)

"""In-memory state keyed by account, created lazily, resettable, guarded by one lock.

:class:`AccountState` and :class:`FakeState` are also the store interface the
backend uses; :mod:`.sqlite_state` implements it on a SQLite file.

Each account keeps its records by id plus an index sorted by
``(createTime, id)``: the default list order, so paging in that order is a
bisect rather than a scan or a sort.
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any

from .models import DeploymentRecord

__all__ = ["AccountState", "FakeState"]


@dataclass
class AccountState:
    account_id: str
    records: dict[str, DeploymentRecord] = field(default_factory=dict)
    index: list[tuple[str, str]] = field(default_factory=list)  # sorted (createTime, id)
    pending: set[str] = field(default_factory=set)  # ids in a transitional state
    soft_deleted: set[str] = field(default_factory=set)

    def add(self, record: DeploymentRecord) -> None:
        self.records[record.deployment_id] = record
        bisect.insort(self.index, record.sort_id)
        self.track(record)

    def add_many(self, records: list[DeploymentRecord]) -> None:
        for record in records:
            self.records[record.deployment_id] = record
            self.track(record)
        self.index.extend(r.sort_id for r in records)
        self.index.sort()

    def remove(self, deployment_id: str) -> DeploymentRecord | None:
        record = self.records.pop(deployment_id, None)
        if record is not None:
            i = bisect.bisect_left(self.index, record.sort_id)
            if i < len(self.index) and self.index[i] == record.sort_id:
                del self.index[i]
            self.pending.discard(deployment_id)
            self.soft_deleted.discard(deployment_id)
        return record

    def in_order(self, after: tuple[str, str] | None = None) -> Iterator[DeploymentRecord]:
        """Records in the default list order ``(createTime, id)``, from just after ``after`` (keyset paging)."""
        index, records = self.index, self.records
        start = 0 if after is None else bisect.bisect_right(index, after)
        for i in range(start, len(index)):
            yield records[index[i][1]]

    def first(self, after: tuple[str, str] | None, n: int) -> list[DeploymentRecord]:
        """The first ``n`` records of :meth:`in_order` (a slice of the index here; stores read ``n`` rows)."""
        index, records = self.index, self.records
        start = 0 if after is None else bisect.bisect_right(index, after)
        return [records[i] for _, i in index[start : start + n]]

    def track(self, record: DeploymentRecord) -> None:
        """Keep the pending and soft-deleted sets in step with the record's state."""
        (self.pending.add if record.pending else self.pending.discard)(record.deployment_id)
        (self.soft_deleted.add if record.soft_deleted else self.soft_deleted.discard)(record.deployment_id)


class FakeState:
    """All accounts of one fake. Hold :attr:`lock` around every read-modify-write."""

    def __init__(self) -> None:
        self.lock: AbstractContextManager[object, bool | None] = threading.RLock()
        self._accounts: dict[str, AccountState] = {}
        self.journaling = False  # when True the backend records every accepted write (see record())
        self._journal: list[tuple[int, str, dict[str, Any]]] = []

    def record(self, method: str, kwargs: dict[str, Any]) -> None:
        """Append one accepted write to the journal (called under :attr:`lock`, so in commit order)."""
        self._journal.append((len(self._journal) + 1, method, kwargs))

    def journal(self) -> list[tuple[int, str, dict[str, Any]]]:
        """The journal as ``(seq, method, kwargs)`` in commit order: replayed serially it rebuilds the state."""
        with self.lock:
            return list(self._journal)

    def account(self, account_id: str) -> AccountState:
        acct = self._accounts.get(account_id)
        if acct is None:
            acct = self._accounts[account_id] = AccountState(account_id)
        return acct

    def accounts(self) -> dict[str, AccountState]:
        return self._accounts

    def reset(self) -> None:
        with self.lock:
            self._accounts.clear()
            self._journal.clear()

    def close(self) -> None:
        """Release what the store holds (nothing in memory; the file of :class:`.sqlite_state.SqliteState`)."""

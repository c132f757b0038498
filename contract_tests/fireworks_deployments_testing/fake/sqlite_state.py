"""Persistent state: the store interface of :mod:`.state` on a SQLite file (stdlib ``sqlite3``).

One row per deployment, keyed by ``(account, id)``: the deployment as a JSON
document, its lifecycle bookkeeping (reads in state, state entered, deleted
and purge times) as another, and the columns paging needs -- ``create_time``
with an index on ``(account, create_time, id)``, so a page in the default order
is one index seek from the page token's key (keyset paging: the last page
costs what the first does).

Unit of work: the backend holds :attr:`SqliteState.lock` around every
operation. Records read while it is held are kept in an identity map, so the
backend changes them in place exactly as it does in memory; when the outermost
hold ends, every record whose ``data`` was replaced (records are copy-on-write,
see :mod:`.models`) or whose bookkeeping changed is written back and the
transaction commits. Adds and removes are written at once. Outside the lock
nothing is read or written.

The identity map outlives the unit of work: a record read once is served from memory (its JSON already
decoded, its wire JSON already encoded) until another connection commits, which drops every cache; the
rows of a page are still read from the file for their order, then matched to the records in memory.

One owner per file: :class:`SqliteState` takes an exclusive lock on ``PATH.lock`` (``fcntl.flock``;
released when the fake closes or its process dies, ``kill -9`` included) and a second independent fake
raises :class:`StateInUse`. The workers of one multi-worker fake (``--workers N``, :mod:`.workers`) are
the exception: their parent holds that lock and each worker opens the file with ``coordinated=True``.

Across processes: every unit of work is one ``BEGIN IMMEDIATE`` transaction, in a worker taken under an
exclusive ``fcntl.flock`` on ``PATH.txlock`` (a prompt hand-over between processes; SQLite's busy wait sleeps),
so each read-modify-write is atomic however many processes share the file. Per-account counts and the
pending / soft-deleted id sets are cached in memory and dropped whenever ``PRAGMA data_version`` shows
that another connection committed since this one last looked.

With ``store_lock`` switched off (``_FIREWORKS_FAKE_GUARDS_OFF``, see :mod:`.guards`; only the proof
that the multi-process consistency test can fail does that) each statement runs on its own, with no
transaction and no file lock, and the write-back yields the CPU first: the lost updates then show.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from ..rules import guards
from ..rules.errors import MSG_ALREADY_EXISTS, AlreadyExists
from ..rules.lifecycle import SOFT_DELETED_STATES, TRANSITIONS
from . import audit
from .models import DeploymentRecord, Meta
from .state import AccountState, FakeState

__all__ = ["SqliteState", "SqliteAccountState", "StateInUse", "claim"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS deployments (
    account TEXT NOT NULL,
    id TEXT NOT NULL,
    create_time TEXT NOT NULL,
    state TEXT NOT NULL,
    doc BLOB NOT NULL,
    meta BLOB NOT NULL,
    PRIMARY KEY (account, id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS deployments_by_create_time ON deployments (account, create_time, id);
CREATE INDEX IF NOT EXISTS deployments_by_state ON deployments (account, state);
CREATE TABLE IF NOT EXISTS journal (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    method TEXT NOT NULL,
    args BLOB NOT NULL
);
"""
_PAGES_KEPT = 256  # pages of ids remembered per account (see SqliteAccountState.first)
UNLOCKED_YIELD = 0.005  # seconds the write-back waits with store_lock off (a busy machine's scheduling)
_TRACKED = tuple(sorted(set(TRANSITIONS) | SOFT_DELETED_STATES))  # states of the pending / soft-deleted sets
_COLUMNS = "id, doc, meta, state"


def _dumps(value: Any) -> bytes | str:
    """orjson bytes (stored as a BLOB); what orjson refuses (ints beyond 64 bits, lone surrogates) as json text."""
    try:
        return orjson.dumps(value)
    except (TypeError, orjson.JSONEncodeError):
        return json.dumps(value, separators=(",", ":"))


def _loads(stored: bytes | str) -> Any:
    """The inverse of :func:`_dumps`: a BLOB holds only what orjson reads back exactly (ints within 64 bits).

    Text is what orjson refused; a lone surrogate stored there by an older fake is read back as U+FFFD, so a
    poisoned record can still be read, listed and deleted.
    """
    if type(stored) is bytes:
        return orjson.loads(stored)
    value = json.loads(stored)
    return guards.scrub(value) if "\\ud" in stored.lower() else value


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _when(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def _meta_dict(record: DeploymentRecord) -> dict[str, Any]:
    return {
        "reads": record.reads_in_state,
        "since": _iso(record.state_since),
        "deleted": _iso(record.deleted_at),
        "purge": _iso(record.purge_at),
        "extra": record.extra,
    }


class _SessionLock:
    """A re-entrant lock whose outermost release writes the session's changes back and commits."""

    def __init__(self, state: SqliteState):
        self._lock = threading.RLock()
        self._depth = 0
        self._state = state

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        got = self._lock.acquire(blocking, timeout)
        if got:
            if self._depth == 0:
                try:
                    self._state.begin()
                except BaseException:
                    self._lock.release()
                    raise
            self._depth += 1
        return got

    def release(self) -> None:
        try:
            if self._depth == 1:
                self._state._flush()
        finally:
            self._depth -= 1
            if self._depth == 0:
                self._state.end()
            self._lock.release()

    def __enter__(self) -> _SessionLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


class _Records:
    """The ``records`` mapping of one account, read from the database through the session's identity map."""

    def __init__(self, acct: SqliteAccountState):
        self._acct = acct
        self._state = acct.state
        self._db = acct.state.db

    def get(self, deployment_id: str, default: DeploymentRecord | None = None) -> DeploymentRecord | None:
        key = (self._acct.account_id, deployment_id)
        live = self._state.cached(key)
        if live is not None:
            return live
        row = self._db.execute(f"SELECT {_COLUMNS} FROM deployments WHERE account = ? AND id = ?", key).fetchone()
        return default if row is None else self._state.load(self._acct.account_id, row)

    def __getitem__(self, deployment_id: str) -> DeploymentRecord:
        record = self.get(deployment_id)
        if record is None:
            raise KeyError(deployment_id)
        return record

    def __contains__(self, deployment_id: object) -> bool:
        if (self._acct.account_id, deployment_id) in self._state.live:
            return True
        row = self._db.execute(
            "SELECT 1 FROM deployments WHERE account = ? AND id = ?", (self._acct.account_id, deployment_id)
        ).fetchone()
        return row is not None

    def __len__(self) -> int:
        return self._acct.count

    def __iter__(self) -> Iterator[str]:
        for (deployment_id,) in self._db.execute(
            "SELECT id FROM deployments WHERE account = ? ORDER BY id", (self._acct.account_id,)
        ).fetchall():
            yield deployment_id

    def keys(self) -> Iterator[str]:
        return iter(self)

    def values(self) -> Iterator[DeploymentRecord]:
        account = self._acct.account_id
        rows = self._db.execute(f"SELECT {_COLUMNS} FROM deployments WHERE account = ?", (account,)).fetchall()
        for row in rows:
            yield self._state.load(account, row)

    def items(self) -> Iterator[tuple[str, DeploymentRecord]]:
        for record in self.values():
            yield record.deployment_id, record


class SqliteAccountState(AccountState):
    """One account of a :class:`SqliteState`: the same interface as :class:`.state.AccountState`."""

    def __init__(self, state: SqliteState, account_id: str):  # no dataclass fields: the rows are the records
        self.account_id = account_id
        self.state = state
        self.records = _Records(self)  # type: ignore[assignment]
        # Loaded when first needed (a create or a get needs none of them), then kept in step until another
        # process commits (see SqliteState.begin).
        self._count: int | None = None
        self._pending: set[str] | None = None
        self._soft_deleted: set[str] | None = None
        # The ids of pages read by first(), by (after, n): an insert or a removal in this account drops them all
        # (nothing else changes which ids are listed, or their order: create_time never changes).
        self._pages: dict[tuple[tuple[str, str] | None, int], list[str]] = {}

    @property
    def count(self) -> int:
        if self._count is None:
            self._count = self.state.db.execute(
                "SELECT COUNT(*) FROM deployments WHERE account = ?", (self.account_id,)
            ).fetchone()[0]
        return self._count

    @property
    def pending(self) -> set[str]:  # type: ignore[override]
        if self._pending is None:
            self._load_sets()
        assert self._pending is not None
        return self._pending

    @property
    def soft_deleted(self) -> set[str]:  # type: ignore[override]
        if self._soft_deleted is None:
            self._load_sets()
        assert self._soft_deleted is not None
        return self._soft_deleted

    def _load_sets(self) -> None:
        """The ids in a tracked state, as stored, then as this session has changed them (written back later)."""
        marks = ",".join("?" * len(_TRACKED))
        rows = self.state.db.execute(
            f"SELECT id, state FROM deployments WHERE account = ? AND state IN ({marks})",
            (self.account_id, *_TRACKED),
        ).fetchall()
        self._pending = {i for i, s in rows if s in TRANSITIONS}
        self._soft_deleted = {i for i, s in rows if s in SOFT_DELETED_STATES}
        for (account, _), record in self.state.touched.items():
            if account == self.account_id:
                self.track(record)

    def track(self, record: DeploymentRecord) -> None:
        if self._pending is not None:  # not loaded: they will be read (with this change) when needed
            super().track(record)

    @property
    def index(self) -> list[tuple[str, str]]:  # type: ignore[override]  # deliberately unusable here
        raise AttributeError("SqliteAccountState has no in-memory index: use in_order()")

    def _insert(self, record: DeploymentRecord) -> None:
        row = (
            self.account_id,
            record.deployment_id,
            record.data["createTime"],
            record.state,
            self.state.stored_form(record),
            self.state.encode(_meta_dict(record)),
        )
        try:
            self._pages.clear()
            self.state.db.execute("INSERT INTO deployments VALUES (?, ?, ?, ?, ?, ?)", row)
            if self._count is not None:
                self._count += 1
            self.state.wrote()
        except self.state.integrity_errors:  # never replace a stored deployment (callers check first: a backstop)
            raise AlreadyExists(
                MSG_ALREADY_EXISTS.format(name=f"accounts/{self.account_id}/deployments/{record.deployment_id}")
            ) from None
        record.edited = False  # written as it is now: only later changes are written back
        record.meta_at_load = record.meta()
        self.state.live[(self.account_id, record.deployment_id)] = record
        self.state.touched[(self.account_id, record.deployment_id)] = record
        self.track(record)

    def add(self, record: DeploymentRecord) -> None:
        self._insert(record)

    def add_many(self, records: list[DeploymentRecord]) -> None:
        for record in records:
            self._insert(record)

    def remove(self, deployment_id: str) -> DeploymentRecord | None:
        record = self.records.get(deployment_id)
        if record is not None:
            self._pages.clear()
            self.state.db.execute(
                "DELETE FROM deployments WHERE account = ? AND id = ?", (self.account_id, deployment_id)
            )
            self.state.wrote()
            self.state.live.pop((self.account_id, deployment_id), None)
            self.state.touched.pop((self.account_id, deployment_id), None)
            if self._count is not None:
                self._count -= 1
            if self._pending is not None and self._soft_deleted is not None:
                self._pending.discard(deployment_id)
                self._soft_deleted.discard(deployment_id)
        return record

    def first(self, after: tuple[str, str] | None, n: int) -> list[DeploymentRecord]:
        """``n`` ids in order from the index alone (``LIMIT``), matched to the records in memory; only the rows
        not in memory yet are read in full (one more query). The same page asked again before anything is
        added or removed (a poller, a paginator's first page) reads no index at all."""
        account, state = self.account_id, self.state
        ids = self._pages.get((after, n))
        if ids is None:
            if after is None:
                sql = "SELECT id FROM deployments WHERE account = ? ORDER BY create_time, id LIMIT ?"
                ids = [i for (i,) in state.db.execute(sql, (account, n)).fetchall()]
            else:
                sql = (
                    "SELECT id FROM deployments WHERE account = ? AND (create_time, id) > (?, ?)"
                    " ORDER BY create_time, id LIMIT ?"
                )
                ids = [i for (i,) in state.db.execute(sql, (account, *after, n)).fetchall()]
            if len(self._pages) >= _PAGES_KEPT:
                self._pages.clear()
            self._pages[(after, n)] = ids
        elif audit.enabled:  # the cache audit: the index must still give these ids
            self._pages.pop((after, n))
            fresh = self.first(after, n)
            if [r.deployment_id for r in fresh] != ids:
                raise audit.StaleCache(f"account {account}: the remembered ids of a list page differ from the index")
            return fresh
        cached = state.cached
        records = [cached((account, i)) for i in ids]
        missing = [i for i, record in zip(ids, records, strict=True) if record is None]
        if missing:
            marks = ",".join("?" * len(missing))
            sql = f"SELECT {_COLUMNS} FROM deployments WHERE account = ? AND id IN ({marks})"
            rows = {row[0]: row for row in state.db.execute(sql, (account, *missing)).fetchall()}
            records = [state.load(account, rows[i]) if r is None else r for i, r in zip(ids, records, strict=True)]
        return records  # type: ignore[return-value]  # every None was replaced

    def in_order(self, after: tuple[str, str] | None = None) -> Iterator[DeploymentRecord]:
        """One index seek, then rows stepped lazily: stopping early reads no more of them."""
        account = self.account_id
        if after is None:
            cursor = self.state.db.execute(
                f"SELECT {_COLUMNS} FROM deployments WHERE account = ? ORDER BY create_time, id",
                (account,),
            )
        else:
            cursor = self.state.db.execute(
                f"SELECT {_COLUMNS} FROM deployments WHERE account = ? AND (create_time, id) > (?, ?)"
                " ORDER BY create_time, id",
                (account, *after),
            )
        try:
            for row in cursor:
                yield self.state.load(account, row)
        finally:
            cursor.close()


class StateInUse(RuntimeError):
    """Another fake (another process, or another ``Fake`` in this one) owns the state file."""


def claim(state_path: str | Path) -> Any:
    """An open file holding an exclusive lock beside ``state_path`` (kept open while the state is in use):
    the one-owner rule. Raises :class:`StateInUse` when another fake holds it."""
    state_path = Path(state_path)
    handle = open(state_path.with_name(state_path.name + ".lock"), "a+")  # noqa: SIM115 - closed by close()
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock, one owner is then the user's job
        return handle
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.seek(0)
        owner = handle.read().strip() or "unknown"
        handle.close()
        raise StateInUse(
            f"state file {state_path} is in use by another fake (pid {owner}); one fake owns a --state file at a time"
        ) from None
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    return handle


class SqliteState(FakeState):
    """All accounts of one fake, in the SQLite file at ``path`` (created if missing; WAL mode).

    ``coordinated=True``: a worker of a multi-worker fake, whose parent holds the owner lock (see
    :func:`claim`); it shares the file with its sibling workers.
    """

    integrity_errors: tuple[type[BaseException], ...] = (sqlite3.IntegrityError,)

    def __init__(self, path: str | Path, *, coordinated: bool = False):
        super().__init__()
        self.path = Path(path)
        self.coordinated = coordinated
        self._owner: Any = None
        self._txlock: Any = None
        self._open_files()
        self.db = self._connect()
        self._session_lock = self.lock = _SessionLock(self)
        # The identity map, kept across units of work while no other connection commits: (account, id) -> record.
        self.live: dict[tuple[str, str], DeploymentRecord] = {}
        # The records read or added by the current unit of work (what _flush looks at).
        self.touched: dict[tuple[str, str], DeploymentRecord] = {}
        # Records written in a form that does not read back as the same value (see stored_form).
        self._inexact: set[tuple[str, str]] = set()
        self._accounts: dict[str, AccountState] = {}
        self._seen: Any = None  # what begin() last saw of other connections' commits
        self._flocked = False
        self.journaling = False

    def _open_files(self) -> None:
        """The owner lock (unless coordinated) and the file whose lock serializes transactions across processes."""
        if self.coordinated:  # the workers of one fake hand the transaction lock to one another
            self._txlock = open(self.path.with_name(self.path.name + ".txlock"), "a+")  # noqa: SIM115 - closed by close()
        else:  # the one owner: BEGIN IMMEDIATE alone keeps its threads' units of work apart
            self._owner = claim(self.path)

    def _connect(self) -> Any:
        db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=30)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")  # durable across a crash of the fake; not across power loss
        # Copy the WAL into the file (and fsync it) every 10,000 pages rather than SQLite's 1,000: a page written
        # by many commits is copied once per checkpoint, so creates cost a quarter less; the WAL stays under ~40 MB.
        db.execute("PRAGMA wal_autocheckpoint=10000")
        db.executescript(_SCHEMA)
        return db

    # -- one unit of work: begin() ... _flush() (commit) ... end() ----------

    def begin(self) -> None:
        """Start the session's transaction, atomic across processes; drop caches another process made stale."""
        if guards.active("store_lock"):
            self._lock_others_out()
            try:
                if not self.db.in_transaction:  # (one is left open only when the commit guard is off)
                    self.db.execute("BEGIN IMMEDIATE")
                self._refresh()
            except BaseException:
                self.end()
                raise
        else:
            self._refresh()

    def _lock_others_out(self) -> None:
        if self._txlock is not None:
            import fcntl

            fcntl.flock(self._txlock.fileno(), fcntl.LOCK_EX)
            self._flocked = True

    def end(self) -> None:
        """After the commit (or rollback): let the next process in."""
        if self._flocked:
            import fcntl

            self._flocked = False
            fcntl.flock(self._txlock.fileno(), fcntl.LOCK_UN)

    def _refresh(self) -> None:
        if not self.coordinated and self._seen is not None:
            return  # the sole owner of the file (see claim): no other connection can have committed
        version = self.db.execute("PRAGMA data_version").fetchone()[0]  # changes when another connection commits
        if version != self._seen:
            self.forget()
            self._seen = version

    def wrote(self) -> None:
        """Called after each write of the session (a hook for stores that track commits themselves)."""

    # -- stored values ------------------------------------------------------

    def encode(self, value: Any) -> bytes | str:
        return _dumps(value)

    def decode(self, stored: Any) -> Any:
        return _loads(stored)

    # -- the journal: every accepted write in commit order (--journal) -----

    def record(self, method: str, kwargs: dict[str, Any]) -> None:
        """Append one accepted write to the journal, in the session's transaction (so in commit order)."""
        self.db.execute("INSERT INTO journal (method, args) VALUES (?, ?)", (method, self.encode(kwargs)))
        self.wrote()

    def journal(self) -> list[tuple[int, str, dict[str, Any]]]:
        """The journal as ``(seq, method, kwargs)``, in commit order."""
        with self.lock:
            rows = self.db.execute("SELECT seq, method, args FROM journal ORDER BY seq").fetchall()
        return [(seq, method, self.decode(args)) for seq, method, args in rows]

    def load(self, account_id: str, row: tuple[str, bytes | str, bytes | str, str]) -> DeploymentRecord:
        """The record of a row, the same object for the whole session (changes made to it are written back).

        Its JSON and bookkeeping are decoded only if the operation reads them: a list page of settled
        records is served from the stored bytes (:meth:`wire`).
        """
        deployment_id, doc, meta, state = row
        key = (account_id, deployment_id)
        record = self.live.get(key)
        if record is None:
            record = self.live[key] = DeploymentRecord.stored(account_id, deployment_id, doc, state, meta, self)
        self.touched[key] = record
        return record

    def cached(self, key: tuple[str, str]) -> DeploymentRecord | None:
        """The record of ``key`` if it is in the identity map (then it is the stored one, or this session's)."""
        record = self.live.get(key)
        if record is not None:
            self.touched[key] = record
        return record

    def forget(self) -> None:
        """Drop every cache: records, counts and id sets (another connection committed, or a commit failed)."""
        self.live.clear()
        self.touched.clear()
        self._accounts.clear()

    def meta_of(self, stored: bytes | str) -> Meta:
        meta = self.decode(stored)
        return (meta["reads"], _when(meta["since"]), _when(meta["deleted"]), _when(meta["purge"]), meta["extra"])

    def stored_form(self, record: DeploymentRecord) -> bytes | str:
        """The record's JSON as written to the file. What orjson refuses is written as json text, which reads
        back scrubbed (see :func:`_loads`): such a record leaves the identity map at the commit."""
        stored = self.encode(record.data)
        if not self.exact(stored):
            self._inexact.add((record.account_id, record.deployment_id))
        return stored

    def exact(self, stored: Any) -> bool:
        """Whether ``stored`` decodes to exactly the value that was encoded (orjson's bytes do)."""
        return type(stored) is bytes

    def wire(self, doc: Any) -> bytes | None:
        """``doc`` as the wire JSON when it is exactly that (orjson's bytes without a ``null``; see .encoding)."""
        return doc if type(doc) is bytes and b"null" not in doc else None

    def _flush(self) -> None:
        """Write back the session's changed records and commit (called as the outermost lock hold ends)."""
        try:
            dirty = [(key, record) for key, record in self.touched.items() if record.dirty]  # a read-only unit: none
            changed = [
                (record.state, self.stored_form(record), self.encode(_meta_dict(record)), account, deployment_id)
                for (account, deployment_id), record in dirty
                if record.edited or record.meta_changed
            ]
            if changed:
                if not guards.active("store_lock"):
                    time.sleep(UNLOCKED_YIELD)
                self.db.executemany(
                    "UPDATE deployments SET state = ?, doc = ?, meta = ? WHERE account = ? AND id = ?", changed
                )
                self.wrote()
            if self.db.in_transaction and guards.active("commit"):  # off: only the crash-loop proof does that
                self.db.execute("COMMIT")
            for _, record in dirty:  # as stored now: later changes are measured from here (the rest already are)
                record.committed()
            for key in self._inexact:  # read back, they differ from what was written: read them again
                self.live.pop(key, None)
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            self.forget()  # reload records, counts and id sets from what was committed
            raise
        finally:
            self.touched.clear()
            self._inexact.clear()

    def account(self, account_id: str) -> AccountState:
        acct = self._accounts.get(account_id)
        if acct is None:
            acct = self._accounts[account_id] = SqliteAccountState(self, account_id)
        return acct

    def accounts(self) -> dict[str, AccountState]:
        for (account_id,) in self.db.execute("SELECT DISTINCT account FROM deployments").fetchall():
            self.account(account_id)
        return self._accounts

    def reset(self) -> None:
        with self.lock:
            self.forget()
            self.db.execute("DELETE FROM deployments")
            self.db.execute("DELETE FROM journal")
            self.wrote()

    def close(self) -> None:
        """Write back and close the file (the state is unusable afterwards)."""
        with self.lock:
            pass
        with self._session_lock._lock:
            self.db.close()
            if self._txlock is not None:
                self._txlock.close()
            if self._owner is not None:
                self._owner.close()

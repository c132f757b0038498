"""Shared state on a PostgreSQL server: the store of :mod:`.sqlite_state`, for fakes on many machines.

``--state postgresql://USER@HOST:PORT/DB`` (psycopg 3; install the ``postgres`` extra). Every fake on
the same database serves the same deployments: there is no owner; each unit of work is one transaction
under a transaction-scoped advisory lock (``pg_advisory_xact_lock``), so read-modify-writes from any
number of fakes are serialized. Cached counts and id sets are dropped whenever the ``version`` row,
bumped by every transaction that writes, moved since this fake last looked.

The SQL is that of :mod:`.sqlite_state` (``?`` placeholders become ``%s``); text columns sort byte-wise
(``COLLATE "C"``), as SQLite does, so list order and page tokens are the same on both.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator, Sequence
from typing import Any

from ..rules import guards
from .models import DeploymentRecord
from .sqlite_state import _COLUMNS, SqliteAccountState, SqliteState, _dumps, _loads

__all__ = ["PostgresState", "PostgresAccountState"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS deployments (
    account TEXT COLLATE "C" NOT NULL,
    id TEXT COLLATE "C" NOT NULL,
    create_time TEXT COLLATE "C" NOT NULL,
    state TEXT NOT NULL,
    doc BYTEA NOT NULL,
    meta BYTEA NOT NULL,
    PRIMARY KEY (account, id)
);
CREATE INDEX IF NOT EXISTS deployments_by_create_time ON deployments (account, create_time, id);
CREATE INDEX IF NOT EXISTS deployments_by_state ON deployments (account, state);
CREATE TABLE IF NOT EXISTS journal (seq BIGSERIAL PRIMARY KEY, method TEXT NOT NULL, args BYTEA NOT NULL);
CREATE TABLE IF NOT EXISTS fake_version (one INT PRIMARY KEY CHECK (one = 1), version BIGINT NOT NULL);
INSERT INTO fake_version VALUES (1, 0) ON CONFLICT DO NOTHING;
"""
LOCK_KEY = zlib.crc32(b"fireworks-deployments-fake")  # the advisory lock every fake on the database takes
_PAGE = 128  # rows fetched per step of a keyset walk (a client-side cursor would fetch them all)
_TEXT = b"\x00"  # prefix of a value stored as json text (what orjson refuses), never the start of JSON


class _Db:
    """The slice of the ``sqlite3.Connection`` interface the store uses, on a psycopg connection."""

    def __init__(self, conn: Any):
        self.conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(sql.replace("?", "%s"), tuple(params) or None)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self.conn.cursor() as cur:
            cur.executemany(sql.replace("?", "%s"), rows)

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        status = self.conn.info.transaction_status
        return status in (TransactionStatus.INTRANS, TransactionStatus.INERROR, TransactionStatus.ACTIVE)

    def close(self) -> None:
        self.conn.close()


class PostgresState(SqliteState):
    """All accounts of every fake on the PostgreSQL database at ``url``."""

    def __init__(self, url: str):
        try:
            import psycopg
        except ImportError:
            raise RuntimeError(
                "--state postgresql://... needs psycopg: pip install 'fireworks-deployments-contract[postgres]'"
            ) from None
        self.integrity_errors = (psycopg.IntegrityError,)
        self.url = url
        self._wrote = False
        super().__init__(url, coordinated=True)

    def _open_files(self) -> None:
        self._owner = None  # many fakes share one database: no owner, and the advisory lock in place of a file
        self._txlock = None

    def _connect(self) -> Any:
        import psycopg

        conn = psycopg.connect(self.url, autocommit=True)  # transactions are begun and committed explicitly
        conn.execute(f"SELECT pg_advisory_lock({LOCK_KEY})")  # one schema creation at a time
        try:
            conn.execute(_SCHEMA)
        finally:
            conn.execute(f"SELECT pg_advisory_unlock({LOCK_KEY})")
        return _Db(conn)

    def begin(self) -> None:
        if self.db.conn.broken or self.db.conn.closed:  # the server restarted: the next request reconnects
            self.db = self._connect()
            self.forget()
            self._seen = None
        if guards.active("store_lock"):  # one round trip: begin, wait for the lock (held until COMMIT), look
            cur = self.db.conn.execute(
                f"BEGIN; SELECT pg_advisory_xact_lock({LOCK_KEY}); SELECT version FROM fake_version"
            )
            cur.nextset()
            cur.nextset()
            (version,) = cur.fetchone()
        else:
            (version,) = self.db.execute("SELECT version FROM fake_version").fetchone()
        if version != self._seen:  # another fake committed since: drop what this one cached
            self.forget()
            self._seen = version
        self._wrote = False

    def end(self) -> None:
        pass

    def wrote(self) -> None:
        if not self._wrote:
            self._wrote = True
            (self._seen,) = self.db.execute(
                "UPDATE fake_version SET version = version + 1 RETURNING version"
            ).fetchone()

    def encode(self, value: Any) -> bytes:
        out = _dumps(value)
        return out if isinstance(out, bytes) else _TEXT + out.encode("utf-8", "surrogatepass")

    def decode(self, stored: Any) -> Any:
        stored = bytes(stored)
        if stored.startswith(_TEXT):
            return _loads(stored[1:].decode("utf-8", "surrogatepass"))
        return _loads(stored)

    def exact(self, stored: Any) -> bool:
        return not bytes(stored).startswith(_TEXT)

    def wire(self, doc: Any) -> bytes | None:
        return None if bytes(doc).startswith(_TEXT) else super().wire(bytes(doc))

    def account(self, account_id: str) -> PostgresAccountState:
        acct = self._accounts.get(account_id)
        if acct is None:
            acct = self._accounts[account_id] = PostgresAccountState(self, account_id)
        return acct  # type: ignore[return-value]


class PostgresAccountState(SqliteAccountState):
    def in_order(self, after: tuple[str, str] | None = None) -> Iterator[DeploymentRecord]:
        """A keyset walk in steps of :data:`_PAGE` rows: stopping early fetches no more of them."""
        account, state = self.account_id, self.state
        while True:
            if after is None:
                rows = state.db.execute(
                    f"SELECT {_COLUMNS}, create_time FROM deployments WHERE account = ?"
                    f" ORDER BY create_time, id LIMIT {_PAGE}",
                    (account,),
                ).fetchall()
            else:
                rows = state.db.execute(
                    f"SELECT {_COLUMNS}, create_time FROM deployments WHERE account = ? AND (create_time, id) > (?, ?)"
                    f" ORDER BY create_time, id LIMIT {_PAGE}",
                    (account, *after),
                ).fetchall()
            for row in rows:
                yield state.load(account, row[:4])
            if len(rows) < _PAGE:
                return
            after = (rows[-1][4], rows[-1][0])

"""A throw-away PostgreSQL server for the fake's tests and bench: initdb a temporary directory, start it
on a free 127.0.0.1 port, drop it afterwards (``with PostgresServer(find_postgres()) as pg:
pg.new_database()``). PostgreSQL refuses to run as root, so as root the server runs as ``nobody``
(``runuser``). Binaries are looked up on PATH, then under /usr/lib/postgresql/<version>/bin (Debian).
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from fireworks_deployments_testing.fake.server import free_port

__all__ = ["find_postgres", "PostgresServer"]


def find_postgres() -> Path | None:
    """The directory holding ``initdb`` and ``pg_ctl``, or None."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(os.path.realpath(found)).parent
    versions = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0,
    )
    return Path(versions[-1]).parent if versions else None


class PostgresServer:
    USER = "fake"

    def __init__(self, bindir: Path):
        self.bindir = bindir
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="fake-pg-"))
        self.data = self.root / "data"
        self._as: list[str] = []
        self._databases = 0

    def _run(self, *cmd: str) -> None:
        proc = subprocess.run([*self._as, *cmd], capture_output=True, text=True, timeout=120, check=False)
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd[:2])} failed: {proc.stdout[-800:]}{proc.stderr[-800:]}")

    def __enter__(self) -> PostgresServer:
        if os.geteuid() == 0:  # postgres will not run as root
            self._as = ["runuser", "-u", "nobody", "--"]
            os.chown(self.root, 65534, 65534)
        try:
            self._run(
                str(self.bindir / "initdb"),
                "-D",
                str(self.data),
                "-U",
                self.USER,
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C",
                "-N",
            )
            options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50"
            self._run(
                str(self.bindir / "pg_ctl"),
                "-D",
                str(self.data),
                "-o",
                options,
                "-l",
                str(self.root / "log"),
                "-w",
                "-t",
                "60",
                "start",
            )
        except BaseException:
            shutil.rmtree(self.root, ignore_errors=True)
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.USER}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """The URL of a new empty database on the server."""
        import psycopg

        self._databases += 1
        name = f"fake{self._databases}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)

"""The fake as a real HTTP server (uvicorn) in a background thread."""

from __future__ import annotations

import socket
import threading
import time
from typing import Any

import uvicorn

from .app import create_app
from .handle import Fake
from .transport import Server, TransportLimits, server_config

__all__ = ["FakeServer", "free_port"]


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


class FakeServer:
    """``with FakeServer() as server: httpx.get(server.base_url + ...)``.

    ``fake_options`` go to a new :class:`Fake` (``control_token=...``, ``state_path=...``, ``faults=...``);
    ``limits`` are the transport limits of :mod:`.transport`. Same server configuration as the CLI.
    """

    def __init__(
        self,
        fake: Fake | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        log_level: str = "warning",
        limits: TransportLimits | None = None,
        **fake_options: Any,
    ):
        self.fake = fake or Fake(**fake_options)
        self.host = host
        self.port = port or free_port(host)
        self._config = server_config(
            create_app(self.fake), host=host, port=self.port, limits=limits, log_level=log_level
        )
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def api_key(self) -> str:
        return self.fake.api_key

    @property
    def account_id(self) -> str:
        return self.fake.account_id

    def start(self, timeout: float = 10.0) -> FakeServer:
        if self._thread is not None:
            return self
        self._server = Server(self._config)
        self._thread = threading.Thread(target=self._server.run, name=f"fireworks-fake:{self.port}", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"fake server did not start on {self.base_url}")
            time.sleep(0.01)
        return self

    def stop(self, timeout: float = 10.0) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout)
        self._server = self._thread = None

    def __enter__(self) -> FakeServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

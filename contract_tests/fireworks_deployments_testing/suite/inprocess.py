"""The suite's one door to the fake: the in-process target's server, built on demand.

Only this module of the suite imports :mod:`fireworks_deployments_testing.fake`, and the suite imports this
module only inside functions, when the in-process target (or a proof-of-teeth test) needs a fake. So
judging a standalone or live server loads no server code (``tests/house/test_layers.py`` holds that line).
"""

from __future__ import annotations

from typing import Any

import httpx

from ..fake import FAULT_NAMES, Fake, create_app, sync_client

__all__ = ["new_fake", "asgi_app", "http_client", "Fake", "FAULT_NAMES"]


def new_fake(**options: Any) -> Fake:
    """A fresh fake (``Fake(**options)``)."""
    return Fake(**options)


def asgi_app(fake: Fake) -> Any:
    """The fake's ASGI app, for schemathesis' in-process calls."""
    return create_app(fake)


def http_client(fake: Fake) -> httpx.Client:
    """A sync httpx client reaching the fake in-process, authenticated with its key."""
    return sync_client(fake)

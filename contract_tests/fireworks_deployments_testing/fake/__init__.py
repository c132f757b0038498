"""A stateful fake of the Fireworks AI Deployments API, driven by ``openapi/deployments.yaml``.

Reach it in-process (``create_app(Fake())``, :func:`sync_client`, :func:`async_client`),
in a thread (:class:`FakeServer`), from the command line
(``python -m fireworks_deployments_testing.fake``) or through the pytest plugin
(``fireworks_deployments_testing.plugin``).
"""

from ..rules.errors import FakeError, error_body
from .app import create_app
from .backend import DeploymentsBackend
from .clients import async_client, sync_client
from .clock import Clock, ManualClock, TransitionRule
from .faults import FAULT_NAMES, ConnectionDropped
from .handle import DEFAULT_ACCOUNT_ID, DEFAULT_API_KEY, Fake
from .server import FakeServer

__all__ = [
    "Fake",
    "create_app",
    "FakeServer",
    "DEFAULT_API_KEY",
    "DEFAULT_ACCOUNT_ID",
    "DeploymentsBackend",
    "TransitionRule",
    "Clock",
    "ManualClock",
    "FAULT_NAMES",
    "ConnectionDropped",
    "FakeError",
    "error_body",
    "sync_client",
    "async_client",
]

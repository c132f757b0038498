"""Checks on call arguments that fail at the call site, before any request is sent.

A wrong type or an impossible value found here is a clear ``TypeError``/``ValueError``
naming the argument, instead of a ``KeyError`` deep in a model, a 404 "no such path" from
the server, or a wait that runs to its deadline.
"""

from __future__ import annotations

import math
from typing import Any

import httpx
from fireworks_deployments_client.models import Deployment
from fireworks_deployments_client.types import Unset

__all__ = ["check_id", "check_seconds", "check_timeout", "short_id"]

# Characters that cannot stand in one URL path segment, even percent-encoded, on a gRPC
# gateway: a separator, or a control character no resource id carries.
_NOT_IN_A_SEGMENT = frozenset("/\\") | frozenset(chr(c) for c in range(0x20)) | {"\x7f"}


def check_id(what: str, value: Any) -> str:
    """``value`` if it can be one path segment (a deployment or account id); else TypeError/ValueError.

    Only what can never be an id is refused here (empty, ``.``/``..``, a ``/``, whitespace
    or control characters); whether an id fits the API's id rule is the server's call.
    """
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, not {type(value).__name__}")
    if not value or value in {".", ".."}:
        raise ValueError(f"{what} {value!r} cannot be a resource id")
    bad = sorted({c for c in value if c in _NOT_IN_A_SEGMENT or c.isspace()})
    if bad:
        shown = ", ".join(repr(c) for c in bad)
        raise ValueError(f"{what} {value!r} cannot be one URL path segment (contains {shown})")
    return value


def check_seconds(what: str, value: Any, *, positive: bool = False) -> float:
    """A finite number of seconds (``int`` or ``float``, not ``bool``); else TypeError/ValueError."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{what} must be a number of seconds (int or float), not {type(value).__name__}")
    if not math.isfinite(value) or value < 0 or (positive and value == 0):
        bound = "> 0" if positive else ">= 0"
        raise ValueError(f"{what} must be a finite number of seconds {bound}, not {value!r}")
    return float(value)


def check_timeout(value: Any) -> httpx.Timeout | None:
    """A per-call timeout: None (the client's default), seconds, or an ``httpx.Timeout``."""
    if value is None or isinstance(value, httpx.Timeout):
        return value
    return httpx.Timeout(check_seconds("timeout", value, positive=True))


def short_id(name: str | Deployment) -> str:
    """The deployment id inside a resource name: ``accounts/a/deployments/x`` -> ``x``.

    Takes the name or the ``Deployment`` itself; what comes back is what ``get``, ``update``,
    ``delete`` ... take as ``deployment_id``.
    """
    if isinstance(name, Deployment):
        if isinstance(name.name, Unset):
            raise ValueError("this Deployment has no name (it was not read from the API)")
        name = name.name
    if not isinstance(name, str):
        raise TypeError(f"name must be a str or a Deployment, not {type(name).__name__}")
    parts = name.split("/")
    if len(parts) != 4 or parts[0] != "accounts" or parts[2] != "deployments" or not parts[1] or not parts[3]:
        raise ValueError(f"{name!r} is not a deployment name (accounts/<account>/deployments/<id>)")
    return parts[3]
